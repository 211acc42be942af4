import { formatWhen } from '../../cli/human-time';
import { ProgressLine, tableText } from '../../frameworks/common/cli-output';
import type { AppView } from '../../frameworks/services/services-api';
import type { DeploymentRecord } from '../../frameworks/services/services-state';
import { appCondition, appsView, deploymentOutcomeLine, deploymentProgress, deploymentsView, instancesView, residentsView } from '../../frameworks/services/services-views';
import { jobsView, runOutcomeLine, runProgress, runsView, type JobListing } from '../../frameworks/jobs/jobs-views';
import type { RunRecord } from '../../frameworks/jobs/jobs-state';

const NOW = Date.parse('2026-01-01T12:00:00Z');

describe('human times', () => {
  it.each<[number | string | undefined, string]>([
    [NOW - 3 * 60_000, '3m ago'],
    [NOW + 5 * 3600_000, 'in 5h'],
    [NOW - 500, 'now'],
    [new Date(NOW - 45_000).toISOString(), '45s ago'],
    [undefined, ''],
    ['not a time', ''],
  ])('%p → %p', (at, text) => {
    expect(formatWhen(at, NOW)).toBe(text);
  });
});

const instance = (over: Partial<AppView['tasks'][number]>): AppView['tasks'][number] => ({
  instanceId: 'web.a1', version: 'v1', host: '127.0.0.1', hostname: 'node-1', agentId: 'agent-uuid', ports: [31000], phase: 'running', healthy: true,
  status: 'healthy', launchedAt: new Date(NOW - 90_000).toISOString(), tasks: [], ...over,
});
const app = (over: Partial<AppView>): AppView =>
  ({ id: 'web', version: 'v1', instances: 1, running: 1, healthy: 1, definition: {} as AppView['definition'], tasks: [instance({})], ended: [], ...over }) as AppView;

describe('meseta-services views', () => {
  it.each<[string, AppView, string]>([
    ['healthy', app({}), 'healthy'],
    ['a failing instance says why', app({ healthy: 0, tasks: [instance({ status: 'unhealthy', reason: 'HTTP 500' })] }), 'unhealthy: HTTP 500'],
    ['deploying with progress', app({ deployment: { id: 'd', kind: 'deploy', toVersion: 'v2', status: 'running', progress: '0/1 instance(s) of v2 healthy' } }), 'deploying v2: 0/1 instance(s) of v2 healthy'],
    ['short of healthy: the last failure', app({ healthy: 0, tasks: [], ended: [{ instanceId: 'web.b', version: 'v1', state: 'TASK_FAILED', reason: 'TASK_FAILED: exit 3; stderr: boom', endedAt: NOW }] }), '0/1 healthy; last failure: TASK_FAILED: exit 3; stderr: boom'],
    ['unplaced first', app({ unplaced: { reason: 'no offer fits', at: '' }, deployment: { id: 'd', kind: 'deploy', toVersion: 'v2', status: 'running' } }), 'unplaced: no offer fits'],
    ['destroying first of all', app({ destroying: true, unplaced: { reason: 'x', at: '' } }), 'destroying'],
  ])('app condition: %s', (_name, a, text) => {
    expect(appCondition(a)).toBe(text);
  });

  it('prints apps and instances as tables with headers, names not ids, human ages', () => {
    expect(tableText(appsView([app({})]))).toBe('APP  VERSION  INSTANCES  HEALTHY  RUNNING  STATUS\nweb  v1               1        1        1  healthy\n');
    const lines = tableText(instancesView(app({ tasks: [instance({}), instance({ instanceId: 'web.b2', status: 'unhealthy', reason: 'HTTP 500', ports: [31001, 31002] })] }), NOW)).split('\n');
    expect(lines[0]).toBe('INSTANCE  AGENT   HOST:PORT              VERSION  STATUS     AGE  REASON');
    expect(lines[1]).toBe('web.a1    node-1  127.0.0.1:31000        v1       healthy     1m');
    expect(lines[2]).toBe('web.b2    node-1  127.0.0.1:31001-31002  v1       unhealthy   1m  HTTP 500');
    expect(lines.join('\n')).not.toMatch(/agent-uuid/);
    expect(tableText(appsView([]))).toBe('no apps (deploy one with: meseta-services deploy app.json)\n');
  });

  it('prints a stateful app\'s residents: agent, state, instance, volumes (id, path, size) and why one waits', () => {
    const volume = (id: string) => [{ persistenceId: `${id}.v0`, containerPath: 'data', sizeMb: 100, mode: 'RW' as const }];
    const base = { role: 'db', reserved: { cpus: 0.5, mem: 64, disk: 0 } };
    const lines = tableText(
      residentsView(
        app({
          residents: [
            { ...base, residentId: 'db.r1', agentId: 'agent-1', hostname: 'node-1', state: 'running', reservation: 'ready', instanceId: 'db.a1', volumes: volume('db.r1') },
            { ...base, residentId: 'db.r2', agentId: 'agent-2', hostname: '127.0.0.1', state: 'waiting', reservation: 'ready', waiting: 'waiting for agent agent-2 which holds volume db.r2.v0 (no offer from it)', volumes: volume('db.r2') },
            { ...base, residentId: 'db.r3', agentId: 'agent-3', hostname: 'node-3', state: 'suspended', reservation: 'reserving', volumes: volume('db.r3') },
          ],
        }),
      ),
    ).split('\n');
    expect(lines[0]).toMatch(/^RESIDENT +AGENT +STATE +INSTANCE +VOLUMES +WAITING$/);
    expect(lines[1]).toMatch(/^db\.r1 +node-1 +running +db\.a1 +db\.r1\.v0 data 100MB$/);
    expect(lines[2]).toMatch(/^db\.r2 +agent-2 +waiting +db\.r2\.v0 data 100MB +waiting for agent agent-2 which holds volume db\.r2\.v0 \(no offer from it\)$/);
    expect(lines[3]).toMatch(/^db\.r3 +node-3 +suspended \(reserving\) +db\.r3\.v0 data 100MB$/);
    expect(tableText(residentsView(app({ residents: [] })))).toBe('no volumes yet\n');
  });

  const deployment = (over: Partial<DeploymentRecord>): DeploymentRecord => ({
    id: 'dep-1', appId: 'web', kind: 'deploy', toVersion: 'v2', fromVersion: 'v1', instances: 1, status: 'running', failures: 0,
    startedAt: NOW - 12_000, events: [{ at: NOW - 12_000, message: 'rolling web from v1 to v2' }], ...over,
  });

  it('prints deployments, their progress line and their outcome line', () => {
    const lines = tableText(deploymentsView([deployment({ progress: '0/1 instance(s) of v2 healthy' })], NOW)).split('\n');
    expect(lines[0]).toMatch(/^ID +APP +KIND +VERSION +STATUS +STARTED +TOOK +MESSAGE$/);
    expect(lines[1]).toMatch(/^dep-1 +web +deploy +v1→v2 +running +12s ago +12s +0\/1 instance\(s\) of v2 healthy$/);
    expect(deploymentProgress(deployment({ progress: '0/1 instance(s) of v2 healthy' }), NOW)).toBe('deploy web v2 [12s]: 0/1 instance(s) of v2 healthy — rolling web from v1 to v2');
    const failed = deployment({ status: 'failed', endedAt: NOW, events: [{ at: NOW, message: '3 instance(s) of v2 failed in a row before becoming healthy; last: x' }] });
    expect(deploymentOutcomeLine(failed)).toBe('deployment dep-1 (deploy web v2) failed after 12s: 3 instance(s) of v2 failed in a row before becoming healthy; last: x');
  });
});

