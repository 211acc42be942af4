/**
 * Agent links that arrive while a newly elected master is still loading its
 * registry (a failover of tens of thousands of agents takes seconds there).
 * Refusing them (UNAVAILABLE) sends every agent into its reconnect backoff,
 * up to 10 s per try, so the agents come back long after the master is
 * ready; instead each link is held: its messages are kept in arrival order,
 * the agent is told at once that its `register` is held (a `heartbeat`
 * before `registered`, as a busy master answers a resent register, see
 * ARCHITECTURE.md "Agent link protocol"), and once the registry is loaded
 * the links are handed to the real handler a slice at a time, their kept
 * messages replayed as if they had just arrived. A link that closes while
 * held is dropped. Past `limit` held links a new one is refused as before.
 *
 * The streams are grpc-js server streams or the light link's
 * `FramedServerStream`: both are event emitters whose handler attaches its
 * listeners synchronously, so a replayed `data` event reaches it.
 */

/** What the hold uses of a server stream. */
export interface HoldableStream {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): boolean;
  write(message: unknown): unknown;
}

/** Options of {@link RecoveryHold}. */
export interface RecoveryHoldOptions {
  /** Most links held at once; beyond it {@link RecoveryHold.hold} returns false. @default 200000 */
  limit?: number;
  /** Links handed to the handler between two yields to the event loop. @default 500 */
  releaseSlice?: number;
  /** The message written to a link when it is held. @default a heartbeat with the current time */
  heldMessage?: () => unknown;
  /** Yield to the event loop (tests may replace it). @default setImmediate */
  yieldTurn?: () => Promise<void>;
}

interface Held {
  stream: HoldableStream;
  messages: unknown[];
  closed: boolean;
  detach: () => void;
}

const CLOSING_EVENTS = ['end', 'error', 'cancelled', 'close'] as const;

/** Holds agent links until the registry is loaded; see the module comment. */
export class RecoveryHold {
  private held: Held[] = [];
  private readonly limit: number;
  private readonly releaseSlice: number;
  private readonly heldMessage: () => unknown;
  private readonly yieldTurn: () => Promise<void>;
  /** Links held so far, all time. */
  heldTotal = 0;
  /** Held links that closed before they were released. */
  closedWhileHeld = 0;

  constructor(options: RecoveryHoldOptions = {}) {
    this.limit = Math.max(0, options.limit ?? 200_000);
    this.releaseSlice = Math.max(1, options.releaseSlice ?? 500);
    this.heldMessage = options.heldMessage ?? (() => ({ heartbeat: { timestamp: Date.now() / 1000 } }));
    this.yieldTurn = options.yieldTurn ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  }

  /** Links held now (closed ones included until released). */
  get size(): number {
    return this.held.length;
  }

  /** Hold `stream`; false when the hold is full (the caller refuses it then). */
  hold(stream: HoldableStream): boolean {
    if (this.held.length >= this.limit) return false;
    const entry: Held = { stream, messages: [], closed: false, detach: () => undefined };
    const onData = (message: unknown): void => {
      entry.messages.push(message);
    };
    const onClosed = (): void => {
      if (entry.closed) return;
      entry.closed = true;
      this.closedWhileHeld++;
    };
    stream.on('data', onData);
    for (const e of CLOSING_EVENTS) stream.on(e, onClosed);
    entry.detach = () => {
      stream.removeListener('data', onData);
      for (const e of CLOSING_EVENTS) stream.removeListener(e, onClosed);
    };
    this.held.push(entry);
    this.heldTotal++;
    try {
      stream.write(this.heldMessage());
    } catch {
      // the stream is already gone; its closing event marks it
    }
    return true;
  }

  /**
   * Hand every held link that is still open to `handler`, in arrival order,
   * `releaseSlice` per turn, replaying its kept messages right after.
   * Links held meanwhile are released too. Resolves when none is left.
   */
  async release(handler: (stream: HoldableStream) => void): Promise<number> {
    let released = 0;
    while (this.held.length > 0) {
      const slice = this.held.splice(0, this.releaseSlice);
      for (const entry of slice) {
        entry.detach();
        if (entry.closed) continue;
        handler(entry.stream);
        for (const m of entry.messages) entry.stream.emit('data', m);
        released++;
      }
      if (this.held.length > 0) await this.yieldTurn();
    }
    return released;
  }

  /** Give every held link `refuse` (e.g. the master failed to recover) and forget them. */
  refuseAll(refuse: (stream: HoldableStream) => void): void {
    const all = this.held;
    this.held = [];
    for (const entry of all) {
      entry.detach();
      if (!entry.closed) refuse(entry.stream);
    }
  }
}
