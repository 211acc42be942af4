/**
 * The status-update manager: every update the agent makes is kept until the
 * framework acknowledges it, so per-task order holds and nothing is lost
 * while the master or the framework is away.
 *
 * Updates are queued per task (a "stream"). Only the head of each stream is
 * in flight; it is resent with exponential backoff (base, ×2, capped) until
 * an acknowledgement carrying its uuid arrives, then the next update of the
 * stream becomes the head. On (re)connection every head is due at once.
 *
 * Pure: it holds no timers and does no I/O. The caller asks {@link
 * StatusUpdateManager.due} with the current time and schedules its own timer
 * for {@link StatusUpdateManager.nextDueAt}.
 */
import type { StatusUpdate, TaskState } from '@meseta/proto/wire';
import { idOf, uuidKey } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { MinHeap } from '@meseta/runtime/min-heap';

/** Cap of the resend backoff, as Mesos (10 minutes). */
export const MAX_RETRY_MS = 600_000;

/** Options of {@link StatusUpdateManager}. */
export interface StatusUpdateManagerOptions {
  /** First resend delay (`--status-update-retry`), doubled each resend. */
  retryBaseMs: number;
  /** Cap of the resend delay. @default 600000 */
  retryMaxMs?: number;
  /**
   * Called when the last pending update of a task was acknowledged. `state`
   * is the state of that update; when it is terminal the task can be forgotten.
   */
  onSettled?: (frameworkId: string, taskId: string, state: TaskState | undefined, terminal: boolean) => void;
}

/** What an acknowledgement did. */
export type AckOutcome =
  /** It matched the head, which is now gone. */
  | 'acknowledged'
  /** The task has pending updates but the uuid is not the head's (duplicate or stale). */
  | 'stale'
  /** No pending update for that task. */
  | 'unknown';

interface Stream {
  frameworkId: string;
  taskId: string;
  queue: StatusUpdate[];
  /** Delay before the next resend of the head. */
  retryDelayMs: number;
  /** How many times the head was sent. */
  sends: number;
  /** Bumped whenever the head or its schedule changes; older heap entries are stale. */
  generation: number;
}

interface RetryEntry {
  key: string;
  generation: number;
}

function streamKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

/** Per-task queues of unacknowledged status updates. */
export class StatusUpdateManager {
  private readonly streams = new Map<string, Stream>();
  /** Streams whose head must be sent at the next {@link due}. */
  private readonly ready = new Set<string>();
  /** Resend times, earliest first (lazy deletion: an entry whose generation is old is skipped). */
  private readonly retries = new MinHeap<RetryEntry>();
  private pendingCount = 0;
  private readonly retryMaxMs: number;

  constructor(private readonly options: StatusUpdateManagerOptions) {
    this.retryMaxMs = options.retryMaxMs ?? MAX_RETRY_MS;
  }

