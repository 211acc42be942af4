/**
 * Overview: who leads, since when; the cluster's resources as a chart
 * (allocated / offered / idle); agents and tasks by state; the cluster over
 * the last hour (`usage-charts.tsx`); recent events.
 */
import { useMemo } from 'preact/hooks';
import type { UiEvent } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { AGENT_STATUS_ORDER, TASK_STATE_ORDER, agentTile, frameworkStatus, orderCounts, summaryResources } from '../model/stats';
import { formatAgo, formatDuration, formatNumber, formatTimestamp } from '../model/format';
import { links } from '../model/router';
import { Card, PageHead } from '../components/common';
import { ResourceChart, StateBars } from '../components/charts';
import { ClusterUsageCharts } from '../components/usage-charts';

function EventText(props: { event: UiEvent }) {
  const e = props.event;
  const href = e.task_id && e.framework_id
    ? links.task(e.framework_id, e.task_id)
    : e.agent_id && e.type.startsWith('AGENT')
      ? links.agent(e.agent_id)
      : e.framework_id
        ? links.framework(e.framework_id)
        : undefined;
  return href ? <a href={href} class="text">{e.text}</a> : <span class="text">{e.text}</span>;
}

/** The overview page. */
export function OverviewPage(props: { store: ClusterStore; now: number }) {
  const { store, now } = props;
  const v = store.versions;
  const summary = store.summary;
  // Agent, resource and task figures come summed from the master: the overview needs no rows.
  const agentFigures = summary?.agents ?? { by_status: {}, total: {}, allocated: {}, offered: {} };
  const totals = useMemo(() => summaryResources(agentFigures), [v.summary]);
  const agentCounts = useMemo(() => orderCounts(agentFigures.by_status, AGENT_STATUS_ORDER), [v.summary]);
  const tile = agentTile(agentFigures.by_status);
  const counts = summary?.tasks ?? { live: 0, completed: 0, by_state: {} };
  const taskCounts = useMemo(() => orderCounts(counts.by_state, TASK_STATE_ORDER), [v.summary]);
  const liveTasks = { live: counts.live, running: counts.by_state.TASK_RUNNING ?? 0 };
  const frameworkCounts = useMemo(() => {
    const c = { active: 0, disconnected: 0, completed: 0, inactive: 0 };
    for (const f of store.frameworks.values()) c[frameworkStatus(f)]++;
    return c;
  }, [v.frameworks]);
  const events = useMemo(() => [...store.events].reverse(), [v.events]);

  return (
    <div data-page="overview" data-ready={store.loaded ? 'true' : undefined}>
      <PageHead
        title="Cluster overview"
        sub={
          summary && (
            <span>
              Leader <b class="mono">{summary.leader}</b> · version {summary.version} · up{' '}
              <span class="num" data-uptime>{formatDuration(now - summary.start_time)}</span> (since {formatTimestamp(summary.start_time)} UTC)
            </span>
          )
        }
      />
      <div class="stack">
        <div class="grid tiles">
          <div class="card tile" data-tile="agents">
            <div class="label">Agents</div>
            <div class="value num"><a href={links.agents()}>{formatNumber(tile.agents)}</a></div>
            <div class="detail">
              {formatNumber(tile.active)} active{tile.gone > 0 ? ` · ${formatNumber(tile.gone)} gone` : ''}
            </div>
          </div>
          <div class="card tile" data-tile="frameworks">
            <div class="label">Frameworks</div>
            <div class="value num"><a href={links.frameworks()}>{formatNumber(frameworkCounts.active + frameworkCounts.inactive + frameworkCounts.disconnected)}</a></div>
            <div class="detail">
              {formatNumber(frameworkCounts.active)} active · {formatNumber(frameworkCounts.disconnected)} disconnected
            </div>
          </div>
          <div class="card tile" data-tile="tasks">
            <div class="label">Tasks</div>
            <div class="value num"><a href={links.tasks({ state: 'live' })}>{formatNumber(liveTasks.live)}</a></div>
            <div class="detail">
              {formatNumber(liveTasks.running)} running · {formatNumber(summary?.counters.tasks_launched ?? 0)} launched
            </div>
          </div>
          <div class="card tile" data-tile="offers">
            <div class="label">Outstanding offers</div>
            <div class="value num"><a href={links.offers()}>{formatNumber(summary?.offers ?? 0)}</a></div>
            <div class="detail">{formatNumber(summary?.counters.offers_declined ?? 0)} declined</div>
          </div>
        </div>
        <div class="grid two">
          <Card title="Resources" actions={<span class="muted">active agents</span>}>
            <ResourceChart totals={totals} />
          </Card>
          <div class="stack">
            <Card title="Agents by state" count={tile.agents + tile.gone}>
              <StateBars counts={agentCounts} href={(s) => links.agents({ q: `status:${s.toLowerCase()}` })} empty="No agents registered yet." />
            </Card>
            <Card title="Tasks by state" count={counts.live + counts.completed}>
              <StateBars counts={taskCounts} href={(s) => links.tasks({ state: s })} empty="No tasks yet." />
            </Card>
          </div>
        </div>
        <ClusterUsageCharts />
        <Card title="Recent events" count={events.length} flush>
          {events.length === 0 ? (
            <div class="empty">Nothing has happened yet.</div>
          ) : (
            <ul class="events">
              {events.map((e) => (
                <li key={e.seq} data-event={e.type}>
                  <span class={`sev ${e.severity}`} title={e.severity} />
                  <EventText event={e} />
                  <time title={formatTimestamp(e.time)}>{formatAgo(e.time, now)}</time>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
