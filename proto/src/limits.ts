/**
 * Size limits on what frameworks and agents send, shared by every side: the
 * master refuses a call over a limit with INVALID_ARGUMENT naming the field
 * and the limit (`accept.operations[0].launch.task_infos[2].name: 1200
 * bytes, the limit is 1024`), the agent checks a task again before it runs
 * it, and a framework may check before it sends.
 *
 * Why limits at all: the master keeps what it is sent (task names, labels,
 * commands, status messages, decline reasons) in memory and in its history
 * of completed tasks and frameworks, and serves it to the UI. Mesos has no
 * limit on most of these fields; the ones here are set well above what a
 * real framework sends, so a Mesos user should never meet them, while one
 * runaway framework or executor cannot fill the master's memory. The kept
 * history is bounded in bytes as well (`master/bounded-history.ts`).
 *
 * Sizes of strings are UTF-8 bytes, as they travel on the wire. Pure, no I/O.
 */
import type {
  AgentToMaster,
  CommandInfo,
  ExecutorInfo,
  FrameworkInfo,
  InsufficientResource,
  Labels,
  TaskInfo,
  TaskStatus,
  v1,
} from './wire';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Task, executor, framework and agent id values, and ids in calls. 255
 * bytes is Linux's NAME_MAX: a task or executor id becomes a directory name
 * in the agent's sandbox path, so a longer one could never run.
 */
export const MAX_ID_BYTES = 255;

/**
 * Names: task and executor names, framework name, user, hostname, principal,
 * roles, label keys, environment variable names, resource names in decline
 * refusals. Mesos has no limit; names are shown in one line of the UI and
 * logs, and 1 KiB is far beyond any name a person reads.
 */
export const MAX_NAME_BYTES = 1 * KiB;

/**
 * A command's `value` (the shell command line, or the program), and the sum
 * of its `arguments`. Linux allows 128 KiB for one argument and about 2 MiB
 * for argv and the environment together; 64 KiB holds any hand-written
 * command line and most generated ones, and is kept with every task.
 */
export const MAX_COMMAND_BYTES = 64 * KiB;

/** Entries in a command's `arguments` (argv). Far beyond a hand-written argv. */
export const MAX_ARGUMENTS = 1024;

/** Entries in a command's `uris` (files fetched into the sandbox). */
export const MAX_URIS = 256;

/**
 * One URI to fetch, and a framework's `webui_url`. Browsers and servers
 * commonly cap URLs at 8 KiB.
 */
export const MAX_URI_BYTES = 8 * KiB;

/** Variables in a command's environment. Services with hundreds exist; a thousand is generous. */
export const MAX_ENVIRONMENT_VARIABLES = 1024;

/**
 * Names plus values of a command's environment, together. A quarter of
 * Linux's usual 2 MiB for argv plus environment; certificates and JSON
 * configuration passed in variables fit easily.
 */
export const MAX_ENVIRONMENT_BYTES = 256 * KiB;

/**
 * Labels on a task, a framework or a status. Labels are key/value tags for
 * tools (DC/OS, Marathon put a dozen or so); 64 leaves room for many tools.
 */
export const MAX_LABELS = 64;

/**
 * One label's value (its key is a name, {@link MAX_NAME_BYTES}). 4 KiB holds
 * the multi-line proxy templates some tools keep in labels.
 */
export const MAX_LABEL_VALUE_BYTES = 4 * KiB;

/**
 * Human-readable messages: a status update's `message`, a decline refusal's
 * `message`. They are read in one panel of the UI; 4 KiB is a screenful. A
 * longer status message from an agent is truncated with a marker (an update
 * is never refused); a longer refusal message refuses the DECLINE.
 */
export const MAX_MESSAGE_BYTES = 4 * KiB;

/**
 * Refusals one DECLINE may carry. The master keeps them with the decline
 * for the UI; a framework lists why each pending kind of task did not fit,
 * deduplicated, which is a handful per app.
 */
export const MAX_REFUSALS = 256;

/** Roles a framework subscribes with (and roles named by REVIVE and SUPPRESS). Mesos multi-role frameworks use a handful. */
export const MAX_ROLES = 128;

