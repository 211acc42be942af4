/**
 * Agents: every agent in a sortable, filterable table; and one agent's
 * page with its resources, per-framework use, tasks, offers and cached
 * registry images.
 */
import { useMemo } from 'preact/hooks';
import type { UiAgent } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { clusterResources, usageByFramework } from '../model/stats';
import { formatAgo, formatAmount, formatNumber, formatResourceList, formatTimestamp, shortId } from '../model/format';
import { links } from '../model/router';
import { filterRows, sortRows } from '../model/table';
import { setQuery } from '../hooks';
import { Card, Empty, KeyValues, PageHead, SearchBox, StateBadge, Usage } from '../components/common';
import { ResourceChart } from '../components/charts';
import { VirtualTable } from '../components/virtual-table';
import { OfferTable, TaskTable, frameworkName, useSortParam } from '../components/tables';
import { CachedImagesCard } from './agent-images';
import { AgentStorageCards } from './agent-storage';
import { AgentUsageCard } from '../components/usage-charts';
import { AgentActions } from '../components/operator-actions';

function attributesText(a: UiAgent): string {
  return Object.entries(a.attributes)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
}

/** What the filter searches: the row's fields, and each attribute by its name (`rack:r1`). */
function agentFields(a: UiAgent): Record<string, string> {
  return { ...a.attributes, id: a.id, host: `${a.hostname}:${a.port}`, status: a.status, attributes: attributesText(a), version: a.version };
}

function agentSortValue(key: string): (a: UiAgent) => unknown {
  switch (key) {
    case 'host':
      return (a) => `${a.hostname}:${a.port}`;
    case 'status':
      return (a) => a.status;
    case 'cpus':
    case 'mem':
    case 'disk':
      return (a) => (a.total[key] ? (a.allocated[key] ?? 0) / a.total[key] : 0);
    case 'tasks':
      return (a) => a.task_count;
    case 'attributes':
      return attributesText;
    case 'registered':
      return (a) => -a.registered_time;
    default:
      return (a) => a.id;
  }
}

/** The agents table. */
export function AgentsPage(props: { store: ClusterStore; query: Record<string, string>; now: number }) {
  const { store, query, now } = props;
  const q = query.q ?? '';
  const [sort, onSort] = useSortParam(query, 'sort', { key: 'host', descending: false });
  const rows = useMemo(() => {
    const all = [...store.agents.values()];
    return sortRows(filterRows(all, q, agentFields), agentSortValue(sort.key), sort.descending);
  }, [store.versions.agents, q, sort.key, sort.descending]);

  return (
    <div data-page="agents">
      <PageHead title="Agents" sub={`${formatNumber(store.agents.size)} registered`} />
      <Card
        title="Agents"
        count={rows.length === store.agents.size ? rows.length : `${formatNumber(rows.length)} of ${formatNumber(store.agents.size)}`}
        actions={<SearchBox label="Filter agents" value={q} placeholder="Filter: host, id, status:unreachable, rack:r1…" onInput={(v) => setQuery({ q: v })} />}
        flush
      >
        <VirtualTable
          name="agents"
          label="Agents"
          rows={rows}
          rowKey={(a) => a.id}
          sort={sort}
          onSort={onSort}
          minWidth="1000px"
          empty={!store.agentsLoaded ? 'Loading agents…' : store.agents.size === 0 ? 'No agents registered yet.' : 'No agent matches the filter.'}
          columns={[
            { key: 'id', label: 'ID', width: '9%', title: (a) => a.id, render: (a) => <a href={links.agent(a.id)} class="mono">{shortId(a.id)}</a> },
            { key: 'host', label: 'Host', width: '14%', title: (a) => `${a.hostname}:${a.port}`, render: (a) => <a href={links.agent(a.id)}>{a.hostname}:{a.port}</a> },
            { key: 'status', label: 'State', width: '116px', render: (a) => <>{<StateBadge state={a.status} />}{a.operator_state && <> <StateBadge state={a.operator_state} /></>}</> },
            { key: 'cpus', label: 'CPUs used', width: '12%', render: (a) => <Usage resource="cpus" allocated={a.allocated.cpus ?? 0} offered={a.offered.cpus} total={a.total.cpus ?? 0} /> },
            { key: 'mem', label: 'Mem used', width: '17%', render: (a) => <Usage resource="mem" allocated={a.allocated.mem ?? 0} offered={a.offered.mem} total={a.total.mem ?? 0} /> },
            { key: 'disk', label: 'Disk used', width: '17%', render: (a) => <Usage resource="disk" allocated={a.allocated.disk ?? 0} offered={a.offered.disk} total={a.total.disk ?? 0} /> },
            { key: 'tasks', label: 'Tasks', width: '64px', align: 'right', render: (a) => formatNumber(a.task_count) },
            { key: 'attributes', label: 'Attributes', width: '11%', title: attributesText, render: (a) => <span class="muted">{attributesText(a) || '–'}</span> },
            { key: 'registered', label: 'Registered', width: '110px', title: (a) => formatTimestamp(a.registered_time), render: (a) => <span class="muted">{formatAgo(a.registered_time, now)}</span> },
          ]}
        />
      </Card>
    </div>
  );
}

