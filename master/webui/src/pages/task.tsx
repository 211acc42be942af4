/**
 * One task: its state, TaskInfo, status history, container type and
 * sandbox (browse, view, follow stdout/stderr).
 */
import { useEffect, useState } from 'preact/hooks';
import type { UiTaskDetail } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { api, ApiError } from '../api';
import { describeContainer, formatAgo, formatResourceList, formatTimestamp, humanEnum, type ContainerJson } from '../model/format';
import { links } from '../model/router';
import { Badge, Card, Empty, ErrorBox, KeyValues, PageHead, StateBadge } from '../components/common';
import { taskVolumes } from '../model/roles-view';
import { agentName, frameworkName } from '../components/tables';
import { Sandbox } from './sandbox';
import { describeDiscovery, type DiscoveryJson } from '../model/discovery-text';
import { TaskActions } from '../components/operator-actions';
import { TaskUsageCard } from '../components/usage-charts';

interface StatusJson {
  state?: string;
  timestamp?: number;
  source?: string;
  reason?: string;
  message?: string;
  healthy?: boolean;
}

/** States whose reason is not worth showing (a task on its way or running). */
const LIVE_STATES = new Set(['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING']);

function containerText(type: string): string {
  switch (type) {
    case 'DOCKER':
      return 'Docker';
    case 'MESOS':
      return 'Mesos (image)';
    case 'POSIX':
    case '':
      return 'POSIX (plain process)';
    default:
      return type;
  }
}

