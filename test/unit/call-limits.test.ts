/**
 * Size limits at the API (proto/src/limits.ts): every limit at and one past
 * it, refused with INVALID_ARGUMENT naming the field and the limit; status
 * updates from agents truncated, never refused.
 */
import { status } from '@grpc/grpc-js';
import { CallError } from '../../master/call-errors';
import { validateCall, validateSubscribe } from '../../master/call-validation';
import { taskProblem } from '../../agent/run-task-validation';
import * as L from '@meseta/proto/limits';
import type { AgentToMaster, Call, ExecutorInfo, FrameworkInfo, InsufficientResource, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { CallType, OperationType, pb } from '@meseta/proto/wire';
import { compileDecline } from '@meseta/sdk/calls';

const x = (n: number): string => 'x'.repeat(n);
const okTask = (id: string): TaskInfo => ({ name: 'ok', task_id: { value: id }, command: { value: 'true' } });

function launch(task: Partial<TaskInfo>): Call {
  return {
    type: CallType.ACCEPT,
    framework_id: { value: 'f1' },
    accept: {
      offer_ids: [{ value: 'o1' }],
      operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [okTask('a'), okTask('b'), { ...okTask('c'), ...task }] } }],
    },
  };
}

function launchGroup(task: Partial<TaskInfo>, executor: ExecutorInfo = { executor_id: { value: 'e' } }): Call {
  return {
    type: CallType.ACCEPT,
    framework_id: { value: 'f1' },
    accept: {
      offer_ids: [{ value: 'o1' }],
      operations: [{ type: OperationType.LAUNCH_GROUP, launch_group: { executor, task_group: { tasks: [{ ...okTask('g'), ...task }] } } }],
    },
  };
}

const decline = (refusals: InsufficientResource[]): Call => ({
  type: CallType.DECLINE,
  framework_id: { value: 'f1' },
  decline: { offer_ids: [{ value: 'o1' }], refusals },
});

const MULTI_ROLE = { type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE };
const subscribe = (info: Partial<FrameworkInfo>, suppressed?: string[]): Call => ({
  type: CallType.SUBSCRIBE,
  subscribe: { framework_info: { name: 'fw', user: 'me', ...info }, suppressed_roles: suppressed },
});

const T = 'accept.operations[0].launch.task_infos[2]';
const G = 'accept.operations[0].launch_group';
const F = 'subscribe.framework_info';
const list = <V>(n: number, make: (i: number) => V): V[] => Array.from({ length: n }, (_, i) => make(i));

/** [case, field, limit, unit, the call with a field of size n]. */
type Row = [string, string, number, 'bytes' | 'entries', (n: number) => Call];

