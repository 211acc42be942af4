/**
 * Placing wanted instances into offers: for each app that wants new
 * instances, each offer in turn is checked against the app's constraints
 * (counting instances already running and those placed in this round) and
 * its resources; what fits is compiled, what does not is explained per
 * offer, ready for the app's status and the DECLINE refusals. Pure apart
 * from the instance-id generator passed in.
 */
import type { InsufficientResource, Offer } from '@meseta/proto/wire';
import { OfferLedger } from '@meseta/sdk';
import type { AppDefinition } from './app-definition';
import { constraintAsRefusal, constraintRefusals, fieldValue, offerFacts, type PlacementFacts } from './constraints';
import { compileInstance, offerHost, type CompiledInstance } from './task-compile';

/** One app wanting `count` more instances. */
export interface LaunchWant {
  app: AppDefinition;
  version: string;
  count: number;
  /** Where the app's live instances run (constraints count them). */
  placed: PlacementFacts[];
}

/** One instance placed in an offer. */
export interface PlacedInstance {
  appId: string;
  version: string;
  instanceId: string;
  offer: Offer;
  facts: PlacementFacts;
  host: string;
  compiled: CompiledInstance;
}

/** Why an app got fewer instances than it wanted. */
export interface Shortfall {
  appId: string;
  wanted: number;
  placed: number;
  /** One line per offer (agent) that was refused, deduplicated. */
  reasons: string[];
}

/** The outcome of one round of offers. */
export interface PlacementRound {
  placed: PlacedInstance[];
  shortfalls: Shortfall[];
  /** Offers nothing was placed in. */
  unusedOffers: Offer[];
  /** The reasons as DECLINE refusals. */
  refusals: InsufficientResource[];
}

/** Everything a round needs besides the wants and offers. */
export interface PlacementContext {
  newInstanceId(app: AppDefinition): string;
  frameworkUrl: string;
}

function agentLabel(offer: Offer): string {
  return offer.hostname && offer.hostname !== '127.0.0.1' ? offer.hostname : offer.agent_id?.value ?? '?';
}

/** Place as many wanted instances as the offers allow, apps in the order given. */
export function placeInstances(wants: readonly LaunchWant[], offers: readonly Offer[], ctx: PlacementContext): PlacementRound {
  const ledgers = offers.map((offer) => new OfferLedger(offer));
  const facts = offers.map(offerFacts);
  const round: PlacementRound = { placed: [], shortfalls: [], unusedOffers: [], refusals: [] };
  for (const want of wants) {
    const placedFacts = [...want.placed];
    const known = (field: string): string[] => {
      const values = new Set<string>();
      for (const f of [...facts, ...placedFacts]) {
        const v = fieldValue(field, f);
        if (v !== undefined) values.add(v);
      }
      return [...values];
    };
    let placed = 0;
    const reasons = new Map<string, InsufficientResource[]>();
    while (placed < want.count) {
      let progress = false;
      for (let i = 0; i < ledgers.length && placed < want.count; i++) {
        const refusals = constraintRefusals(want.app.constraints, facts[i], placedFacts, known);
        if (refusals.length > 0) {
          reasons.set(agentLabel(offers[i]), refusals.map((r) => ({ ...constraintAsRefusal(r), message: `${want.app.id}: ${r}` })));
          continue;
        }
        const instanceId = ctx.newInstanceId(want.app);
        const compiled = compileInstance(want.app, { instanceId, version: want.version, frameworkUrl: ctx.frameworkUrl }, ledgers[i]);
        if ('refusals' in compiled) {
          reasons.set(agentLabel(offers[i]), compiled.refusals.map((r) => ({ ...r, message: `${want.app.id}: ${r.message ?? r.name}` })));
          continue;
        }
        round.placed.push({ appId: want.app.id, version: want.version, instanceId, offer: offers[i], facts: facts[i], host: offerHost(offers[i]), compiled });
        placedFacts.push(facts[i]);
        placed++;
        progress = true;
        reasons.delete(agentLabel(offers[i]));
      }
      if (!progress) break;
    }
    if (placed < want.count) {
      const lines = [...reasons.entries()].map(([agent, why]) => `agent ${agent}: ${why.map((r) => r.message).join('; ')}`);
      if (offers.length === 0) lines.push('no offers');
      round.shortfalls.push({ appId: want.app.id, wanted: want.count, placed, reasons: lines });
      for (const why of reasons.values()) round.refusals.push(...why);
    }
  }
  round.unusedOffers = ledgers.filter((l) => !l.used).map((l) => l.offer);
  round.refusals = dedupe(round.refusals);
  return round;
}

function dedupe(refusals: InsufficientResource[]): InsufficientResource[] {
  const seen = new Set<string>();
  return refusals.filter((r) => {
    const key = `${r.name}|${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
