/**
 * A scheduler for integration tests that records what the master tells it:
 * offers, rescinds, updates, subscriptions. Built on the SDK.
 */
import { SchedulerDriver, type SchedulerDriverOptions } from '@meseta/sdk';
import type { Offer, OperationStatus, TaskStatus } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';
import { waitFor } from '../harness/wait-for';

/** The state name of a status (`TASK_RUNNING`). */
export const stateName = (s: TaskStatus): string => pb.TaskState[s.state ?? 0];

/** A recording scheduler. */
export class Recorder {
  offers: Offer[] = [];
  rescinded: string[] = [];
  updates: TaskStatus[] = [];
  /** Operation status updates (operations the framework gave an id). */
  operationStatuses: OperationStatus[] = [];
  subscribedCount = 0;
  used = new Set<string>();
  readonly driver: SchedulerDriver;

  constructor(master: string, framework: SchedulerDriverOptions['framework'], extra: Partial<SchedulerDriverOptions> = {}) {
    this.driver = new SchedulerDriver({
      master,
      logger: silentLogger,
      framework,
      handlers: {
        subscribed: () => {
          this.subscribedCount++;
        },
        offers: (offers) => {
          this.offers.push(...offers);
        },
        rescind: (id) => {
          this.rescinded.push(id);
        },
        update: (status) => {
          this.updates.push(status);
        },
        operationStatus: (status) => {
          this.operationStatuses.push(status);
        },
      },
      ...extra,
    });
  }

  /** Offers not yet used or rescinded. */
  open(): Offer[] {
    return this.offers.filter((o) => !this.rescinded.includes(o.id!.value!) && !this.used.has(o.id!.value!));
  }

  /** Take the first open offer (marks it used). */
  take(): Offer {
    const offer = this.open()[0];
    if (!offer) throw new Error('no open offer');
    this.used.add(offer.id!.value!);
    return offer;
  }

  /** Every state reported for a task, in order. */
  states(taskId: string): string[] {
    return this.updates.filter((u) => u.task_id?.value === taskId).map(stateName);
  }

  /** Wait for a task to be reported in `state`. */
  async waitState(taskId: string, state: string, timeoutMs = 20_000): Promise<TaskStatus> {
    return waitFor(
      () => this.updates.find((u) => u.task_id?.value === taskId && stateName(u) === state),
      timeoutMs,
      `task ${taskId} to reach ${state} (saw ${this.states(taskId).join(', ') || 'nothing'})`,
    );
  }
}