/** Capabilities a framework lists. Mesos defines about a dozen. */
export const MAX_CAPABILITIES = 64;

/**
 * Opaque bytes a framework sends: a MESSAGE call's `data`, a task's and an
 * executor's `data`. They pass through the master to the agent and are not
 * kept in history; 1 MiB bounds one call's memory.
 */
export const MAX_DATA_BYTES = 1 * MiB;

/**
 * A status update's `data` (bytes an executor attaches, e.g. a container's
 * inspect output). Kept with the task's statuses; larger data from an agent
 * is dropped from the update, which says so in its message.
 */
export const MAX_STATUS_DATA_BYTES = 64 * KiB;

/**
 * Tasks one explicit RECONCILE may list. Each is answered with one update
 * event; a framework with more tasks sends several calls (or an empty list:
 * implicit reconciliation of every task, which has no limit).
 */
export const MAX_RECONCILE_TASKS = 10_000;

/** An acknowledgement's `uuid`. Mesos uuids are 16 bytes. */
export const MAX_UUID_BYTES = 64;

/** A field over its limit: the field's path, its size and the limit. */
export interface LimitProblem {
  field: string;
  size: number;
  limit: number;
  unit: 'bytes' | 'entries';
}

/** `field: 1200 bytes, the limit is 1024`. */
export function limitMessage(p: LimitProblem): string {
  return `${p.field}: ${limitProblemText(p)}`;
}

/** `1200 bytes, the limit is 1024` (the message without the field). */
export function limitProblemText(p: LimitProblem): string {
  return `${p.size} ${p.unit}, the limit is ${p.limit}`;
}

/** UTF-8 length of a string (Node's own count, without encoding it; a lone surrogate counts 3, as it encodes). */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A string (absent counts as empty) over `limit` UTF-8 bytes, or undefined. */
export function textProblem(field: string, value: string | null | undefined, limit: number): LimitProblem | undefined {
  if (!value || value.length * 3 <= limit) return undefined; // fits whatever its characters
  const size = utf8Length(value);
  return size > limit ? { field, size, limit, unit: 'bytes' } : undefined;
}

/** A byte array over `limit` bytes, or undefined. */
export function bytesProblem(field: string, value: Uint8Array | null | undefined, limit: number): LimitProblem | undefined {
  const size = value?.length ?? 0;
  return size > limit ? { field, size, limit, unit: 'bytes' } : undefined;
}

/** A list with more than `limit` entries, or undefined. */
export function countProblem(field: string, list: readonly unknown[] | null | undefined, limit: number): LimitProblem | undefined {
  const size = list?.length ?? 0;
  return size > limit ? { field, size, limit, unit: 'entries' } : undefined;
}

/** An id message's value over {@link MAX_ID_BYTES}. `field` names the id (`kill.task_id`), as the other id checks do. */
export function idProblem(field: string, id: { value?: string | null } | null | undefined): LimitProblem | undefined {
  return textProblem(field, id?.value, MAX_ID_BYTES);
}

/** The first of a list of checks that finds a problem. */
function first(...checks: Array<() => LimitProblem | undefined>): LimitProblem | undefined {
  for (const check of checks) {
    const p = check();
    if (p) return p;
  }
  return undefined;
}

/** The first list entry with a problem. */
function firstOf<T>(list: readonly T[] | null | undefined, check: (item: T, i: number) => LimitProblem | undefined): LimitProblem | undefined {
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++) {
    const p = check(list[i], i);
    if (p) return p;
  }
  return undefined;
}

/** Labels: count, key and value sizes. `field` names the `Labels` message. */
export function labelsProblem(field: string, labels: Labels | null | undefined): LimitProblem | undefined {
  const list = labels?.labels;
  return first(
    () => countProblem(`${field}.labels`, list, MAX_LABELS),
    () =>
      firstOf(list, (l, i) =>
        first(
          () => textProblem(`${field}.labels[${i}].key`, l.key, MAX_NAME_BYTES),
          () => textProblem(`${field}.labels[${i}].value`, l.value, MAX_LABEL_VALUE_BYTES),
        ),
      ),
  );
}