const rows: Row[] = [
  ['a task name', `${T}.name`, L.MAX_NAME_BYTES, 'bytes', (n) => launch({ name: x(n) })],
  ['a task id', `${T}.task_id`, L.MAX_ID_BYTES, 'bytes', (n) => launch({ task_id: { value: x(n) } })],
  ['a command value', `${T}.command.value`, L.MAX_COMMAND_BYTES, 'bytes', (n) => launch({ command: { value: x(n) } })],
  ['the number of arguments', `${T}.command.arguments`, L.MAX_ARGUMENTS, 'entries', (n) => launch({ command: { shell: false, value: 'echo', arguments: list(n, () => 'a') } })],
  ['the bytes of the arguments together', `${T}.command.arguments`, L.MAX_COMMAND_BYTES, 'bytes', (n) => launch({ command: { shell: false, value: 'echo', arguments: [x(n - 10), x(10)] } })],
  ['the command user', `${T}.command.user`, L.MAX_NAME_BYTES, 'bytes', (n) => launch({ command: { value: 'true', user: x(n) } })],
  ['the number of uris', `${T}.command.uris`, L.MAX_URIS, 'entries', (n) => launch({ command: { value: 'true', uris: list(n, (i) => ({ value: `http://h/${i}` })) } })],
  ['a uri', `${T}.command.uris[0].value`, L.MAX_URI_BYTES, 'bytes', (n) => launch({ command: { value: 'true', uris: [{ value: x(n) }] } })],
  ['the number of environment variables', `${T}.command.environment.variables`, L.MAX_ENVIRONMENT_VARIABLES, 'entries', (n) => launch({ command: { value: 'true', environment: { variables: list(n, (i) => ({ name: `V${i}`, value: '' })) } } })],
  ['an environment variable name', `${T}.command.environment.variables[1].name`, L.MAX_NAME_BYTES, 'bytes', (n) => launch({ command: { value: 'true', environment: { variables: [{ name: 'A' }, { name: x(n) }] } } })],
  ['the environment bytes together', `${T}.command.environment.variables`, L.MAX_ENVIRONMENT_BYTES, 'bytes', (n) => launch({ command: { value: 'true', environment: { variables: [{ name: 'V', value: x(n - 1) }] } } })],
  ['a health check command', `${T}.health_check.command.value`, L.MAX_COMMAND_BYTES, 'bytes', (n) => launch({ health_check: { type: pb.HealthCheck.Type.COMMAND, command: { value: x(n) } } })],
  ['the number of task labels', `${T}.labels.labels`, L.MAX_LABELS, 'entries', (n) => launch({ labels: { labels: list(n, (i) => ({ key: `k${i}`, value: 'v' })) } })],
  ['a label key', `${T}.labels.labels[0].key`, L.MAX_NAME_BYTES, 'bytes', (n) => launch({ labels: { labels: [{ key: x(n), value: 'v' }] } })],
  ['a label value', `${T}.labels.labels[0].value`, L.MAX_LABEL_VALUE_BYTES, 'bytes', (n) => launch({ labels: { labels: [{ key: 'k', value: x(n) }] } })],
  ['task data', `${T}.data`, L.MAX_DATA_BYTES, 'bytes', (n) => launch({ data: new Uint8Array(n) })],
  ["a task's executor name", `${T}.executor.name`, L.MAX_NAME_BYTES, 'bytes', (n) => launch({ executor: { executor_id: { value: 'e' }, name: x(n) } })],
  ['a task group executor id', `${G}.executor.executor_id`, L.MAX_ID_BYTES, 'bytes', (n) => launchGroup({}, { executor_id: { value: x(n) } })],
  ['a task group executor command', `${G}.executor.command.value`, L.MAX_COMMAND_BYTES, 'bytes', (n) => launchGroup({}, { executor_id: { value: 'e' }, command: { value: x(n) } })],
  ['a task name in a group', `${G}.task_group.tasks[0].name`, L.MAX_NAME_BYTES, 'bytes', (n) => launchGroup({ name: x(n) })],
  ['the number of decline refusals', 'decline.refusals', L.MAX_REFUSALS, 'entries', (n) => decline(list(n, (i) => ({ name: 'cpus', message: `app ${i}` })))],
  ['a decline refusal message', 'decline.refusals[0].message', L.MAX_MESSAGE_BYTES, 'bytes', (n) => decline([{ name: 'cpus', message: x(n) }])],
  ['a decline refusal resource name', 'decline.refusals[0].name', L.MAX_NAME_BYTES, 'bytes', (n) => decline([{ name: x(n) }])],
  ['a decline refusal task id', 'decline.refusals[0].task_id', L.MAX_ID_BYTES, 'bytes', (n) => decline([{ name: 'cpus', task_id: { value: x(n) } }])],
  ['an offer id', 'accept.offer_ids[0].value', L.MAX_ID_BYTES, 'bytes', (n) => ({ ...launch({}), accept: { ...launch({}).accept, offer_ids: [{ value: x(n) }] } })],
  ['the framework id of a call', 'framework_id', L.MAX_ID_BYTES, 'bytes', (n) => ({ type: CallType.REVIVE, framework_id: { value: x(n) } })],
  ['a killed task id', 'kill.task_id', L.MAX_ID_BYTES, 'bytes', (n) => ({ type: CallType.KILL, framework_id: { value: 'f1' }, kill: { task_id: { value: x(n) } } })],
  ['an acknowledgement uuid', 'acknowledge.uuid', L.MAX_UUID_BYTES, 'bytes', (n) => ({ type: CallType.ACKNOWLEDGE, framework_id: { value: 'f1' }, acknowledge: { task_id: { value: 't' }, agent_id: { value: 'a' }, uuid: new Uint8Array(n) } })],
  ['the number of tasks to reconcile', 'reconcile.tasks', L.MAX_RECONCILE_TASKS, 'entries', (n) => ({ type: CallType.RECONCILE, framework_id: { value: 'f1' }, reconcile: { tasks: list(n, (i) => ({ task_id: { value: `t${i}` } })) } })],
  ['a task id to reconcile', 'reconcile.tasks[0].task_id', L.MAX_ID_BYTES, 'bytes', (n) => ({ type: CallType.RECONCILE, framework_id: { value: 'f1' }, reconcile: { tasks: [{ task_id: { value: x(n) } }] } })],
  ['MESSAGE data', 'message.data', L.MAX_DATA_BYTES, 'bytes', (n) => ({ type: CallType.MESSAGE, framework_id: { value: 'f1' }, message: { agent_id: { value: 'a' }, executor_id: { value: 'e' }, data: new Uint8Array(n) } })],
  ['the number of roles to revive', 'revive.roles', L.MAX_ROLES, 'entries', (n) => ({ type: CallType.REVIVE, framework_id: { value: 'f1' }, revive: { roles: list(n, (i) => `r${i}`) } })],
  ['a role to suppress', 'suppress.roles[0]', L.MAX_NAME_BYTES, 'bytes', (n) => ({ type: CallType.SUPPRESS, framework_id: { value: 'f1' }, suppress: { roles: [x(n)] } })],
  ['a framework name', `${F}.name`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ name: x(n) })],
  ['a framework user', `${F}.user`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ user: x(n) })],
  ['a framework hostname', `${F}.hostname`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ hostname: x(n) })],
  ['a framework principal', `${F}.principal`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ principal: x(n) })],
  ['a framework role', `${F}.role`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ role: x(n) })],
  ['the number of framework roles', `${F}.roles`, L.MAX_ROLES, 'entries', (n) => subscribe({ roles: list(n, (i) => `r${i}`), capabilities: [MULTI_ROLE] })],
  ['a framework role in roles', `${F}.roles[1]`, L.MAX_NAME_BYTES, 'bytes', (n) => subscribe({ roles: ['a', x(n)], capabilities: [MULTI_ROLE] })],
  ['a framework webui url', `${F}.webui_url`, L.MAX_URI_BYTES, 'bytes', (n) => subscribe({ webui_url: x(n) })],
  ['the number of framework capabilities', `${F}.capabilities`, L.MAX_CAPABILITIES, 'entries', (n) => subscribe({ capabilities: list(n, () => ({ type: 1 })) })],
  ['the number of framework labels', `${F}.labels.labels`, L.MAX_LABELS, 'entries', (n) => subscribe({ labels: { labels: list(n, (i) => ({ key: `k${i}` })) } })],
  ['a framework id to resubscribe with', `${F}.id`, L.MAX_ID_BYTES, 'bytes', (n) => subscribe({ id: { value: x(n) } })],
  ['the number of suppressed roles at subscribe', 'subscribe.suppressed_roles', L.MAX_ROLES, 'entries', (n) => subscribe({}, list(n, (i) => `r${i}`))],
];

