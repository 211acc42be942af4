/**
 * The checkpoint records and their JSON form. Pure.
 *
 * Messages are stored as Mesos-style JSON (enum names, base64 bytes), so a
 * checkpoint can be read with `cat`. Every record carries `format`; a
 * decoder answers with the field that is wrong rather than throwing, and a
 * record from a newer format is refused as such.
 */
import type { Attribute, FrameworkInfo, Reason, Resource, StatusUpdate, TaskInfo, TaskState, TaskStatus } from '@meseta/proto/wire';
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';
import { idOf, uuidKey } from '@meseta/proto/ids';
import type { TaskPhase } from './task-book';

/** The format written; a file with a higher one is refused. */
export const CHECKPOINT_FORMAT = 1;

/** Who the agent is: what `agent.json` holds. */
export interface AgentIdentity {
  /** Set once a master gave one. */
  agentId?: string;
  /** The host's boot id when it was written; another one means the host rebooted. */
  bootId?: string;
  hostname: string;
  /** The resources the agent registers with (flag and detection resolved). */
  resources: Resource[];
  /** The `--resources` text as given ('' when none). */
  resourcesFlag: string;
  attributes: Attribute[];
}

/** A task as the agent checkpoints it. */
export interface TaskRecord {
  info: TaskInfo;
  executorId?: string;
  containerId: string;
  /** The pod (task group parent container) it runs in. */
  podId?: string;
  phase: TaskPhase;
  state: TaskState;
  statuses: TaskStatus[];
  /** Sandbox dir relative to the work dir. */
  sandbox?: string;
  /** Name of the containerizer that launched it. */
  containerizer?: string;
  /** What the containerizer's `checkpoint` returned. */
  container?: Record<string, unknown>;
  pid?: number;
  killRequested: boolean;
  killReason?: Reason;
}

/** One task file: the task (absent for refusals the agent never tracked) and its unacknowledged updates, oldest first. */
export interface TaskCheckpoint {
  frameworkId: string;
  taskId: string;
  task?: TaskRecord;
  updates: StatusUpdate[];
}

/** A decoded record, or what is wrong with it. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

const PHASES: readonly TaskPhase[] = ['launching', 'running', 'killing', 'terminated'];

type MessageType<T> = { fromObject(o: Record<string, unknown>): T; toObject(m: T, o: Record<string, unknown>): Record<string, unknown> };

/** Plain objects (own fields only, enums as numbers, bytes as Uint8Array): no defaults leak in from message prototypes. */
const PLAIN_OPTIONS = { longs: Number, defaults: false };

function toJson<T>(type: MessageType<T>, message: T): Record<string, unknown> {
  return type.toObject(type.fromObject(message as unknown as Record<string, unknown>), { ...JSON_OPTIONS });
}

function fromJson<T>(type: MessageType<T>, value: unknown, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field}: must be an object`);
  try {
    return type.toObject(type.fromObject(value as Record<string, unknown>), PLAIN_OPTIONS) as T;
  } catch (e) {
    throw new Error(`${field}: ${(e as Error).message}`);
  }
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field}: must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string, required = true): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw new Error(`${field}: required`);
    return undefined;
  }
  if (typeof value !== 'string' || (required && value === '')) throw new Error(`${field}: must be a non-empty string`);
  return value;
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field}: must be a list`);
  return value;
}

function checkFormat(record: Record<string, unknown>): void {
  const format = record.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) throw new Error('format: must be a positive integer');
  if (format > CHECKPOINT_FORMAT) {
    throw new Error(`format: ${format} is newer than this agent understands (${CHECKPOINT_FORMAT}); it was written by a newer Meseta`);
  }
}

function decode<T>(value: unknown, read: (record: Record<string, unknown>) => T): Decoded<T> {
  try {
    const record = object(value, 'record');
    checkFormat(record);
    return { ok: true, value: read(record) };
  } catch (e) {
    return { ok: false, problem: (e as Error).message };
  }
}

/** `agent.json` text. */
export function encodeIdentity(identity: AgentIdentity, writtenAt: number): string {
  return `${JSON.stringify(
    {
      format: CHECKPOINT_FORMAT,
      agent_id: identity.agentId,
      boot_id: identity.bootId,
      hostname: identity.hostname,
      resources: identity.resources.map((r) => toJson(pb.Resource, r)),
      resources_flag: identity.resourcesFlag,
      attributes: identity.attributes.map((a) => toJson(pb.Attribute, a)),
      written_at: writtenAt,
    },
    null,
    2,
  )}\n`;
}