/** One agent. */
export function AgentPage(props: { store: ClusterStore; agentId: string; query: Record<string, string>; now: number }) {
  const { store, agentId, query, now } = props;
  const agent = store.agents.get(agentId);
  const tasks = useMemo(() => [...store.tasks.values()].filter((t) => t.agent_id === agentId), [store.versions.tasks, agentId]);
  const offers = useMemo(() => [...store.offers.values()].filter((o) => o.agent_id === agentId), [store.versions.offers, agentId]);
  const perFramework = useMemo(() => usageByFramework(tasks), [tasks]);
  const [taskSort, onTaskSort] = useSortParam(query, 'tasks', { key: 'updated', descending: true });
  const [offerSort, onOfferSort] = useSortParam(query, 'offers', { key: 'age', descending: false });

  if (!agent) {
    return (
      <div data-page="agent">
        <PageHead title={agentId} crumbs={[['Agents', links.agents()]]} />
        <Card>
          <Empty>{store.agentsLoaded ? 'This agent is not known to the master (it may have been removed).' : 'Loading…'}</Empty>
        </Card>
      </div>
    );
  }
  const chart = clusterResources([{ ...agent, status: 'ACTIVE' }]);
  const live = tasks.filter((t) => !t.completed).length;
  return (
    <div data-page="agent">
      <PageHead
        title={`${agent.hostname}:${agent.port}`}
        crumbs={[['Agents', links.agents()]]}
        badge={<StateBadge state={agent.status} />}
        sub={<span class="mono">{agent.id}</span>}
      />
      <AgentActions store={store} agent={agent} />
      <div class="stack">
        <div class="grid halves">
          <Card title="Agent">
            <KeyValues
              rows={[
                ['ID', <span class="mono">{agent.id}</span>],
                ['Address', `${agent.hostname}:${agent.port}`],
                ['State', <><StateBadge state={agent.status} />{agent.operator_state && <> <StateBadge state={agent.operator_state} /></>}</>],
                ['Version', agent.version],
                ['Registered', `${formatTimestamp(agent.registered_time)} UTC (${formatAgo(agent.registered_time, now)})`],
                ['Re-registered', agent.reregistered_time ? `${formatTimestamp(agent.reregistered_time)} UTC` : undefined],
                ['Unreachable since', agent.status === 'UNREACHABLE' || agent.status === 'GONE' ? `${formatTimestamp(agent.unreachable_time)} UTC (${formatAgo(agent.unreachable_time, now)})` : undefined],
                ['Resources', <span class="mono">{agent.resources_text}</span>],
                ['Attributes', Object.keys(agent.attributes).length ? attributesText(agent) : 'none'],
                ['Tasks', `${formatNumber(live)} live`],
              ]}
            />
          </Card>
          <Card title="Resources">
            <ResourceChart totals={chart} />
          </Card>
        </div>
        <AgentUsageCard agentId={agent.id} />
        <Card title="Use by framework" count={perFramework.length} flush>
          <VirtualTable
            name="agent-frameworks"
            label="Use by framework"
            wrapClass="short"
            rows={perFramework}
            rowKey={(r) => r.frameworkId}
            empty="No framework runs tasks here."
            columns={[
              { key: 'framework', label: 'Framework', width: '30%', render: (r) => <a href={links.framework(r.frameworkId)}>{frameworkName(store, r.frameworkId)}</a> },
              { key: 'tasks', label: 'Tasks', width: '80px', align: 'right', render: (r) => formatNumber(r.tasks) },
              { key: 'cpus', label: 'CPUs', width: '15%', render: (r) => <Usage resource="cpus" allocated={r.resources.cpus ?? 0} total={agent.total.cpus ?? 0} /> },
              { key: 'mem', label: 'Mem', width: '20%', render: (r) => <Usage resource="mem" allocated={r.resources.mem ?? 0} total={agent.total.mem ?? 0} /> },
              { key: 'other', label: 'Other', width: '20%', render: (r) => <span class="muted">{formatResourceList(Object.fromEntries(Object.entries(r.resources).filter(([k]) => k !== 'cpus' && k !== 'mem')))}</span> },
            ]}
          />
        </Card>
        <Card title="Tasks" count={tasks.length} flush>
          <TaskTable store={store} tasks={tasks} now={now} sort={taskSort} onSort={onTaskSort} hide={['agent']} wrapClass="short" empty="No tasks on this agent." />
        </Card>
        <Card title="Offers" count={offers.length} actions={<span class="muted">{formatAmount('cpus', agent.offered.cpus ?? 0)} cpus offered</span>} flush>
          <OfferTable store={store} offers={offers} now={now} sort={offerSort} onSort={onOfferSort} wrapClass="short" />
        </Card>
        <AgentStorageCards store={store} agentId={agent.id} revision={`${agent.status}|${agent.resources_text}|${live}`} />
        <CachedImagesCard agentId={agent.id} status={agent.status} query={query} now={now} />
      </div>
    </div>
  );
}
