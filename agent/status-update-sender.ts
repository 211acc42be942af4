/**
 * Drives the status-update manager: sends what is due whenever the agent is
 * registered (once per tick, batched), stamps the current agent id, and
 * keeps one timer for the next resend.
 *
 * With `persist` (the agent checkpoints), a task's pending updates are
 * checkpointed whenever they change, and a new update is sent only once it
 * is on disk: an update the framework may have seen is never one the agent
 * could forget in a crash. Until then it waits in a staging queue behind
 * the task's earlier updates.
 */
import type { StatusUpdate, v1 } from '@meseta/proto/wire';
import { uuidKey } from '@meseta/proto/ids';
import type { AckOutcome } from './status-update-manager';
import { StatusUpdateManager } from './status-update-manager';
import { type Clock, systemClock, type TimerHandle } from '@meseta/runtime/clock';

/** Where the agent's messages to the master go (the master link). */
export interface AgentOutbox {
  isRegistered(): boolean;
  sendUpdates(updates: readonly StatusUpdate[]): void;
  /** A framework message from an executor (delivered at most once). */
  sendFrameworkMessage?(message: v1.AgentToMaster.IFrameworkMessage): void;
  /** A custom executor ended or never started: the master frees its resources. */
  sendExecutorExited?(exited: v1.AgentToMaster.IExecutorExited): void;
  /** The agent's latest usage of its containers (`usage/agent-usage.ts`); dropped while not registered. */
  sendUsage?(usage: v1.AgentToMaster.IUsage): void;
}

/** Options of {@link StatusUpdateSender}. */
export interface StatusUpdateSenderOptions {
  retryBaseMs: number;
  /** The current agent id, stamped on every update as it leaves. */
  agentId(): string | undefined;
  /** The last pending update of a task was acknowledged. */
  onSettled(frameworkId: string, taskId: string): void;
  /** The clock of resends (any backoff length works on it). @default systemClock */
  clock?: Clock;
  /**
   * Checkpoint a task's pending updates (oldest first); resolves once they
   * are on disk. `urgent` is false when only an acknowledgement removed one
   * (it may wait for the next write: losing it means a duplicate, not a loss).
   */
  persist?(frameworkId: string, taskId: string, pending: readonly StatusUpdate[], urgent: boolean): Promise<void>;
}

const streamKey = (frameworkId: string, taskId: string): string => `${frameworkId}\u0000${taskId}`;

function idsOf(update: StatusUpdate): [string, string] {
  return [update.framework_id?.value ?? '', update.status?.task_id?.value ?? ''];
}

/** Reliable delivery of status updates over an outbox that comes and goes. */
export class StatusUpdateSender {
  private readonly manager: StatusUpdateManager;
  private readonly clock: Clock;
  private outbox?: AgentOutbox;
  private pumpScheduled = false;
  private retryTimer?: TimerHandle;
  private retryTimerAt = Infinity;
  /** Updates waiting to be on disk before they join the manager, per task. */
  private readonly staged = new Map<string, StatusUpdate[]>();
  private stagedCount = 0;

  constructor(private readonly options: StatusUpdateSenderOptions) {
    this.clock = options.clock ?? systemClock;
    this.manager = new StatusUpdateManager({
      retryBaseMs: options.retryBaseMs,
      // A task with updates still staging is not settled yet.
      onSettled: (frameworkId, taskId) => {
        if (!this.staged.has(streamKey(frameworkId, taskId))) options.onSettled(frameworkId, taskId);
      },
    });
  }

  attach(outbox: AgentOutbox): void {
    this.outbox = outbox;
  }

  isRegistered(): boolean {
    return this.outbox?.isRegistered() ?? false;
  }

  /** Queue an update (with its uuid) for reliable delivery. */
  send(update: StatusUpdate): void {
    if (!this.options.persist) {
      this.manager.enqueue(update);
      this.schedulePump();
      return;
    }
    const [frameworkId, taskId] = idsOf(update);
    if (!taskId) throw new Error('status update without status.task_id');
    const key = streamKey(frameworkId, taskId);
    const staged = this.staged.get(key) ?? [];
    staged.push(update);
    this.staged.set(key, staged);
    this.stagedCount++;
    this.persist(frameworkId, taskId, true);
  }

  /** Updates recovered from the checkpoint (already on disk), each task's in order. */
  restore(updates: readonly StatusUpdate[]): void {
    for (const u of updates) this.manager.enqueue(u);
    if (updates.length > 0) this.schedulePump();
  }

