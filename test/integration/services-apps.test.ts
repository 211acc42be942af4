/**
 * The services framework end to end on a real cluster: an app of 3
 * instances with HTTP health checks, an instance killed and replaced, a
 * rolling upgrade that never drops below its healthy floor, a broken
 * version rolled back, and bad definitions refused before anything runs.
 */
import { waitFor } from '../harness/wait-for';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { ApiError, requestJson } from '../../frameworks/common/http-client';
import { startServicesFramework } from '../../frameworks/services/server';
import type { AppView, ChangeResult, Endpoint } from '../../frameworks/services/services-api';
import type { DeploymentRecord } from '../../frameworks/services/services-state';
import { httpGet, nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

describe('services framework: deploy, replace, roll, roll back', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-services-state-',
    cluster: { agents: 2, name: 'services-apps', masterFlags: ['--allocation-interval', '100ms'] },
    component: 'services',
    start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1 }),
  });
  let programs: TestPrograms;
  beforeAll(() => {
    programs = writeTestPrograms();
  });
  afterAll(() => programs?.remove());

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const app = (): Promise<AppView> => api<AppView>('GET', '/v1/apps/web');

  function web(label: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: 'web',
      instances: 3,
      cpus: 0.1,
      mem: 32,
      ports: 1,
      command: nodeCommand(programs.web),
      env: { LABEL: label },
      healthCheck: { protocol: 'HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 3, intervalSeconds: 0.5, timeoutSeconds: 1, maxConsecutiveFailures: 2 },
      upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0.34, rollbackAfterFailures: 2 },
      backoff: { initialSeconds: 0.5, factor: 2, maxSeconds: 2 },
      ...extra,
    };
  }

  async function deploymentEnds(id: string, timeoutMs = 60_000): Promise<DeploymentRecord> {
    return waitFor(async () => {
      const d = await api<DeploymentRecord>('GET', `/v1/deployments/${id}`);
      return d.status !== 'running' ? d : undefined;
    }, timeoutMs, `deployment ${id} to end`, 200);
  }

  it('deploys 3 instances that pass their HTTP health checks and lists them as endpoints', async () => {
    const result = await api<ChangeResult>('POST', '/v1/apps', web('v1'));
    expect(result.version).toBe('v1');
    const end = await deploymentEnds(result.deploymentId!);
    expect(end.status).toBe('succeeded');
    const view = await app();
    expect(view.healthy).toBe(3);
    const { endpoints } = await api<{ endpoints: Endpoint[] }>('GET', '/v1/apps/web/endpoints');
    expect(endpoints).toHaveLength(3);
    for (const e of endpoints) {
      const answer = JSON.parse((await httpGet(`http://${e.address}/`)).body) as { instance: string; label: string };
      expect(answer.instance).toBe(e.instanceId);
      expect(answer.label).toBe('v1');
    }
  });

  it('replaces an instance whose process is killed', async () => {
    const before = await app();
    const victim = before.tasks[0];
    const pid = Number((await httpGet(`http://${victim.host}:${victim.ports[0]}/pid`)).body);
    process.kill(pid, 'SIGKILL');
    const after = await waitFor(async () => {
      const v = await app();
      return v.healthy === 3 && !v.tasks.some((t) => t.instanceId === victim.instanceId) ? v : undefined;
    }, 30_000, 'a healthy replacement for the killed instance');
    expect(after.tasks).toHaveLength(3);
    expect(after.ended.find((e) => e.instanceId === victim.instanceId)?.state).toBe('TASK_FAILED');
  });

  it('rolls to v2 without ever dropping under the healthy floor', async () => {
    const result = await api<ChangeResult>('POST', '/v1/apps', web('v2'));
    expect(result.version).toBe('v2');
    // Samples from outside, while it runs; the deployment's own lowestHealthy sees every step.
    let lowest = Infinity;
    const done = await waitFor(async () => {
      lowest = Math.min(lowest, (await app()).healthy);
      const d = await api<DeploymentRecord>('GET', `/v1/deployments/${result.deploymentId}`);
      return d.status !== 'running' ? d : undefined;
    }, 60_000, 'the v2 deployment to end', 50);
    expect(done.status).toBe('succeeded');
    expect(lowest).toBeGreaterThanOrEqual(3);
    expect(done.minHealthy).toBe(3);
    expect(done.lowestHealthy).toBeGreaterThanOrEqual(done.minHealthy!);
    const view = await app();
    expect(view.tasks.map((t) => t.version)).toEqual(['v2', 'v2', 'v2']);
    const { endpoints } = await api<{ endpoints: Endpoint[] }>('GET', '/v1/apps/web/endpoints');
    for (const e of endpoints) expect(JSON.parse((await httpGet(`http://${e.address}/`)).body).label).toBe('v2');
  });

  it('rolls a v3 that never becomes healthy back to v2', async () => {
    const result = await api<ChangeResult>('POST', '/v1/apps', web('v3', { env: { LABEL: 'v3', UNHEALTHY: '1' } }));
    expect(result.version).toBe('v3');
    const end = await deploymentEnds(result.deploymentId!);
    expect(end.status).toBe('rolled-back');
    expect(end.events.map((e) => e.message).join('\n')).toMatch(/failed before becoming healthy/);
    const settled = await waitFor(async () => {
      const v = await app();
      return v.version === 'v2' && v.healthy === 3 && v.tasks.length === 3 && !v.deployment ? v : undefined;
    }, 30_000, 'the app back on v2 with 3 healthy instances');
    expect(settled.tasks.every((t) => t.version === 'v2')).toBe(true);
  });

  it('refuses bad definitions, naming the field, and launches nothing', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...web('x'), id: 'bad1', colour: 'red' }, /colour: unknown field/],
      [{ ...web('x'), id: 'bad2', instances: -1 }, /instances: must be a whole number >= 0, got -1/],
      [{ ...web('x'), id: 'bad3', cpus: 64 }, /cpus: asks 64 but the largest agent has 2/],
      [{ ...web('x'), id: 'bad4', constraints: [['hostname', 'UNIQUE'], ['hostname', 'SOMETIMES']] }, /constraints\[1\]: unknown operator "SOMETIMES"/],
    ];
    for (const [definition, message] of cases) {
      const error = await api('POST', '/v1/apps', definition).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(422);
      expect((error as ApiError).message).toMatch(message);
    }
    const { apps } = await api<{ apps: AppView[] }>('GET', '/v1/apps');
    expect(apps.map((a) => a.id)).toEqual(['web']);
  });
});
