/**
 * The registrar: the master's single writer to the registry. Mutations
 * made while no write is in flight are applied together and written once
 * (many registrations share one durable write); each caller's promise
 * resolves when its change is durable. A failed write is fatal for a
 * master (it may have lost leadership), reported through `onFatal`, as
 * Mesos's master aborts on registrar failure.
 *
 * With a log store (the file, ZooKeeper) a group of mutations is one
 * appended, durable log record: the write costs what changed, not the registry's
 * size. When the log has grown past twice the snapshot (and at least
 * {@link RegistrarOptions.minCompactBytes}), the next group is written as
 * a new snapshot instead, serialised in slices that yield to the event
 * loop; while groups are storms (many callers each) it waits for a quiet one,
 * up to a bound on the log. Recovery reads the snapshot and replays the log. A whole-value
 * store (memory) gets the whole registry per group.
 */
import { isLogStore, type RegistryLogStore, type RegistryStore } from './registry-store';
import {
  REGISTRY_LOAD_SLICE, RegistryError, applyRegistryOp, decodeRegistryOp, emptyRegistry, encodeRegistryOp, parseRegistry, parseRegistryInSlices,
  registryPieces, serializeRegistry, type RegistryMutation, type RegistryOp, type RegistryState, type YieldTurn,
} from './registry-state';

/** Tunables of {@link Registrar}. */
export interface RegistrarOptions {
  /** The log is compacted only once it holds at least this many bytes. @default 4 MiB */
  minCompactBytes?: number;
  /** Registry entries serialised between two yields to the event loop while compacting. @default 500 */
  sliceEntries?: number;
  /**
   * A group of at least this many callers is a storm (a cold start, a
   * failover): compaction waits for a quieter group, unless the log has
   * grown past {@link RegistrarOptions.maxDeferredLogFactor} times its
   * threshold. Compacting means no caller is answered until the whole
   * snapshot is written, and its slices yield to a loop that is flooded
   * then: at 50,000 agents registering that showed as 10-30 s without an
   * admission. @default 32
   */
  stormCallers?: number;
  /** How far past its threshold the log may grow while compaction waits for a quiet group. @default 4 */
  maxDeferredLogFactor?: number;
  /**
   * Callers of one group released between two yields to the event loop once
   * it is durable: each caller's continuation (an agent's admission, its
   * tasks, its `registered`) runs then, so a group of thousands of
   * registrations does not run as one block. The next group is written only
   * after every caller of this one was released, so continuations keep the
   * order of their writes. @default 64
   */
  releaseSlice?: number;
}

/** Batches registry mutations into durable writes. */
export class Registrar {
  private state: RegistryState = emptyRegistry();
  private pending: Array<{ mutation: RegistryMutation; resolve: () => void; reject: (e: Error) => void }> = [];
  private writing = false;
  private hasSnapshot = false;
  private logBytes = 0;
  private snapshotBytes = 0;
  private readonly minCompactBytes: number;
  private readonly sliceEntries: number;
  private readonly releaseSlice: number;
  private readonly stormCallers: number;
  private readonly maxDeferredLogFactor: number;
  /** Writes done so far (for tests and metrics). */
  writes = 0;
  /** Snapshots written so far (log store). */
  compactions = 0;
  /** Groups appended to the log while a compaction was due, because they were a storm. */
  compactionsDeferred = 0;

  constructor(
    private readonly store: RegistryStore | RegistryLogStore,
    private readonly onFatal: (error: Error) => void = () => undefined,
    options: RegistrarOptions = {},
  ) {
    this.minCompactBytes = options.minCompactBytes ?? 4 * 1024 * 1024;
    this.sliceEntries = Math.max(1, options.sliceEntries ?? 500);
    this.releaseSlice = Math.max(1, options.releaseSlice ?? 64);
    this.stormCallers = Math.max(1, options.stormCallers ?? 32);
    this.maxDeferredLogFactor = Math.max(1, options.maxDeferredLogFactor ?? 4);
  }

