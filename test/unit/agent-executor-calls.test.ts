/** The executor API's pure parts: what a call must hold, who may make it, and the environment an executor gets. */
import { pb, type v1 } from '@meseta/proto/wire';
import { bearerToken, callAccessProblem, callShapeProblem, type ExecutorStanding } from '../../agent/executor-call-check';
import { executorEnvironment, mesosDuration } from '../../agent/executor-environment';

const T = pb.executor.Call.Type;
const ids = { framework_id: { value: 'f' }, executor_id: { value: 'e' } };
const uuid = new Uint8Array(16).fill(7);
const status = (extra: Partial<v1.ITaskStatus> = {}): v1.ITaskStatus => ({ task_id: { value: 't' }, state: pb.TaskState.TASK_RUNNING, uuid, ...extra });

describe('callShapeProblem', () => {
  it.each<[string, v1.executor.ICall, string | undefined]>([
    ['a SUBSCRIBE', { ...ids, type: T.SUBSCRIBE, subscribe: {} }, undefined],
    ['a SUBSCRIBE resending an update', { ...ids, type: T.SUBSCRIBE, subscribe: { unacknowledged_updates: [{ status: status() }] } }, undefined],
    ['an UPDATE', { ...ids, type: T.UPDATE, update: { status: status() } }, undefined],
    ['a MESSAGE', { ...ids, type: T.MESSAGE, message: { data: new Uint8Array([1]) } }, undefined],
    ['a HEARTBEAT', { ...ids, type: T.HEARTBEAT }, undefined],
    ['no executor id', { framework_id: { value: 'f' }, type: T.HEARTBEAT }, 'executor_id: required'],
    ['no framework id', { executor_id: { value: 'e' }, type: T.HEARTBEAT }, 'framework_id: required'],
    ['no type', { ...ids }, 'type: required (SUBSCRIBE, UPDATE, MESSAGE or HEARTBEAT)'],
    ['a type this agent does not know', { ...ids, type: 99 as v1.executor.Call.Type }, 'type: 99 is not a call this agent knows'],
    ['SUBSCRIBE without its body', { ...ids, type: T.SUBSCRIBE }, 'subscribe: required for a SUBSCRIBE call'],
    ['UPDATE without its body', { ...ids, type: T.UPDATE }, 'update: required for an UPDATE call'],
    ['UPDATE without a status', { ...ids, type: T.UPDATE, update: {} }, 'update.status: required'],
    ['UPDATE without a task id', { ...ids, type: T.UPDATE, update: { status: status({ task_id: undefined }) } }, 'update.status.task_id: required'],
    ['UPDATE in TASK_STAGING', { ...ids, type: T.UPDATE, update: { status: status({ state: pb.TaskState.TASK_STAGING }) } }, "update.status.state: TASK_STAGING is the agent's"],
    ['UPDATE without a uuid', { ...ids, type: T.UPDATE, update: { status: status({ uuid: undefined }) } }, 'update.status.uuid: required, 16 bytes (got 0)'],
    ['UPDATE with a short uuid', { ...ids, type: T.UPDATE, update: { status: status({ uuid: new Uint8Array(4) }) } }, 'update.status.uuid: required, 16 bytes (got 4)'],
    ['UPDATE from the agent', { ...ids, type: T.UPDATE, update: { status: status({ source: pb.TaskStatus.Source.SOURCE_AGENT }) } }, 'update.status.source: must be SOURCE_EXECUTOR'],
    ['UPDATE naming another executor', { ...ids, type: T.UPDATE, update: { status: status({ executor_id: { value: 'x' } }) } }, 'update.status.executor_id: "x" is not the calling executor "e"'],
    [
      'a resent update without a uuid',
      { ...ids, type: T.SUBSCRIBE, subscribe: { unacknowledged_updates: [{ status: status() }, { status: status({ uuid: undefined }) }] } },
      'subscribe.unacknowledged_updates[1].status.uuid: required',
    ],
    ['a resent task without an id', { ...ids, type: T.SUBSCRIBE, subscribe: { unacknowledged_tasks: [{ name: 'x' }] } }, 'subscribe.unacknowledged_tasks[0].task_id: required'],
    ['MESSAGE without data', { ...ids, type: T.MESSAGE, message: {} }, 'message.data: required'],
  ])('%s', (_name, call, problem) => {
    const found = callShapeProblem(call);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('reads a decoded protobuf call, whose unset fields read as defaults, as unset', () => {
    const decoded = pb.executor.Call.decode(pb.executor.Call.encode({ ...ids, type: T.UPDATE, update: { status: { task_id: { value: 't' }, uuid } } }).finish());
    expect(callShapeProblem(decoded)).toBe('update.status.state: required');
    const withState = pb.executor.Call.decode(pb.executor.Call.encode({ ...ids, type: T.UPDATE, update: { status: status() } }).finish());
    expect(callShapeProblem(withState)).toBeUndefined(); // source unset reads SOURCE_MASTER, but is not set
  });
});

describe('callAccessProblem', () => {
  const executors: Record<string, ExecutorStanding> = {
    'f/e': { token: 'token-e', phase: 'subscribed' },
    'f/new': { token: 'token-new', phase: 'registering' },
    'f/going': { token: 'token-going', phase: 'terminating' },
  };
  const lookup = (f: string, e: string): ExecutorStanding | undefined => executors[`${f}/${e}`];
  const known = (token: string): boolean => Object.values(executors).some((x) => x.token === token);
  const call = (executor: string, type: v1.executor.Call.Type): v1.executor.ICall => ({ framework_id: { value: 'f' }, executor_id: { value: executor }, type });

  it.each<[string, v1.executor.ICall, string | undefined, number | undefined, string]>([
    ['its own token', call('e', T.UPDATE), 'token-e', undefined, ''],
    ['no token', call('e', T.UPDATE), undefined, 401, 'Authorization: Bearer'],
    ['a token no executor has', call('e', T.UPDATE), 'guess', 401, 'not one this agent gave'],
    ["another executor's token", call('e', T.UPDATE), 'token-new', 403, "another executor's"],
    ['an executor not here, with a real token', call('nobody', T.UPDATE), 'token-e', 404, 'executor "nobody" of framework "f" is not on this agent'],
    ['an executor not here, with a made-up token', call('nobody', T.UPDATE), 'guess', 401, ''],
    ['SUBSCRIBE before subscribing', call('new', T.SUBSCRIBE), 'token-new', undefined, ''],
    ['UPDATE before subscribing', call('new', T.UPDATE), 'token-new', 403, 'not subscribed: send SUBSCRIBE first'],
    ['SUBSCRIBE again while subscribed', call('e', T.SUBSCRIBE), 'token-e', undefined, ''],
    ['SUBSCRIBE while shutting down', call('going', T.SUBSCRIBE), 'token-going', 403, 'being shut down'],
    ['UPDATE while shutting down (its tasks end)', call('going', T.UPDATE), 'token-going', undefined, ''],
  ])('%s', (_name, c, token, status, text) => {
    const found = callAccessProblem(c, token, lookup, known);
    expect(found?.status).toBe(status);
    if (text) expect(found?.message).toContain(text);
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads the token of %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('the executor environment', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [1000, '1secs'],
    [2000, '2secs'],
    [2500, '2500ms'],
    [60_000, '1mins'],
    [15 * 60_000, '15mins'],
    [90_000, '90secs'],
    [3600_000, '1hrs'],
    [86_400_000, '1days'],
    [7 * 86_400_000, '1weeks'],
  ])('%p ms reads %p as Mesos prints durations', (ms, text) => {
    expect(mesosDuration(ms)).toBe(text);
  });

  it('holds what Mesos gives an HTTP executor', () => {
    const env = executorEnvironment({
      agentEndpoint: '127.0.0.1:5051',
      frameworkId: 'f',
      executorId: 'e',
      agentId: 'a',
      containerId: 'c',
      sandboxDir: '/work/frameworks/f/executors/e/runs/c',
      checkpoint: true,
      recoveryTimeoutMs: 15 * 60_000,
      subscriptionBackoffMaxMs: 2000,
      shutdownGraceMs: 5000,
      token: 'secret',
    });
    expect(env).toMatchObject({
      MESOS_AGENT_ENDPOINT: '127.0.0.1:5051',
      MESOS_FRAMEWORK_ID: 'f',
      MESOS_EXECUTOR_ID: 'e',
      MESOS_AGENT_ID: 'a',
      MESOS_DIRECTORY: '/work/frameworks/f/executors/e/runs/c',
      MESOS_SANDBOX: '/work/frameworks/f/executors/e/runs/c',
      MESOS_CHECKPOINT: '1',
      MESOS_RECOVERY_TIMEOUT: '15mins',
      MESOS_SUBSCRIPTION_BACKOFF_MAX: '2secs',
      MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '5secs',
      MESOS_EXECUTOR_AUTHENTICATION_TOKEN: 'secret',
      MESOS_HTTP_COMMAND_EXECUTOR: '0',
    });
  });
});