/** A command: value, arguments (count and total bytes), uris, environment (count, names, total bytes), user. */
export function commandProblem(field: string, command: CommandInfo | null | undefined): LimitProblem | undefined {
  if (!command) return undefined;
  return first(
    () => textProblem(`${field}.value`, command.value, MAX_COMMAND_BYTES),
    () => countProblem(`${field}.arguments`, command.arguments, MAX_ARGUMENTS),
    () => {
      const size = (command.arguments ?? []).reduce((sum, a) => sum + utf8Length(a ?? ''), 0);
      return size > MAX_COMMAND_BYTES ? { field: `${field}.arguments`, size, limit: MAX_COMMAND_BYTES, unit: 'bytes' } : undefined;
    },
    () => textProblem(`${field}.user`, command.user, MAX_NAME_BYTES),
    () => countProblem(`${field}.uris`, command.uris, MAX_URIS),
    () =>
      firstOf(command.uris, (u, i) =>
        first(
          () => textProblem(`${field}.uris[${i}].value`, u.value, MAX_URI_BYTES),
          () => textProblem(`${field}.uris[${i}].output_file`, u.output_file, MAX_NAME_BYTES),
        ),
      ),
    () => environmentProblem(`${field}.environment.variables`, command.environment?.variables),
  );
}

function environmentProblem(field: string, variables: readonly v1.Environment.IVariable[] | null | undefined): LimitProblem | undefined {
  return first(
    () => countProblem(field, variables, MAX_ENVIRONMENT_VARIABLES),
    () => firstOf(variables, (v, i) => textProblem(`${field}[${i}].name`, v.name, MAX_NAME_BYTES)),
    () => {
      let size = 0;
      for (const v of variables ?? []) size += utf8Length(v.name ?? '') + utf8Length(v.value ?? '');
      return size > MAX_ENVIRONMENT_BYTES ? { field, size, limit: MAX_ENVIRONMENT_BYTES, unit: 'bytes' } : undefined;
    },
  );
}

/** An executor: id, name, command, data. */
export function executorInfoProblem(field: string, executor: ExecutorInfo | null | undefined): LimitProblem | undefined {
  if (!executor) return undefined;
  return first(
    () => idProblem(`${field}.executor_id`, executor.executor_id),
    () => textProblem(`${field}.name`, executor.name, MAX_NAME_BYTES),
    () => commandProblem(`${field}.command`, executor.command),
    () => bytesProblem(`${field}.data`, executor.data, MAX_DATA_BYTES),
  );
}

/**
 * A task: name, id, command, health check command, labels, data and its
 * executor. `field` names the task (`accept.operations[0].launch.task_infos[2]`).
 */
export function taskInfoProblem(field: string, task: TaskInfo): LimitProblem | undefined {
  return first(
    () => textProblem(`${field}.name`, task.name, MAX_NAME_BYTES),
    () => idProblem(`${field}.task_id`, task.task_id),
    () => commandProblem(`${field}.command`, task.command),
    () => commandProblem(`${field}.health_check.command`, task.health_check?.command),
    () => labelsProblem(`${field}.labels`, task.labels),
    () => bytesProblem(`${field}.data`, task.data, MAX_DATA_BYTES),
    () => executorInfoProblem(`${field}.executor`, task.executor),
  );
}

/** True when `value` (absent counts as empty) is within `limit` UTF-8 bytes: {@link textProblem} without the field. */
function textFits(value: string | null | undefined, limit: number): boolean {
  return !value || value.length * 3 <= limit || utf8Length(value) <= limit;
}

function labelsFit(labels: Labels | null | undefined): boolean {
  const list = labels?.labels;
  if (!list) return true;
  if (list.length > MAX_LABELS) return false;
  for (const l of list) if (!textFits(l.key, MAX_NAME_BYTES) || !textFits(l.value, MAX_LABEL_VALUE_BYTES)) return false;
  return true;
}