  /**
   * Read the registry (snapshot, then the log replayed); throws RegistryError
   * when it is corrupt or too new. With `yieldTurn` the snapshot's entries
   * and the log's ops are decoded {@link REGISTRY_LOAD_SLICE} at a time with
   * a turn of the event loop between slices (a new leader keeps accepting
   * and holding agent links meanwhile); without, in one block.
   */
  async recover(yieldTurn?: YieldTurn): Promise<RegistryState> {
    const { store } = this;
    const parse = (bytes: Buffer): Promise<RegistryState> | RegistryState =>
      yieldTurn ? parseRegistryInSlices(bytes, store.where, yieldTurn) : parseRegistry(bytes, store.where);
    if (!isLogStore(store)) {
      const bytes = await store.load();
      this.state = bytes ? await parse(bytes) : emptyRegistry();
      return this.state;
    }
    const log = await store.loadLog();
    this.state = log.snapshot ? await parse(log.snapshot) : emptyRegistry();
    this.hasSnapshot = log.snapshot !== undefined;
    this.snapshotBytes = log.snapshot?.length ?? 0;
    const generation = this.state.logGeneration ?? 0;
    this.state.logGeneration = generation;
    if (log.generation === generation) {
      let sinceTurn = 0;
      for (const [i, group] of log.groups.entries()) {
        let ops: RegistryOp[];
        try {
          ops = (JSON.parse(group.toString('utf8')) as unknown[]).map(decodeRegistryOp);
        } catch (e) {
          throw new RegistryError(store.logWhere, `is corrupt (group ${i + 1} of the log: ${(e as Error).message})`);
        }
        for (const op of ops) applyRegistryOp(this.state, op);
        sinceTurn += ops.length;
        if (yieldTurn && sinceTurn >= REGISTRY_LOAD_SLICE) {
          sinceTurn = 0;
          await yieldTurn();
        }
      }
      this.logBytes = log.bytes;
    } else {
      this.logBytes = 0;
    }
    return this.state;
  }

  /** The current (committed or pending) state. Read-only for callers. */
  get current(): RegistryState {
    return this.state;
  }

  /** Apply a mutation; resolves when it is durable. */
  apply(mutation: RegistryMutation): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ mutation, resolve, reject });
      if (!this.writing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.writing || this.pending.length === 0) return;
    this.writing = true;
    const batch = this.pending;
    this.pending = [];
    let changed = false;
    let unlogged = false;
    const ops: RegistryOp[] = [];
    for (const p of batch) {
      if (!p.mutation(this.state)) continue;
      changed = true;
      if (p.mutation.op) ops.push(p.mutation.op);
      else unlogged = true;
    }
    let written = false;
    try {
      if (changed) {
        await this.write(ops, unlogged, batch.length);
        this.writes++;
      }
      written = true;
    } catch (e) {
      for (const p of batch) p.reject(e as Error);
      this.onFatal(e as Error);
    }
    try {
      if (written) {
        for (let i = 0; i < batch.length; i += this.releaseSlice) {
          if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          for (const p of batch.slice(i, i + this.releaseSlice)) p.resolve();
        }
      }
    } finally {
      this.writing = false;
      if (this.pending.length > 0) setImmediate(() => void this.flush());
    }
  }

  /** Make the state (with `ops` just applied, for `callers` callers) durable. */
  private async write(ops: RegistryOp[], unlogged: boolean, callers: number): Promise<void> {
    const { store } = this;
    if (!isLogStore(store)) {
      await store.store(serializeRegistry(this.state));
      return;
    }
    const generation = this.state.logGeneration ?? 0;
    const threshold = Math.max(this.minCompactBytes, 2 * this.snapshotBytes);
    let compact = !this.hasSnapshot || unlogged || this.logBytes >= threshold;
    if (compact && this.hasSnapshot && !unlogged && callers >= this.stormCallers && this.logBytes < this.maxDeferredLogFactor * threshold) {
      compact = false;
      this.compactionsDeferred++;
    }
    if (compact) {
      this.state.logGeneration = generation + 1;
      try {
        this.snapshotBytes = await store.compact(this.slices(), generation + 1);
      } catch (e) {
        this.state.logGeneration = generation;
        throw e;
      }
      this.hasSnapshot = true;
      this.logBytes = 0;
      this.compactions++;
      return;
    }
    const group = Buffer.from(JSON.stringify(ops.map(encodeRegistryOp)));
    await store.append(generation, group);
    this.logBytes += group.length + 10;
  }

  /** The registry's JSON in slices, yielding to the event loop between them. No mutation runs meanwhile (one writer). */
  private async *slices(): AsyncGenerator<string> {
    for (const piece of registryPieces(this.state, this.sliceEntries)) {
      yield piece;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
