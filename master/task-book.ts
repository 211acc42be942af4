/**
 * The master's task book (the agent has its own, `agent/task-book.ts`):
 * live tasks by framework, agent and id, their status history, completed
 * tasks per framework, and launches not yet reported by their agent.
 *
 * - Status history follows Mesos's `updateTask`: an update resent with a
 *   uuid already recorded (agent retry, re-registration, framework
 *   re-subscription) is not recorded again; a repeated state with a new
 *   uuid replaces the last status; anything else is appended. See
 *   {@link recordStatus}.
 * - A terminal task moves to its framework's completed history once (a
 *   resent terminal update finds it there and changes nothing), and its
 *   resources go back to the allocator once.
 * - A launch the agent never reports (no update, not in its
 *   re-registration) is swept after `launchReportTimeoutSeconds` as
 *   TASK_LOST (TASK_DROPPED for partition-aware frameworks), and the agent
 *   is told to kill it in case it is only late. The deadlines sit in one
 *   heap with one clock timer armed at the earliest.
 */
import type { Resource, StatusUpdate, Task, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { Reason, Source, TaskState, enumName, pb } from '@meseta/proto/wire';
import { allocate as allocateTo, normalizeUnallocated } from '@meseta/proto/resources';
import { idOf } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { type TimerHandle, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import { MinHeap } from '@meseta/runtime/min-heap';
import { BoundedHistory, approximateSize } from './bounded-history';
import { SharedResources } from './shared-resources';
import { detachStatusBytes } from './detached-bytes';
import { ownCopy } from './own-copy';
import type { AgentRecord, FrameworkRecord, TaskKillState, TaskRecord } from './state';
import { taskKey } from './state';
import { type MasterContext, isPartitionAware, sendToFramework } from './master-context';

/** A task's kill state until one is asked: one shared object (kill states are replaced, never changed in place). */
const NO_KILL: TaskKillState = Object.freeze({ phase: 'none' });

/**
 * True when two id messages (decoded TaskIDs) hold the same own fields:
 * just `value`, equal. A status's `task_id` may then be the task's own
 * message; every reader (JSON, protobuf, fields) sees the same.
 */
function sameId(a: object, b: object): boolean {
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === 1 && kb.length === 1 && ka[0] === 'value' && kb[0] === 'value' && (a as { value: unknown }).value === (b as { value: unknown }).value
    && (a as { $unknowns?: unknown }).$unknowns === undefined && (b as { $unknowns?: unknown }).$unknowns === undefined;
}

/** What {@link recordStatus} did with an update. */
export type StatusOutcome = 'appended' | 'replaced' | 'duplicate';

/**
 * Record `status` in a task's history, as Mesos's `updateTask`: a uuid
 * already in the history is a resend (nothing changes); the same state as
 * the last entry with a new uuid (or none) replaces it; else it is
 * appended. The history keeps its first entry and the newest `max - 1`.
 */
export function recordStatus(statuses: TaskStatus[], status: TaskStatus, max: number): StatusOutcome {
  const uuid = status.uuid;
  if (uuid && uuid.length > 0 && statuses.some((s) => sameBytes(s.uuid, uuid))) return 'duplicate';
  const last = statuses[statuses.length - 1];
  if (last !== undefined && last.state === status.state) {
    statuses[statuses.length - 1] = status;
    return 'replaced';
  }
  statuses.push(status);
  if (statuses.length > max) statuses.splice(1, statuses.length - max);
  return 'appended';
}

/** True when `a` holds exactly the bytes of `b` (a non-empty uuid); compared in place, without hex strings. */
function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A new completed-task history for a framework, bounded by the master's config. */
export function completedTaskHistory(ctx: Pick<MasterContext, 'config'>): BoundedHistory<TaskRecord> {
  return new BoundedHistory<TaskRecord>({
    maxItems: ctx.config.maxCompletedTasksPerFramework,
    maxBytes: ctx.config.maxCompletedTaskBytesPerFramework,
    // A task an agent reported holds its history as its own `statuses` too: counted once.
    sizeOf: (t) => approximateSize(t.task) + (t.task.statuses === t.statuses ? 0 : approximateSize(t.statuses)),
  });
}

/** The master's tasks. */
export class MasterTaskBook {
  private readonly unreported = new MinHeap<TaskRecord>();
  private sweepTimer?: TimerHandle;
  private sweepAt = Infinity;
  /** Identical resource lists of many tasks held once (read-only; see `shared-resources.ts`). */
  private readonly shared = new SharedResources();
  /** One `{ value: id }` per agent and framework, shared by its tasks' `agent_id` / `framework_id`. */
  private readonly idMessages = new WeakMap<AgentRecord | FrameworkRecord, { value: string }>();

  constructor(private readonly ctx: MasterContext) {}

  /** The shared `{ value: id }` of an agent or framework (rebuilt if its id was changed). */
  private idMessage(owner: AgentRecord | FrameworkRecord): { value: string } {
    const known = this.idMessages.get(owner);
    if (known && known.value === owner.id) return known;
    const made = { value: owner.id };
    this.idMessages.set(owner, made);
    return made;
  }

  /**
   * Track a task the master is about to send to `agent` (TASK_STAGING,
   * awaiting the agent's report). `resources`, when the caller has them, is
   * `info.resources` already normalised and unallocated (the ACCEPT's plan
   * computed it); it is kept as is, not copied again.
   */
  launch(fw: FrameworkRecord, agent: AgentRecord, info: TaskInfo, role: string, resources?: Resource[]): TaskRecord {
    const now = nowSeconds(this.ctx.clock);
    const held = this.shared.share(resources ?? normalizeUnallocated(info.resources));
    const task: Task = {
      name: info.name ?? '',
      task_id: info.task_id,
      framework_id: this.idMessage(fw),
      executor_id: info.executor?.executor_id ?? undefined,
      agent_id: this.idMessage(agent),
      state: TaskState.TASK_STAGING,
      resources: held,
      labels: info.labels ?? undefined,
      discovery: info.discovery ?? undefined,
      container: info.container ?? undefined,
      health_check: info.health_check ?? undefined,
      kill_policy: info.kill_policy ?? undefined,
      command: info.command ?? undefined,
      user: info.command?.user || fw.info.user || undefined,
      // Set by the first status update; present from the start so every task keeps one object shape.
      status_update_state: undefined,
      status_update_uuid: undefined,
    };
    // `task` is built here with the right ids: kept as it is (track copies what an agent reports).
    const record = this.add(fw, agent, task, role, held, [{ task_id: info.task_id, state: TaskState.TASK_STAGING, timestamp: now, source: Source.SOURCE_MASTER }]);
    record.awaitingReportSince = now;
    this.unreported.push(this.ctx.clock.now() + secondsToMs(this.ctx.config.launchReportTimeoutSeconds), record);
    this.armSweep();
    if (this.ctx.events.active) {
      this.ctx.events.publish({ type: 'TASK_ADDED', frameworkId: fw.id, taskId: record.taskId, agentId: agent.id, state: 'TASK_STAGING' });
    }
    return record;
  }

  /**
   * Track a task an agent reports (re-registration), already running there.
   * `resources`: `task.resources` already normalised and unallocated, when
   * the caller has them.
   */
  track(fw: FrameworkRecord, agent: AgentRecord, task: Task, role: string, resources?: Resource[]): TaskRecord {
    // The agent's decoded message: its statuses' bytes are copied out of the frame, identical
    // resource lists are shared, so a task held for long keeps no per-task copies it need not.
    // The decoded list itself becomes the record's history (one array per task, not two): every
    // reader shows `statuses` from the record, and the kept task's field is that same list.
    const reported = task.statuses;
    const statuses = reported && !Object.isFrozen(reported) ? reported : [...(reported ?? [])];
    for (let i = 0; i < statuses.length; i++) statuses[i] = detachStatusBytes(statuses[i]);
    // Field by field, not a spread: copies of one shape share a hidden class (see own-copy.ts).
    const kept: Task = ownCopy(task, { agent_id: this.idMessage(agent), framework_id: this.idMessage(fw) });
    // A status naming the task by the same id holds the task's id message, not a decoded copy of its own.
    const taskIdMessage = task.task_id;
    if (taskIdMessage) for (const s of statuses) if (s.task_id && s.task_id !== taskIdMessage && sameId(s.task_id, taskIdMessage)) s.task_id = taskIdMessage;
    if (kept.statuses !== undefined && kept.statuses !== null) kept.statuses = statuses;
    const sharedList = task.resources && task.resources.length > 0 ? this.shared.share(task.resources) : undefined;
    if (sharedList) kept.resources = sharedList;
    // Tasks of one shape share their normalised list too, made once per shape (not once per task).
    const held = resources ? this.shared.share(resources) : sharedList ? this.shared.normalized(sharedList, normalizeUnallocated) : this.shared.share(normalizeUnallocated(task.resources));
    return this.add(fw, agent, kept, role, held, statuses);
  }

  /** Record `task` (its ids already this agent's and framework's) as live. */
  private add(fw: FrameworkRecord, agent: AgentRecord, task: Task, role: string, resources: Resource[], statuses: TaskStatus[]): TaskRecord {
    const taskId = idOf(task.task_id);
    const record: TaskRecord = {
      task,
      frameworkId: fw.id,
      agentId: agent.id,
      taskId,
      resources,
      role,
      statuses,
      latest: task.statuses && task.statuses.length > 0 ? task.statuses[task.statuses.length - 1] : undefined,
      kill: NO_KILL,
    };
    fw.tasks.set(taskId, record);
    agent.tasks.set(taskKey(fw.id, taskId), record);
    return record;
  }

  /** The newest completed task of `fw` with this id (and agent, when given). */
  completed(fw: FrameworkRecord, taskId: string, agentId?: string): TaskRecord | undefined {
    const list = fw.completedTasks;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].taskId === taskId && (agentId === undefined || list[i].agentId === agentId)) return list[i];
    }
    return undefined;
  }

  /**
   * A status update from an agent: record it once (see {@link recordStatus}),
   * free the task's resources when it ends, publish the change. Forwarding
   * to the framework is the caller's (every time, resends too, as Mesos).
   */
  applyAgentUpdate(agent: AgentRecord, fw: FrameworkRecord | undefined, update: StatusUpdate): StatusOutcome | 'unknown' {
    const status = detachStatusBytes(update.status!);
    const fid = idOf(update.framework_id);
    const tid = idOf(status.task_id);
    const live = agent.tasks.get(taskKey(fid, tid));
    const record = live ?? (fw ? this.completed(fw, tid, agent.id) : undefined);
    if (!record) return 'unknown';
    record.awaitingReportSince = undefined;
    const outcome = recordStatus(record.statuses, status, this.ctx.config.maxStatusesPerTask);
    if (outcome === 'duplicate') return outcome;
    if (!isTerminal(record.task.state) || isTerminal(status.state)) record.task.state = status.state ?? record.task.state;
    record.latest = status;
    record.task.status_update_state = status.state;
    record.task.status_update_uuid = status.uuid;
    if (isTerminal(status.state) && live) this.release(record);
    this.publish(record);
    return outcome;
  }

  /** Record a status the master makes (e.g. TASK_UNREACHABLE) on a task that stays tracked, and publish it. */
  recordMasterStatus(record: TaskRecord, status: TaskStatus): void {
    record.task.state = status.state;
    record.latest = status;
    recordStatus(record.statuses, status, this.ctx.config.maxStatusesPerTask);
    this.publish(record);
  }

  /** End a live task with a terminal status the master makes, and tell its framework. */
  end(record: TaskRecord, status: TaskStatus): void {
    record.awaitingReportSince = undefined;
    record.task.state = status.state;
    record.latest = status;
    recordStatus(record.statuses, status, this.ctx.config.maxStatusesPerTask);
    this.release(record);
    this.publish(record);
    const fw = this.ctx.frameworks.get(record.frameworkId);
    if (fw) sendToFramework(fw, status);
  }

  /** Forget a live task, keep it in its framework's completed history, and recover its resources. */
  release(record: TaskRecord): void {
    const { frameworks, agents, metrics } = this.ctx;
    const fw = frameworks.get(record.frameworkId);
    const agent = agents.get(record.agentId);
    record.awaitingReportSince = undefined;
    agent?.tasks.delete(taskKey(record.frameworkId, record.taskId));
    if (fw && fw.tasks.get(record.taskId) === record) {
      fw.tasks.delete(record.taskId);
      fw.completedHistory.push(record);
    }
    const state = record.task.state;
    if (isTerminal(state)) {
      metrics.countEnded(enumName(TaskState, state));
      if (state === TaskState.TASK_FINISHED) metrics.tasksFinished++;
      else if (state === TaskState.TASK_FAILED) metrics.tasksFailed++;
      else if (state === TaskState.TASK_KILLED) metrics.tasksKilled++;
      else metrics.tasksLost++;
    }
    if (agent && agent.status !== 'GONE') {
      this.ctx.allocator.recoverResources(record.frameworkId, record.agentId, allocateTo(record.resources, record.role));
      this.ctx.scheduleAllocation();
    }
  }

  /** Tell live views a task changed. */
  publish(record: TaskRecord): void {
    if (!this.ctx.events.active) return;
    this.ctx.events.publish({
      type: 'TASK_UPDATED', frameworkId: record.frameworkId, taskId: record.taskId, agentId: record.agentId,
      state: enumName(pb.TaskState, record.task.state), message: record.latest?.message ?? undefined,
    });
  }

  /** Cancel the sweep timer (the master is stopping). */
  stop(): void {
    this.sweepTimer?.cancel();
    this.sweepTimer = undefined;
    this.sweepAt = Infinity;
  }

  private armSweep(): void {
    const next = this.unreported.peekKey();
    if (next === undefined || next >= this.sweepAt) return;
    this.sweepTimer?.cancel();
    this.sweepAt = next;
    this.sweepTimer = this.ctx.clock.after(Math.max(0, next - this.ctx.clock.now()), () => {
      this.sweepTimer = undefined;
      this.sweepAt = Infinity;
      this.sweep();
      this.armSweep();
    });
  }

  /** Report every launch past its deadline that its (connected) agent never reported. */
  private sweep(): void {
    const now = this.ctx.clock.now();
    while ((this.unreported.peekKey() ?? Infinity) <= now) {
      const record = this.unreported.pop()!;
      if (record.awaitingReportSince === undefined) continue;
      const fw = this.ctx.frameworks.get(record.frameworkId);
      const agent = this.ctx.agents.get(record.agentId);
      if (!fw || fw.tasks.get(record.taskId) !== record || !agent) continue;
      // An agent that is away settles its tasks when it re-registers (or is marked unreachable).
      if (agent.status !== 'ACTIVE') continue;
      const waited = Math.round(nowSeconds(this.ctx.clock) - record.awaitingReportSince);
      this.ctx.log.warn('launch never reported by its agent: task lost', { framework: fw.id, task: record.taskId, agent: agent.id, waited });
      agent.sink?.send({ kill: [{ framework_id: { value: fw.id }, task_id: { value: record.taskId } }] });
      this.end(record, {
        task_id: { value: record.taskId }, agent_id: { value: agent.id },
        state: isPartitionAware(fw) ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
        source: Source.SOURCE_MASTER, reason: Reason.REASON_TASK_UNKNOWN,
        message: `Agent ${agent.info.hostname || agent.id} (${agent.id}) never reported the task within ${this.ctx.config.launchReportTimeoutSeconds}s of its launch`,
        timestamp: nowSeconds(this.ctx.clock),
      });
    }
  }
}