  /** Send updates once, without keeping them (answers that carry no uuid). Dropped when not registered. */
  sendOnce(updates: readonly StatusUpdate[]): void {
    if (updates.length > 0 && this.outbox?.isRegistered()) this.outbox.sendUpdates(updates);
  }

  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array | null | undefined): AckOutcome {
    const outcome = this.manager.acknowledge(frameworkId, taskId, uuid);
    if (outcome === 'acknowledged') {
      if (this.options.persist) this.persist(frameworkId, taskId, false);
      this.schedulePump();
    }
    return outcome;
  }

  /** True while an update with this uuid waits for its acknowledgement (staged or queued). */
  isPending(frameworkId: string, taskId: string, uuid: Uint8Array): boolean {
    const wanted = uuidKey(uuid);
    const staged = this.staged.get(streamKey(frameworkId, taskId)) ?? [];
    return [...staged, ...this.manager.pending(frameworkId, taskId)].some((u) => uuidKey(u.status?.uuid) === wanted);
  }

  /** Resend pending heads now (one task, one framework, or all). Returns how many. */
  redeliver(frameworkId?: string, taskId?: string): number {
    const count = this.manager.redeliver(frameworkId, taskId);
    if (count > 0) this.schedulePump();
    return count;
  }

  /** The link is up again: everything pending goes out now. */
  onRegistered(): void {
    this.manager.redeliverAll();
    this.pump();
  }

  /** The link is down: no resend timer until registered again. */
  onDisconnected(): void {
    this.clearRetryTimer();
  }

  /**
   * Send what is due now (used before forgetting a framework, and on stop).
   * Updates still staging go too, without waiting for the disk: they are
   * the last words on tasks about to be forgotten. When it returns, every
   * due update has been handed to the outbox (none waits for a later tick).
   */
  flush(): void {
    for (const list of this.staged.values()) for (const u of list) this.manager.enqueue(u);
    this.staged.clear();
    this.stagedCount = 0;
    this.pump();
  }

  /** The oldest pending update of a task. */
  head(frameworkId: string, taskId: string): StatusUpdate | undefined {
    return this.manager.head(frameworkId, taskId);
  }

  /** The oldest pending update of every task with one (queued or still staging). */
  heads(): StatusUpdate[] {
    const out = this.manager.heads();
    const queued = new Set(out.map((u) => streamKey(...idsOf(u))));
    for (const [key, staged] of this.staged) if (!queued.has(key) && staged.length > 0) out.push(staged[0]);
    return out;
  }

  forgetFramework(frameworkId: string): number {
    let dropped = 0;
    for (const [key, staged] of this.staged) {
      if (idsOf(staged[0])[0] !== frameworkId) continue;
      dropped += staged.length;
      this.stagedCount -= staged.length;
      this.staged.delete(key);
    }
    return dropped + this.manager.forgetFramework(frameworkId);
  }

  /** Drop everything pending. */
  clear(): void {
    this.manager.clear();
    this.staged.clear();
    this.stagedCount = 0;
    this.clearRetryTimer();
  }

  /** Stop the resend timer for good. */
  stop(): void {
    this.clearRetryTimer();
  }

  /** Number of unacknowledged updates. */
  get size(): number {
    return this.manager.size + this.stagedCount;
  }

  /**
   * Checkpoint the task's pending and staged updates; once on disk, the
   * staged ones that were written join the manager (in order) and may be sent.
   */
  private persist(frameworkId: string, taskId: string, urgent: boolean): void {
    const key = streamKey(frameworkId, taskId);
    const staged = this.staged.get(key) ?? [];
    const written = new Set(staged);
    const done = (): void => {
      const list = this.staged.get(key);
      let moved = 0;
      while (list && list.length > 0 && written.has(list[0])) {
        this.manager.enqueue(list.shift() as StatusUpdate);
        moved++;
      }
      this.stagedCount -= moved;
      if (list && list.length === 0) this.staged.delete(key);
      if (moved > 0) this.schedulePump();
    };
    const persist = this.options.persist as NonNullable<StatusUpdateSenderOptions['persist']>;
    void persist(frameworkId, taskId, [...this.manager.pending(frameworkId, taskId), ...staged], urgent || staged.length > 0).then(done, done);
  }

  /**
   * Pump once at the end of this turn of the event loop, so the updates of
   * one burst (a pod ending, many acknowledgements) leave in one message.
   * Batching only: {@link flush} and {@link onRegistered} pump at once.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.outbox?.isRegistered()) return;
    const due = this.manager.due(this.clock.now());
    if (due.length > 0) {
      const id = this.options.agentId();
      if (id) for (const u of due) if (u.status) u.status.agent_id = { value: id };
      this.outbox.sendUpdates(due);
    }
    this.armRetryTimer();
  }

  private armRetryTimer(): void {
    const at = this.manager.nextDueAt();
    if (at === undefined) {
      this.clearRetryTimer();
      return;
    }
    if (this.retryTimer && this.retryTimerAt <= at) return;
    this.clearRetryTimer();
    this.retryTimerAt = at;
    this.retryTimer = this.clock.after(Math.max(0, at - this.clock.now()), () => {
      this.retryTimer = undefined;
      this.retryTimerAt = Infinity;
      this.pump();
    });
  }

  private clearRetryTimer(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.retryTimerAt = Infinity;
  }
}
