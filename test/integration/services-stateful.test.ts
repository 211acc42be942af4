/**
 * A stateful app in the services framework on a real master (file
 * registry), a real posix agent and the real `meseta-services serve`
 * process (role `db`): its instance appends to a counter file on its
 * persistent volume. The counter survives an operator kill of the task, an
 * agent SIGKILL and restart, a master restart (failover), the agent away
 * (the instance waits for it, status says why), an in-place restart and a
 * suspension (scale to 0 and back), each relaunch on the same agent and
 * volume adding one; a new version may not change the volume (refused naming the field);
 * `destroy` destroys the volume and unreserves everything (nothing left in
 * `/state`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { requestJson } from '../../frameworks/common/http-client';
import type { AppView } from '../../frameworks/services/services-api';
import { runFrameworkCli, spawnFrameworkCli, type FrameworkProcess } from '../support/framework-process';

const ROLE = 'db';
/** Adds one to data/counter, then notes which instance did (so the test knows the running instance has counted). */
const COUNTER_COMMAND = 'n=$(cat data/counter 2>/dev/null || echo 0); n=$((n+1)); echo $n > data/counter; echo $MESETA_INSTANCE_ID > data/last; echo "counter $n"; exec sleep 3600';

interface AgentJson {
  agent_info?: { id?: { value?: string } };
  status?: string;
  volumes?: Array<{ persistence_id: string; role: string }>;
  total_resources?: Array<{ name: string; reservations?: Array<{ role?: string }> }>;
}

