/**
 * The Mesos v1 operator HTTP API (`POST /api/v1`) of a real `meseta master`
 * and real `meseta agent`s (separate processes, 127.0.0.1), spoken in raw
 * HTTP as a Mesos tool would (test/support/mesos-operator-client.ts):
 *
 * - every call the master answers, in JSON and in protobuf;
 * - SUBSCRIBE: SUBSCRIBED first, then the events of a task launched and
 *   finished, of frameworks coming and going, of an agent removed;
 * - TEARDOWN of a running framework; MARK_AGENT_GONE of a stopped agent
 *   (its task TASK_GONE_BY_OPERATOR, the agent refused when it restarts);
 * - bad input (unknown type, malformed bodies, unknown ids, wrong method or
 *   content type) answered 4xx naming the problem, the master fine after;
 * - calls Meseta does not do answered 501 naming them;
 * - on a master with --credentials: 401 without a credential, 403 for a
 *   framework credential, 200 for an operator's; the same on an agent with
 *   --http-credentials.
 * - the agent's calls: state, containers, sandbox files (confined), and
 *   nested containers in a running task (session, wait, kill, input).
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb, type v1 } from '@meseta/proto/wire';
import { createLogger } from '@meseta/runtime/log';
import { encodeRecord } from '@meseta/proto/recordio';
import { encodeMesosMessage } from '@meseta/proto/mesos-http';
import { spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { waitFor } from '../harness/wait-for';
import { operatorCall, operatorStream, type OperatorCallOptions, type OperatorStream } from '../support/mesos-operator-client';
import { startMaster, type RunningMaster } from '../../master/index';
import { startAgent } from '../../agent/index';

const M = pb.master;
const MT = pb.master.Call.Type;
type MasterEvent = v1.master.IEvent;

let cluster: Cluster;
let jsonEvents: OperatorStream<MasterEvent>;
let protoEvents: OperatorStream<MasterEvent>;
const spawned: MesetaProcess[] = [];

function master(call: v1.master.ICall, options: OperatorCallOptions = {}) {
  return operatorCall(cluster.masterAddress, M.Call, M.Response, M.Call.fromObject(call), options);
}

async function tasks(): Promise<v1.master.Response.IGetTasks> {
  const answer = await master({ type: MT.GET_TASKS });
  expect(answer.status).toBe(200);
  return answer.message!.get_tasks!;
}

function allTasks(t: v1.master.Response.IGetTasks): v1.ITask[] {
  return [...(t.tasks ?? []), ...(t.unreachable_tasks ?? []), ...(t.completed_tasks ?? [])];
}

async function taskNamed(name: string, timeoutMs = 30_000, where: (t: v1.ITask) => boolean = () => true): Promise<v1.ITask> {
  let found: v1.ITask | undefined;
  await waitFor(async () => {
    found = allTasks(await tasks()).find((t) => t.name === name && where(t));
    return found !== undefined;
  }, timeoutMs, `task ${name}`);
  return found!;
}

beforeAll(async () => {
  cluster = await startCluster({ agents: 2, name: 'mesos-operator' });
  jsonEvents = await operatorStream(cluster.masterAddress, M.Call, M.Event, M.Call.fromObject({ type: MT.SUBSCRIBE }));
  protoEvents = await operatorStream(cluster.masterAddress, M.Call, M.Event, M.Call.fromObject({ type: MT.SUBSCRIBE }), { format: 'protobuf' });
}, 120_000);

afterAll(async () => {
  jsonEvents?.close();
  protoEvents?.close();
  for (const p of spawned) await p.stop().catch(() => undefined);
  await cluster?.stop();
}, 120_000);

describe('master: every call in JSON and protobuf', () => {
  const reads: Array<[string, number, (r: v1.master.IResponse) => void]> = [
    ['GET_HEALTH', MT.GET_HEALTH, (r) => expect(r.get_health?.healthy).toBe(true)],
    ['GET_FLAGS', MT.GET_FLAGS, (r) => expect(r.get_flags?.flags?.map((f) => f.name)).toEqual(expect.arrayContaining(['port', 'agent_ping_timeout', 'offer_timeout']))],
    ['GET_VERSION', MT.GET_VERSION, (r) => expect(r.get_version?.version_info?.version).toMatch(/^\d+\.\d+\.\d+/)],
    ['GET_METRICS', MT.GET_METRICS, (r) => expect(r.get_metrics?.metrics?.map((m) => m.name)).toEqual(expect.arrayContaining(['master/elected', 'master/tasks_running', 'master/cpus_total']))],
    ['GET_LOGGING_LEVEL', MT.GET_LOGGING_LEVEL, (r) => expect(r.get_logging_level?.level ?? 0).toBe(0)],
    ['GET_STATE', MT.GET_STATE, (r) => expect(r.get_state?.get_agents?.agents).toHaveLength(2)],
    ['GET_AGENTS', MT.GET_AGENTS, (r) => {
      const agents = r.get_agents?.agents ?? [];
      expect(agents.map((a) => a.agent_info?.id?.value).sort()).toEqual(cluster.agents.map((a) => a.agentId).sort());
      expect(agents.every((a) => a.active && a.pid?.startsWith('slave(1)@127.0.0.1:'))).toBe(true);
      expect(agents[0].registered_time?.nanoseconds).toBeGreaterThan(1e18);
    }],
    ['GET_FRAMEWORKS', MT.GET_FRAMEWORKS, (r) => expect(r.get_frameworks).toBeDefined()],
    ['GET_EXECUTORS', MT.GET_EXECUTORS, (r) => expect(r.get_executors).toBeDefined()],
    ['GET_TASKS', MT.GET_TASKS, (r) => expect(r.get_tasks).toBeDefined()],
    ['GET_ROLES', MT.GET_ROLES, (r) => expect(r.get_roles).toBeDefined()],
    ['GET_WEIGHTS', MT.GET_WEIGHTS, (r) => expect(r.get_weights).toBeDefined()],
    ['GET_MASTER', MT.GET_MASTER, (r) => {
      expect(r.get_master?.master_info?.port).toBe(cluster.masterPort);
      expect(r.get_master?.start_time).toBeGreaterThan(1e9);
    }],
  ];
  for (const format of ['json', 'protobuf'] as const) {
    it.each(reads)(`%s (${format})`, async (name, type, check) => {
      const answer = await master({ type }, { format });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(format === 'json' ? 'application/json' : 'application/x-protobuf');
      expect(M.Response.Type[answer.message!.type!]).toBe(name);
      check(answer.message!);
    });
  }

  it('JSON answers are Mesos JSON: snake_case names, enums by name, ASCII', async () => {
    const answer = await master({ type: MT.GET_AGENTS });
    const doc = JSON.parse(answer.text) as { type: string; get_agents: { agents: Array<{ agent_info: { id: { value: string } } }> } };
    expect(doc.type).toBe('GET_AGENTS');
    expect(typeof doc.get_agents.agents[0].agent_info.id.value).toBe('string');
    expect(/^[\x00-\x7f]*$/.test(answer.text)).toBe(true);
  });

  it('LIST_FILES and READ_FILE: the master serves no files of its own (404 naming the path), a missing path is 400', async () => {
    const list = await master({ type: MT.LIST_FILES, list_files: { path: '/master/log' } });
    expect(list.status).toBe(404);
    expect(list.text).toMatch(/list_files\.path: '\/master\/log' not found/);
    const read = await master({ type: MT.READ_FILE, read_file: { path: '/master/log', offset: 0 } }, { format: 'protobuf' });
    expect(read.status).toBe(404);
    const missing = await master({ type: MT.READ_FILE, read_file: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/read_file\.path: required/);
  });

  it('answers calls Meseta does not do with 501 naming the call', async () => {
    const answer = await master({ type: MT.SET_LOGGING_LEVEL, set_logging_level: { level: 1, duration: { nanoseconds: 1e9 } } });
    expect(answer.status).toBe(501);
    expect(answer.text).toMatch(/^SET_LOGGING_LEVEL: not implemented by Meseta/);
    const quota = await master({ type: MT.SET_QUOTA }, { format: 'protobuf' });
    expect(quota.status).toBe(501);
    expect(quota.text).toMatch(/^SET_QUOTA: not implemented by Meseta: .*UPDATE_QUOTA/);
  });
});

describe('master: SUBSCRIBE', () => {
  it('starts with SUBSCRIBED holding the whole state (JSON and protobuf streams)', async () => {
    for (const stream of [jsonEvents, protoEvents]) {
      expect(stream.status).toBe(200);
      const first = stream.events[0] ?? (await stream.next(() => true, 10_000, 'SUBSCRIBED'));
      expect(M.Event.Type[first.type ?? 0]).toBe('SUBSCRIBED');
      expect(first.subscribed?.get_state?.get_agents?.agents?.length).toBe(2);
      expect(first.subscribed?.heartbeat_interval_seconds).toBe(15);
    }
    expect(jsonEvents.headers['content-type']).toBe('application/json');
    expect(protoEvents.headers['content-type']).toBe('application/x-protobuf');
  });

  it('tells a task launched and finished, and its framework added and removed', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'op-events', '--command', 'true', '--no-output']);
    spawned.push(run);
    for (const stream of [jsonEvents, protoEvents]) {
      const added = await stream.next((e) => e.type === M.Event.Type.TASK_ADDED && e.task_added?.task?.name === 'op-events', 30_000, 'TASK_ADDED of op-events');
      const taskId = added.task_added!.task!.task_id!.value;
      const finished = await stream.next(
        (e) => e.type === M.Event.Type.TASK_UPDATED && e.task_updated?.status?.task_id?.value === taskId && e.task_updated?.state === pb.TaskState.TASK_FINISHED,
        30_000, 'TASK_UPDATED TASK_FINISHED',
      );
      expect(finished.task_updated?.framework_id?.value).toBe(added.task_added!.task!.framework_id!.value);
      const fid = added.task_added!.task!.framework_id!.value;
      await stream.next((e) => e.type === M.Event.Type.FRAMEWORK_ADDED && e.framework_added?.framework?.framework_info?.id?.value === fid, 10_000, 'FRAMEWORK_ADDED');
      await stream.next((e) => e.type === M.Event.Type.FRAMEWORK_REMOVED && e.framework_removed?.framework_info?.id?.value === fid, 30_000, 'FRAMEWORK_REMOVED');
    }
  }, 90_000);

  it('streams application/recordio with Message-Content-Type when asked so', async () => {
    const stream = await operatorStream(cluster.masterAddress, M.Call, M.Event, M.Call.fromObject({ type: MT.SUBSCRIBE }), {
      format: 'json', headers: { accept: 'application/recordio', 'message-accept': 'application/x-protobuf' },
    });
    try {
      expect(stream.headers['content-type']).toBe('application/recordio');
      expect(stream.headers['message-content-type']).toBe('application/x-protobuf');
      const first = await stream.next(() => true, 10_000, 'SUBSCRIBED');
      expect(first.type).toBe(M.Event.Type.SUBSCRIBED);
    } finally {
      stream.close();
    }
  });
});

describe('master: TEARDOWN and MARK_AGENT_GONE', () => {
  it('TEARDOWN removes a running framework: its task is killed, the framework completed, FRAMEWORK_REMOVED told', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'op-teardown', '--command', 'sleep 300', '--no-output']);
    spawned.push(run);
    const task = await taskNamed('op-teardown', 30_000, (t) => t.state === pb.TaskState.TASK_RUNNING);
    const fid = task.framework_id!.value!;
    const answer = await master({ type: MT.TEARDOWN, teardown: { framework_id: { value: fid } } }, { format: 'protobuf' });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(0);
    const ended = await taskNamed('op-teardown', 30_000, (t) => t.state === pb.TaskState.TASK_KILLED);
    expect(ended.task_id?.value).toBe(task.task_id?.value);
    const frameworks = (await master({ type: MT.GET_FRAMEWORKS })).message!.get_frameworks!;
    expect(frameworks.frameworks?.some((f) => f.framework_info?.id?.value === fid)).toBe(false);
    expect(frameworks.completed_frameworks?.some((f) => f.framework_info?.id?.value === fid)).toBe(true);
    await jsonEvents.next((e) => e.type === M.Event.Type.FRAMEWORK_REMOVED && e.framework_removed?.framework_info?.id?.value === fid, 10_000, 'FRAMEWORK_REMOVED');
    // A second TEARDOWN of it: 400, the framework is not subscribed any more.
    const again = await master({ type: MT.TEARDOWN, teardown: { framework_id: { value: fid } } });
    expect(again.status).toBe(400);
    expect(again.text).toMatch(new RegExp(`no framework ${fid} is subscribed`));
  }, 90_000);

  it('MARK_AGENT_GONE of a stopped agent: its task TASK_GONE_BY_OPERATOR, AGENT_REMOVED told, the agent refused when it restarts', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'op-gone', '--command', 'sleep 300', '--no-output']);
    spawned.push(run);
    const task = await taskNamed('op-gone', 30_000, (t) => t.state === pb.TaskState.TASK_RUNNING);
    const agentId = task.agent_id!.value!;
    const agent = cluster.agents.find((a) => a.agentId === agentId)!;
    agent.kill('SIGKILL');
    await waitFor(async () => (await master({ type: MT.GET_AGENTS })).message!.get_agents!.agents!.some((a) => a.agent_info?.id?.value === agentId && !a.active), 30_000, 'the agent seen disconnected');
    const answer = await master({ type: MT.MARK_AGENT_GONE, mark_agent_gone: { agent_id: { value: agentId } } });
    expect(answer.status).toBe(200);
    const gone = await taskNamed('op-gone', 30_000, (t) => t.task_id?.value === task.task_id?.value && t.state === pb.TaskState.TASK_GONE_BY_OPERATOR);
    expect(gone.statuses?.at(-1)?.message).toMatch(/marked gone by the operator/);
    await jsonEvents.next((e) => e.type === M.Event.Type.AGENT_REMOVED && e.agent_removed?.agent_id?.value === agentId, 10_000, 'AGENT_REMOVED');
    await protoEvents.next((e) => e.type === M.Event.Type.AGENT_REMOVED && e.agent_removed?.agent_id?.value === agentId, 10_000, 'AGENT_REMOVED');
    const agents = (await master({ type: MT.GET_AGENTS })).message!.get_agents!.agents!;
    expect(agents.some((a) => a.agent_info?.id?.value === agentId)).toBe(false);
    // Marking it again is not an error (it is gone).
    expect((await master({ type: MT.MARK_AGENT_GONE, mark_agent_gone: { agent_id: { value: agentId } } })).status).toBe(200);

    // Restarted with its old id (its work dir), the agent is refused and registers anew under a new id.
    await agent.restart();
    await waitFor(async () => agent.agentId !== '' && agent.agentId !== agentId, 30_000, 'the restarted agent registered under a new id');
    const log = fs.readFileSync(agent.meseta.stderrPath, 'utf8') + fs.readFileSync(agent.meseta.stdoutPath, 'utf8');
    expect(log).toMatch(new RegExp(`agent ${agentId} was removed as gone`));
    const now = (await master({ type: MT.GET_AGENTS })).message!.get_agents!.agents!.map((a) => a.agent_info?.id?.value);
    expect(now).toContain(agent.agentId);
    expect(now).not.toContain(agentId);
  }, 120_000);
});

describe('master: bad input', () => {
  const cases: Array<[string, OperatorCallOptions, number, RegExp]> = [
    ['an unknown type name', { rawBody: '{"type": "GET_EVERYTHING"}' }, 400, /type: unknown value "GET_EVERYTHING"/],
    ['no type', { rawBody: '{}' }, 400, /type: missing or not a known call type/],
    ['an unknown type number (protobuf)', { format: 'protobuf', rawBody: Buffer.from([0x08, 0x63]) }, 400, /type: missing or not a known call type/],
    ['JSON that does not parse', { rawBody: '{"type": ' }, 400, /not JSON/],
    ['a body of the wrong shape', { rawBody: '{"type": "TEARDOWN", "teardown": {"framework_id": "abc"}}' }, 400, /teardown\.framework_id: expected a JSON object/],
    ['protobuf garbage', { format: 'protobuf', rawBody: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]) }, 400, /Failed to parse body/],
    ['an unknown agent id', { rawBody: '{"type": "MARK_AGENT_GONE", "mark_agent_gone": {"agent_id": {"value": "no-such-agent"}}}' }, 404, /agent 'no-such-agent' not found/],
    ['MARK_AGENT_GONE without an agent id', { rawBody: '{"type": "MARK_AGENT_GONE"}' }, 400, /mark_agent_gone\.agent_id: required/],
    ['an unknown framework id', { rawBody: '{"type": "TEARDOWN", "teardown": {"framework_id": {"value": "no-such-fw"}}}' }, 400, /no framework no-such-fw is subscribed/],
    ['no Content-Type', { rawBody: '{"type": "GET_HEALTH"}', headers: { 'content-type': null } }, 415, /Content-Type/],
    ['a Content-Type it does not read', { rawBody: 'type=GET_HEALTH', headers: { 'content-type': 'text/plain' } }, 415, /text\/plain/],
    ['an Accept it cannot meet', { rawBody: '{"type": "GET_HEALTH"}', headers: { accept: 'text/html' } }, 406, /text\/html/],
    ['GET instead of POST', { method: 'GET', rawBody: '' }, 405, /POST/],
  ];
  it.each(cases)('%s', async (_name, options, status, message) => {
    const answer = await master({}, options);
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(message);
  });

  it('the master is fine afterwards', async () => {
    const answer = await master({ type: MT.GET_HEALTH });
    expect(answer.status).toBe(200);
    expect(answer.message?.get_health?.healthy).toBe(true);
  });
});

describe('master with --credentials', () => {
  let secured: RunningMaster;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-op-auth-'));
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, JSON.stringify({ credentials: [
      { principal: 'ops', kind: 'operator', token: 'ops-token-000000000000' },
      { principal: 'fw', kind: 'framework', token: 'fw-token-0000000000000' },
    ] }));
    secured = await startMaster({ port: 0, credentials: file, logger: createLogger('master', 'error') });
  });
  afterAll(async () => {
    await secured?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const call = (options: OperatorCallOptions) => operatorCall(secured.address, M.Call, M.Response, M.Call.fromObject({ type: MT.GET_STATE }), options);

  it('answers 401 without a credential, 403 to a framework credential, 200 to an operator', async () => {
    const none = await call({});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    const framework = await call({ token: 'fw-token-0000000000000' });
    expect(framework.status).toBe(403);
    const ops = await call({ token: 'ops-token-000000000000', format: 'protobuf' });
    expect(ops.status).toBe(200);
    expect(ops.message?.type).toBe(M.Response.Type.GET_STATE);
  });
});

describe('agent: /api/v1', () => {
  const A = pb.agent;
  const AT = pb.agent.Call.Type;
  let agentAddress: string;
  let task: v1.ITask;
  let containerId: string;

  function agentCall(call: v1.agent.ICall, options: OperatorCallOptions = {}) {
    return operatorCall(agentAddress, A.Call, A.Response, A.Call.fromObject(call), options);
  }

  beforeAll(async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'op-agent', '--command', 'echo hello-op; sleep 300', '--no-output']);
    spawned.push(run);
    task = await taskNamed('op-agent', 30_000, (t) => t.state === pb.TaskState.TASK_RUNNING);
    const agent = cluster.agents.find((a) => a.agentId === task.agent_id?.value);
    if (!agent) throw new Error(`no harness agent has id ${task.agent_id?.value}`);
    agentAddress = agent.address;
    const containers = (await agentCall({ type: AT.GET_CONTAINERS })).message!.get_containers!.containers!;
    containerId = containers.find((c) => c.executor_id?.value === task.task_id?.value)!.container_id!.value!;
  }, 60_000);

  const reads: Array<[string, number, (r: v1.agent.IResponse) => void]> = [
    ['GET_HEALTH', AT.GET_HEALTH, (r) => expect(r.get_health?.healthy).toBe(true)],
    ['GET_FLAGS', AT.GET_FLAGS, (r) => expect(r.get_flags?.flags?.length).toBeGreaterThan(0)],
    ['GET_VERSION', AT.GET_VERSION, (r) => expect(r.get_version?.version_info?.version).toMatch(/^\d+\.\d+\.\d+/)],
    ['GET_METRICS', AT.GET_METRICS, (r) => expect(r.get_metrics?.metrics?.map((m) => m.name)).toContain('slave/tasks_running')],
    ['GET_LOGGING_LEVEL', AT.GET_LOGGING_LEVEL, (r) => expect(r.get_logging_level?.level ?? 0).toBe(0)],
    ['GET_STATE', AT.GET_STATE, (r) => expect(r.get_state?.get_tasks?.launched_tasks?.some((t) => t.task_id?.value === task.task_id?.value)).toBe(true)],
    ['GET_CONTAINERS', AT.GET_CONTAINERS, (r) => {
      const c = r.get_containers?.containers?.find((x) => x.container_id?.value === containerId);
      expect(c?.framework_id?.value).toBe(task.framework_id?.value);
      expect(c?.resource_statistics?.timestamp).toBeGreaterThan(1e9);
    }],
    ['GET_FRAMEWORKS', AT.GET_FRAMEWORKS, (r) => expect(r.get_frameworks?.frameworks?.some((f) => f.framework_info?.id?.value === task.framework_id?.value)).toBe(true)],
    ['GET_EXECUTORS', AT.GET_EXECUTORS, (r) => expect(r.get_executors?.executors?.some((e) => e.executor_info?.executor_id?.value === task.task_id?.value)).toBe(true)],
    ['GET_TASKS', AT.GET_TASKS, (r) => expect(r.get_tasks?.launched_tasks?.find((t) => t.task_id?.value === task.task_id?.value)?.state).toBe(pb.TaskState.TASK_RUNNING)],
    ['GET_AGENT', AT.GET_AGENT, (r) => expect(r.get_agent?.agent_info?.id?.value).toBe(task.agent_id?.value)],
  ];
  for (const format of ['json', 'protobuf'] as const) {
    it.each(reads)(`%s (${format})`, async (name, type, check) => {
      const answer = await agentCall({ type }, { format });
      expect(answer.status).toBe(200);
      expect(A.Response.Type[answer.message!.type!]).toBe(name);
      check(answer.message!);
    });
  }

  it('LIST_FILES and READ_FILE read the task sandbox (Mesos paths), and nothing outside the sandboxes', async () => {
    const sandbox = `/frameworks/${task.framework_id?.value}/executors/${task.task_id?.value}/runs/latest`;
    const list = await agentCall({ type: AT.LIST_FILES, list_files: { path: sandbox } }, { format: 'protobuf' });
    expect(list.status).toBe(200);
    const stdout = list.message!.list_files!.file_infos!.find((f) => f.path?.endsWith('/stdout'));
    expect(stdout?.path).toBe(`${sandbox}/stdout`);
    expect((stdout!.mode ?? 0) & 0o170000).toBe(0o100000);
    let data = '';
    await waitFor(async () => {
      const read = await agentCall({ type: AT.READ_FILE, read_file: { path: `${sandbox}/stdout`, offset: 0 } });
      if (read.status !== 200) throw new Error(`READ_FILE answered ${read.status}: ${read.text}`);
      data = Buffer.from(read.message?.read_file?.data ?? []).toString('utf8');
      if (!data.includes('hello-op')) throw new Error(`stdout holds ${JSON.stringify(data)} (size ${read.message?.read_file?.size})`);
      return true;
    }, 10_000, 'stdout read');
    expect(data).toBe('hello-op\n');
    const outside = await agentCall({ type: AT.READ_FILE, read_file: { path: '/etc/passwd', offset: 0 } });
    expect(outside.status).toBe(403);
    expect(outside.text).toMatch(/outside the agent's sandboxes/);
    const missing = await agentCall({ type: AT.LIST_FILES, list_files: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/list_files\.path: required/);
  });

  for (const format of ['json', 'protobuf'] as const) {
    it(`LAUNCH_NESTED_CONTAINER_SESSION streams the output of a command in the task's container, WAIT gives its status (${format})`, async () => {
      const id = `session-${format}`;
      const stream = await operatorStream(agentAddress, A.Call, A.ProcessIO, A.Call.fromObject({
        type: AT.LAUNCH_NESTED_CONTAINER_SESSION,
        launch_nested_container_session: { container_id: { value: id, parent: { value: containerId } }, command: { value: 'echo nested-out; echo nested-err >&2; pwd' } },
      }), { format });
      try {
        expect(stream.status).toBe(200);
        const out = await stream.next((e) => e.data?.type === A.ProcessIO.Data.Type.STDOUT && Buffer.from(e.data.data ?? []).toString().includes('nested-out'), 10_000, 'stdout');
        expect(out.type).toBe(A.ProcessIO.Type.DATA);
        await stream.next((e) => e.data?.type === A.ProcessIO.Data.Type.STDERR && Buffer.from(e.data.data ?? []).toString().includes('nested-err'), 10_000, 'stderr');
        // WAIT while the session is still open: closing a session's connection kills its
        // container (as Mesos), so closing first would race the command's last line (exit 9).
        const wait = await agentCall({ type: AT.WAIT_NESTED_CONTAINER, wait_nested_container: { container_id: { value: id, parent: { value: containerId } } } }, { format });
        expect(wait.status).toBe(200);
        expect(wait.message?.wait_nested_container?.exit_status).toBe(0);
      } finally {
        stream.close();
      }
      expect((await agentCall({ type: AT.REMOVE_NESTED_CONTAINER, remove_nested_container: { container_id: { value: id, parent: { value: containerId } } } })).status).toBe(200);
    });
  }

  it('LAUNCH_NESTED_CONTAINER, ATTACH_CONTAINER_OUTPUT and ATTACH_CONTAINER_INPUT: input reaches the process, its output comes back, WAIT gives exit code 3', async () => {
    const cid = { value: 'cat-1', parent: { value: containerId } };
    const launch = await agentCall({ type: AT.LAUNCH_NESTED_CONTAINER, launch_nested_container: { container_id: cid, command: { value: 'cat; exit 3' } } });
    expect(launch.status).toBe(200);
    const output = await operatorStream(agentAddress, A.Call, A.ProcessIO, A.Call.fromObject({ type: AT.ATTACH_CONTAINER_OUTPUT, attach_container_output: { container_id: cid } }));
    try {
      const records = [
        { type: AT.ATTACH_CONTAINER_INPUT, attach_container_input: { type: A.Call.AttachContainerInput.Type.CONTAINER_ID, container_id: cid } },
        { type: AT.ATTACH_CONTAINER_INPUT, attach_container_input: { type: A.Call.AttachContainerInput.Type.PROCESS_IO, process_io: { type: A.ProcessIO.Type.DATA, data: { type: A.ProcessIO.Data.Type.STDIN, data: Buffer.from('ping-pong\n') } } } },
        { type: AT.ATTACH_CONTAINER_INPUT, attach_container_input: { type: A.Call.AttachContainerInput.Type.PROCESS_IO, process_io: { type: A.ProcessIO.Type.DATA, data: { type: A.ProcessIO.Data.Type.STDIN, data: Buffer.alloc(0) } } } },
      ];
      const body = Buffer.concat(records.map((r) => encodeRecord(encodeMesosMessage(A.Call, A.Call.fromObject(r), 'json'))));
      const input = await operatorCall(agentAddress, A.Call, A.Response, {}, {
        rawBody: body, headers: { 'content-type': 'application/recordio', 'message-content-type': 'application/json' },
      });
      expect(input.status).toBe(200);
      await output.next((e) => Buffer.from(e.data?.data ?? []).toString().includes('ping-pong'), 10_000, 'the input echoed');
    } finally {
      output.close();
    }
    const wait = await agentCall({ type: AT.WAIT_CONTAINER, wait_container: { container_id: cid } }, { format: 'protobuf' });
    expect(wait.message?.wait_container?.exit_status).toBe(3 << 8);
  });

  it('KILL_NESTED_CONTAINER ends it with SIGKILL (WAIT says signal 9)', async () => {
    const cid = { value: 'sleeper', parent: { value: containerId } };
    expect((await agentCall({ type: AT.LAUNCH_NESTED_CONTAINER, launch_nested_container: { container_id: cid, command: { value: 'sleep 300' } } })).status).toBe(200);
    expect((await agentCall({ type: AT.KILL_NESTED_CONTAINER, kill_nested_container: { container_id: cid } })).status).toBe(200);
    const wait = await agentCall({ type: AT.WAIT_NESTED_CONTAINER, wait_nested_container: { container_id: cid } });
    expect(wait.message?.wait_nested_container?.exit_status).toBe(9);
  });

  const bad: Array<[string, v1.agent.ICall, number, RegExp]> = [
    ['an unknown parent container', { type: AT.LAUNCH_NESTED_CONTAINER, launch_nested_container: { container_id: { value: 'x', parent: { value: 'no-such' } }, command: { value: 'true' } } }, 404, /container 'no-such'/],
    ['a container without a parent', { type: AT.LAUNCH_NESTED_CONTAINER, launch_nested_container: { container_id: { value: 'x' }, command: { value: 'true' } } }, 400, /parent: required/],
    ['no command', { type: AT.LAUNCH_NESTED_CONTAINER_SESSION, launch_nested_container_session: { container_id: { value: 'x', parent: { value: 'p' } } } }, 400, /command: required/],
    ['WAIT for an unknown container', { type: AT.WAIT_NESTED_CONTAINER, wait_nested_container: { container_id: { value: 'nobody', parent: { value: 'p' } } } }, 404, /container 'nobody' not found/],
    ['a call Meseta does not do', { type: AT.PRUNE_IMAGES }, 501, /^PRUNE_IMAGES: not implemented by Meseta/],
    ['no type', {}, 400, /type: missing or not a known call type/],
  ];
  it.each(bad)('%s is refused', async (_name, call, status, message) => {
    const answer = await agentCall(call);
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(message);
  });

  it('the agent is fine afterwards', async () => {
    expect((await agentCall({ type: AT.GET_HEALTH })).status).toBe(200);
  });
});

describe('agent with --http-credentials', () => {
  let dir: string;
  let agent: Awaited<ReturnType<typeof startAgent>>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-op-agent-auth-'));
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, JSON.stringify({ credentials: [
      { principal: 'ops', kind: 'operator', token: 'ops-token-000000000000' },
      { principal: 'fw', kind: 'framework', token: 'fw-token-0000000000000' },
    ] }));
    agent = await startAgent({
      master: cluster.masterAddress, port: 0, workDir: path.join(dir, 'work'), resources: 'cpus:1;mem:256;disk:256;ports:[39000-39009]',
      httpCredentials: file, logger: createLogger('agent', 'error'),
    });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop({ killTasks: true });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  const call = (options: OperatorCallOptions) =>
    operatorCall(`127.0.0.1:${agent.port}`, pb.agent.Call, pb.agent.Response, pb.agent.Call.fromObject({ type: pb.agent.Call.Type.GET_STATE }), options);

  it('answers 401 without a credential, 403 to a framework credential, 200 to an operator', async () => {
    expect((await call({})).status).toBe(401);
    expect((await call({ token: 'fw-token-0000000000000' })).status).toBe(403);
    const ops = await call({ token: 'ops-token-000000000000', format: 'protobuf' });
    expect(ops.status).toBe(200);
    expect(ops.message?.type).toBe(pb.agent.Response.Type.GET_STATE);
  });
});
