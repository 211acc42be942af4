/**
 * Custom executors and the executor HTTP API, with a real master and a real
 * agent (in-process, over real sockets on 127.0.0.1) and an executor that
 * speaks raw HTTP (`test/fixtures/raw-http-executor.js`, node:http only):
 *
 * - a task naming the executor: the agent starts it, it SUBSCRIBEs, gets
 *   LAUNCH, and TASK_RUNNING then TASK_FINISHED reach the scheduler; the
 *   acknowledgements come back to it as ACKNOWLEDGED;
 * - a second task goes to the same (running) executor; KILL reaches it;
 * - framework messages both ways;
 * - calls refused with a clear 4xx (no token, another's token, unknown
 *   executor, malformed), the agent fine afterwards;
 * - an executor that never subscribes: its task fails with
 *   REASON_EXECUTOR_REGISTRATION_TIMEOUT, the executor's process is gone;
 * - the executor's resources count on the agent while it runs;
 * - tearing the framework down sends SHUTDOWN and the executor exits.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchedulerDriver, type FrameworkMessage } from '@meseta/sdk';
import type { ExecutorInfo, Offer, TaskInfo, TaskStatus, v1 } from '@meseta/proto/wire';
import { RecordIoDecoder } from '@meseta/proto/recordio';
import { pb } from '@meseta/proto/wire';
import { createLogger, silentLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { startAgent, type RunningAgent } from '../../agent/index';
import { waitFor } from '../harness/wait-for';
import { processAlive } from '../harness/process-alive';

const FIXTURE = path.resolve(__dirname, '../fixtures/raw-http-executor.js');

let dir: string;
let master: RunningMaster;
let agent: RunningAgent;
let driver: SchedulerDriver;
let frameworkId: string;
const agentLog: string[] = [];
const masterLog: string[] = [];
const offers: Offer[] = [];
const used = new Set<string>();
const updates: TaskStatus[] = [];
const messages: FrameworkMessage[] = [];

const stateName = (s: TaskStatus): string => pb.TaskState[s.state ?? 0];
const states = (taskId: string): string[] => updates.filter((u) => u.task_id?.value === taskId).map(stateName);

function waitState(taskId: string, state: string, timeoutMs = 20_000): Promise<TaskStatus> {
  return waitFor(() => updates.find((u) => u.task_id?.value === taskId && stateName(u) === state), timeoutMs, `task ${taskId} to reach ${state} (saw ${states(taskId).join(', ') || 'nothing'})`);
}

/** Every open offer (one agent here), marked used: a launch takes them all, so a task and its executor fit whatever the split. */
async function takeOffers(): Promise<Offer[]> {
  await waitFor(() => offers.find((o) => !used.has(o.id!.value!)), 20_000, 'an offer');
  const open = offers.filter((o) => !used.has(o.id!.value!));
  for (const o of open) used.add(o.id!.value!);
  return open;
}

function executorInfo(id: string, command: string): ExecutorInfo {
  return {
    type: pb.ExecutorInfo.Type.CUSTOM,
    executor_id: { value: id },
    name: `test executor ${id}`,
    command: { value: command },
    resources: [
      { name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 0.1 } },
      { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 32 } },
    ],
  };
}

function task(id: string, executor: ExecutorInfo, data: string, agentId: string): TaskInfo {
  return {
    name: id,
    task_id: { value: id },
    agent_id: { value: agentId },
    executor,
    data: Buffer.from(data),
    resources: [
      { name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 0.1 } },
      { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 16 } },
    ],
  };
}

async function launch(t: TaskInfo): Promise<void> {
  const open = await takeOffers();
  t.agent_id = open[0].agent_id;
  await driver.launch(open.map((o) => o.id!.value!), [t], { refuseSeconds: 0 });
}

function agentState(): Promise<{ executors?: unknown; used_resources?: { cpus?: number; mem?: number } } & Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: agent.port, path: '/state' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

