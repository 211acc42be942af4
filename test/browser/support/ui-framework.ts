/**
 * A small framework for browser tests: it launches the tasks it is given
 * first-fit into its offers and declines the rest with the refusals the
 * SDK computes ("cpus: asked 4, largest offer 2"), so the UI has running
 * tasks, finished and failed ones, and a decline reason to show.
 */
import { SchedulerDriver, TaskState, firstFit, type TaskSpec } from '@meseta/sdk';
import type { TaskStatus } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';

/** A running test framework. */
export interface UiFramework {
  readonly frameworkId: string;
  /** Latest state of each task by id. */
  readonly states: Map<string, string>;
  /** Resolve when a task reaches a state (by name), or reject after `timeoutMs`. */
  waitForState(taskId: string, state: string, timeoutMs?: number): Promise<void>;
  /** Tasks not placed yet. */
  pending(): TaskSpec[];
  /** Close the stream without TEARDOWN: the master keeps the framework for its failover timeout. */
  disconnect(): Promise<void>;
  /** Tear the framework down (its tasks are killed) and close the driver. */
  stop(): Promise<void>;
}

/** Who the test framework is. */
export interface UiFrameworkOptions {
  /** @default ['*'] */
  roles?: string[];
  /** @default 0 */
  failoverTimeoutSeconds?: number;
  /** Seconds a declined offer stays away. @default 1 */
  refuseSeconds?: number;
}

/** Subscribe as `name` and run `tasks`; resolves once subscribed. */
export async function startUiFramework(master: string, name: string, tasks: TaskSpec[], options: UiFrameworkOptions = {}): Promise<UiFramework> {
  const refuseSeconds = options.refuseSeconds ?? 1;
  let pending = [...tasks];
  const states = new Map<string, string>();
  const waiters: Array<{ taskId: string; state: string; resolve: () => void }> = [];
  const onUpdate = (status: TaskStatus): void => {
    const id = status.task_id?.value ?? '';
    const state = TaskState[status.state ?? 0] as unknown as string;
    states.set(id, state);
    for (const w of [...waiters]) {
      if (w.taskId === id && w.state === state) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const driver: SchedulerDriver = new SchedulerDriver({
    master,
    logger: silentLogger,
    framework: { name, roles: options.roles, failoverTimeoutSeconds: options.failoverTimeoutSeconds ?? 0 },
    handlers: {
      offers: async (offers) => {
        const plan = firstFit(pending, offers);
        pending = plan.unplaced.map((u) => u.spec);
        for (const { offer, tasks: infos } of plan.launches) await driver.launch([offer.id!.value!], infos);
        if (plan.unusedOfferIds.length > 0) await driver.decline(plan.unusedOfferIds, { refuseSeconds, refusals: plan.refusals });
      },
      update: onUpdate,
    },
  });
  const frameworkId = await driver.start();
  return {
    frameworkId,
    states,
    pending: () => [...pending],
    waitForState: (taskId, state, timeoutMs = 30_000) =>
      states.get(taskId) === state
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`task ${taskId} did not reach ${state} in ${timeoutMs} ms (is ${states.get(taskId) ?? 'unknown'})`)), timeoutMs);
            waiters.push({ taskId, state, resolve: () => { clearTimeout(timer); resolve(); } });
          }),
    disconnect: async () => {
      await driver.stop().catch(() => undefined);
    },
    stop: async () => {
      await driver.teardown().catch(() => undefined);
      await driver.stop().catch(() => undefined);
    },
  };
}