/** The task page. */
export function TaskPage(props: { store: ClusterStore; frameworkId: string; taskId: string; query: Record<string, string>; now: number }) {
  const { store, frameworkId, taskId, query, now } = props;
  const row = store.task(frameworkId, taskId);
  const [detail, setDetail] = useState<UiTaskDetail | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const abort = new AbortController();
    api.taskDetail(frameworkId, taskId, abort.signal).then(
      (d) => {
        setDetail(d);
        setError(undefined);
      },
      (e) => {
        if ((e as Error).name !== 'AbortError') setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => abort.abort();
  }, [frameworkId, taskId, row?.updated, row?.state]);

  const crumbs: Array<[string, string]> = [
    ['Tasks', links.tasks()],
    [frameworkName(store, frameworkId), links.framework(frameworkId)],
  ];
  if (!row && !detail) {
    return (
      <div data-page="task">
        <PageHead title={taskId} crumbs={crumbs} />
        <Card>{error ? <ErrorBox>{error}</ErrorBox> : <Empty>{store.loaded ? 'Loading…' : 'Connecting…'}</Empty>}</Card>
      </div>
    );
  }
  const task = detail?.task ?? {};
  const statuses = ((task.statuses as StatusJson[] | undefined) ?? []).slice().reverse();
  const state = row?.state ?? String(task.state ?? '');
  const agentId = row?.agent_id ?? String((task.agent_id as { value?: string } | undefined)?.value ?? '');
  const containerType = row?.container ?? String((task.container as { type?: string } | undefined)?.type ?? '');
  const { statuses: _omit, status_update_uuid: _uuid, ...info } = task as Record<string, unknown>;
  const agent = store.agents.get(agentId);
  const volumes = taskVolumes(task);

  return (
    <div data-page="task">
      <PageHead title={row?.name || taskId} crumbs={crumbs} badge={<StateBadge state={state} />} sub={<span class="mono">{taskId}</span>} />
      <TaskActions store={store} task={{ id: taskId, name: row?.name ?? String(task.name ?? ''), framework_id: frameworkId, agent_id: agentId, state, completed: row?.completed ?? detail?.completed }} agentStatus={agent?.status} />
      <div class="stack">
        <div class="grid halves">
          <Card title="Task">
            <KeyValues
              rows={[
                ['ID', <span class="mono">{taskId}</span>],
                ['Name', row?.name ?? String(task.name ?? '')],
                ['State', <StateBadge state={state} />],
                ['Framework', <a href={links.framework(frameworkId)}>{frameworkName(store, frameworkId)}</a>],
                ['Agent', agentId ? <><a href={links.agent(agentId)}>{agentName(store, agentId)}</a>{agent && agent.status !== 'ACTIVE' && <> <StateBadge state={agent.status} /></>}</> : undefined],
                ['Container', describeContainer(task.container as ContainerJson | undefined) ?? containerText(containerType)],
                ['Discovery', describeDiscovery(task.discovery as DiscoveryJson | undefined)],
                ['Executor', row?.executor_id || 'command executor'],
                ['Resources', row ? formatResourceList(row.resources) : undefined],
                ['Started', row?.started ? `${formatTimestamp(row.started)} UTC (${formatAgo(row.started, now)})` : undefined],
                ['Last update', row?.updated ? `${formatTimestamp(row.updated)} UTC (${formatAgo(row.updated, now)})` : undefined],
                ['Reason', row?.reason && !LIVE_STATES.has(row.state) ? humanEnum(row.reason) : undefined],
                ['Message', row?.message || undefined],
              ]}
            />
          </Card>
          <Card title="Status history" count={statuses.length} flush>
            {statuses.length === 0 ? (
              <Empty>{detail ? 'No status yet.' : 'Loading…'}</Empty>
            ) : (
              <div class="table-wrap short">
                <table class="data" aria-label="Status history" style={{ minWidth: '560px' }}>
                  <colgroup>
                    <col style={{ width: '190px' }} />
                    <col style={{ width: '120px' }} />
                    <col style={{ width: '90px' }} />
                    <col />
                  </colgroup>
                  <thead>
                    <tr>
                      <th>Time (UTC)</th>
                      <th>State</th>
                      <th>Source</th>
                      <th>Reason / message</th>
                    </tr>
                  </thead>
                  <tbody>
                    {statuses.map((s, i) => (
                      <tr key={i}>
                        <td class="num">{formatTimestamp(s.timestamp)}</td>
                        <td>
                          <StateBadge state={s.state ?? 'TASK_STAGING'} />
                        </td>
                        <td class="muted">{s.source ? humanEnum(s.source.replace(/^SOURCE_/, '')) : ''}</td>
                        <td title={[s.reason, s.message].filter(Boolean).join(': ')}>
                          {s.reason && <Badge plain>{humanEnum(s.reason)}</Badge>} {s.message}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
        {volumes.length > 0 && (
          <Card title="Volumes" count={volumes.length} flush>
            <div class="table-wrap short">
              <table class="data" aria-label="Volumes" data-table="task-volumes" style={{ minWidth: '640px' }}>
                <thead>
                  <tr>
                    <th>Container path</th>
                    <th>Mode</th>
                    <th class="num">Size</th>
                    <th>Persistence id</th>
                    <th>Role</th>
                    <th>Agent</th>
                  </tr>
                </thead>
                <tbody>
                  {volumes.map((v) => (
                    <tr key={v.persistence_id}>
                      <td class="mono">{v.container_path}</td>
                      <td>{v.mode}</td>
                      <td class="num">{v.size}</td>
                      <td class="mono">{v.persistence_id}</td>
                      <td>{v.role}</td>
                      <td>{agentId ? <a href={links.agent(agentId)}>{agentName(store, agentId)}</a> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
        <TaskUsageCard frameworkId={frameworkId} taskId={taskId} />
        <Card
          title="Sandbox"
          id="sandbox"
          actions={
            detail && (
              <div class="segmented">
                <a class={!query.follow && !query.view ? 'active' : ''} href={links.task(frameworkId, taskId, { files: detail.sandbox_path })}>Files</a>
                <a class={query.follow?.endsWith('/stdout') ? 'active' : ''} href={links.task(frameworkId, taskId, { follow: `${detail.sandbox_path}/stdout` })}>Follow stdout</a>
                <a class={query.follow?.endsWith('/stderr') ? 'active' : ''} href={links.task(frameworkId, taskId, { follow: `${detail.sandbox_path}/stderr` })}>Follow stderr</a>
              </div>
            )
          }
          flush
        >
          {error && <ErrorBox>{error}</ErrorBox>}
          {detail && agentId ? (
            <Sandbox agentId={agentId} frameworkId={frameworkId} taskId={taskId} root={detail.sandbox_path} query={query} />
          ) : (
            !error && <div class="loading">Loading…</div>
          )}
        </Card>
        <Card title="TaskInfo" flush>
          <pre class="json" data-taskinfo>{detail ? JSON.stringify(info, null, 2) : 'Loading…'}</pre>
        </Card>
      </div>
    </div>
  );
}
