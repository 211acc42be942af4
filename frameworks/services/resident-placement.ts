/**
 * Offers → operations for stateful apps (resident-plan.ts says what is
 * wanted): release residents of destroyed apps (DESTROY + UNRESERVE from an
 * offer of their agent), relaunch instances on their residents (only from an
 * offer of the resident's agent holding its reservation and volumes), and
 * create residents (RESERVE + CREATE + LAUNCH in one ACCEPT, from unreserved
 * resources, constraints counted). What could not be done says why, per
 * resident ("waiting for agent X which holds volume Y") or per app. The
 * offers' leftovers, without any resident's reservation, go on to the
 * placement of the other apps (placement.ts). Pure apart from the id
 * generators passed in.
 */
import type { InsufficientResource, Offer, Operation, Resource } from '@meseta/proto/wire';
import { OperationType } from '@meseta/proto/wire';
import { OfferLedger, fits } from '@meseta/sdk';
import type { AppDefinition } from './app-definition';
import { constraintAsRefusal, constraintRefusals, fieldValue, offerFacts, type PlacementFacts } from './constraints';
import type { PlacedInstance, Shortfall } from './placement';
import {
  offerHoldsResident,
  releaseOperations,
  reserveOperations,
  residentOf,
  residentResourcesIn,
  residentTaskResources,
  residentVolumes,
  volumesIn,
} from './resident-resources';
import type { ResidentRecord } from './services-state';
import { compileInstance, offerHost } from './task-compile';

/** Relaunch an instance on its resident. */
export interface ResidentRelaunch {
  app: AppDefinition;
  version: string;
  resident: ResidentRecord;
}

/** Create `count` residents of an app, each with its first instance. */
export interface ResidentCreate {
  app: AppDefinition;
  version: string;
  count: number;
  /** Where the app's residents are (constraints count them). */
  placed: PlacementFacts[];
}

/** What stateful apps want of this round of offers. */
export interface ResidentWants {
  release: ResidentRecord[];
  relaunch: ResidentRelaunch[];
  create: ResidentCreate[];
}

/** Ids, the framework's role and principal, and the time. */
export interface ResidentPlacementContext {
  frameworkUrl: string;
  /** The role reservations are made for. */
  role: string;
  principal?: string;
  now: number;
  newInstanceId(app: AppDefinition): string;
  newResidentId(app: AppDefinition): string;
}

/** An instance placed on a resident. */
export type PlacedResidentInstance = PlacedInstance & { residentId: string };

/** The outcome of one round. */
export interface ResidentRound {
  /** Operations per offer id, in the order they go into the ACCEPT. */
  operations: Map<string, Operation[]>;
  placed: PlacedResidentInstance[];
  /** New residents (their RESERVE + CREATE are in `operations`). */
  created: ResidentRecord[];
  /**
   * Residents released: their DESTROY + UNRESERVE are in the operations of
   * `offerId`, or (no `offerId`) their agent's offer showed nothing of them.
   */
  released: Array<{ residentId: string; offerId?: string }>;
  /** Residents whose volumes an offer showed. */
  seen: string[];
  /** Residents whose agent sent an offer holding nothing of theirs. */
  absentFromOffer: string[];
  /** Why a resident could not be relaunched or released this round. */
  waiting: Map<string, string>;
  /** Apps that got fewer new residents than they wanted. */
  shortfalls: Shortfall[];
  refusals: InsufficientResource[];
  /** Each offer as left for other apps: what is unused, without any resident's reservation. */
  leftovers: Offer[];
}

function agentLabel(offer: Offer): string {
  return offer.hostname && offer.hostname !== '127.0.0.1' ? offer.hostname : offer.agent_id?.value ?? '?';
}

function residentAgent(resident: ResidentRecord): string {
  return resident.hostname && resident.hostname !== '127.0.0.1' ? `${resident.hostname} (${resident.agentId})` : resident.agentId;
}

