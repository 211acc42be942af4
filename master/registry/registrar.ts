/**
 * The registrar: the master's single writer to the registry. Mutations
 * made in the same tick are applied together and written once; each
 * caller's promise resolves when its change is durable. A failed write is
 * fatal for a master (it may have lost leadership), reported through
 * `onFatal`, as Mesos's master aborts on registrar failure.
 */
import type { RegistryStore } from './registry-store';
import { emptyRegistry, parseRegistry, serializeRegistry, type RegistryMutation, type RegistryState } from './registry-state';

/** Batches registry mutations into durable writes. */
export class Registrar {
  private state: RegistryState = emptyRegistry();
  private pending: Array<{ mutation: RegistryMutation; resolve: () => void; reject: (e: Error) => void }> = [];
  private writing = false;
  /** Writes done so far (for tests and metrics). */
  writes = 0;

  constructor(
    private readonly store: RegistryStore,
    private readonly onFatal: (error: Error) => void = () => undefined,
  ) {}

  /** Read the registry; throws RegistryError when it is corrupt or too new. */
  async recover(): Promise<RegistryState> {
    const bytes = await this.store.load();
    this.state = bytes ? parseRegistry(bytes, this.store.where) : emptyRegistry();
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
    for (const p of batch) changed = p.mutation(this.state) || changed;
    try {
      if (changed) {
        await this.store.store(serializeRegistry(this.state));
        this.writes++;
      }
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e as Error);
      this.onFatal(e as Error);
    } finally {
      this.writing = false;
      if (this.pending.length > 0) setImmediate(() => void this.flush());
    }
  }
}
