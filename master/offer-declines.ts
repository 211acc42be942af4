/**
 * The offers of one DECLINE call, given back a few at a time: each offer is
 * forgotten by the offer book, its resources go back to the allocator with
 * the call's filter (`refuse_seconds`), and the decline is counted and
 * published for live views. The launcher of the 50,000-agent bench declines
 * hundreds of offers per call (~20–40 µs each), so the router walks a call's
 * offers in slices ({@link SlicedWalk}) and hands each to {@link OfferDeclines.decline}.
 *
 * What a call's offers share is worked out once per call, not per offer:
 * the refusals' codes per role (they depend only on the role's largest
 * agent, which a decline does not change). The framework's decline history
 * keeps only its newest entries (`maxDeclinesPerFramework`), so a slice
 * records only its newest that many: the same entries the history would
 * keep had every offer been pushed (it keeps the newest entries within its
 * bounds, whatever came before them).
 */
import type { InsufficientResource } from '@meseta/proto/wire';
import { allocate as allocateTo } from '@meseta/proto/resources';
import { classifyRefusals } from '@meseta/proto/refusal-code';
import { nowSeconds } from '@meseta/runtime/clock';
import type { MasterContext } from './master-context';
import type { FrameworkRecord, OfferRecord } from './state';

/** What declining needs of the master. */
export type OfferDeclinesContext = Pick<MasterContext, 'offerBook' | 'allocator' | 'metrics' | 'events' | 'clock' | 'config'>;

/** One DECLINE call's offers, declined as they are handed over; {@link record} after each slice. */
export class OfferDeclines {
  /** The call's refusals with the master's judgement (never fits / not now), per role. */
  private readonly judged = new Map<string, InsufficientResource[]>();
  /** Offers declined since the last {@link record}, oldest first, at most twice the history's size. */
  private unrecorded: OfferRecord[] = [];
  /** Offers declined in all. */
  declined = 0;

  constructor(
    private readonly ctx: OfferDeclinesContext,
    private readonly fw: FrameworkRecord,
    private readonly refuseSeconds: number,
    private readonly refusals: readonly InsufficientResource[],
  ) {}

  /** Decline one offer by id. An offer that is gone or not the framework's is skipped: it raced a rescind, which is harmless. */
  decline(offerId: string): void {
    const { ctx, fw } = this;
    const offer = ctx.offerBook.get(offerId);
    if (!offer || offer.frameworkId !== fw.id) return;
    ctx.offerBook.remove(offer.id);
    ctx.allocator.recoverResources(fw.id, offer.agentId, allocateTo(offer.resources, offer.role), { refuseSeconds: this.refuseSeconds });
    ctx.metrics.offersDeclined++;
    this.declined++;
    if (ctx.events.active) {
      const refusals = this.judgedFor(offer.role);
      ctx.events.publish({ type: 'DECLINE', frameworkId: fw.id, agentId: offer.agentId, refusals: refusals.map((r) => r.message ?? '') });
    }
    const keep = ctx.config.maxDeclinesPerFramework;
    if (keep <= 0) return; // history switched off
    this.unrecorded.push(offer);
    if (this.unrecorded.length > 2 * keep) this.unrecorded = this.unrecorded.slice(-keep);
  }

  /** Put the newest declines since the last call into the framework's decline history (for the UI; bounded in count and bytes). */
  record(): void {
    const keep = this.ctx.config.maxDeclinesPerFramework;
    const newest = keep <= 0 ? [] : this.unrecorded.length > keep ? this.unrecorded.slice(-keep) : this.unrecorded;
    this.unrecorded = [];
    const timestamp = nowSeconds(this.ctx.clock);
    for (const offer of newest) {
      this.fw.declineHistory.push({
        offer_id: { value: offer.id },
        agent_id: { value: offer.agentId },
        timestamp,
        refuse_seconds: this.refuseSeconds,
        refusals: this.judgedFor(offer.role),
      });
    }
  }

  /** The call's refusals judged against the role's largest agent, worked out once per role. */
  private judgedFor(role: string): InsufficientResource[] {
    let judged = this.judged.get(role);
    if (!judged) this.judged.set(role, (judged = classifyRefusals(this.refusals, this.ctx.allocator.largestAgent(role))));
    return judged;
  }
}
