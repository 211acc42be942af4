/**
 * The services framework as its own process (`meseta-services serve`),
 * driven by its CLI: killed with SIGKILL in the middle of a rolling
 * deployment and started again on the same state file, it fails over to
 * the same framework id, reconciles its tasks (which kept running) and
 * finishes the same deployment.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { requestJson } from '../../frameworks/common/http-client';
import type { AppView } from '../../frameworks/services/services-api';
import type { DeploymentRecord } from '../../frameworks/services/services-state';
import { runFrameworkCli, spawnFrameworkCli, type FrameworkProcess } from '../support/framework-process';
import { nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

describe('services framework: killed mid-deployment, restarted, resumes', () => {
  let cluster: Cluster;
  let programs: TestPrograms;
  let dir: string;
  const processes: FrameworkProcess[] = [];

  beforeAll(async () => {
    programs = writeTestPrograms();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-services-failover-'));
    cluster = await startCluster({ agents: 2, name: 'services-failover', masterFlags: ['--allocation-interval', '100ms'] });
  });

  afterAll(async () => {
    for (const p of processes) await p.stop();
    await cluster?.stop();
    programs?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function serve(label: string): FrameworkProcess {
    const p = spawnFrameworkCli('services', ['serve', '--master', cluster.masterAddress, '--port', '0', '--state-file', path.join(dir, 'state.json'), '--offer-refuse', '1'], cluster.logDir, label);
    processes.push(p);
    return p;
  }

  function writeApp(label: string, delaySeconds: number): string {
    const file = path.join(dir, `${label}.json`);
    fs.writeFileSync(file, JSON.stringify({
      id: 'web', instances: 3, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web), env: { LABEL: label },
      healthCheck: { protocol: 'HTTP', path: '/health', delaySeconds, gracePeriodSeconds: 5, intervalSeconds: 0.5, timeoutSeconds: 1 },
      upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0.34 },
    }));
    return file;
  }

  it('resumes the deployment with the same framework id after a SIGKILL', async () => {
    const first = serve('services-1');
    const url = `http://127.0.0.1:${await first.port}`;
    const frameworkId = await waitFor(async () => (await requestJson<{ frameworkId: string | null }>(url, 'GET', '/health')).frameworkId, 10_000, 'subscribed');

    const v1 = await runFrameworkCli('services', ['deploy', writeApp('v1', 0), '--watch', '--url', url]);
    expect(v1.stderr).toBe('');
    expect(v1.code).toBe(0);
    expect(v1.stdout).toMatch(/web v1 deployment \S+/);
    expect(v1.stdout).toMatch(/\) succeeded after \S+: 3 healthy instance\(s\) of v1/);

    const v2 = await runFrameworkCli('services', ['deploy', writeApp('v2', 1.5), '--json', '--url', url]);
    expect(v2.code).toBe(0);
    const deploymentId = (JSON.parse(v2.stdout) as { deploymentId: string }).deploymentId;
    // Kill the framework once the rollout is under way but not done.
    await waitFor(async () => {
      const d = await requestJson<DeploymentRecord>(url, 'GET', `/v1/deployments/${deploymentId}`);
      return d.events.some((e) => /is healthy/.test(e.message)) && d.status === 'running';
    }, 20_000, 'the first v2 instance healthy');
    first.kill('SIGKILL');
    await first.exited;
    const runningAtKill = (await getState(cluster.masterAddress)).tasks?.filter((t) => t.state === 'TASK_RUNNING').length ?? 0;
    expect(runningAtKill).toBeGreaterThanOrEqual(3);

    const second = serve('services-2');
    const url2 = `http://127.0.0.1:${await second.port}`;
    const resumedId = await waitFor(async () => (await requestJson<{ frameworkId: string | null }>(url2, 'GET', '/health')).frameworkId, 10_000, 'subscribed again');
    expect(resumedId).toBe(frameworkId);
    const end = await waitFor(async () => {
      const d = await requestJson<DeploymentRecord>(url2, 'GET', `/v1/deployments/${deploymentId}`);
      return d.status !== 'running' ? d : undefined;
    }, 60_000, 'the same deployment to finish');
    expect(end.status).toBe('succeeded');
    const app = await requestJson<AppView>(url2, 'GET', '/v1/apps/web');
    expect(app.tasks.map((t) => t.version)).toEqual(['v2', 'v2', 'v2']);
    expect(app.healthy).toBe(3);
    // No orphan or duplicate tasks: the master runs exactly the framework's three.
    const state = await waitFor(async () => {
      const s = await getState(cluster.masterAddress);
      return s.tasks?.filter((t) => t.state === 'TASK_RUNNING' || t.state === 'TASK_KILLING').length === 3 ? s : undefined;
    }, 20_000, 'exactly three live tasks on the master');
    expect(state.tasks!.filter((t) => t.state === 'TASK_RUNNING').map((t) => t.task_id.value).sort()).toEqual(app.tasks.map((t) => t.instanceId).sort());

    const status = await runFrameworkCli('services', ['status', 'web', '--url', url2]);
    expect(status.stdout).toMatch(/^instances: +3\/3 healthy, 3 running$/m);
    const destroyed = await runFrameworkCli('services', ['destroy', 'web', '--url', url2]);
    expect(destroyed.code).toBe(0);
    await waitFor(async () => (await requestJson<{ apps: AppView[] }>(url2, 'GET', '/v1/apps')).apps.length === 0, 20_000, 'the app destroyed');
  });
});