function check(call: Call): void {
  if (call.type === CallType.SUBSCRIBE) validateSubscribe(call);
  else validateCall(call);
}

function refusal(call: Call): CallError | undefined {
  try {
    check(call);
    return undefined;
  } catch (e) {
    if (e instanceof CallError) return e;
    throw e;
  }
}

describe('size limits at the Scheduler API', () => {
  it.each(rows)('accepts %s at its limit', (_case, _field, limit, _unit, make) => {
    expect(refusal(make(limit))).toBeUndefined();
  });

  it.each(rows)('refuses %s one past its limit, naming the field and the limit', (_case, field, limit, unit, make) => {
    const error = refusal(make(limit + 1));
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.message).toBe(`${field}: ${limit + 1} ${unit}, the limit is ${limit}`);
  });

  it('names the task by its place in the call, as the issue shows', () => {
    expect(refusal(launch({ name: x(1200) }))?.message).toBe('accept.operations[0].launch.task_infos[2].name: 1200 bytes, the limit is 1024');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const name = 'é'.repeat(513); // 513 characters, 1026 bytes
    expect(refusal(launch({ name }))?.message).toBe(`${T}.name: 1026 bytes, the limit is 1024`);
    expect(refusal(launch({ name: '😀'.repeat(256) }))).toBeUndefined(); // 512 UTF-16 units, 1024 bytes
  });

  it('accepts an empty reconcile list (implicit reconciliation has no limit)', () => {
    expect(refusal({ type: CallType.RECONCILE, framework_id: { value: 'f1' }, reconcile: { tasks: [] } })).toBeUndefined();
  });
});

