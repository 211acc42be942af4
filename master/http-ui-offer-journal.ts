/**
 * The offers made and taken back since a point in time, from the offer
 * book's `OFFERS_CHANGED` events, so the web UI's stream follows offers at
 * the cost of what changed instead of diffing its ~45,000 sent offers against
 * the master's at every delta (issue 11). An offer made and taken back before
 * anyone read the journal leaves no trace. An `OFFERS_CHANGED` that names no
 * offer (a publisher that does not say which) makes the journal
 * {@link OfferJournal.incomplete}: its reader must then look at every offer.
 * Pure bookkeeping: no master, no I/O.
 */
import type { ClusterEvent } from './cluster-events';

/** Offer ids made and taken back since the journal was started or last read. */
export class OfferJournal {
  /** Made since, not yet read. */
  readonly added = new Set<string>();
  /** Taken back since (made before the journal's start, or read before being taken back). */
  readonly removed = new Set<string>();
  private unnamed = false;

  /** Follow one cluster event (only `OFFERS_CHANGED` counts). */
  note(event: ClusterEvent): void {
    if (event.type !== 'OFFERS_CHANGED') return;
    if (!event.added && !event.removed) {
      this.unnamed = true;
      return;
    }
    if (event.added) for (const id of event.added) this.added.add(id);
    if (event.removed) for (const id of event.removed) if (!this.added.delete(id)) this.removed.add(id);
  }

  /** True when some change named no offer: the journal alone does not say what moved. */
  get incomplete(): boolean {
    return this.unnamed;
  }

  /** Ids waiting to be read, made and taken back together. */
  get size(): number {
    return this.added.size + this.removed.size;
  }

  /** Forget everything noted (the reader looked at every offer). */
  clear(): void {
    this.added.clear();
    this.removed.clear();
    this.unnamed = false;
  }
}
