/**
 * The outstanding offers: turning allocations into offers, timing them
 * out, and taking them back (accepted, declined or rescinded). The book
 * keeps the framework's and the agent's offer sets in step with its own.
 */
import type { Allocation, Allocator } from './allocator/allocator';
import { type Clock, nowSeconds, secondsToMs } from '@meseta/runtime/clock';
import type { AgentRecord, FrameworkRecord, OfferRecord } from './state';
import type { ClusterEvents } from './cluster-events';
import { OfferedTotals } from './cluster-sums';
import type { MasterMetrics } from './metrics';
import type { Logger } from '@meseta/runtime/log';
import { EventType, type Offer } from '@meseta/proto/wire';
import { allocate as allocateTo, unallocate } from '@meseta/proto/resources';
import { newId } from '@meseta/proto/ids';

/** What the offer book needs from the master. */
export interface OfferBookContext {
  frameworks: ReadonlyMap<string, FrameworkRecord>;
  agents: ReadonlyMap<string, AgentRecord>;
  allocator: Pick<Allocator, 'recoverResources'>;
  clock: Clock;
  events: ClusterEvents;
  metrics: MasterMetrics;
  log: Logger;
  /** Seconds before an offer is rescinded; 0 = never. */
  offerTimeoutSeconds: number;
  /** Ask for an allocation pass soon (resources came back). */
  scheduleAllocation(): void;
  /** When the agent's machine is scheduled for maintenance (O(1), `maintenance.ts`); none by default. */
  unavailabilityOf?(agent: AgentRecord): Offer['unavailability'];
}

/** Outstanding offers by id. */
export class OfferBook {
  readonly offers = new Map<string, OfferRecord>();
  /** What the outstanding offers hold, kept as offers are made and forgotten (`/metrics` reads it without a walk). */
  readonly offered = new OfferedTotals();

  constructor(private readonly ctx: OfferBookContext) {}

  get(id: string): OfferRecord | undefined {
    return this.offers.get(id);
  }

  get size(): number {
    return this.offers.size;
  }

  values(): IterableIterator<OfferRecord> {
    return this.offers.values();
  }

  /**
   * Turn allocations into offers and send them, one OFFERS event per
   * framework. Allocations to a framework or agent that went away in the
   * meantime go straight back to the allocator.
   */
  offer(allocations: readonly Allocation[]): void {
    const { frameworks, agents, clock } = this.ctx;
    const perFramework = new Map<string, OfferRecord[]>();
    const now = nowSeconds(clock);
    for (const a of allocations) {
      const fw = frameworks.get(a.frameworkId);
      const agent = agents.get(a.agentId);
      if (!fw || !fw.connected || !agent || agent.status !== 'ACTIVE') {
        this.ctx.allocator.recoverResources(a.frameworkId, a.agentId, a.resources);
        continue;
      }
      const id = newId();
      const record: OfferRecord = {
        id,
        frameworkId: fw.id,
        agentId: agent.id,
        role: a.role,
        resources: unallocate(a.resources),
        createdAt: now,
        offer: {
          id: { value: id },
          framework_id: { value: fw.id },
          agent_id: { value: agent.id },
          hostname: agent.info.hostname ?? '',
          resources: a.resources,
          attributes: agent.info.attributes ?? [],
          agent_address: { hostname: agent.info.hostname ?? '', ip: agent.info.ip || agent.info.hostname || '', port: agent.info.port ?? 5051 },
        },
      };
      const unavailability = this.ctx.unavailabilityOf?.(agent);
      if (unavailability) record.offer.unavailability = unavailability;
      if (this.ctx.offerTimeoutSeconds > 0) {
        record.timer = clock.after(secondsToMs(this.ctx.offerTimeoutSeconds), () => {
          if (!this.offers.has(id)) return;
          this.ctx.log.debug('offer timed out', { offer: id, framework: fw.id });
          this.rescind(id);
          this.ctx.scheduleAllocation();
        });
      }
      this.offers.set(id, record);
      this.offered.add(record.resources);
      fw.offers.add(id);
      agent.offers.add(id);
      let list = perFramework.get(fw.id);
      if (!list) perFramework.set(fw.id, (list = []));
      list.push(record);
    }
    if (perFramework.size > 0 && this.ctx.events.active) {
      const added: string[] = [];
      for (const list of perFramework.values()) for (const o of list) added.push(o.id);
      this.ctx.events.publish({ type: 'OFFERS_CHANGED', added });
    }
    for (const [fid, list] of perFramework) {
      frameworks.get(fid)!.sink?.send({ type: EventType.OFFERS, offers: { offers: list.map((o) => o.offer) } });
      this.ctx.metrics.offersSent += list.length;
    }
  }

  /** Forget an offer without giving its resources back (accepted, or declined by the caller). */
  remove(id: string): OfferRecord | undefined {
    const record = this.offers.get(id);
    if (!record) return undefined;
    record.timer?.cancel();
    this.offers.delete(id);
    this.offered.remove(record.resources);
    this.ctx.frameworks.get(record.frameworkId)?.offers.delete(id);
    this.ctx.agents.get(record.agentId)?.offers.delete(id);
    if (this.ctx.events.active) this.ctx.events.publish({ type: 'OFFERS_CHANGED', removed: [id] });
    return record;
  }

  /** Take an offer back: RESCIND to the framework, resources to the allocator. A no-op for unknown ids. */
  rescind(id: string): void {
    const record = this.remove(id);
    if (!record) return;
    this.ctx.metrics.offersRescinded++;
    this.ctx.frameworks.get(record.frameworkId)?.sink?.send({ type: EventType.RESCIND, rescind: { offer_id: { value: id } } });
    this.ctx.allocator.recoverResources(record.frameworkId, record.agentId, allocateTo(record.resources, record.role));
  }

  /** Rescind every offer a framework holds. */
  rescindAllOf(fw: FrameworkRecord): void {
    for (const id of [...fw.offers]) this.rescind(id);
  }

  /** Rescind every offer of an agent's resources. */
  rescindAllOn(agent: AgentRecord): void {
    for (const id of [...agent.offers]) this.rescind(id);
  }

  /** Cancel every offer timer (the master is stopping). */
  cancelTimers(): void {
    for (const o of this.offers.values()) o.timer?.cancel();
  }
}