  /**
   * Queue an update behind the task's earlier ones. It must carry
   * `framework_id`, `status.task_id` and `status.uuid` (set by the caller).
   */
  enqueue(update: StatusUpdate): void {
    const frameworkId = idOf(update.framework_id);
    const taskId = idOf(update.status?.task_id);
    if (!taskId) throw new Error('status update without status.task_id');
    if (!uuidKey(update.status?.uuid ?? undefined)) throw new Error(`status update for task ${taskId} without uuid`);
    const key = streamKey(frameworkId, taskId);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { frameworkId, taskId, queue: [], retryDelayMs: this.options.retryBaseMs, sends: 0, generation: 0 };
      this.streams.set(key, stream);
    }
    stream.queue.push(update);
    this.pendingCount++;
    if (stream.queue.length === 1) this.makeHeadReady(key, stream);
  }

  /** Apply an acknowledgement; only the head's uuid counts, anything else is ignored. */
  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array | null | undefined): AckOutcome {
    const key = streamKey(frameworkId, taskId);
    const stream = this.streams.get(key);
    if (!stream) return 'unknown';
    const head = stream.queue[0];
    const ackKey = uuidKey(uuid ?? undefined);
    if (!ackKey || uuidKey(head.status?.uuid ?? undefined) !== ackKey) return 'stale';
    stream.queue.shift();
    this.pendingCount--;
    if (stream.queue.length > 0) {
      this.makeHeadReady(key, stream);
    } else {
      this.dropStream(key);
      const state = head.status?.state ?? undefined;
      this.options.onSettled?.(frameworkId, taskId, state, isTerminal(state));
    }
    return 'acknowledged';
  }

  /**
   * The heads to send now: those never sent since they became head (or
   * since {@link redeliverAll}) and those whose resend time has come. Each
   * returned head is counted as sent and its next resend scheduled.
   */
  due(nowMs: number): StatusUpdate[] {
    const out: StatusUpdate[] = [];
    for (const key of this.ready) {
      const stream = this.streams.get(key);
      if (stream) out.push(this.send(key, stream, nowMs));
    }
    this.ready.clear();
    for (let at = this.retries.peekKey(); at !== undefined && at <= nowMs; at = this.retries.peekKey()) {
      const entry = this.retries.pop() as RetryEntry;
      const stream = this.streams.get(entry.key);
      if (!stream || stream.generation !== entry.generation) continue;
      out.push(this.send(entry.key, stream, nowMs));
    }
    return out;
  }

  /** When {@link due} next has something: -Infinity when heads are ready now, undefined when nothing is pending. */
  nextDueAt(): number | undefined {
    if (this.ready.size > 0) return -Infinity;
    for (let top = this.retries.peek(); top !== undefined; top = this.retries.peek()) {
      const stream = this.streams.get(top.key);
      if (stream && stream.generation === top.generation) return this.retries.peekKey();
      this.retries.pop();
    }
    return undefined;
  }

  /** After a (re)connection: every head is due at once, with its backoff reset. */
  redeliverAll(): void {
    this.redeliver();
  }

  /** Make the heads of a task, of a framework's tasks (taskId undefined) or of all (both undefined) due at once. Returns how many. */
  redeliver(frameworkId?: string, taskId?: string): number {
    if (frameworkId !== undefined && taskId !== undefined) {
      const key = streamKey(frameworkId, taskId);
      const stream = this.streams.get(key);
      if (!stream) return 0;
      this.makeHeadReady(key, stream);
      return 1;
    }
    let count = 0;
    for (const [key, stream] of this.streams) {
      if (frameworkId !== undefined && stream.frameworkId !== frameworkId) continue;
      this.makeHeadReady(key, stream);
      count++;
    }
    return count;
  }

  /** The update in flight for a task, if any. */
  head(frameworkId: string, taskId: string): StatusUpdate | undefined {
    return this.streams.get(streamKey(frameworkId, taskId))?.queue[0];
  }

  /** The update in flight of every task with pending updates. */
  heads(): StatusUpdate[] {
    return [...this.streams.values()].map((stream) => stream.queue[0]);
  }

  /** Every pending update of a task, oldest first. */
  pending(frameworkId: string, taskId: string): readonly StatusUpdate[] {
    return this.streams.get(streamKey(frameworkId, taskId))?.queue ?? [];
  }

  /** How many times the current head of a task was sent. */
  sendsOfHead(frameworkId: string, taskId: string): number {
    return this.streams.get(streamKey(frameworkId, taskId))?.sends ?? 0;
  }

  /** Drop a task's pending updates (no callback). */
  forgetTask(frameworkId: string, taskId: string): void {
    this.dropStream(streamKey(frameworkId, taskId));
  }

  /** Drop every pending update of a framework (it was removed). Returns how many were dropped. */
  forgetFramework(frameworkId: string): number {
    let dropped = 0;
    for (const [key, stream] of this.streams) {
      if (stream.frameworkId !== frameworkId) continue;
      dropped += stream.queue.length;
      this.dropStream(key);
    }
    return dropped;
  }

  /** Drop everything (the agent starts over as a new agent). */
  clear(): void {
    this.streams.clear();
    this.ready.clear();
    this.retries.clear();
    this.pendingCount = 0;
  }

  /** Number of unacknowledged updates. */
  get size(): number {
    return this.pendingCount;
  }

  /** Number of tasks with unacknowledged updates. */
  get taskCount(): number {
    return this.streams.size;
  }

  private makeHeadReady(key: string, stream: Stream): void {
    stream.generation++;
    stream.sends = 0;
    stream.retryDelayMs = this.options.retryBaseMs;
    this.ready.add(key);
  }

  private send(key: string, stream: Stream, nowMs: number): StatusUpdate {
    stream.sends++;
    stream.generation++;
    this.retries.push(nowMs + stream.retryDelayMs, { key, generation: stream.generation });
    stream.retryDelayMs = Math.min(stream.retryDelayMs * 2, this.retryMaxMs);
    return stream.queue[0];
  }

  private dropStream(key: string): void {
    const stream = this.streams.get(key);
    if (!stream) return;
    this.pendingCount -= stream.queue.length;
    this.streams.delete(key);
    this.ready.delete(key);
  }
}
