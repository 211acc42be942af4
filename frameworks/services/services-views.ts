/**
 * What `meseta-services` prints: the tables of `status`, `status <app>`,
 * `endpoints` and `deployments`, and the progress and outcome lines of
 * `--watch`, from the framework's API answers. Names, not ids, where a name
 * serves; human times. Pure: `nowMs` is the clock times are counted from.
 */
import { formatPorts } from '../../cli/state-views';
import { formatAge, formatWhen } from '../../cli/human-time';
import { oneLine, type TableView } from '../common/cli-output';
import type { AppView, Endpoint } from './services-api';
import type { DeploymentRecord } from './services-state';

/** What an app is doing, in a word or a few: the worst thing first. */
export function appCondition(app: AppView): string {
  if (app.destroying) return 'destroying';
  if (app.unplaced) return `unplaced: ${app.unplaced.reason}`;
  const failing = app.tasks.find((t) => t.status === 'unhealthy' || t.status === 'failed' || t.status === 'killing' && t.reason?.startsWith('unhealthy'));
  if (failing) return `${failing.status}: ${failing.reason ?? ''}`;
  if (app.deployment) return `deploying ${app.deployment.toVersion}${app.deployment.progress ? `: ${app.deployment.progress}` : ''}`;
  if (app.healthy < app.instances) {
    const ended = app.ended.find((e) => e.reason);
    return ended ? `${app.healthy}/${app.instances} healthy; last failure: ${ended.reason}` : `${app.healthy}/${app.instances} healthy`;
  }
  return 'healthy';
}

/** `APP VERSION INSTANCES HEALTHY RUNNING STATUS`. */
export function appsView(apps: readonly AppView[]): TableView {
  return {
    columns: [
      { header: 'APP' },
      { header: 'VERSION' },
      { header: 'INSTANCES', align: 'right' },
      { header: 'HEALTHY', align: 'right' },
      { header: 'RUNNING', align: 'right' },
      { header: 'STATUS' },
    ],
    rows: apps.map((a) => [a.id, a.version, String(a.instances), String(a.healthy), String(a.running), oneLine(appCondition(a), 160)]),
    empty: 'no apps (deploy one with: meseta-services deploy app.json)',
  };
}

/** `INSTANCE AGENT HOST:PORT VERSION STATUS AGE REASON` of an app's live instances. */
export function instancesView(app: AppView, nowMs: number): TableView {
  return {
    columns: [
      { header: 'INSTANCE' },
      { header: 'AGENT' },
      { header: 'HOST:PORT' },
      { header: 'VERSION' },
      { header: 'STATUS' },
      { header: 'AGE', align: 'right' },
      { header: 'REASON' },
    ],
    rows: app.tasks.map((t) => [
      t.instanceId,
      t.hostname || t.host,
      t.ports.length > 0 ? `${t.host}:${formatPorts(t.ports)}` : t.host,
      t.version,
      t.status,
      t.launchedAt ? formatAge((nowMs - Date.parse(t.launchedAt)) / 1000) : '',
      oneLine(t.reason, 100),
    ]),
    empty: 'no live instances',
  };
}

/** `RESIDENT AGENT STATE INSTANCE VOLUMES WAITING` of a stateful app: where each instance's volumes are. */
export function residentsView(app: AppView): TableView {
  return {
    columns: [{ header: 'RESIDENT' }, { header: 'AGENT' }, { header: 'STATE' }, { header: 'INSTANCE' }, { header: 'VOLUMES' }, { header: 'WAITING' }],
    rows: (app.residents ?? []).map((r) => [
      r.residentId,
      r.hostname && r.hostname !== '127.0.0.1' ? r.hostname : r.agentId,
      r.reservation === 'reserving' ? `${r.state} (reserving)` : r.state,
      r.instanceId ?? '',
      r.volumes.map((v) => `${v.persistenceId} ${v.containerPath} ${v.sizeMb}MB${v.mode === 'RO' ? ' ro' : ''}`).join(', '),
      oneLine(r.waiting, 120),
    ]),
    empty: 'no volumes yet',
  };
}