function commandFits(command: CommandInfo | null | undefined): boolean {
  if (!command) return true;
  if (!textFits(command.value, MAX_COMMAND_BYTES)) return false;
  const args = command.arguments;
  if (args) {
    if (args.length > MAX_ARGUMENTS) return false;
    let size = 0;
    for (const a of args) if (a) size += utf8Length(a);
    if (size > MAX_COMMAND_BYTES) return false;
  }
  if (!textFits(command.user, MAX_NAME_BYTES)) return false;
  const uris = command.uris;
  if (uris) {
    if (uris.length > MAX_URIS) return false;
    for (const u of uris) if (!textFits(u.value, MAX_URI_BYTES) || !textFits(u.output_file, MAX_NAME_BYTES)) return false;
  }
  const variables = command.environment?.variables;
  if (variables) {
    if (variables.length > MAX_ENVIRONMENT_VARIABLES) return false;
    let size = 0;
    for (const v of variables) {
      if (!textFits(v.name, MAX_NAME_BYTES)) return false;
      size += utf8Length(v.name ?? '') + utf8Length(v.value ?? '');
    }
    if (size > MAX_ENVIRONMENT_BYTES) return false;
  }
  return true;
}

/** True when {@link executorInfoProblem} finds nothing; builds no field names (the ACCEPT path's common case). */
export function executorInfoWithinLimits(executor: ExecutorInfo | null | undefined): boolean {
  if (!executor) return true;
  return (
    textFits(executor.executor_id?.value, MAX_ID_BYTES) &&
    textFits(executor.name, MAX_NAME_BYTES) &&
    commandFits(executor.command) &&
    (executor.data?.length ?? 0) <= MAX_DATA_BYTES
  );
}

/**
 * True when {@link taskInfoProblem} finds nothing, without building a field
 * name or a closure per check: the ACCEPT path asks this of every task and
 * asks `taskInfoProblem` only for one that is over a limit, for the message
 * (`test/unit/launch-fast-paths.test.ts` holds the two to the same answers).
 */
export function taskInfoWithinLimits(task: TaskInfo): boolean {
  return (
    textFits(task.name, MAX_NAME_BYTES) &&
    textFits(task.task_id?.value, MAX_ID_BYTES) &&
    commandFits(task.command) &&
    commandFits(task.health_check?.command) &&
    labelsFit(task.labels) &&
    (task.data?.length ?? 0) <= MAX_DATA_BYTES &&
    executorInfoWithinLimits(task.executor)
  );
}

/** A list of roles: count and each name. */
export function rolesProblem(field: string, roles: readonly string[] | null | undefined): LimitProblem | undefined {
  return first(
    () => countProblem(field, roles, MAX_ROLES),
    () => firstOf(roles, (r, i) => textProblem(`${field}[${i}]`, r, MAX_NAME_BYTES)),
  );
}

/** A framework: name, user, hostname, principal, role(s), webui url, capabilities, labels. */
export function frameworkInfoProblem(field: string, info: FrameworkInfo): LimitProblem | undefined {
  return first(
    () => textProblem(`${field}.name`, info.name, MAX_NAME_BYTES),
    () => idProblem(`${field}.id`, info.id),
    () => textProblem(`${field}.user`, info.user, MAX_NAME_BYTES),
    () => textProblem(`${field}.hostname`, info.hostname, MAX_NAME_BYTES),
    () => textProblem(`${field}.principal`, info.principal, MAX_NAME_BYTES),
    () => textProblem(`${field}.role`, info.role, MAX_NAME_BYTES),
    () => rolesProblem(`${field}.roles`, info.roles),
    () => textProblem(`${field}.webui_url`, info.webui_url, MAX_URI_BYTES),
    () => countProblem(`${field}.capabilities`, info.capabilities, MAX_CAPABILITIES),
    () => labelsProblem(`${field}.labels`, info.labels),
  );
}

