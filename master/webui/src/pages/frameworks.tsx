/**
 * Frameworks: active, disconnected (with the time left before the master
 * removes them) and completed; and one framework's page with its tasks,
 * offers, dominant share and the reasons its tasks wait.
 */
import { useMemo } from 'preact/hooks';
import type { UiFramework } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { frameworkStatus } from '../model/stats';
import { formatAgo, formatAmount, formatDuration, formatNumber, formatResourceList, formatTimestamp, shortId } from '../model/format';
import { links } from '../model/router';
import { filterRows, sortRows } from '../model/table';
import { setQuery } from '../hooks';
import { Badge, Card, Empty, KeyValues, PageHead, SearchBox, Share } from '../components/common';
import { offerFiltersText } from '../model/roles-view';
import { FrameworkActions, TeardownButton } from '../components/operator-actions';
import { VirtualTable, type Column } from '../components/virtual-table';
import { OfferTable, TaskTable, useSortParam } from '../components/tables';
import { DeclineTable, PendingReasons } from './offers';

/** A framework's standing as a badge. */
export function FrameworkBadge(props: { framework: UiFramework }) {
  const status = frameworkStatus(props.framework);
  const tone = status === 'active' ? 'ok' : status === 'disconnected' ? 'warn' : 'neutral';
  return <Badge tone={tone}>{props.framework.suppressed && status === 'active' ? 'active (suppressed)' : status}</Badge>;
}

/** "removed in 4m 10s" for a disconnected framework. */
function failoverText(f: UiFramework, now: number): string {
  if (f.failover_deadline === undefined) return 'removed on disconnect';
  const left = f.failover_deadline - now;
  return left > 0 ? `removed in ${formatDuration(left)}` : 'being removed';
}

function frameworkSortValue(key: string): (f: UiFramework) => unknown {
  switch (key) {
    case 'name':
      return (f) => f.name;
    case 'roles':
      return (f) => f.roles.join(',');
    case 'user':
      return (f) => f.user;
    case 'tasks':
      return (f) => f.task_count;
    case 'cpus':
    case 'mem':
      return (f) => f.allocated[key] ?? 0;
    case 'share':
      return (f) => f.dominant_share;
    case 'registered':
      return (f) => -f.registered_time;
    case 'deadline':
      return (f) => f.failover_deadline ?? 0;
    case 'ended':
      return (f) => -(f.unregistered_time ?? 0);
    default:
      return (f) => f.id;
  }
}

function columns(now: number, kind: 'live' | 'disconnected' | 'completed'): Array<Column<UiFramework>> {
  const base: Array<Column<UiFramework>> = [
    { key: 'name', label: 'Name', width: '18%', title: (f) => f.name, render: (f) => <a href={links.framework(f.id)}>{f.name || '(unnamed)'}</a> },
    { key: 'id', label: 'ID', width: '12%', title: (f) => f.id, render: (f) => <span class="mono">{shortId(f.id)}</span> },
    { key: 'roles', label: 'Roles', width: '12%', render: (f) => f.roles.join(', ') },
    { key: 'user', label: 'User', width: '9%', render: (f) => f.user },
  ];
  if (kind === 'completed') {
    return [
      ...base,
      { key: 'ended', label: 'Removed', width: '14%', render: (f) => <span class="muted">{formatAgo(f.unregistered_time, now)}</span> },
      { key: 'registered', label: 'Registered', width: '14%', render: (f) => <span class="muted">{formatTimestamp(f.registered_time)}</span> },
    ];
  }
  return [
    ...base,
    ...(kind === 'disconnected'
      ? [{ key: 'deadline', label: 'Failover', width: '16%', render: (f: UiFramework) => <Badge tone="warn" plain>{failoverText(f, now)}</Badge> }]
      : [{ key: 'status', label: 'State', width: '130px', sortable: false, render: (f: UiFramework) => <FrameworkBadge framework={f} /> }]),
    { key: 'tasks', label: 'Tasks', width: '70px', align: 'right', render: (f) => formatNumber(f.task_count) },
    { key: 'cpus', label: 'CPUs', width: '80px', align: 'right', render: (f) => formatAmount('cpus', f.allocated.cpus ?? 0) },
    { key: 'mem', label: 'Mem', width: '90px', align: 'right', render: (f) => formatAmount('mem', f.allocated.mem ?? 0) },
    { key: 'share', label: 'Dominant share', width: '150px', render: (f) => <Share value={f.dominant_share} /> },
    { key: 'registered', label: 'Registered', width: '110px', title: (f) => formatTimestamp(f.registered_time), render: (f) => <span class="muted">{formatAgo(f.registered_time, now)}</span> },
    { key: 'actions', label: '', width: '96px', sortable: false, render: (f) => <TeardownButton framework={f} small /> },
  ];
}

function fields(f: UiFramework): Record<string, string> {
  return { name: f.name, id: f.id, role: f.roles.join(' '), user: f.user, principal: f.principal, host: f.hostname };
}