/** `INSTANCE VERSION STATE ENDED REASON` of an app's recently ended instances. */
export function endedView(app: AppView, nowMs: number): TableView {
  return {
    columns: [{ header: 'INSTANCE' }, { header: 'VERSION' }, { header: 'STATE' }, { header: 'ENDED', align: 'right' }, { header: 'REASON' }],
    rows: app.ended.map((e) => [e.instanceId, e.version, e.state, formatWhen(e.endedAt, nowMs), oneLine(e.reason ?? e.message, 120)]),
    empty: 'no ended instances',
  };
}

/** The head of `status <app>`: a few `key: value` lines. */
export function appSummaryText(app: AppView, nowMs: number): string {
  const lines = [
    `app:        ${app.id}`,
    `version:    ${app.version}${app.previousVersion ? ` (previous ${app.previousVersion})` : ''}`,
    `instances:  ${app.healthy}/${app.instances} healthy, ${app.running} running`,
    `status:     ${oneLine(appCondition(app), 200)}`,
  ];
  if (app.deployment) lines.push(`deployment: ${app.deployment.id} ${app.deployment.kind} to ${app.deployment.toVersion}${app.deployment.progress ? `: ${app.deployment.progress}` : ''}`);
  if (app.backoff) lines.push(`back-off:   ${app.backoff.failures} failure(s) in a row${app.backoff.launchesAfter ? `, next launch ${formatWhen(app.backoff.launchesAfter, nowMs)}` : ''}`);
  if (app.leader) lines.push(`leader:     ${app.leader}`);
  return lines.join('\n') + '\n';
}

/** `INSTANCE ADDRESS PORTS` of the healthy instances. */
export function endpointsView(endpoints: readonly Endpoint[]): TableView {
  return {
    columns: [{ header: 'INSTANCE' }, { header: 'ADDRESS' }, { header: 'PORTS' }],
    rows: endpoints.map((e) => [e.instanceId, e.address, formatPorts(e.ports)]),
    empty: 'no healthy instances',
  };
}

/** The latest line of a deployment's history. */
function lastEvent(d: DeploymentRecord): string {
  return d.events[d.events.length - 1]?.message ?? '';
}

/** `ID APP KIND VERSION STATUS STARTED TOOK MESSAGE`, newest first as the API lists them. */
export function deploymentsView(deployments: readonly DeploymentRecord[], nowMs: number): TableView {
  return {
    columns: [
      { header: 'ID' },
      { header: 'APP' },
      { header: 'KIND' },
      { header: 'VERSION' },
      { header: 'STATUS' },
      { header: 'STARTED', align: 'right' },
      { header: 'TOOK', align: 'right' },
      { header: 'MESSAGE' },
    ],
    rows: deployments.map((d) => [
      d.id,
      d.appId,
      d.kind,
      d.fromVersion && d.fromVersion !== d.toVersion ? `${d.fromVersion}→${d.toVersion}` : d.toVersion,
      d.status,
      formatWhen(d.startedAt, nowMs),
      formatAge(((d.endedAt ?? nowMs) - d.startedAt) / 1000),
      oneLine(d.status === 'running' ? d.progress ?? lastEvent(d) : lastEvent(d), 100),
    ]),
    empty: 'no deployments',
  };
}

/** The progress line of a running deployment: `deploy web v2 [12s]: 1/3 instance(s) of v2 healthy — instance … is healthy`. */
export function deploymentProgress(d: DeploymentRecord, nowMs: number): string {
  const took = formatAge((nowMs - d.startedAt) / 1000);
  const latest = lastEvent(d);
  const progress = d.progress && d.progress !== latest ? `${d.progress} — ${latest}` : latest;
  return `${d.kind} ${d.appId} ${d.toVersion} [${took}]: ${progress}`;
}

/** The outcome line: `deployment <id> (deploy web v2) succeeded after 8s: 3 healthy instance(s) of v2`. */
export function deploymentOutcomeLine(d: DeploymentRecord): string {
  const took = formatAge(((d.endedAt ?? d.startedAt) - d.startedAt) / 1000);
  return `deployment ${d.id} (${d.kind} ${d.appId} ${d.toVersion}) ${d.status} after ${took}: ${lastEvent(d)}`;
}
