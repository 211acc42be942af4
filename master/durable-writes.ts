/**
 * Durable before visible: every transition a framework or agent can
 * observe (SUBSCRIBED, `registered`, TASK_UNREACHABLE, TASK_GONE, framework
 * removal) runs in the continuation of the registry write that makes it
 * durable, as Mesos's registrar continuations do. A failed write is logged
 * with what it was for and the ids, and the continuation's promise rejects
 * with a {@link RegistryWriteError} so the caller can tell whoever asked.
 *
 * Continuations in flight are tracked: `settled()` resolves once none is
 * left (tests, and stopping cleanly).
 */
import type { Logger } from '@meseta/runtime/log';
import type { Registrar } from './registry/registrar';
import type { RegistryMutation } from './registry/registry-state';

/** A registry write failed; `what` names the transition it was for. */
export class RegistryWriteError extends Error {
  constructor(
    readonly what: string,
    readonly failure: Error,
  ) {
    super(`registry write failed (${what}): ${failure.message}`);
    this.name = 'RegistryWriteError';
  }
}

/** Runs continuations after the registry write they depend on has committed. */
export class DurableWrites {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    /** None keeps everything in memory: writes commit at once (on the next microtask). */
    private readonly registrar: Pick<Registrar, 'apply'> | undefined,
    private readonly log: Logger,
  ) {}

  /**
   * Apply `mutation`, then run `then` once it is durable. Resolves with what
   * `then` returns; rejects with a RegistryWriteError (already logged with
   * `ids`) when the write fails, in which case `then` never runs.
   */
  commit<T>(mutation: RegistryMutation, what: string, ids: Record<string, unknown>, then: () => T): Promise<T> {
    const write = this.registrar ? this.registrar.apply(mutation) : Promise.resolve();
    const done = write.then(
      () => then(),
      (e: unknown) => {
        const cause = e instanceof Error ? e : new Error(String(e));
        this.log.error('registry write failed', { what, ...ids, problem: cause.message });
        throw new RegistryWriteError(what, cause);
      },
    );
    this.inFlight.add(done);
    const forget = (): void => void this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /**
   * Run `then` with nothing to write (the registry already says so, e.g. an
   * agent it admitted re-registering after a failover), on a later
   * microtask and tracked like a commit's continuation.
   */
  already<T>(then: () => T): Promise<T> {
    const done = Promise.resolve().then(then);
    this.inFlight.add(done);
    const forget = (): void => void this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Continuations not finished yet. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves once every continuation started so far (and any they start) has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