/** The frameworks lists. */
export function FrameworksPage(props: { store: ClusterStore; query: Record<string, string>; now: number }) {
  const { store, query, now } = props;
  const q = query.q ?? '';
  const [sort, onSort] = useSortParam(query, 'sort', { key: 'name', descending: false });
  const groups = useMemo(() => {
    const all = sortRows(filterRows([...store.frameworks.values()], q, fields), frameworkSortValue(sort.key), sort.descending);
    return {
      live: all.filter((f) => !f.completed && f.connected),
      disconnected: all.filter((f) => !f.completed && !f.connected),
      completed: all.filter((f) => f.completed),
    };
  }, [store.versions.frameworks, q, sort.key, sort.descending]);

  const table = (name: string, rows: UiFramework[], kind: 'live' | 'disconnected' | 'completed', empty: string) => (
    <VirtualTable name={name} label={name} rows={rows} rowKey={(f) => f.id} sort={sort} onSort={onSort} columns={columns(now, kind)} empty={empty} wrapClass="short" minWidth="960px" />
  );
  return (
    <div data-page="frameworks">
      <PageHead title="Frameworks" sub={`${formatNumber(groups.live.length)} active · ${formatNumber(groups.disconnected.length)} disconnected · ${formatNumber(groups.completed.length)} completed`} />
      <div class="stack">
        <Card title="Active" count={groups.live.length} actions={<SearchBox label="Filter frameworks" value={q} placeholder="Filter: name, id, role:web…" onInput={(v) => setQuery({ q: v })} />} flush>
          {table('frameworks-active', groups.live, 'live', 'No framework is subscribed.')}
        </Card>
        <Card title="Disconnected" count={groups.disconnected.length} flush>
          {table('frameworks-disconnected', groups.disconnected, 'disconnected', 'No framework is waiting to fail over.')}
        </Card>
        <Card title="Completed" count={groups.completed.length} flush>
          {table('frameworks-completed', groups.completed, 'completed', 'No framework has been removed.')}
        </Card>
      </div>
    </div>
  );
}

/** One framework. */
export function FrameworkPage(props: { store: ClusterStore; frameworkId: string; query: Record<string, string>; now: number }) {
  const { store, frameworkId, query, now } = props;
  const f = store.frameworks.get(frameworkId);
  const tasks = useMemo(() => [...store.tasks.values()].filter((t) => t.framework_id === frameworkId), [store.versions.tasks, frameworkId]);
  const offers = useMemo(() => [...store.offers.values()].filter((o) => o.framework_id === frameworkId), [store.versions.offers, frameworkId]);
  const [taskSort, onTaskSort] = useSortParam(query, 'tasks', { key: 'updated', descending: true });
  const [offerSort, onOfferSort] = useSortParam(query, 'offers', { key: 'age', descending: false });
  if (!f) {
    return (
      <div data-page="framework">
        <PageHead title={frameworkId} crumbs={[['Frameworks', links.frameworks()]]} />
        <Card>
          <Empty>{store.loaded ? 'This framework is not known to the master.' : 'Loading…'}</Empty>
        </Card>
      </div>
    );
  }
  const live = tasks.filter((t) => !t.completed).length;
  return (
    <div data-page="framework">
      <PageHead title={f.name || '(unnamed)'} crumbs={[['Frameworks', links.frameworks()]]} badge={<FrameworkBadge framework={f} />} sub={<span class="mono">{f.id}</span>} />
      <FrameworkActions framework={f} />
      <div class="stack">
        <div class="grid halves">
          <Card title="Framework">
            <KeyValues
              rows={[
                ['ID', <span class="mono">{f.id}</span>],
                ['Name', f.name],
                ['User', f.user],
                ['Host', f.hostname],
                ['Principal', f.principal],
                ['Roles', f.roles.join(', ') || 'none (MULTI_ROLE without roles: offered nothing)'],
                ['Offer filters', offerFiltersText(f.offer_filters)?.map((line) => <div data-offer-filter>{line}</div>) ?? 'none'],
                ['Capabilities', f.capabilities.join(', ') || 'none'],
                ['Web UI', f.webui_url ? <a href={/^https?:\/\//i.test(f.webui_url) ? f.webui_url : undefined} rel="noreferrer noopener" target="_blank">{f.webui_url}</a> : undefined],
                ['Registered', `${formatTimestamp(f.registered_time)} UTC (${formatAgo(f.registered_time, now)})`],
                ['Re-registered', f.reregistered_time ? `${formatTimestamp(f.reregistered_time)} UTC` : undefined],
                ['Disconnected', !f.connected && f.unregistered_time ? `${formatTimestamp(f.unregistered_time)} UTC (${formatAgo(f.unregistered_time, now)})` : undefined],
                ['Failover timeout', formatDuration(f.failover_timeout)],
                ['Failover', !f.connected && !f.completed ? failoverText(f, now) : undefined],
              ]}
            />
          </Card>
          <Card title="Resources">
            <KeyValues
              rows={[
                ['Dominant share', <Share value={f.dominant_share} />],
                ['Allocated', formatResourceList(f.allocated)],
                ['Offered', formatResourceList(f.offered)],
                ['Tasks', `${formatNumber(live)} live, ${formatNumber(tasks.length - live)} completed`],
                ['Offers', formatNumber(f.offer_count)],
                ['Suppressed', f.suppressed ? 'yes (gets no offers until it revives)' : 'no'],
              ]}
            />
          </Card>
        </div>
        <Card title="Why tasks are waiting" flush>
          <PendingReasons store={store} framework={f} now={now} />
        </Card>
        <Card title="Tasks" count={tasks.length} flush>
          <TaskTable store={store} tasks={tasks} now={now} sort={taskSort} onSort={onTaskSort} hide={['framework']} wrapClass="short" empty="This framework has no tasks." />
        </Card>
        <Card title="Offers" count={offers.length} flush>
          <OfferTable store={store} offers={offers} now={now} sort={offerSort} onSort={onOfferSort} wrapClass="short" />
        </Card>
        <Card title="Recent declines" count={f.declines.length} flush>
          <DeclineTable store={store} framework={f} now={now} />
        </Card>
      </div>
    </div>
  );
}
