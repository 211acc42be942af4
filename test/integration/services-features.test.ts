/**
 * The services framework's placement and patterns on a real cluster of two
 * agents with their own hostnames: a UNIQUE hostname constraint (2 placed,
 * the rest reported unplaceable with the reason, also in the master's
 * decline reasons), a pod whose sidecar reads the main container's port on
 * 127.0.0.1, a leader-elected app with exactly one leader through a kill,
 * the autoscaler following a metric, crash-loop back-off, and a deployment
 * watched and cancelled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCounter, getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { followJsonLines, requestJson } from '../../frameworks/common/http-client';
import { startServicesFramework } from '../../frameworks/services/server';
import type { AppView, ChangeResult } from '../../frameworks/services/services-api';
import type { DeploymentRecord } from '../../frameworks/services/services-state';
import { restartDelaySeconds } from '../../frameworks/services/restart-backoff';
import { httpGet, nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

describe('services framework: constraints, pods, leaders, autoscaling, cancel', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-services-state-',
    cluster: {
      agents: 2,
      name: 'services-features',
      masterFlags: ['--allocation-interval', '100ms'],
      agentFlags: (i) => ['--hostname', `host-${i}`],
    },
    component: 'services',
    start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1, stableAfterMs: 500 }),
  });
  let programs: TestPrograms;
  beforeAll(() => {
    programs = writeTestPrograms();
  });
  afterAll(() => programs?.remove());

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const app = (id: string): Promise<AppView> => api<AppView>('GET', `/v1/apps/${id}`);
  const destroy = async (id: string): Promise<void> => {
    await api('DELETE', `/v1/apps/${id}`);
    await waitFor(async () => !(await api<{ apps: AppView[] }>('GET', '/v1/apps')).apps.some((a) => a.id === id), 20_000, `${id} destroyed`);
  };

  it('places at most one instance per hostname under UNIQUE and reports the rest unplaceable with the reason', async () => {
    await api<ChangeResult>('POST', '/v1/apps', {
      id: 'uniq', instances: 3, cpus: 0.1, mem: 16, command: 'exec sleep 600', constraints: [['hostname', 'UNIQUE']],
    });
    const view = await waitFor(async () => {
      const v = await app('uniq');
      return v.running === 2 && v.unplaced ? v : undefined;
    }, 20_000, 'two instances running and the third reported unplaced');
    expect(new Set(view.tasks.map((t) => t.hostname))).toEqual(new Set(['host-0', 'host-1']));
    expect(view.unplaced!.reason).toMatch(/^1 wanted instance\(s\) fit no offer/);
    expect(view.unplaced!.reason).toMatch(/hostname:UNIQUE: hostname host-[01] already runs an instance/);
    // The scheduler is offered the agents again and declines them again,
    // still placing no third instance: the master counts the declines.
    const declined = await getCounter(bed.cluster.masterAddress, 'meseta_master_offers_declined_total');
    await waitFor(async () => (await getCounter(bed.cluster.masterAddress, 'meseta_master_offers_declined_total')) >= declined + 2, 20_000, 'two more declines');
    expect((await app('uniq')).tasks).toHaveLength(2);
    const state = await getState(bed.cluster.masterAddress);
    const me = state.frameworks!.find((f) => f.framework_info?.name === 'meseta-services') as unknown as { recent_declines?: unknown };
    expect(JSON.stringify(me.recent_declines)).toContain('hostname:UNIQUE');
    await destroy('uniq');
  });

  it("runs a pod whose sidecar reads the main container's port on 127.0.0.1", async () => {
    await api<ChangeResult>('POST', '/v1/apps', {
      id: 'pod',
      instances: 1,
      pod: {
        containers: [
          { name: 'main', command: nodeCommand(programs.web), cpus: 0.1, mem: 32, ports: 1, env: { LABEL: 'main' } },
          { name: 'sidecar', command: nodeCommand(programs.sidecar), cpus: 0.1, mem: 32, ports: 1 },
        ],
      },
    });
    const view = await waitFor(async () => {
      const v = await app('pod');
      return v.running === 1 ? v : undefined;
    }, 20_000, 'the pod running');
    const instance = view.tasks[0];
    expect(instance.tasks.map((t) => t.taskId).sort()).toEqual([`${instance.instanceId}.main`, `${instance.instanceId}.sidecar`]);
    const [, sidecarPort] = instance.ports;
    const answer = await waitFor(async () => {
      const r = await httpGet(`http://127.0.0.1:${sidecarPort}/`);
      return r.status === 200 ? r.body : undefined;
    }, 10_000, 'the sidecar answering');
    expect(answer).toContain('sidecar saw:');
    expect(answer).toContain(`"instance":"${instance.instanceId}"`);
    await destroy('pod');
  });

  it('keeps exactly one leader of a leader-elected app through a kill of the leader', async () => {
    await api<ChangeResult>('POST', '/v1/apps', {
      id: 'singleton', instances: 3, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.leader), leaderElection: { leaseSeconds: 1 },
    });
    const roles = async (): Promise<Array<{ instanceId: string; role: string; host: string; port: number }>> => {
      const v = await app('singleton');
      const out = [];
      for (const t of v.tasks.filter((x) => x.phase === 'running')) {
        const role = await httpGet(`http://${t.host}:${t.ports[0]}/role`).then((r) => r.body, () => 'down');
        out.push({ instanceId: t.instanceId, role, host: t.host, port: t.ports[0] });
      }
      return out;
    };
    let maxLeaders = 0;
    const sample = async (): Promise<ReturnType<typeof roles> extends Promise<infer R> ? R : never> => {
      const r = await roles();
      maxLeaders = Math.max(maxLeaders, r.filter((x) => x.role === 'leader').length);
      return r;
    };
    const first = await waitFor(async () => {
      const r = await sample();
      return r.length === 3 && r.filter((x) => x.role === 'leader').length === 1 ? r.find((x) => x.role === 'leader') : undefined;
    }, 20_000, 'one leader among 3 instances');
    expect((await app('singleton')).leader).toBe(first.instanceId);
    const pid = Number((await httpGet(`http://${first.host}:${first.port}/pid`)).body);
    process.kill(pid, 'SIGKILL');
    const second = await waitFor(async () => {
      const r = await sample();
      const leaders = r.filter((x) => x.role === 'leader');
      return leaders.length === 1 && leaders[0].instanceId !== first.instanceId ? leaders[0] : undefined;
    }, 20_000, 'a new leader after the kill', 50);
    for (let i = 0; i < 10; i++) await sample();
    expect(maxLeaders).toBe(1);
    expect((await app('singleton')).leader).toBe(second.instanceId);
    await destroy('singleton');
  });

  it('scales up when the metric the instances expose rises', async () => {
    const metricFile = path.join(bed.dir, 'load');
    const readsFile = path.join(bed.dir, 'load-reads');
    fs.writeFileSync(metricFile, '2');
    fs.writeFileSync(readsFile, '');
    await api<ChangeResult>('POST', '/v1/apps', {
      id: 'auto', instances: 1, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web), env: { METRIC_FILE: metricFile, METRIC_READS: readsFile },
      autoscale: { metric: { path: '/metrics', portIndex: 0, format: 'json', name: 'load' }, target: 10, minInstances: 1, maxInstances: 3, coolDownSeconds: 1, intervalSeconds: 0.3 },
    });
    await waitFor(async () => (await app('auto')).running === 1, 20_000, 'one instance running');
    // Three autoscaler rounds read a load of 2 against a target of 10: no change.
    await waitFor(() => fs.readFileSync(readsFile, 'utf8').length >= 3, 20_000, 'three reads of the metric');
    expect((await app('auto')).instances).toBe(1);
    fs.writeFileSync(metricFile, '25');
    const scaled = await waitFor(async () => {
      const v = await app('auto');
      return v.instances === 3 && v.running === 3 ? v : undefined;
    }, 20_000, 'the autoscaler to reach 3 running instances');
    expect(scaled.instances).toBe(3);
    const { deployments } = await api<{ deployments: DeploymentRecord[] }>('GET', '/v1/deployments');
    expect(deployments.some((d) => d.appId === 'auto' && d.kind === 'autoscale' && d.events.some((e) => /against target 10/.test(e.message)))).toBe(true);
    await destroy('auto');
  });

  it('backs off restarting a crash-looping app, longer after each failure', async () => {
    await api<ChangeResult>('POST', '/v1/apps', {
      id: 'crashy', instances: 1, cpus: 0.1, mem: 16, command: 'exit 3', backoff: { initialSeconds: 0.5, factor: 2, maxSeconds: 10 },
    });
    const view = await waitFor(async () => {
      const v = await app('crashy');
      return v.ended.length >= 4 ? v : undefined;
    }, 30_000, 'four crashes');
    expect(view.backoff!.failures).toBeGreaterThanOrEqual(4);
    expect(view.ended.every((e) => e.state === 'TASK_FAILED')).toBe(true);
    // Each launch waited at least the back-off its failures in a row call for (0.5 s, 1 s, 2 s, ...), on the
    // framework's own clock; how much longer it waited for an offer depends on the machine, not on the rule.
    const policy = { initialSeconds: 0.5, factor: 2, maxSeconds: 10 };
    const oldestFirst = [...view.ended].reverse();
    const failuresAfter = (i: number): number => view.backoff!.failures - (oldestFirst.length - 1 - i);
    for (let i = 1; i < oldestFirst.length; i++) {
      const waited = oldestFirst[i].launchedAt! - oldestFirst[i - 1].endedAt;
      expect([i, waited >= restartDelaySeconds(failuresAfter(i - 1), policy) * 1000]).toEqual([i, true]);
    }
    await destroy('crashy');
  });

  it('streams a deployment to a watcher and rolls back when it is cancelled', async () => {
    const definition = (label: string, env: Record<string, string> = {}): Record<string, unknown> => ({
      id: 'slow', instances: 1, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web), env: { LABEL: label, ...env },
      healthCheck: { protocol: 'HTTP', path: '/health', gracePeriodSeconds: 60, intervalSeconds: 0.5, timeoutSeconds: 1 },
    });
    const v1 = await api<ChangeResult>('POST', '/v1/apps', definition('v1'));
    await waitFor(async () => (await api<DeploymentRecord>('GET', `/v1/deployments/${v1.deploymentId}`)).status === 'succeeded', 20_000, 'v1 deployed');
    const v2 = await api<ChangeResult>('POST', '/v1/apps', definition('v2', { UNHEALTHY: '1' }));
    const seen: DeploymentRecord[] = [];
    const watching = followJsonLines(bed.framework.url, `/v1/deployments/${v2.deploymentId}?watch=true`, (e) => seen.push(e as DeploymentRecord));
    await waitFor(async () => (await app('slow')).tasks.some((t) => t.version === 'v2' && t.phase === 'running'), 20_000, 'the v2 instance running (never healthy)');
    await api('DELETE', `/v1/deployments/${v2.deploymentId}`);
    await watching;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1].status).toBe('cancelled');
    const back = await waitFor(async () => {
      const v = await app('slow');
      return v.version === 'v1' && v.tasks.length === 1 && v.healthy === 1 ? v : undefined;
    }, 20_000, 'the app back on v1');
    expect(back.tasks[0].version).toBe('v1');
    await destroy('slow');
  });
});
