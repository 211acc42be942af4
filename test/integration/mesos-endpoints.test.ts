/**
 * The endpoints Mesos tools read, against a real `meseta master` and agent
 * on 127.0.0.1 with a running task and a finished one: `/master/state`
 * (`/state.json`, `/master/state.json`), `/master/state-summary`,
 * `/master/slaves`, `/master/frameworks`, `/master/tasks`,
 * `/master/redirect`, `/metrics/snapshot` on master and agent, the agent's
 * `/state` (and aliases), `/files/{browse,read,download}` with Mesos's
 * virtual sandbox paths on the agent and through the master, confinement
 * refusals and bad query parameters. Then `/master/redirect` and
 * `/metrics/snapshot` from a standby master (two masters on a real ZooKeeper).
 */
import * as http from 'node:http';
import { startCluster, type Cluster } from '../harness/cluster';
import { runCli, spawnCli } from '../harness/cli';
import { httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import type { MesetaProcess } from '../harness/meseta-process';
import { startZooKeeper, type ZooKeeperServer } from '../setup/zookeeper';

type Json = Record<string, unknown>;

async function getJson(address: string, path: string): Promise<Json> {
  const answer = await httpGet(address, path);
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(answer.body) as Json;
}

function launchedTaskId(stdout: string): string {
  const match = /^launched task (\S+) on agent/m.exec(stdout);
  if (!match) throw new Error(`no "launched task" line in:\n${stdout}`);
  return match[1];
}

/** GET with the raw bytes (for downloads). */
function httpGetBytes(address: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`http://${address}${path}`, { timeout: 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('Mesos endpoints on a real master and agent', () => {
  let cluster: Cluster;
  let sleeper: MesetaProcess | undefined;
  let runningId = '';
  let finishedId = '';
  let runningFramework = '';
  let before: Json = {};

  beforeAll(async () => {
    cluster = await startCluster({ name: 'mesos-endpoints', agents: 1, masterFlags: ['--allocation-interval', '200ms'] });
    before = await getJson(cluster.masterAddress, '/metrics/snapshot');
    const finished = await runCli(['run', '--master', cluster.masterAddress, '--name', 'once', '--command', 'echo finished-output']);
    expect(finished.stdout).toMatch(/^TASK_FINISHED/m);
    finishedId = launchedTaskId(finished.stdout);
    sleeper = spawnCli([
      'run', '--master', cluster.masterAddress, '--name', 'sleeper',
      '--command', 'echo hello-sandbox; ln -s /etc/passwd leak; ln -s .. up; mkdir sub; echo inner > sub/file; sleep 600',
    ]);
    await sleeper.waitForLine(/^TASK_RUNNING/, 30_000, 'TASK_RUNNING');
    runningId = launchedTaskId(sleeper.stdout());
    await waitFor(async () => {
      const state = await getJson(cluster.masterAddress, '/master/state');
      const fw = (state.frameworks as Json[]).find((f) => (f.tasks as Json[]).some((t) => t.id === runningId));
      runningFramework = (fw?.id as string) ?? '';
      return runningFramework !== '';
    }, 20_000, 'the running task in /master/state');
  }, 120_000);

  afterAll(async () => {
    await sleeper?.stop();
    await cluster?.stop();
  });

  it('/master/state: Mesos shape, string ids, resources maps, statuses with the task address', async () => {
    const state = await getJson(cluster.masterAddress, '/master/state');
    const agent = cluster.agents[0];
    expect(state).toMatchObject({
      pid: `master@127.0.0.1:${cluster.masterPort}`, leader: `master@127.0.0.1:${cluster.masterPort}`, hostname: '127.0.0.1',
      activated_slaves: 1, deactivated_slaves: 0, orphan_tasks: [], unregistered_frameworks: [],
      leader_info: { port: cluster.masterPort, hostname: '127.0.0.1', ip: 16777343, address: { ip: '127.0.0.1', port: cluster.masterPort } },
      flags: { ip: '127.0.0.1', registry: 'in_memory', authenticate_http_readonly: 'false' },
    });
    expect(typeof state.id).toBe('string');
    expect(typeof state.version).toBe('string');
    expect(typeof state.start_time).toBe('number');
    const [slave] = state.slaves as Json[];
    expect(slave).toMatchObject({
      id: agent.agentId, pid: `slave(1)@127.0.0.1:${agent.port}`, hostname: '127.0.0.1', port: agent.port, active: true,
      resources: { cpus: 2, gpus: 0, mem: 2048, disk: 8192, ports: '[31000-31999]' },
      used_resources: { cpus: expect.any(Number) as number }, offered_resources: expect.any(Object) as object,
      reserved_resources: {}, unreserved_resources: { cpus: 2 }, attributes: {},
    });
    const fw = (state.frameworks as Json[]).find((f) => f.id === runningFramework)!;
    expect(fw).toMatchObject({ active: true, connected: true, recovered: false, role: '*', unreachable_tasks: [], executors: [] });
    const [task] = fw.tasks as Json[];
    expect(task).toMatchObject({
      id: runningId, framework_id: runningFramework, slave_id: agent.agentId, executor_id: '', state: 'TASK_RUNNING', role: '*',
      resources: { cpus: expect.any(Number) as number, mem: expect.any(Number) as number, gpus: 0, disk: 0 },
    });
    const statuses = task.statuses as Json[];
    expect(statuses.map((s) => s.state)).toContain('TASK_RUNNING');
    expect(statuses.find((s) => s.state === 'TASK_RUNNING')).toMatchObject({
      timestamp: expect.any(Number) as number,
      container_status: { network_infos: [{ ip_addresses: [{ ip_address: '127.0.0.1' }] }] },
    });
    // The finished task's framework ended with its run: a completed framework holding a completed task.
    const done = [...(state.frameworks as Json[]), ...(state.completed_frameworks as Json[])]
      .flatMap((f) => f.completed_tasks as Json[])
      .find((t) => t.id === finishedId);
    expect(done).toMatchObject({ state: 'TASK_FINISHED', slave_id: agent.agentId });
    // The aliases serve the same document; our own /state keeps its shape.
    for (const alias of ['/state.json', '/master/state.json']) {
      const other = await getJson(cluster.masterAddress, alias);
      expect(Object.keys(other).sort()).toEqual(Object.keys(state).sort());
    }
    const ours = await getJson(cluster.masterAddress, '/state');
    expect(ours.agents).toBeDefined();
    expect(ours.slaves).toBeUndefined();
  });

  it('/master/state-summary, /master/slaves, /master/frameworks, /master/tasks', async () => {
    const agentId = cluster.agents[0].agentId;
    const summary = await getJson(cluster.masterAddress, '/master/state-summary');
    expect((summary.slaves as Json[])[0]).toMatchObject({ id: agentId, TASK_RUNNING: 1, TASK_FINISHED: expect.any(Number) as number });
    expect((summary.frameworks as Json[]).find((f) => f.id === runningFramework)).toMatchObject({ TASK_RUNNING: 1, slave_ids: [agentId] });

    expect(await getJson(cluster.masterAddress, '/master/slaves')).toMatchObject({ slaves: [{ id: agentId, active: true }], recovered_slaves: [] });
    const one = await getJson(cluster.masterAddress, `/master/frameworks?framework_id=${runningFramework}`);
    expect((one.frameworks as Json[]).map((f) => f.id)).toEqual([runningFramework]);
    expect(await getJson(cluster.masterAddress, '/master/frameworks?framework_id=nope')).toEqual({ frameworks: [], completed_frameworks: [], unregistered_frameworks: [] });

    const all = (await getJson(cluster.masterAddress, '/master/tasks')).tasks as Json[];
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([runningId, finishedId]));
    const newest = (await getJson(cluster.masterAddress, '/master/tasks?limit=1')).tasks as Json[];
    const oldest = (await getJson(cluster.masterAddress, '/master/tasks?limit=1&order=asc')).tasks as Json[];
    expect([newest[0].id, oldest[0].id]).toEqual([runningId, finishedId]);
    expect((await getJson(cluster.masterAddress, `/master/tasks?task_id=${finishedId}`)).tasks).toMatchObject([{ id: finishedId, state: 'TASK_FINISHED' }]);
    for (const [query, message] of [
      ['limit=-1', 'limit: "-1" is not a whole number'],
      ['offset=x', 'offset: "x" is not a whole number'],
      ['order=up', 'order: "up" must be "asc" or "des"'],
    ]) {
      const bad = await httpGet(cluster.masterAddress, `/master/tasks?${query}`);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error).toContain(message);
    }
  });

  it('/master/redirect: the leader redirects to itself as //host:port', async () => {
    for (const path of ['/master/redirect', '/redirect']) {
      const answer = await httpGet(cluster.masterAddress, path);
      expect(answer.status).toBe(307);
      expect(answer.headers.location).toBe(`//127.0.0.1:${cluster.masterPort}`);
    }
  });

  it('/metrics/snapshot on the master: Mesos names, values that moved when the task started', async () => {
    const now = await getJson(cluster.masterAddress, '/metrics/snapshot');
    expect(before).toMatchObject({ 'master/elected': 1, 'master/tasks_running': 0, 'master/slaves_active': 1, 'master/cpus_total': 2, 'master/cpus_used': 0 });
    expect(now).toMatchObject({ 'master/elected': 1, 'master/tasks_running': 1, 'master/tasks_finished': 1, 'master/slaves_active': 1, 'master/frameworks_active': 1 });
    expect(now['master/cpus_used'] as number).toBeGreaterThan(0);
    expect(now['master/cpus_percent']).toBeCloseTo((now['master/cpus_used'] as number) / 2);
    expect(now['master/uptime_secs'] as number).toBeGreaterThan(0);
    expect(now['master/messages_launch_tasks'] as number).toBeGreaterThanOrEqual(2);
    for (const value of Object.values(now)) expect(typeof value).toBe('number');
  });

  it("the agent's /state (and aliases) in Mesos's shape, with our fields beside; its /metrics/snapshot", async () => {
    const agent = cluster.agents[0];
    const state = await getJson(agent.address, '/state');
    expect(state).toMatchObject({
      id: agent.agentId, pid: `slave(1)@127.0.0.1:${agent.port}`, hostname: '127.0.0.1', master_hostname: '127.0.0.1',
      resources: { cpus: 2, mem: 2048, disk: 8192, gpus: 0, ports: '[31000-31999]' }, flags: { work_dir: agent.workDir, port: '0' },
      registered: true, work_dir: agent.workDir,
    });
    const fw = (state.frameworks as Json[]).find((f) => f.id === runningFramework)!;
    const executor = (fw.executors as Json[]).find((e) => e.id === runningId)!;
    expect(executor).toMatchObject({ type: 'COMMAND', source: runningId, tasks: [{ id: runningId, state: 'TASK_RUNNING', slave_id: agent.agentId }] });
    expect(executor.directory).toMatch(new RegExp(`^${agent.workDir}/frameworks/${runningFramework}/tasks/${runningId}/runs/`));
    expect((state.tasks as Json[]).map((t) => t.id)).toContain(runningId); // our field
    for (const alias of ['/state.json', '/slave(1)/state']) expect((await getJson(agent.address, alias)).pid).toBe(state.pid);

    const metrics = await getJson(agent.address, '/metrics/snapshot');
    expect(metrics).toMatchObject({ 'slave/registered': 1, 'slave/tasks_running': 1, 'slave/executors_running': 1, 'slave/cpus_total': 2, 'slave/tasks_finished': 1, 'slave/tasks_failed': 0 });
    expect(metrics['slave/cpus_used'] as number).toBeGreaterThan(0);
  });

  describe('/files on the agent, by Mesos virtual path and by directory', () => {
    const virtual = (rest = '') => `/frameworks/${runningFramework}/executors/${runningId}/runs/latest${rest}`;
    const files = (op: string, query: Record<string, string>) => `/files/${op}?${new URLSearchParams(query)}`;

    it('browse: Mesos fields, paths under the virtual path, links leading out not listed', async () => {
      const agent = cluster.agents[0];
      await waitFor(async () => (await httpGet(agent.address, files('read', { path: virtual('/sub/file') }))).status === 200, 10_000, 'the task to write its files');
      const listing = (await httpGet(agent.address, files('browse', { path: virtual() })));
      expect(listing.status).toBe(200);
      const entries = JSON.parse(listing.body) as Json[];
      const byName = new Map(entries.map((e) => [e.name, e]));
      expect(byName.get('stdout')).toMatchObject({ path: virtual('/stdout'), nlink: 1, mode: expect.stringMatching(/^-[rwx-]{9}$/) as string, uid: expect.any(String) as string, gid: expect.any(String) as string, size: expect.any(Number) as number, mtime: expect.any(Number) as number });
      expect(byName.get('sub')).toMatchObject({ mode: expect.stringMatching(/^d/) as string });
      expect(byName.has('leak')).toBe(false); // leads to /etc/passwd
      expect(byName.get('up')).toMatchObject({ mode: expect.stringMatching(/^d/) as string }); // a link that stays inside the sandboxes is shown
    });

    it('read: {data, offset}; offset=-1 gives the size; through the directory path too', async () => {
      const agent = cluster.agents[0];
      const read = await getJson(agent.address, files('read', { path: virtual('/stdout') }));
      expect(read).toEqual({ data: expect.stringContaining('hello-sandbox') as string, offset: 0 });
      const size = await getJson(agent.address, files('read', { path: virtual('/stdout'), offset: '-1' }));
      expect(size.data).toBe('');
      expect(size.offset).toBe(Buffer.byteLength(read.data as string));
      const part = await getJson(agent.address, files('read', { path: virtual('/stdout'), offset: '6', length: '7' }));
      expect(part).toEqual({ data: 'sandbox', offset: 6 });
      const state = await getJson(agent.address, '/state');
      const directory = ((state.frameworks as Json[]).find((f) => f.id === runningFramework)!.executors as Json[]).find((e) => e.id === runningId)!.directory as string;
      expect((await getJson(agent.address, files('read', { path: `${directory}/sub/file` }))).data).toBe('inner\n');
      const browsed = JSON.parse((await httpGet(agent.address, files('browse', { path: directory }))).body) as Json[];
      expect(browsed.find((e) => e.name === 'stdout')?.path).toBe(`${directory}/stdout`);
    });

    it('download: the bytes as an attachment; a folder is refused', async () => {
      const agent = cluster.agents[0];
      const answer = await httpGetBytes(agent.address, files('download', { path: virtual('/sub/file') }));
      expect(answer.status).toBe(200);
      expect(answer.headers['content-disposition']).toBe('attachment; filename="file"');
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.body.toString()).toBe('inner\n');
      const folder = await httpGet(agent.address, files('download', { path: virtual('/sub') }));
      expect(folder.status).toBe(400);
      expect(JSON.parse(folder.body).error).toContain('is a directory');
    });

    it.each<[string, () => string, number, string]>([
      ['a link to /etc/passwd', () => files('read', { path: virtual('/leak') }), 403, 'leads outside the sandbox'],
      ['a link to /etc/passwd, downloaded', () => files('download', { path: virtual('/leak') }), 403, 'leads outside the sandbox'],
      ['".." out of the virtual path', () => files('read', { path: virtual('/../../../../../../../../etc/passwd') }), 403, 'must not contain ".."'],
      ['".." in browse', () => files('browse', { path: `/frameworks/${runningFramework}/executors/..` }), 403, 'must not contain ".."'],
      ['an absolute path outside the work dir', () => files('read', { path: '/etc/passwd' }), 403, 'outside'],
      ['no path', () => '/files/read', 400, 'path: required'],
      ['two paths', () => `/files/browse?path=${encodeURIComponent(virtual())}&path=x`, 400, 'path: given 2 times'],
      ['offset not a number', () => files('read', { path: virtual('/stdout'), offset: 'abc' }), 400, 'offset: "abc" is not a whole number'],
      ['a negative length', () => files('read', { path: virtual('/stdout'), length: '-5' }), 400, 'length: "-5" must not be negative'],
      ['an unknown executor', () => files('read', { path: `/frameworks/${runningFramework}/executors/nobody/runs/latest/stdout` }), 404, 'does not exist'],
    ])('refused: %s', async (_name, target, status, message) => {
      const answer = await httpGet(cluster.agents[0].address, target());
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body).error).toContain(message);
    });
  });

  describe('/files on the master: virtual paths relayed to the agent that holds them', () => {
    const virtual = (rest = '') => `/frameworks/${runningFramework}/executors/${runningId}/runs/latest${rest}`;

    it('browse and read relayed; download redirected to the agent', async () => {
      const read = await getJson(cluster.masterAddress, `/files/read?${new URLSearchParams({ path: virtual('/stdout') })}`);
      expect(read.data).toContain('hello-sandbox');
      const listing = JSON.parse((await httpGet(cluster.masterAddress, `/files/browse?${new URLSearchParams({ path: virtual() })}`)).body) as Json[];
      expect(listing.map((e) => e.name)).toEqual(expect.arrayContaining(['stdout', 'stderr', 'sub']));
      const download = await httpGet(cluster.masterAddress, `/files/download?${new URLSearchParams({ path: virtual('/stdout') })}`);
      expect(download.status).toBe(307);
      expect(download.headers.location).toBe(`http://127.0.0.1:${cluster.agents[0].port}/files/download?${new URLSearchParams({ path: virtual('/stdout') })}`);
      // The finished task's sandbox, found through the completed framework.
      const finishedFramework = ((await getJson(cluster.masterAddress, `/master/tasks?task_id=${finishedId}`)).tasks as Json[])[0].framework_id as string;
      const old = await getJson(cluster.masterAddress, `/files/read?${new URLSearchParams({ path: `/frameworks/${finishedFramework}/executors/${finishedId}/runs/latest/stdout` })}`);
      expect(old.data).toContain('finished-output');
    });

    it.each<[string, string, number, string]>([
      ['a path that is not a virtual sandbox path', '/var/lib/x', 404, 'the master serves Mesos\'s virtual sandbox paths'],
      ['an unknown framework', '/frameworks/nope/executors/x/runs/latest', 404, 'no framework nope'],
      ['".." through the relay', '/frameworks/FW/executors/TASK/runs/latest/../../../../../../etc/passwd', 403, 'must not contain ".."'],
    ])('refused: %s', async (_name, pathText, status, message) => {
      const p = pathText.replace('FW', runningFramework).replace('TASK', runningId);
      const answer = await httpGet(cluster.masterAddress, `/files/read?${new URLSearchParams({ path: p })}`);
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body).error).toContain(message);
    });
  });
});