describe('meseta-jobs views', () => {
  const run = (over: Partial<RunRecord>): RunRecord => ({ id: 'run-1', jobId: 'report', trigger: 'manual', status: 'failed', attempts: [], createdAt: NOW - 60_000, nextAttemptAt: 0, finishedAt: NOW - 50_000, ...over });
  const job = (over: Partial<JobListing>): JobListing => ({ definition: { id: 'report', command: 'x', cpus: 1, mem: 1, env: {}, retries: { maxRetries: 0, backoffSeconds: 1, backoffFactor: 2, maxBackoffSeconds: 1 } }, createdAt: 0, skippedFires: 0, nextFireAt: null, ...over });

  it('lists jobs with schedule, last run, outcome, next run and reason', () => {
    const lines = tableText(
      jobsView(
        [
          job({ lastRun: run({ reason: 'no retries left; last attempt TASK_FAILED: Command exited with status 4' }) }),
          job({ definition: { ...job({}).definition, id: 'nightly', schedule: { cron: '0 3 * * *', concurrencyPolicy: 'forbid' } }, nextFireAt: NOW + 3 * 3600_000 }),
        ],
        NOW,
      ),
    ).split('\n');
    expect(lines[0]).toMatch(/^JOB +SCHEDULE +LAST RUN +STATUS +NEXT RUN +ACTIVE +REASON$/);
    expect(lines[1]).toMatch(/^report +manual +1m ago +failed +0 +no retries left; last attempt TASK_FAILED: Command exited with status 4$/);
    expect(lines[2]).toMatch(/^nightly +0 3 \* \* \* \(forbid\) +never +in 3h +0$/);
  });

  it('lists runs newest first, and says how a watched run goes and ends', () => {
    const lines = tableText(runsView([run({ id: 'old', createdAt: NOW - 120_000 }), run({ id: 'new', status: 'succeeded', attempts: [{ taskId: 't', state: 'TASK_FINISHED', launchedAt: 0 }] })], NOW)).split('\n');
    expect(lines[0]).toMatch(/^RUN +TRIGGER +STATUS +STARTED +TOOK +ATTEMPTS +REASON$/);
    expect(lines[1]).toMatch(/^new +manual +succeeded +1m ago +10s +1$/);
    expect(lines[2]).toMatch(/^old +manual +failed +2m ago/);
    const running = run({ status: 'running', finishedAt: undefined, attempts: [{ taskId: 't', state: 'TASK_RUNNING', launchedAt: 0 }] });
    expect(runProgress(running, NOW)).toBe('run run-1 of report [1m]: running, attempt 1 (TASK_RUNNING)');
    expect(runOutcomeLine(run({ reason: 'deadline passed' }), NOW)).toBe('run run-1 of report failed after 10s (0 attempt(s)): deadline passed');
  });
});

describe('the --watch progress line', () => {
  it.each<[string, boolean, string]>([
    ['piped: a line per change, repeats dropped, then the outcome', false, 'a\nb\ndone\n'],
    ['on a terminal: rewritten in place, then the outcome on its own line', true, '\r\x1b[Ka\r\x1b[Kb\r\x1b[Kdone\n'],
  ])('%s', (_name, isTTY, text) => {
    let out = '';
    const line = new ProgressLine({ isTTY, write: (t: string) => (out += t) });
    line.update('a');
    line.update('a');
    line.update('b');
    line.finish('done');
    expect(out).toBe(text);
  });
});
