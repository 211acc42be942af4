/**
 * Task reconciliation after (re)subscribing, as Mesos recommends: ask the
 * master explicitly about every task the framework's state holds, ask again
 * with back-off about those that got no answer, and finish with one
 * implicit reconciliation so tasks the state does not know (launched just
 * before a crash) are heard of too.
 */
import type { ReconcileTask } from '@meseta/sdk';
import type { Clock, TimerHandle } from '@meseta/runtime/clock';

/** How the loop is driven. */
export interface ReconciliationLoopOptions {
  /** Send a RECONCILE call (empty list: implicit). */
  reconcile(tasks: ReconcileTask[]): Promise<void>;
  clock: Clock;
  /** First wait for answers. @default 1000 */
  initialMs?: number;
  /** Longest wait between rounds. @default 30000 */
  maxMs?: number;
  /** Called when a round fails to send (e.g. not subscribed). */
  onError?(error: Error): void;
}

/** One reconciliation run at a time; `start` again (on re-subscription) restarts it. */
export class ReconciliationLoop {
  private pending = new Map<string, ReconcileTask>();
  private timer: TimerHandle | undefined;
  private round = 0;
  private generation = 0;
  private implicitSent = false;

  constructor(private readonly options: ReconciliationLoopOptions) {}

  /** Task ids still waiting for an answer. */
  get waiting(): string[] {
    return [...this.pending.keys()];
  }

  /** True once every task was answered and the implicit round was sent. */
  get done(): boolean {
    return this.pending.size === 0 && this.implicitSent;
  }

  /** Start reconciling these tasks (all the framework believes are live). */
  start(tasks: ReconcileTask[]): void {
    this.stop();
    this.generation++;
    this.pending = new Map(tasks.map((t) => [t.taskId, t]));
    this.round = 0;
    this.implicitSent = false;
    this.step(this.generation);
  }

  /** A status arrived for this task: it needs no more asking. */
  answered(taskId: string): void {
    this.pending.delete(taskId);
  }

  /** Stop asking. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private step(generation: number): void {
    if (generation !== this.generation) return;
    const initial = this.options.initialMs ?? 1000;
    const max = this.options.maxMs ?? 30_000;
    const send = (tasks: ReconcileTask[]): void => {
      this.options.reconcile(tasks).catch((e: unknown) => this.options.onError?.(e instanceof Error ? e : new Error(String(e))));
    };
    if (this.pending.size > 0) {
      send([...this.pending.values()]);
    } else if (!this.implicitSent) {
      this.implicitSent = true;
      send([]);
      return;
    } else {
      return;
    }
    const delay = Math.min(max, initial * 2 ** Math.min(this.round++, 20));
    this.timer = this.options.clock.after(delay, () => this.step(generation));
  }
}