/** A DECLINE's refusals: count, and each one's resource name, message and task id. */
export function refusalsProblem(field: string, refusals: readonly InsufficientResource[] | null | undefined): LimitProblem | undefined {
  return first(
    () => countProblem(field, refusals, MAX_REFUSALS),
    () =>
      firstOf(refusals, (r, i) =>
        first(
          () => textProblem(`${field}[${i}].name`, r.name, MAX_NAME_BYTES),
          () => textProblem(`${field}[${i}].message`, r.message, MAX_MESSAGE_BYTES),
          () => idProblem(`${field}[${i}].task_id`, r.task_id),
        ),
      ),
  );
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, ending with a marker that
 * says how long it was: `… [truncated: 5000 bytes, the limit is 4096]`. The
 * cut falls between characters. Text within the limit comes back as is.
 */
export function truncateText(text: string, maxBytes: number): string {
  const size = utf8Length(text);
  if (size <= maxBytes) return text;
  const marker = ` … [truncated: ${size} bytes, the limit is ${maxBytes}]`;
  let budget = maxBytes - utf8Length(marker);
  if (budget <= 0) return marker.trimStart().slice(0, maxBytes);
  let end = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes > budget) break;
    budget -= bytes;
    end += pair ? 2 : 1;
  }
  return text.slice(0, end) + marker;
}

/** A shallow copy that keeps the prototype (decoded protobuf messages read their defaults from it). */
function copyOf<T extends object>(value: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value)) as T, value);
}

/**
 * A status update as the master may keep it: `message` truncated to
 * {@link MAX_MESSAGE_BYTES} with a marker, `data` over
 * {@link MAX_STATUS_DATA_BYTES} dropped (the message says so), labels past
 * {@link MAX_LABELS} dropped and long label keys and values truncated.
 * Everything else (uuid, state, ids) is untouched, so the update is still
 * acknowledged and forwarded: an update is never lost for its size. Returns
 * `status` itself when it is within the limits.
 */
export function boundTaskStatus(status: TaskStatus): TaskStatus {
  const dataTooBig = (status.data?.length ?? 0) > MAX_STATUS_DATA_BYTES;
  const labels = status.labels?.labels;
  const labelsTooBig = !!labels && labelsProblem('labels', status.labels) !== undefined;
  const messageTooBig = textProblem('message', status.message, MAX_MESSAGE_BYTES) !== undefined;
  if (!dataTooBig && !labelsTooBig && !messageTooBig) return status;
  const out = copyOf(status);
  let message = status.message ?? '';
  if (dataTooBig) {
    out.data = new Uint8Array(0);
    const note = `[data of ${status.data!.length} bytes dropped, the limit is ${MAX_STATUS_DATA_BYTES}]`;
    message = message ? `${message} ${note}` : note;
  }
  if (dataTooBig || messageTooBig) out.message = truncateText(message, MAX_MESSAGE_BYTES);
  if (labelsTooBig) {
    out.labels = {
      labels: labels!.slice(0, MAX_LABELS).map((l) => ({
        key: truncateText(l.key ?? '', MAX_NAME_BYTES),
        value: l.value === null || l.value === undefined ? l.value : truncateText(l.value, MAX_LABEL_VALUE_BYTES),
      })),
    };
  }
  return out;
}

/**
 * An agent's message with every status in it bounded by
 * {@link boundTaskStatus}: the updates it forwards, and the statuses of the
 * tasks it reports when it (re-)registers. Returns `msg` itself when
 * nothing is over a limit.
 */
export function boundAgentToMaster(msg: AgentToMaster): AgentToMaster {
  let out = msg;
  const updates = msg.updates;
  if (updates) {
    let changed = false;
    const bounded = updates.map((u) => {
      if (!u.status) return u;
      const s = boundTaskStatus(u.status);
      if (s === u.status) return u;
      changed = true;
      return Object.assign(copyOf(u), { status: s });
    });
    if (changed) out = Object.assign(copyOf(out), { updates: bounded });
  }
  const tasks = msg.register?.tasks;
  if (tasks) {
    let changed = false;
    const bounded = tasks.map((t) => {
      if (!t.statuses) return t;
      let statusChanged = false;
      const statuses = t.statuses.map((s) => {
        const b = boundTaskStatus(s);
        if (b !== s) statusChanged = true;
        return b;
      });
      if (!statusChanged) return t;
      changed = true;
      return Object.assign(copyOf(t), { statuses });
    });
    if (changed) out = Object.assign(copyOf(out), { register: Object.assign(copyOf(msg.register!), { tasks: bounded }) });
  }
  return out;
}