describe('the SDK keeps a DECLINE within the limits', () => {
  it('trims refusals past the limit and truncates long messages, so the DECLINE is not refused', () => {
    const refusals = list(L.MAX_REFUSALS + 10, (i) => ({ name: 'cpus', message: i === 0 ? x(L.MAX_MESSAGE_BYTES * 2) : `app ${i}` }));
    const call = { ...compileDecline(['o1'], { refusals }), framework_id: { value: 'f1' } };
    expect(refusal(call)).toBeUndefined();
    expect(call.decline!.refusals!.map((r) => r.message).slice(1)).toEqual(refusals.slice(1, L.MAX_REFUSALS).map((r) => r.message));
    expect(call.decline!.refusals![0].message).toContain(`[truncated: ${L.MAX_MESSAGE_BYTES * 2} bytes`);
  });
});

describe('the agent checks the same limits before it runs a task', () => {
  it.each([
    ['a name over the limit', { name: x(L.MAX_NAME_BYTES + 1) }, `task.name: ${L.MAX_NAME_BYTES + 1} bytes, the limit is ${L.MAX_NAME_BYTES}`],
    ['a command over the limit', { command: { value: x(L.MAX_COMMAND_BYTES + 1) } }, `task.command.value: ${L.MAX_COMMAND_BYTES + 1} bytes, the limit is ${L.MAX_COMMAND_BYTES}`],
    ['labels at the limit', { labels: { labels: list(L.MAX_LABELS, (i) => ({ key: `k${i}` })) } }, undefined],
  ])('%s', (_case, task, expected) => {
    expect(taskProblem({ ...okTask('t'), ...(task as Partial<TaskInfo>) })).toBe(expected);
  });
});

describe('truncateText', () => {
  it.each([
    ['text within the limit comes back as is', 'hello', 10, 'hello'],
    ['text at the limit comes back as is', x(100), 100, x(100)],
  ])('%s', (_case, text, limit, expected) => {
    expect(L.truncateText(text, limit)).toBe(expected);
  });

  it.each([
    ['ASCII text', x(5000), 4096],
    ['two-byte characters cut between characters', 'é'.repeat(3000), 4096],
    ['surrogate pairs cut between pairs', '😀'.repeat(2000), 4095],
  ])('cuts %s to the limit with a marker saying how long it was', (_case, text, limit) => {
    const out = L.truncateText(text, limit);
    expect(L.utf8Length(out)).toBeLessThanOrEqual(limit);
    expect(L.utf8Length(out)).toBeGreaterThan(limit - 4);
    expect(out).toMatch(new RegExp(` … \\[truncated: ${L.utf8Length(text)} bytes, the limit is ${limit}\\]$`));
    expect(text.startsWith(out.slice(0, out.indexOf(' … ['))) && !out.includes('\uFFFD')).toBe(true);
  });
});