/** A raw call to the executor API. */
function executorCall(body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: string; contentType?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: agent.port, method: 'POST', path: '/api/v1/executor', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, contentType: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Pids of processes the agent started for this executor (any command). */
function executorPidsNamed(executorId: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`MESOS_EXECUTOR_ID=${executorId}`)) out.push(Number(entry));
    } catch {
      // not ours, or gone
    }
  }
  return out;
}

/** The environment the agent gave an executor, read from its /proc (the test runs as the agent's user). */
function environmentOf(pid: number): Record<string, string> {
  const raw = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(raw.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** Pids of processes whose command line names the fixture (started by this test's agent: their cwd is under `dir`). */
function executorPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cwd.startsWith(dir) && cmdline.includes('raw-http-executor.js') && !cmdline.startsWith('/bin/sh')) out.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

beforeAll(async () => {
  if (!fs.existsSync(FIXTURE)) throw new Error(`the executor fixture ${FIXTURE} is missing`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-executor-http-'));
  master = await startMaster({ port: 0, logger: createLogger('master', 'debug', (l) => masterLog.push(l)) });
  fs.mkdirSync(path.join(dir, 'agent'));
  agent = await startAgent({
    master: master.address,
    port: 0,
    workDir: path.join(dir, 'agent'),
    resources: 'cpus:2;mem:512;disk:512',
    checkpoint: false,
    executorRegistrationTimeoutSeconds: 2,
    executorShutdownGraceSeconds: 5,
    logger: createLogger('agent', 'debug', (l) => agentLog.push(l)),
  });
  await agent.registered();
  driver = new SchedulerDriver({
    master: master.address,
    logger: silentLogger,
    framework: { name: 'executor-http-test', user: os.userInfo().username },
    handlers: {
      offers: (o) => {
        offers.push(...o);
      },
      rescind: (id) => {
        used.add(id);
      },
      update: (status) => {
        updates.push(status);
      },
      message: (m) => {
        messages.push(m);
      },
    },
  });
  frameworkId = await driver.start();
}, 60_000);

afterAll(async () => {
  await driver?.stop().catch(() => undefined);
  await agent?.stop();
  await master?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.MESETA_TEST_DEBUG) console.log([...agentLog, ...masterLog].join('\n'));
}, 60_000);

describe('a custom executor over the executor HTTP API', () => {
  const executor = executorInfo('raw-exec', `exec ${process.execPath} ${FIXTURE}`);

  it('is started by the agent, subscribes, runs a task to TASK_FINISHED and hears the acknowledgements', async () => {
    await launch(task('t-finish', executor, 'finish', ''));
    const running = await waitState('t-finish', 'TASK_RUNNING');
    expect(running.source).toBe(pb.TaskStatus.Source.SOURCE_EXECUTOR);
    expect(running.executor_id?.value).toBe('raw-exec');
    const finished = await waitState('t-finish', 'TASK_FINISHED');
    expect(finished.message).toBe('done');
    expect(states('t-finish')).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);

    const pids = await waitFor(() => (executorPids().length > 0 ? executorPids() : undefined), 10_000, 'the executor process');
    const env = environmentOf(pids[0]);
    expect(env.MESOS_AGENT_ENDPOINT).toBe(`127.0.0.1:${agent.port}`);
    expect(env.MESOS_EXECUTOR_ID).toBe('raw-exec');
    expect(env.MESOS_FRAMEWORK_ID).toBe(frameworkId);
    expect(env.MESOS_DIRECTORY).toBe(env.MESOS_SANDBOX);
    expect(env.MESOS_SANDBOX).toContain(`/executors/raw-exec/runs/`);
    expect(env.MESOS_CHECKPOINT).toBe('0');
    expect(env.MESOS_RECOVERY_TIMEOUT).toBe('15mins');
    expect(env.MESOS_SUBSCRIPTION_BACKOFF_MAX).toBe('2secs');
    expect(env.MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD).toBe('5secs');
    expect(env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN?.length).toBeGreaterThan(20);

    // The SDK acknowledges both updates; each comes back to the executor as ACKNOWLEDGED.
    const stdout = path.join(env.MESOS_SANDBOX, 'stdout');
    await waitFor(() => fs.readFileSync(stdout, 'utf8').split('\n').filter((l) => l.includes('"acknowledged"')).length === 2, 20_000, 'two ACKNOWLEDGED events in the executor');
  }, 60_000);

  it('counts the executor\'s resources with its tasks on the agent', async () => {
    await launch(task('t-run', executor, 'run', ''));
    await waitState('t-run', 'TASK_RUNNING');
    const state = await agentState();
    const used = state.used_resources as { cpus?: number; mem?: number } | undefined;
    // One running task (0.1 cpus, 16 MB) and its executor (0.1 cpus, 32 MB).
    expect(used?.mem).toBeCloseTo(48);
    expect(used?.cpus).toBeCloseTo(0.2);
  }, 60_000);

  it('hands a later task to the same running executor (one process) and passes KILL to it', async () => {
    expect(executorPids()).toHaveLength(1);
    await driver.kill('t-run');
    const killed = await waitState('t-run', 'TASK_KILLED');
    expect(killed.message).toBe('killed by the executor');
    expect(killed.source).toBe(pb.TaskStatus.Source.SOURCE_EXECUTOR);
  }, 60_000);

  it('carries framework messages both ways', async () => {
    const agentId = updates.find((u) => u.task_id?.value === 't-finish')!.agent_id!.value!;
    await driver.message(agentId, 'raw-exec', Buffer.from('ping:42'));
    const pong = await waitFor(() => messages.find((m) => Buffer.from(m.data).toString() === 'pong:42'), 20_000, 'the executor\'s answer');
    expect(pong.executorId).toBe('raw-exec');
    expect(pong.agentId).toBe(agentId);
  }, 60_000);

  it('refuses bad calls with a 4xx naming the problem, and the agent goes on', async () => {
    const env = environmentOf(executorPids()[0]);
    const ids = { framework_id: { value: env.MESOS_FRAMEWORK_ID }, executor_id: { value: 'raw-exec' } };
    const json = { 'content-type': 'application/json' };
    const authorized = { ...json, authorization: `Bearer ${env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN}` };

    const noToken = await executorCall(JSON.stringify({ ...ids, type: 'MESSAGE', message: { data: 'eA==' } }), json);
    expect(noToken.status).toBe(401);
    expect(noToken.body).toMatch(/Authorization: Bearer/);

    const wrongToken = await executorCall(JSON.stringify({ ...ids, type: 'MESSAGE', message: { data: 'eA==' } }), { ...json, authorization: 'Bearer not-a-token' });
    expect(wrongToken.status).toBe(401);

    const unknown = await executorCall(JSON.stringify({ ...ids, executor_id: { value: 'nobody' }, type: 'MESSAGE', message: { data: 'eA==' } }), authorized);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatch(/executor "nobody"/);

    const noType = await executorCall(JSON.stringify({ ...ids }), authorized);
    expect(noType.status).toBe(400);
    expect(noType.body).toMatch(/^type: required/);

    const badUuid = await executorCall(JSON.stringify({ ...ids, type: 'UPDATE', update: { status: { task_id: { value: 't-run' }, state: 'TASK_RUNNING', uuid: 'AAE=' } } }), authorized);
    expect(badUuid.status).toBe(400);
    expect(badUuid.body).toMatch(/update\.status\.uuid: required, 16 bytes \(got 2\)/);

    const notJson = await executorCall('{"type": ', authorized);
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatch(/not JSON/);

    const badEnum = await executorCall(JSON.stringify({ ...ids, type: 'SUBSCRIBEE' }), authorized);
    expect(badEnum.status).toBe(400);
    expect(badEnum.body).toMatch(/type/);

    const noContentType = await executorCall(JSON.stringify({ ...ids, type: 'HEARTBEAT' }), { authorization: authorized.authorization });
    expect(noContentType.status).toBe(415);

    const otherTask = await executorCall(JSON.stringify({ ...ids, type: 'UPDATE', update: { status: { task_id: { value: 'not-mine' }, state: 'TASK_RUNNING', uuid: Buffer.alloc(16, 1).toString('base64') } } }), authorized);
    expect(otherTask.status).toBe(400);
    expect(otherTask.body).toMatch(/task "not-mine" is not a task of executor "raw-exec"/);

    const heartbeat = await executorCall(JSON.stringify({ ...ids, type: 'HEARTBEAT' }), authorized);
    expect(heartbeat.status).toBe(202);

    const protobuf = await executorCall(Buffer.from(pb.executor.Call.encode({ ...ids, type: pb.executor.Call.Type.HEARTBEAT }).finish()), { ...authorized, 'content-type': 'application/x-protobuf' });
    expect(protobuf.status).toBe(202);

    const get = await new Promise<number>((resolve, reject) => http.get({ host: '127.0.0.1', port: agent.port, path: '/api/v1/executor' }, (res) => resolve(res.statusCode ?? 0)).on('error', reject));
    expect(get).toBe(405);

    // The agent and the executor go on: a new task runs to its end.
    await launch(task('t-after', executor, 'finish', ''));
    await waitState('t-after', 'TASK_FINISHED');
  }, 60_000);

  it('fails the task of an executor that never subscribes, naming the timeout, and removes the executor', async () => {
    const silent = executorInfo('silent-exec', 'exec sleep 600');
    await launch(task('t-silent', silent, 'finish', ''));
    const failed = await waitState('t-silent', 'TASK_FAILED', 30_000);
    expect(failed.reason).toBe(pb.TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
    expect(failed.message).toMatch(/executor "silent-exec" did not subscribe within 2 s/);
    expect(states('t-silent')).toEqual(['TASK_FAILED']);
  }, 60_000);

  it('gives the executors\' resources back to the master once each, when they end (offers add up to what is free)', async () => {
    // Free now: the agent's 2 cpus / 512 MB less the one executor still running (0.1 / 32). Each launch for that
    // executor paid for it once (the first); the silent one's share came back when it was destroyed.
    const openSum = (name: string): number =>
      offers.filter((o) => !used.has(o.id!.value!)).flatMap((o) => o.resources ?? []).filter((r) => r.name === name).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
    await waitFor(() => Math.abs(openSum('mem') - 480) < 0.001 && Math.abs(openSum('cpus') - 1.9) < 0.001, 20_000, `open offers to hold 1.9 cpus / 480 MB (hold ${openSum('cpus')} / ${openSum('mem')})`);
  }, 60_000);

  it('fetches the executor\'s command.uris into its sandbox before starting it; an executor that exits frees its resources', async () => {
    const server = http.createServer((req, res) => {
      if (req.url !== '/executor.js') return void res.writeHead(404).end('no such file');
      res.writeHead(200, { 'content-type': 'application/javascript' });
      fs.createReadStream(FIXTURE).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const fetched: ExecutorInfo = {
        ...executorInfo('fetched-exec', `exec ${process.execPath} executor.js`),
        command: { value: `exec ${process.execPath} executor.js`, uris: [{ value: `http://127.0.0.1:${port}/executor.js` }] },
      };
      await launch(task('t-fetched', fetched, 'finish-exit', ''));
      await waitState('t-fetched', 'TASK_FINISHED');
      await waitFor(() => (agentLog.some((l) => l.includes('executor ended') && l.includes('fetched-exec')) ? true : undefined), 20_000, 'the fetched executor to exit');
      expect(agentLog.join('\n')).toMatch(/executor ended .*executor_id=fetched-exec message="executor \\"fetched-exec\\" exited: Command exited with status 0"/);

      const missing: ExecutorInfo = { ...fetched, executor_id: { value: 'missing-exec' }, command: { value: 'exec true', uris: [{ value: `http://127.0.0.1:${port}/nothing.js` }] } };
      await launch(task('t-missing', missing, 'finish', ''));
      const failed = await waitState('t-missing', 'TASK_FAILED');
      expect(failed.reason).toBe(pb.TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
      expect(failed.message).toContain(`executor "missing-exec" failed to start`);
      expect(failed.message).toContain('nothing.js');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Both executors' resources came back: the free total is as before.
    const openSum = (name: string): number =>
      offers.filter((o) => !used.has(o.id!.value!)).flatMap((o) => o.resources ?? []).filter((r) => r.name === name).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
    await waitFor(() => Math.abs(openSum('mem') - 480) < 0.001, 20_000, `open offers to hold 480 MB again (hold ${openSum('mem')})`);
  }, 60_000);

  it('speaks protobuf too: a SUBSCRIBE asking for application/recordio gets protobuf records, UPDATEs in protobuf are taken', async () => {
    // The agent starts a program that never calls; the test speaks for it with its token, in protobuf.
    await launch(task('t-proto', executorInfo('proto-exec', 'exec sleep 600'), 'anything', ''));
    const pid = await waitFor(() => {
      for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
        try {
          if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes('MESOS_EXECUTOR_ID=proto-exec')) return Number(entry);
        } catch {
          // not ours, or gone
        }
      }
      return undefined;
    }, 10_000, 'the proto-exec process');
    const env = environmentOf(pid);
    const ids = { framework_id: { value: env.MESOS_FRAMEWORK_ID }, executor_id: { value: 'proto-exec' } };
    const headers = { 'content-type': 'application/x-protobuf', authorization: `Bearer ${env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN}` };
    const events: v1.executor.Event[] = [];
    const decoder = new RecordIoDecoder();
    let contentType: Record<string, string | string[] | undefined> = {};
    const req = http.request({ host: '127.0.0.1', port: agent.port, method: 'POST', path: '/api/v1/executor', headers: { ...headers, accept: 'application/recordio', 'message-accept': 'application/x-protobuf' } }, (res) => {
      contentType = { status: String(res.statusCode), type: res.headers['content-type'], message: res.headers['message-content-type'] };
      res.on('data', (chunk: Buffer) => {
        for (const record of decoder.push(chunk)) events.push(pb.executor.Event.decode(record));
      });
    });
    req.end(Buffer.from(pb.executor.Call.encode({ ...ids, type: pb.executor.Call.Type.SUBSCRIBE, subscribe: {} }).finish()));
    try {
      await waitFor(() => events.length >= 2, 10_000, 'SUBSCRIBED and LAUNCH in protobuf');
      expect(contentType).toEqual({ status: '200', type: 'application/recordio', message: 'application/x-protobuf' });
      expect(events.map((e) => e.type)).toEqual([pb.executor.Event.Type.SUBSCRIBED, pb.executor.Event.Type.LAUNCH]);
      expect(events[0].subscribed?.executor_info?.executor_id?.value).toBe('proto-exec');
      expect(events[1].launch?.task?.task_id?.value).toBe('t-proto');
      for (const state of [pb.TaskState.TASK_RUNNING, pb.TaskState.TASK_FINISHED]) {
        const uuid = new Uint8Array(16).map(() => Math.floor(Math.random() * 256));
        const body = Buffer.from(pb.executor.Call.encode({ ...ids, type: pb.executor.Call.Type.UPDATE, update: { status: { task_id: { value: 't-proto' }, state, uuid } } }).finish());
        expect((await executorCall(body, headers)).status).toBe(202);
      }
      await waitState('t-proto', 'TASK_FINISHED');
      await waitFor(() => events.filter((e) => e.type === pb.executor.Event.Type.ACKNOWLEDGED).length === 2, 20_000, 'two ACKNOWLEDGED events in protobuf');
    } finally {
      req.destroy();
    }
    // Its stream is gone and it does not subscribe again: destroyed after the registration timeout.
    await waitFor(() => (agentLog.some((l) => l.includes('executor ended') && l.includes('proto-exec') && l.includes('did not subscribe again')) ? true : undefined), 20_000, 'proto-exec to be destroyed');
  }, 60_000);

  it('ends a task an executor subscribes again without knowing (it never received it), naming why', async () => {
    await launch(task('t-unknown', executorInfo('forgetful-exec', 'exec sleep 600'), 'anything', ''));
    const pid = await waitFor(() => executorPidsNamed('forgetful-exec')[0], 10_000, 'the forgetful-exec process');
    const env = environmentOf(pid);
    const ids = { framework_id: { value: env.MESOS_FRAMEWORK_ID }, executor_id: { value: 'forgetful-exec' } };
    const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN}` };
    const subscribe = (): Promise<{ records: string[]; close: () => void }> =>
      new Promise((resolve, reject) => {
        const records: string[] = [];
        const req = http.request({ host: '127.0.0.1', port: agent.port, method: 'POST', path: '/api/v1/executor', headers }, (res) => {
          const decoder = new RecordIoDecoder();
          res.on('data', (chunk: Buffer) => records.push(...decoder.push(chunk).map((r) => r.toString())));
          res.on('error', () => undefined);
          resolve({ records, close: () => req.destroy() });
        });
        req.on('error', reject);
        req.end(JSON.stringify({ ...ids, type: 'SUBSCRIBE', subscribe: {} }));
      });
    const first = await subscribe();
    await waitFor(() => first.records.some((r) => r.includes('"LAUNCH"')), 10_000, 'the LAUNCH');
    first.close(); // it "loses" the task: no update, and it will not list it
    await waitFor(() => (agentLog.some((l) => l.includes('executor disconnected') && l.includes('forgetful-exec')) ? true : undefined), 10_000, 'the agent to see the stream go');
    const second = await subscribe();
    // TASK_DROPPED for a partition-aware framework (the SDK's), else TASK_LOST.
    const lost = await waitFor(() => updates.find((u) => u.task_id?.value === 't-unknown' && ['TASK_LOST', 'TASK_DROPPED'].includes(stateName(u))), 20_000, 't-unknown to be lost');
    expect(lost.reason).toBe(pb.TaskStatus.Reason.REASON_TASK_UNKNOWN);
    expect(lost.message).toBe('executor "forgetful-exec" subscribed again without knowing the task: it never received it');
    second.close();
    await waitFor(() => (agentLog.some((l) => l.includes('executor ended') && l.includes('forgetful-exec')) ? true : undefined), 20_000, 'forgetful-exec to be destroyed');
  }, 60_000);

  it('passes a scheduler\'s SHUTDOWN call to the executor: SHUTDOWN event, its task TASK_KILLED, the process gone', async () => {
    await launch(task('t-shut', executorInfo('shut-exec', `exec ${process.execPath} ${FIXTURE}`), 'run', ''));
    const running = await waitState('t-shut', 'TASK_RUNNING');
    const pid = await waitFor(() => executorPids().find((p) => environmentOf(p).MESOS_EXECUTOR_ID === 'shut-exec'), 10_000, 'the shut-exec process');
    await driver.shutdownExecutor(running.agent_id!.value!, 'shut-exec');
    const killed = await waitState('t-shut', 'TASK_KILLED');
    expect(killed.message).toBe('executor shut down'); // sent by the executor on SHUTDOWN
    await waitFor(() => !processAlive(pid), 20_000, 'shut-exec to exit');
    await waitFor(() => (agentLog.some((l) => l.includes('executor ended') && l.includes('shut-exec')) ? true : undefined), 20_000, 'the agent to see shut-exec end');
  }, 60_000);

  it('shuts the executor down when its framework is torn down: SHUTDOWN, TASK_KILLED, the process gone', async () => {
    await launch(task('t-last', executor, 'run', ''));
    await waitState('t-last', 'TASK_RUNNING');
    const pids = executorPids();
    expect(pids).toHaveLength(1);
    await driver.teardown();
    await waitFor(() => !processAlive(pids[0]), 20_000, 'the executor to exit after SHUTDOWN');
    await waitFor(() => /shutting down executor/.test(agentLog.join('\n')), 5_000, 'the agent to log the shutdown');
    await waitFor(() => (agentLog.some((l) => l.includes('executor ended') && l.includes('raw-exec')) ? true : undefined), 20_000, 'the agent to see the executor end');
  }, 60_000);
});