/** Read `agent.json`. */
export function decodeIdentity(value: unknown): Decoded<AgentIdentity> {
  return decode(value, (r) => ({
    agentId: text(r.agent_id, 'agent_id', false) || undefined,
    bootId: text(r.boot_id, 'boot_id', false) || undefined,
    hostname: text(r.hostname, 'hostname', false) ?? '',
    resources: list(r.resources, 'resources').map((x, i) => fromJson(pb.Resource, x, `resources[${i}]`)),
    resourcesFlag: text(r.resources_flag, 'resources_flag', false) ?? '',
    attributes: list(r.attributes, 'attributes').map((x, i) => fromJson(pb.Attribute, x, `attributes[${i}]`)),
  }));
}

/** `framework.json` text. */
export function encodeFramework(info: FrameworkInfo): string {
  return `${JSON.stringify({ format: CHECKPOINT_FORMAT, framework_info: toJson(pb.FrameworkInfo, info) }, null, 2)}\n`;
}

/** Read `framework.json`: the info, which must carry its id. */
export function decodeFramework(value: unknown): Decoded<FrameworkInfo> {
  return decode(value, (r) => {
    const info = fromJson(pb.FrameworkInfo, r.framework_info, 'framework_info');
    if (!idOf(info.id)) throw new Error('framework_info.id: required');
    return info;
  });
}

/** A task file's text. */
export function encodeTaskCheckpoint(checkpoint: TaskCheckpoint): string {
  const t = checkpoint.task;
  const task = t && {
    info: toJson(pb.TaskInfo, t.info),
    executor_id: t.executorId,
    container_id: t.containerId,
    pod_id: t.podId,
    phase: t.phase,
    state: pb.TaskState[t.state],
    statuses: t.statuses.map((s) => toJson(pb.TaskStatus, s)),
    sandbox: t.sandbox,
    containerizer: t.containerizer,
    container: t.container,
    pid: t.pid,
    kill_requested: t.killRequested,
    kill_reason: t.killReason === undefined ? undefined : pb.TaskStatus.Reason[t.killReason],
  };
  return `${JSON.stringify(
    {
      format: CHECKPOINT_FORMAT,
      framework_id: checkpoint.frameworkId,
      task_id: checkpoint.taskId,
      task,
      updates: checkpoint.updates.map((u) => toJson(pb.StatusUpdate, u)),
    },
    null,
    2,
  )}\n`;
}

function enumValue<E extends number>(values: Record<string, string | number>, value: unknown, field: string): E {
  const n = typeof value === 'string' ? values[value] : undefined;
  if (typeof n !== 'number') throw new Error(`${field}: "${String(value)}" is not a known value`);
  return n as E;
}

function decodeTaskRecord(value: unknown): TaskRecord {
  const r = object(value, 'task');
  const phase = r.phase as TaskPhase;
  if (!PHASES.includes(phase)) throw new Error(`task.phase: "${String(r.phase)}" is not one of ${PHASES.join(', ')}`);
  const container = r.container === undefined || r.container === null ? undefined : object(r.container, 'task.container');
  const pid = r.pid;
  if (pid !== undefined && pid !== null && (typeof pid !== 'number' || !Number.isInteger(pid))) throw new Error('task.pid: must be an integer');
  return {
    info: fromJson(pb.TaskInfo, r.info, 'task.info'),
    executorId: text(r.executor_id, 'task.executor_id', false) || undefined,
    containerId: text(r.container_id, 'task.container_id') as string,
    podId: text(r.pod_id, 'task.pod_id', false) || undefined,
    phase,
    state: enumValue<TaskState>(pb.TaskState, r.state, 'task.state'),
    statuses: list(r.statuses, 'task.statuses').map((s, i) => fromJson(pb.TaskStatus, s, `task.statuses[${i}]`)),
    sandbox: text(r.sandbox, 'task.sandbox', false) || undefined,
    containerizer: text(r.containerizer, 'task.containerizer', false) || undefined,
    container,
    pid: typeof pid === 'number' ? pid : undefined,
    killRequested: r.kill_requested === true,
    killReason: r.kill_reason === undefined || r.kill_reason === null ? undefined : enumValue<Reason>(pb.TaskStatus.Reason, r.kill_reason, 'task.kill_reason'),
  };
}

/** Read a task file. Every update must belong to the file's task and carry a uuid. */
export function decodeTaskCheckpoint(value: unknown): Decoded<TaskCheckpoint> {
  return decode(value, (r) => {
    const frameworkId = text(r.framework_id, 'framework_id') as string;
    const taskId = text(r.task_id, 'task_id') as string;
    const task = r.task === undefined || r.task === null ? undefined : decodeTaskRecord(r.task);
    const updates = list(r.updates, 'updates').map((u, i) => {
      const update = fromJson(pb.StatusUpdate, u, `updates[${i}]`);
      if (idOf(update.status?.task_id) !== taskId) throw new Error(`updates[${i}].status.task_id: must be "${taskId}"`);
      if (!uuidKey(update.status?.uuid)) throw new Error(`updates[${i}].status.uuid: required`);
      return update;
    });
    return { frameworkId, taskId, task, updates };
  });
}