describe('status updates from agents are bounded, never refused', () => {
  const uuid = new Uint8Array([1, 2, 3]);
  const base: TaskStatus = { task_id: { value: 't' }, state: pb.TaskState.TASK_FAILED, uuid };

  it('returns a status within every limit as the same object', () => {
    const s = { ...base, message: x(L.MAX_MESSAGE_BYTES), data: new Uint8Array(L.MAX_STATUS_DATA_BYTES) };
    expect(L.boundTaskStatus(s)).toBe(s);
  });

  it('truncates a long message with a marker and keeps state, uuid and ids', () => {
    const out = L.boundTaskStatus({ ...base, message: x(10_000) });
    expect(L.utf8Length(out.message!)).toBeLessThanOrEqual(L.MAX_MESSAGE_BYTES);
    expect(out.message).toContain(`[truncated: 10000 bytes, the limit is ${L.MAX_MESSAGE_BYTES}]`);
    expect([out.state, out.uuid, out.task_id]).toEqual([base.state, uuid, base.task_id]);
  });

  it('drops data over the limit and says so in the message', () => {
    const out = L.boundTaskStatus({ ...base, message: 'exited 1', data: new Uint8Array(L.MAX_STATUS_DATA_BYTES + 1) });
    expect(out.data?.length).toBe(0);
    expect(out.message).toBe(`exited 1 [data of ${L.MAX_STATUS_DATA_BYTES + 1} bytes dropped, the limit is ${L.MAX_STATUS_DATA_BYTES}]`);
  });

  it('keeps the first labels up to the limit and truncates long values', () => {
    const labels = list(L.MAX_LABELS + 5, (i) => ({ key: `k${i}`, value: i === 0 ? x(L.MAX_LABEL_VALUE_BYTES + 1) : 'v' }));
    const out = L.boundTaskStatus({ ...base, labels: { labels } });
    expect(out.labels?.labels?.map((l) => l.key)).toEqual(labels.slice(0, L.MAX_LABELS).map((l) => l.key));
    expect(L.utf8Length(out.labels!.labels![0].value!)).toBeLessThanOrEqual(L.MAX_LABEL_VALUE_BYTES);
  });

  it('keeps the defaults a decoded status reads from its prototype', () => {
    const decoded = pb.TaskStatus.decode(pb.TaskStatus.encode({ task_id: { value: 't' }, message: x(5000) }).finish());
    const out = L.boundTaskStatus(decoded);
    expect(out).not.toBe(decoded);
    expect(out.state).toBe(decoded.state);
    expect(out.source).toBe(decoded.source);
  });

  it('bounds the updates an agent forwards and the statuses of tasks it re-registers with', () => {
    const long = { ...base, message: x(9000) };
    const msg: AgentToMaster = {
      updates: [{ framework_id: { value: 'f1' }, status: base }, { framework_id: { value: 'f1' }, status: long }],
      register: { agent_info: { hostname: 'h' }, tasks: [{ task_id: { value: 't' }, statuses: [base, long] }] },
    };
    const out = L.boundAgentToMaster(msg);
    expect(out.updates![0].status).toBe(base);
    expect(L.utf8Length(out.updates![1].status!.message!)).toBeLessThanOrEqual(L.MAX_MESSAGE_BYTES);
    expect(out.updates![1].status!.uuid).toBe(uuid);
    expect(out.register!.tasks![0].statuses![0]).toBe(base);
    expect(L.utf8Length(out.register!.tasks![0].statuses![1].message!)).toBeLessThanOrEqual(L.MAX_MESSAGE_BYTES);
    expect(out.register!.agent_info).toBe(msg.register!.agent_info);
    expect(msg.updates![1].status!.message).toHaveLength(9000); // the input is left as it was
  });

  it('returns a message within every limit as the same object', () => {
    const msg: AgentToMaster = { updates: [{ status: base }], register: { tasks: [{ statuses: [base] }] } };
    expect(L.boundAgentToMaster(msg)).toBe(msg);
  });
});