describe('the files relay calls the host an agent\'s link comes from, not the host name it declares', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    // `.invalid` never resolves (RFC 6761): were the declared name called, the lookup would fail.
    cluster = await startCluster({ name: 'mesos-endpoints-decoy', agents: 1, agentFlags: ['--hostname', 'decoy.invalid'] });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('reaches the agent at 127.0.0.1 (its answer, not a failed lookup of decoy.invalid)', async () => {
    const agent = cluster.agents[0];
    const state = await getJson(cluster.masterAddress, '/master/slaves');
    expect((state.slaves as Json[])[0]).toMatchObject({ hostname: 'decoy.invalid', pid: `slave(1)@127.0.0.1:${agent.port}` });
    const answer = await httpGet(cluster.masterAddress, `/api/v1/agents/${agent.agentId}/files/browse?path=frameworks`);
    expect(answer.body).not.toContain('ENOTFOUND');
    expect(answer.body).not.toContain('could not be reached');
    expect([200, 404]).toContain(answer.status); // the agent's own answer (no sandbox yet: 404 from the agent)
  });
});

describe('a standby master: /master/redirect and /metrics/snapshot (two masters on ZooKeeper)', () => {
  let zk: ZooKeeperServer;
  let cluster: Cluster;

  beforeAll(async () => {
    zk = await startZooKeeper();
    cluster = await startCluster({ name: 'mesos-endpoints-ha', zk: zk.url('/meseta-endpoints'), masters: 2, agents: 1, masterFlags: ['--zk-session-timeout', '2s'] });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await zk?.stop();
  });

  it('redirects to the leader as //host:port; its snapshot says it is not elected; other endpoints redirect with their path', async () => {
    const leader = await waitFor(() => cluster.leader(), 20_000, 'a leading master');
    const standby = cluster.masters.find((m) => m !== leader)!;
    await waitFor(async () => (await httpGet(standby.address, '/master/redirect')).status === 307, 20_000, 'the standby to know the leader');
    for (const path of ['/master/redirect', '/redirect']) {
      const answer = await httpGet(standby.address, path);
      expect(answer.status).toBe(307);
      expect(answer.headers.location).toBe(`//127.0.0.1:${leader!.port}`);
    }
    expect((await httpGet(leader!.address, '/master/redirect')).headers.location).toBe(`//127.0.0.1:${leader!.port}`);
    const standbyMetrics = await getJson(standby.address, '/metrics/snapshot');
    expect(standbyMetrics).toMatchObject({ 'master/elected': 0 });
    expect(standbyMetrics['master/tasks_running']).toBeUndefined();
    expect(await getJson(leader!.address, '/metrics/snapshot')).toMatchObject({ 'master/elected': 1, 'master/slaves_active': 1 });
    const state = await httpGet(standby.address, '/master/state');
    expect(state.status).toBe(307);
    expect(state.headers.location).toBe(`http://127.0.0.1:${leader!.port}/master/state`);
  });
});
