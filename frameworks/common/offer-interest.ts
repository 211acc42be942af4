/**
 * Whether the master should send offers: a framework that wants nothing
 * suppresses them, and revives them once it wants something again. Offers
 * declined for long because nothing was wanted count like a suppression:
 * the master holds them back for the refuse time, so a new want revives.
 */
import type { Logger } from '@meseta/runtime/log';
import type { SchedulerDriver } from '@meseta/sdk';

/**
 * Where the calls go. A REVIVE the master did not get leaves the offers
 * counted as suppressed, so the next {@link OfferInterest.update} sends it
 * again (a framework must never stay without offers it wants).
 */
export interface OfferInterestOptions {
  /** The driver, once attached. Nothing is sent while it is missing or not subscribed. */
  driver(): SchedulerDriver | undefined;
  logger: Logger;
}

/** The suppress/revive state of one framework. */
export class OfferInterest {
  private suppressed = false;
  private declinedWhileIdle = false;

  constructor(private readonly options: OfferInterestOptions) {}

  /** (Re)subscribed: the master sends offers again. */
  subscribed(): void {
    this.suppressed = false;
  }

  /** Offers were declined for long because nothing was wanted: a new want must revive. */
  declinedIdle(): void {
    this.declinedWhileIdle = true;
  }

  /** Suppress when nothing is wanted, revive when something is (only on a change). */
  update(wanting: boolean): void {
    const driver = this.options.driver();
    if (!driver?.isSubscribed) return;
    if (wanting && (this.suppressed || this.declinedWhileIdle)) {
      this.suppressed = false;
      this.declinedWhileIdle = false;
      driver.revive().catch((e: Error) => {
        this.suppressed = true;
        this.options.logger.warn('revive failed', { error: e.message });
      });
    } else if (!wanting && !this.suppressed) {
      this.suppressed = true;
      driver.suppress().catch((e: Error) => {
        this.suppressed = false;
        this.options.logger.warn('suppress failed', { error: e.message });
      });
    }
  }
}
