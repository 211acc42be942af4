/**
 * A framework's state object kept in a {@link StateStore} with group
 * commit: callers change the object, call `commit()`, and every commit
 * asked for while a write is in flight is folded into the next single
 * write. So a thousand results recorded at once cost a handful of fsyncs,
 * and each caller still learns when its change is durable (e.g. before
 * acknowledging the status update that caused it).
 */
import type { StateStore } from './state-store';

/** A JSON-serialisable state with group-committed persistence. */
export class PersistedState<T> {
  private writing: Promise<void> | undefined;
  private waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  private constructor(
    private readonly store: StateStore,
    /** The live state: change it, then {@link commit}. */
    readonly value: T,
  ) {}

  /**
   * Load the state from `store`, or start from `initial()` when it holds nothing.
   * Fields missing from an older document take their `initial()` value.
   * @throws Error naming the store when the stored document is not JSON.
   */
  static async load<T extends object>(store: StateStore, initial: () => T): Promise<PersistedState<T>> {
    const text = await store.read();
    if (text === undefined || text.trim() === '') return new PersistedState(store, initial());
    let parsed: T;
    try {
      parsed = JSON.parse(text) as T;
    } catch (e) {
      throw new Error(`state in ${store.location} is not valid JSON: ${(e as Error).message}`);
    }
    return new PersistedState(store, { ...initial(), ...parsed });
  }

  /** Where the state lives. */
  get location(): string {
    return this.store.location;
  }

  /**
   * Make the current value durable. Resolves after a write that started
   * after this call; callers that arrive while a write is in flight share
   * the next one.
   */
  commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.pump();
    });
  }

  /** Resolves once no write is in flight or queued. */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private pump(): void {
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0);
    const text = JSON.stringify(this.value);
    this.writing = this.store.write(text).then(
      () => batch.forEach((w) => w.resolve()),
      (e: unknown) => batch.forEach((w) => w.reject(e instanceof Error ? e : new Error(String(e)))),
    );
    void this.writing.finally(() => {
      this.writing = undefined;
      this.pump();
    });
  }
}