function scalar(name: string, value: number): Resource {
  return { name, type: 0, scalar: { value } };
}

/** Place what stateful apps want into the offers. */
export function placeResidents(wants: ResidentWants, offers: readonly Offer[], ctx: ResidentPlacementContext): ResidentRound {
  const round: ResidentRound = {
    operations: new Map(),
    placed: [],
    created: [],
    released: [],
    seen: [],
    absentFromOffer: [],
    waiting: new Map(),
    shortfalls: [],
    refusals: [],
    leftovers: [],
  };
  const ledgers = offers.map((o) => new OfferLedger(o));
  const facts = offers.map(offerFacts);
  const opsOf = (offer: Offer): Operation[] => {
    const id = offer.id?.value ?? '';
    let ops = round.operations.get(id);
    if (!ops) round.operations.set(id, (ops = []));
    return ops;
  };
  // The offer of the resident's agent that holds its resources (an agent's resources may come in several offers), else any of that agent.
  const offerOf = (resident: ResidentRecord): number => {
    const ofAgent = offers.flatMap((o, i) => ((o.agent_id?.value ?? '') === resident.agentId ? [i] : []));
    return ofAgent.find((i) => residentResourcesIn(offers[i], resident.residentId).length > 0) ?? ofAgent[0] ?? -1;
  };

  const known = [...wants.release, ...wants.relaunch.map((w) => w.resident)];
  for (const resident of known) {
    const i = offerOf(resident);
    if (i < 0) continue;
    if (volumesIn(offers[i], resident.residentId).length > 0) round.seen.push(resident.residentId);
    else if (residentResourcesIn(offers[i], resident.residentId).length === 0) round.absentFromOffer.push(resident.residentId);
  }

  for (const resident of wants.release) {
    const first = resident.volumes[0]?.persistenceId ?? resident.residentId;
    const i = offerOf(resident);
    if (i < 0) {
      round.waiting.set(resident.residentId, `waiting for agent ${residentAgent(resident)} which holds volume ${first}, to destroy it and unreserve`);
      continue;
    }
    const ops = releaseOperations(offers[i], resident.residentId);
    if (ops.length > 0) {
      const take = ledgers[i].tryTake(residentResourcesIn(offers[i], resident.residentId));
      if (!take.fits) {
        round.waiting.set(resident.residentId, `the offer of agent ${residentAgent(resident)} no longer holds all of ${first}`);
        continue;
      }
      opsOf(offers[i]).push(...ops);
      round.released.push({ residentId: resident.residentId, offerId: offers[i].id?.value ?? '' });
    } else round.released.push({ residentId: resident.residentId });
  }

  for (const want of wants.relaunch) {
    const { resident } = want;
    const first = resident.volumes[0]?.persistenceId ?? resident.residentId;
    const i = offerOf(resident);
    if (i < 0) {
      round.waiting.set(resident.residentId, `waiting for agent ${residentAgent(resident)} which holds volume ${first} (no offer from it)`);
      continue;
    }
    const holds = offerHoldsResident(offers[i], resident);
    if (!holds.holds) {
      round.waiting.set(resident.residentId, `waiting for agent ${residentAgent(resident)} which holds volume ${first}: ${holds.missing}`);
      continue;
    }
    const mine = residentResourcesIn(offers[i], resident.residentId);
    const instanceId = ctx.newInstanceId(want.app);
    const compiled = compileInstance(want.app, { instanceId, version: want.version, frameworkUrl: ctx.frameworkUrl }, ledgers[i], mine);
    if ('refusals' in compiled) {
      round.waiting.set(resident.residentId, `agent ${residentAgent(resident)} holds volume ${first} but: ${compiled.refusals.map((r) => r.message ?? r.name).join('; ')}`);
      continue;
    }
    ledgers[i].tryTake(mine);
    round.placed.push({ appId: want.app.id, version: want.version, instanceId, offer: offers[i], facts: facts[i], host: offerHost(offers[i]), compiled, residentId: resident.residentId });
    opsOf(offers[i]).push({ type: OperationType.LAUNCH, launch: { task_infos: compiled.kind === 'task' ? [compiled.task] : compiled.tasks } });
  }

  for (const want of wants.create) {
    const placedFacts = [...want.placed];
    const knownValues = (field: string): string[] => {
      const values = new Set<string>();
      for (const f of [...facts, ...placedFacts]) {
        const v = fieldValue(field, f);
        if (v !== undefined) values.add(v);
      }
      return [...values];
    };
    const app = want.app;
    const volumeMb = (app.volumes ?? []).reduce((sum, v) => sum + v.sizeMb, 0);
    const plain = [scalar('cpus', app.cpus), scalar('mem', app.mem)];
    if (app.disk + volumeMb > 0) plain.push(scalar('disk', app.disk + volumeMb));
    const reasons = new Map<string, InsufficientResource[]>();
    let placed = 0;
    for (let i = 0; i < offers.length && placed < want.count; i++) {
      // As many new residents as the offer holds (and the constraints allow).
      for (;;) {
        if (placed >= want.count) break;
        const refused = constraintRefusals(app.constraints, facts[i], placedFacts, knownValues);
        if (refused.length > 0) {
          reasons.set(agentLabel(offers[i]), refused.map((r) => ({ ...constraintAsRefusal(r), message: `${app.id}: ${r}` })));
          break;
        }
        const unreserved = ledgers[i].remaining.filter((r) => !(r.reservations && r.reservations.length > 0));
        const short = fits(plain, unreserved);
        if (short.length > 0) {
          reasons.set(agentLabel(offers[i]), short.map((r) => ({ ...r, message: `${app.id}: unreserved ${r.message ?? r.name}` })));
          break;
        }
        const residentId = ctx.newResidentId(app);
        const resident: ResidentRecord = {
          residentId,
          appId: app.id,
          agentId: offers[i].agent_id?.value ?? '',
          hostname: offers[i].hostname ?? '',
          attributes: facts[i].attributes,
          role: ctx.role,
          ...(ctx.principal ? { principal: ctx.principal } : {}),
          reserved: { cpus: app.cpus, mem: app.mem, disk: app.disk },
          volumes: residentVolumes(residentId, app.volumes ?? []),
          status: 'reserving',
          createdAt: ctx.now + round.created.length,
        };
        const instanceId = ctx.newInstanceId(app);
        const compiled = compileInstance(app, { instanceId, version: want.version, frameworkUrl: ctx.frameworkUrl }, ledgers[i], residentTaskResources(resident));
        if ('refusals' in compiled) {
          reasons.set(agentLabel(offers[i]), compiled.refusals.map((r) => ({ ...r, message: `${app.id}: ${r.message ?? r.name}` })));
          break;
        }
        ledgers[i].tryTake(plain);
        round.created.push(resident);
        round.placed.push({ appId: app.id, version: want.version, instanceId, offer: offers[i], facts: facts[i], host: offerHost(offers[i]), compiled, residentId });
        opsOf(offers[i]).push(...reserveOperations(resident), {
          type: OperationType.LAUNCH,
          launch: { task_infos: compiled.kind === 'task' ? [compiled.task] : compiled.tasks },
        });
        placedFacts.push(facts[i]);
        placed++;
        reasons.delete(agentLabel(offers[i]));
      }
    }
    if (placed < want.count) {
      const lines = [...reasons.entries()].map(([agent, why]) => `agent ${agent}: ${why.map((r) => r.message).join('; ')}`);
      if (offers.length === 0) lines.push('no offers');
      round.shortfalls.push({ appId: app.id, wanted: want.count, placed, reasons: lines });
      for (const why of reasons.values()) round.refusals.push(...why);
    }
  }

  round.leftovers = ledgers.map((l) => ({ ...l.offer, resources: l.remaining.filter((r) => residentOf(r) === undefined) }));
  return round;
}
