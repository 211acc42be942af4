/**
 * Drives the status-update manager: sends what is due whenever the agent is
 * registered (once per tick, batched), stamps the current agent id, and
 * keeps one timer for the next resend.
 */
import type { StatusUpdate } from '../proto/src/wire';
import type { AckOutcome } from './status-update-manager';
import { StatusUpdateManager } from './status-update-manager';

/** Where the agent's messages to the master go (the master link). */
export interface AgentOutbox {
  isRegistered(): boolean;
  sendUpdates(updates: readonly StatusUpdate[]): void;
}

/** Options of {@link StatusUpdateSender}. */
export interface StatusUpdateSenderOptions {
  retryBaseMs: number;
  /** The current agent id, stamped on every update as it leaves. */
  agentId(): string | undefined;
  /** The last pending update of a task was acknowledged. */
  onSettled(frameworkId: string, taskId: string): void;
  /** Milliseconds clock. @default Date.now */
  now?: () => number;
}

/** Reliable delivery of status updates over an outbox that comes and goes. */
export class StatusUpdateSender {
  private readonly manager: StatusUpdateManager;
  private readonly now: () => number;
  private outbox?: AgentOutbox;
  private pumpScheduled = false;
  private retryTimer?: NodeJS.Timeout;
  private retryTimerAt = Infinity;

  constructor(private readonly options: StatusUpdateSenderOptions) {
    this.now = options.now ?? Date.now;
    this.manager = new StatusUpdateManager({
      retryBaseMs: options.retryBaseMs,
      onSettled: (frameworkId, taskId) => options.onSettled(frameworkId, taskId),
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
    this.manager.enqueue(update);
    this.schedulePump();
  }

  /** Send updates once, without keeping them (answers that carry no uuid). Dropped when not registered. */
  sendOnce(updates: readonly StatusUpdate[]): void {
    if (updates.length > 0 && this.outbox?.isRegistered()) this.outbox.sendUpdates(updates);
  }

  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array | null | undefined): AckOutcome {
    const outcome = this.manager.acknowledge(frameworkId, taskId, uuid);
    if (outcome === 'acknowledged') this.schedulePump();
    return outcome;
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

  /** Send what is due now (used before forgetting a framework, and on stop). */
  flush(): void {
    this.pump();
  }

  /** The oldest pending update of a task. */
  head(frameworkId: string, taskId: string): StatusUpdate | undefined {
    return this.manager.head(frameworkId, taskId);
  }

  forgetFramework(frameworkId: string): number {
    return this.manager.forgetFramework(frameworkId);
  }

  /** Drop everything pending. */
  clear(): void {
    this.manager.clear();
    this.clearRetryTimer();
  }

  /** Stop the resend timer for good. */
  stop(): void {
    this.clearRetryTimer();
  }

  /** Number of unacknowledged updates. */
  get size(): number {
    return this.manager.size;
  }

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
    const due = this.manager.due(this.now());
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
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.retryTimerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - this.now()),
    );
    this.retryTimer.unref();
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryTimerAt = Infinity;
  }
}