describe('services framework: a stateful app on a persistent volume', () => {
  let cluster: Cluster;
  let dir: string;
  let masterWorkDir: string;
  let url = '';
  const processes: FrameworkProcess[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-services-stateful-'));
    masterWorkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-services-stateful-master-'));
    cluster = await startCluster({
      agents: 1,
      name: 'services-stateful',
      masterFlags: ['--work-dir', masterWorkDir, '--allocation-interval', '100ms', '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5'],
    });
  });

  afterAll(async () => {
    for (const p of processes) await p.stop();
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (masterWorkDir) fs.rmSync(masterWorkDir, { recursive: true, force: true });
  });

  const app = (): Promise<AppView> => requestJson<AppView>(url, 'GET', '/v1/apps/counter');
  const writeApp = (name: string, sizeMb: number): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ id: 'counter', instances: 1, cpus: 0.1, mem: 32, command: COUNTER_COMMAND, volumes: [{ containerPath: 'data', sizeMb }] }));
    return file;
  };
  /** The agent as /state shows it, once it is active. */
  const agentState = async (): Promise<AgentJson | undefined> => {
    const state = await getState(cluster.master.address);
    const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === cluster.agents[0].agentId) as AgentJson | undefined;
    return agent?.status === 'ACTIVE' ? agent : undefined;
  };
  /** The counter on the volume, read from the agent's volume directory. */
  let counterFile = '';
  const counter = (): number => {
    try {
      return Number(fs.readFileSync(counterFile, 'utf8').trim());
    } catch {
      return 0;
    }
  };
  const lastCounted = (): string => {
    try {
      return fs.readFileSync(path.join(path.dirname(counterFile), 'last'), 'utf8').trim();
    } catch {
      return '';
    }
  };
  /** The running instance on the app's one resident once it has counted (the counter is then its own), with the counter. */
  const settled = (what: string, accept: (n: number) => boolean = () => true, timeoutMs = 60_000): Promise<{ view: AppView; n: number }> =>
    waitFor(async () => {
      const view = await app().catch(() => undefined);
      if (!view || view.residents?.[0]?.state !== 'running' || view.running !== 1 || lastCounted() !== view.tasks[0]?.instanceId) return undefined;
      const n = counter();
      return accept(n) ? { view, n } : undefined;
    }, timeoutMs, what);
  /** The running instance, once the counter reads `value` and it was the one to count. */
  const runningWith = async (value: number, what: string): Promise<AppView> => (await settled(what, (n) => n === value)).view;

  it('serve refuses a malformed --role, naming the flag (exit 2)', async () => {
    const bad = await runFrameworkCli('services', ['serve', '--master', cluster.master.address, '--port', '0', '--state-file', path.join(dir, 'bad.json'), '--role', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role: "a b" is not a role name');
    expect(fs.existsSync(path.join(dir, 'bad.json'))).toBe(false);
  });

  it('keeps its counter across a task kill, an agent SIGKILL and restart, a master restart and a suspension; destroy frees everything', async () => {
    const framework = spawnFrameworkCli(
      'services',
      ['serve', '--master', cluster.master.address, '--port', '0', '--state-file', path.join(dir, 'state.json'), '--offer-refuse', '1', '--stable-after', '1000', '--role', ROLE],
      cluster.logDir,
      'services',
    );
    processes.push(framework);
    url = `http://127.0.0.1:${await framework.port}`;
    await waitFor(async () => (await requestJson<{ frameworkId: string | null }>(url, 'GET', '/health')).frameworkId, 15_000, 'the framework subscribed');

    const deployed = await runFrameworkCli('services', ['deploy', writeApp('v1.json', 16), '--watch', '--url', url]);
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);

    // One resident on the agent: its volume named after the app and the resident, the instance running on it.
    const first = await waitFor(async () => {
      const view = await app();
      return view.residents?.[0]?.state === 'running' && view.residents[0].reservation === 'ready' ? view : undefined;
    }, 30_000, 'the resident ready with its instance running');
    const resident = first.residents![0];
    expect(resident.agentId).toBe(cluster.agents[0].agentId);
    expect(resident.role).toBe(ROLE);
    expect(resident.volumes).toEqual([{ persistenceId: `${resident.residentId}.v0`, containerPath: 'data', sizeMb: 16, mode: 'RW' }]);
    expect(resident.residentId.startsWith('counter.')).toBe(true);
    expect(first.tasks[0]).toMatchObject({ residentId: resident.residentId, agentId: resident.agentId, volumes: resident.volumes });
    counterFile = path.join(cluster.agents[0].workDir, 'volumes', 'roles', ROLE, resident.volumes[0].persistenceId, 'counter');
    await runningWith(1, 'the counter at 1');
    const volumes = (await agentState())?.volumes ?? [];
    expect(volumes.map((v) => [v.persistence_id, v.role])).toEqual([[resident.volumes[0].persistenceId, ROLE]]);

    // Status shows the instance's volume and agent.
    const status = await runFrameworkCli('services', ['status', 'counter', '--url', url]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^volumes$/m);
    expect(status.stdout).toContain(`${resident.volumes[0].persistenceId} data 16MB`);

    // A new version may not change the volume: refused naming the field.
    const bigger = await runFrameworkCli('services', ['deploy', writeApp('v2.json', 32), '--url', url]);
    expect(bigger.code).toBe(1);
    expect(bigger.stderr).toContain('volumes: cannot change in a new version (was data:16MB:RW, asked data:32MB:RW)');

    // 1. The operator kills the task: relaunched on the same volume, the counter goes on.
    const killed = await runFrameworkCli('services', ['kill', 'counter', first.tasks[0].instanceId, '--url', url]);
    expect(killed.code).toBe(0);
    const afterKill = await runningWith(2, 'the instance relaunched on its volume, counter 2');
    expect(afterKill.tasks[0].instanceId).not.toBe(first.tasks[0].instanceId);
    expect(afterKill.tasks[0].agentId).toBe(resident.agentId);

    // 2. The agent is SIGKILLed and restarted (same id): the instance runs there again and the data is intact.
    cluster.agents[0].kill('SIGKILL');
    await cluster.agents[0].restart();
    expect(cluster.agents[0].agentId).toBe(resident.agentId);
    // Its task may have outlived the agent (recovered) or been relaunched (one more).
    const afterAgent = await settled('the instance running again after the agent restart', (n) => n >= 2);
    expect(afterAgent.view.residents![0].residentId).toBe(resident.residentId);
    const beforeFailover = afterAgent.n;

    // 3. The master restarts (registry in its work dir): the framework re-subscribes; a kill relaunches on the same volume.
    await cluster.master.restart();
    await waitFor(async () => ((await agentState().catch(() => undefined))?.volumes ?? []).length === 1, 60_000, 'the agent back with its volume after the master restart');
    const running = await settled('the instance running after the master restart', (n) => n >= beforeFailover);
    await runFrameworkCli('services', ['kill', 'counter', running.view.tasks[0].instanceId, '--url', url]);
    await runningWith(running.n + 1, `the counter at ${running.n + 1} after the master restart`);
    const afterFailover = running.n + 1;

    // 4. The agent goes away: the instance waits for it (never placed elsewhere) and status says why; back, it relaunches there.
    await cluster.agents[0].stop();
    const waiting = await waitFor(async () => {
      const r = (await app()).residents?.[0];
      return r?.state === 'waiting' && r.waiting ? r : undefined;
    }, 60_000, 'the resident waiting for its agent');
    expect(waiting.waiting).toContain(`agent ${resident.agentId} which holds volume ${resident.volumes[0].persistenceId}`);
    const statusAway = await runFrameworkCli('services', ['status', 'counter', '--url', url]);
    expect(statusAway.stdout).toContain(`which holds volume ${resident.volumes[0].persistenceId}`);
    await cluster.agents[0].restart();
    expect(cluster.agents[0].agentId).toBe(resident.agentId);
    const back = await settled('the instance running on its agent again', (n) => n >= afterFailover, 90_000);
    expect(back.view.tasks[0].agentId).toBe(resident.agentId);
    const afterAway = back.n;

    // 5. A restart (new version) replaces the instance in place, on the same volume.
    const restarted = await runFrameworkCli('services', ['restart', 'counter', '--watch', '--url', url]);
    expect(restarted.code).toBe(0);
    const inPlace = await runningWith(afterAway + 1, `the counter at ${afterAway + 1} after the in-place restart`);
    expect(inPlace.tasks[0]).toMatchObject({ version: inPlace.version, residentId: resident.residentId });

    // 6. Suspended (0 instances): the reservation and volume stay; back to 1, it relaunches on them.
    expect((await runFrameworkCli('services', ['scale', 'counter', '0', '--watch', '--url', url])).code).toBe(0);
    const suspended = await waitFor(async () => {
      const view = await app();
      return view.running === 0 && view.tasks.length === 0 ? view : undefined;
    }, 30_000, 'the instance stopped');
    expect(suspended.residents?.map((r) => [r.residentId, r.state])).toEqual([[resident.residentId, 'suspended']]);
    expect(((await agentState())?.volumes ?? []).length).toBe(1);
    expect((await runFrameworkCli('services', ['scale', 'counter', '1', '--url', url])).code).toBe(0);
    await runningWith(afterAway + 2, `the counter at ${afterAway + 2} after the suspension`);

    // 7. Destroy: the instance stops, the volume is destroyed and everything unreserved, then the app is forgotten.
    const destroyed = await runFrameworkCli('services', ['destroy', 'counter', '--url', url]);
    expect(destroyed.code).toBe(0);
    await waitFor(async () => (await requestJson<{ apps: AppView[] }>(url, 'GET', '/v1/apps')).apps.length === 0, 60_000, 'the app forgotten');
    const freed = await waitFor(async () => {
      const agent = await agentState();
      const reserved = (agent?.total_resources ?? []).filter((r) => (r.reservations ?? []).some((x) => x.role === ROLE));
      return agent && (agent.volumes ?? []).length === 0 && reserved.length === 0 ? agent : undefined;
    }, 30_000, 'no volume or reservation of role db left in /state');
    expect(freed.volumes ?? []).toEqual([]);
  }, 400_000);
});
