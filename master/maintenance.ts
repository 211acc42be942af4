/**
 * Maintenance on the master (Mesos's maintenance primitives): the schedule
 * and the machines DOWN, kept in the registry; offers' `unavailability`;
 * inverse offers to the frameworks with tasks or offers on DRAINING
 * machines and their answers; DOWN machines' agents removed and refused;
 * UP letting them back. The rules (validation, modes) are in
 * `maintenance-rules.ts`.
 *
 * - Every change is written to the registry before it applies, so a new
 *   leader keeps the schedule and the DOWN machines.
 * - `unavailabilityOf` is what each offer asks: a few map reads, nothing
 *   when no machine is scheduled.
 * - Inverse offers are sent by a pass every second while some machine is
 *   DRAINING, over the agents of scheduled machines only (a set kept by
 *   agent events, not a walk of every agent): one per (framework, agent) with no outstanding one and no
 *   filter from its last answer (ACCEPT / DECLINE_INVERSE_OFFERS, whose
 *   `refuse_seconds` default to 5 s as offers'). An inverse offer whose
 *   agent left, whose machine is no longer DRAINING or whose framework
 *   lost its stream is rescinded by the same pass (at once when the
 *   schedule changes or a machine goes DOWN).
 * - The answers are kept per machine and framework (UNKNOWN once sent, then
 *   ACCEPT or DECLINE with the time) and shown by GET_MAINTENANCE_STATUS;
 *   they change nothing by themselves (as in Mesos, they are hints for the
 *   operator).
 */
import type { AgentInfo, Event, Offer } from '@meseta/proto/wire';
import { EventType } from '@meseta/proto/wire';
import { newId } from '@meseta/proto/ids';
import { type TimerHandle, nowSeconds } from '@meseta/runtime/clock';
import type { MasterContext } from './master-context';
import type { AgentRecord, FrameworkRecord } from './state';
import { type StoredMaintenance, updateMaintenance } from './registry/registry-state';
import {
  type Machine, type MachineMode, type MaintenanceScheduleSpec, type MaintenanceWindowSpec,
  agentMachineKeys, bringDown, bringUp, machineKey, machineLabel, modeOf, scheduledKeys, unavailabilityToWire,
} from './maintenance-rules';

type Unavailability = NonNullable<Offer['unavailability']>;

/** Default `refuse_seconds` of inverse-offer answers, as Mesos's Filters. */
const DEFAULT_REFUSE_SECONDS = 5;

/** A framework's last answer to the inverse offers of one machine. */
export interface InverseOfferAnswer {
  status: 'UNKNOWN' | 'ACCEPT' | 'DECLINE';
  /** Seconds since the epoch. */
  at: number;
}

/** An outstanding inverse offer. */
interface InverseOfferRecord {
  id: string;
  frameworkId: string;
  /** The stream it was sent on: a re-subscribed framework is sent a new one. */
  streamId: string | undefined;
  agentId: string;
  machine: string;
}

/** A scheduled machine as the status shows it. */
export interface MachineStatus {
  machine: Machine;
  mode: MachineMode;
  window: MaintenanceWindowSpec;
  /** Agents registered from it now. */
  agentIds: string[];
  answers: Map<string, InverseOfferAnswer>;
  downSince?: number;
}

/** The schedule, the DOWN machines and the inverse offers. */
export class Maintenance {
  private schedule: MaintenanceScheduleSpec = { windows: [] };
  /** DOWN machines by key, with since when. */
  private down = new Map<string, { machine: Machine; since: number }>();
  /** Scheduled machines by key: their machine, window and its unavailability as sent. */
  private index = new Map<string, { machine: Machine; window: MaintenanceWindowSpec; unavailability: Unavailability }>();
  private readonly outstanding = new Map<string, InverseOfferRecord>();
  /** `${frameworkId}/${agentId}` → the outstanding inverse offer's id. */
  private readonly byPair = new Map<string, string>();
  /** `${frameworkId}/${agentId}` → seconds until which no inverse offer is sent (the last answer's filter). */
  private readonly filters = new Map<string, number>();
  /** Machine key → framework id → last answer. */
  private readonly answers = new Map<string, Map<string, InverseOfferAnswer>>();
  private timer: TimerHandle | undefined;
  /**
   * Ids of agents whose machine is scheduled (any mode), so the pass reads
   * only them: rebuilt by one walk when the schedule changes, then kept by
   * the agents' AGENT_ADDED / AGENT_UPDATED events (every registration and
   * re-registration publishes one once the agent's info is set), which it
   * listens to only while some machine is scheduled (a listener makes
   * every publisher build its events).
   */
  private readonly scheduledAgents = new Set<string>();
  /** Agent records the passes have read, in all (not rendered; tests check a pass reads only scheduled machines' agents). */
  passAgentVisits = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: MasterContext,
    /** Remove an agent of a machine going DOWN (told to shut down, tasks ended, marked gone). */
    private readonly removeAgent: (agent: AgentRecord, why: string) => Promise<unknown>,
  ) {}

  /** After election: the registry's schedule and DOWN machines. */
  recover(stored: StoredMaintenance | undefined): void {
    if (!stored) return;
    this.apply(stored.schedule, new Map(stored.down.map((d) => [machineKey(d), { machine: { hostname: d.hostname, ip: d.ip }, since: d.since }])));
  }

  /** Run the inverse-offer pass every second. */
  start(): void {
    this.timer = this.ctx.clock.every(1000, () => this.pass());
  }

  /** Stop the pass (the master is stopping). */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The schedule in force. */
  get currentSchedule(): MaintenanceScheduleSpec {
    return this.schedule;
  }

  /** The DOWN machines' keys. */
  get downKeys(): ReadonlySet<string> {
    return new Set(this.down.keys());
  }

  /** The unavailability to put in an offer of this agent's resources: O(1); undefined when its machine is not scheduled. */
  unavailabilityOf(agent: AgentRecord): Unavailability | undefined {
    if (this.index.size === 0) return undefined;
    return this.entryOf(agent.info)?.unavailability;
  }

  /** The mode of the machine of an agent (UP when not scheduled). */
  modeOfAgent(info: AgentInfo): MachineMode {
    if (this.index.size === 0) return 'UP';
    const key = this.keyOf(info);
    return key === undefined ? 'UP' : this.down.has(key) ? 'DOWN' : 'DRAINING';
  }

  /** Why an agent announcing `info` may not register now (its machine is DOWN), or undefined. */
  refusalFor(info: AgentInfo): string | undefined {
    if (this.down.size === 0) return undefined;
    const key = this.keyOf(info);
    const down = key === undefined ? undefined : this.down.get(key);
    if (!down) return undefined;
    return `machine ${machineLabel(down.machine)} is DOWN for maintenance since ${new Date(down.since * 1000).toISOString()}; agents there are refused until the operator brings it UP (STOP_MAINTENANCE, \`meseta maintenance up\`)`;
  }

  /** Every scheduled machine with its mode, agents and the frameworks' answers. */
  status(): MachineStatus[] {
    const agentsByKey = new Map<string, string[]>();
    if (this.index.size > 0) {
      for (const a of this.ctx.agents.values()) {
        if (a.status === 'GONE') continue;
        const key = this.keyOf(a.info);
        if (key !== undefined) (agentsByKey.get(key) ?? agentsByKey.set(key, []).get(key)!).push(a.id);
      }
    }
    return [...this.index].map(([key, e]) => ({
      machine: e.machine,
      mode: this.down.has(key) ? 'DOWN' : 'DRAINING',
      window: e.window,
      agentIds: agentsByKey.get(key) ?? [],
      answers: new Map(this.answers.get(key) ?? []),
      ...(this.down.has(key) ? { downSince: this.down.get(key)!.since } : {}),
    }));
  }

  /**
   * Replace the schedule (checked already, DOWN machines still in it). Once
   * durable: offers and inverse offers of machines whose window changed are
   * rescinded (offers come back with the new unavailability), and the pass
   * runs.
   */
  async updateSchedule(schedule: MaintenanceScheduleSpec, by: string): Promise<void> {
    await this.write(schedule, this.down, 'update maintenance schedule', () => {
      const before = new Map([...this.index].map(([k, e]) => [k, JSON.stringify(e.unavailability)]));
      this.apply(schedule, this.down);
      const changed = new Set<string>();
      for (const [k, u] of before) if (JSON.stringify(this.index.get(k)?.unavailability) !== u) changed.add(k);
      for (const k of this.index.keys()) if (!before.has(k)) changed.add(k);
      for (const k of changed) if (!this.index.has(k)) this.answers.delete(k);
      this.afterChange(changed);
      this.ctx.log.info('maintenance schedule updated', { by, windows: schedule.windows.length, machines: this.index.size, changed: changed.size });
    });
  }

  /**
   * Bring machines DOWN (each DRAINING; checked by {@link bringDown}, which
   * throws a MaintenanceInputError naming `field`). Once durable, each of
   * their agents is removed: told to shut down, its tasks ended, marked gone.
   */
  async startMaintenance(machines: readonly Machine[], field: string, by: string): Promise<void> {
    const keys = bringDown(machines, this.schedule, new Set(this.down.keys()), field);
    const now = nowSeconds(this.ctx.clock);
    const down = new Map(this.down);
    for (const m of machines) down.set(machineKey(m), { machine: m, since: now });
    const removals: Array<Promise<unknown>> = [];
    await this.write(this.schedule, down, 'start maintenance', () => {
      this.apply(this.schedule, down);
      const affected = new Set(machines.map(machineKey));
      for (const k of affected) this.answers.delete(k);
      this.rescindWhere((io) => affected.has(io.machine));
      for (const a of [...this.ctx.agents.values()]) {
        if (a.status === 'GONE' || a.markingGone) continue;
        const key = this.keyOf(a.info);
        if (key === undefined || !affected.has(key)) continue;
        const why = `machine ${machineLabel(this.down.get(key)!.machine)} is DOWN for maintenance (${by})`;
        removals.push(this.removeAgent(a, why).catch((e: Error) => this.ctx.log.warn('agent of a DOWN machine not removed; it is refused if it registers again', { agent: a.id, problem: e.message })));
      }
      this.ctx.log.warn('machines DOWN for maintenance', { by, machines: machines.map(machineLabel), agents_removed: removals.length, all_down: keys.size });
    });
    await Promise.all(removals);
  }

  /**
   * Bring DOWN machines UP (checked by {@link bringUp}): they leave the
   * schedule; their agents may register again.
   */
  async stopMaintenance(machines: readonly Machine[], field: string, by: string): Promise<void> {
    const next = bringUp(machines, this.schedule, new Set(this.down.keys()), field);
    const down = new Map([...this.down].filter(([k]) => next.down.has(k)));
    await this.write(next.schedule, down, 'stop maintenance', () => {
      this.apply(next.schedule, down);
      for (const m of machines) this.answers.delete(machineKey(m));
      this.ctx.log.info('machines UP after maintenance', { by, machines: machines.map(machineLabel) });
    });
  }

  /**
   * ACCEPT_INVERSE_OFFERS / DECLINE_INVERSE_OFFERS of `fw`: each known id of
   * its own is answered (recorded for the machine, filtered for
   * `refuseSeconds`); returns the ids that were not (rescinded meanwhile,
   * or never the framework's), which the caller logs, as Mesos ignores them.
   */
  answer(fw: FrameworkRecord, ids: readonly string[], accept: boolean, refuseSeconds: number | undefined): string[] {
    const now = nowSeconds(this.ctx.clock);
    const unknown: string[] = [];
    for (const id of ids) {
      const io = this.outstanding.get(id);
      if (!io || io.frameworkId !== fw.id) {
        unknown.push(id);
        continue;
      }
      this.forget(io);
      const pair = `${io.frameworkId}/${io.agentId}`;
      const seconds = refuseSeconds !== undefined && Number.isFinite(refuseSeconds) && refuseSeconds >= 0 ? refuseSeconds : DEFAULT_REFUSE_SECONDS;
      this.filters.set(pair, now + seconds);
      if (this.index.has(io.machine)) {
        let byFramework = this.answers.get(io.machine);
        if (!byFramework) this.answers.set(io.machine, (byFramework = new Map()));
        byFramework.set(fw.id, { status: accept ? 'ACCEPT' : 'DECLINE', at: now });
      }
      this.ctx.log.info(accept ? 'inverse offer accepted' : 'inverse offer declined', { framework: fw.id, agent: io.agentId, machine: io.machine });
    }
    return unknown;
  }

  /**
   * One pass: rescind inverse offers that no longer hold, then send one to
   * each framework with tasks or offers on an agent of a DRAINING machine
   * that has none outstanding and no filter in force.
   */
  pass(): void {
    if (this.outstanding.size > 0) this.rescindWhere((io) => !this.stillHolds(io));
    if (this.index.size === this.down.size) return; // nothing DRAINING
    const now = nowSeconds(this.ctx.clock);
    const perFramework = new Map<string, NonNullable<NonNullable<Event['inverse_offers']>['inverse_offers']>>();
    for (const agentId of this.scheduledAgents) {
      const agent = this.ctx.agents.get(agentId);
      this.passAgentVisits++;
      if (!agent) {
        this.scheduledAgents.delete(agentId);
        continue;
      }
      if (agent.status !== 'ACTIVE' || agent.recovered || (agent.tasks.size === 0 && agent.offers.size === 0)) continue;
      const key = this.keyOf(agent.info);
      if (key === undefined || this.down.has(key)) continue;
      const entry = this.index.get(key)!;
      const frameworkIds = new Set<string>();
      for (const t of agent.tasks.values()) frameworkIds.add(t.frameworkId);
      for (const o of agent.offers) {
        const offer = this.ctx.offerBook.get(o);
        if (offer) frameworkIds.add(offer.frameworkId);
      }
      for (const fid of frameworkIds) {
        const fw = this.ctx.frameworks.get(fid);
        if (!fw?.sink || !fw.connected) continue;
        const pair = `${fid}/${agent.id}`;
        if (this.byPair.has(pair) || (this.filters.get(pair) ?? 0) > now) continue;
        this.filters.delete(pair);
        const id = newId();
        this.outstanding.set(id, { id, frameworkId: fid, streamId: fw.streamId, agentId: agent.id, machine: key });
        this.byPair.set(pair, id);
        let byFramework = this.answers.get(key);
        if (!byFramework) this.answers.set(key, (byFramework = new Map()));
        if (!byFramework.has(fid)) byFramework.set(fid, { status: 'UNKNOWN', at: now });
        let list = perFramework.get(fid);
        if (!list) perFramework.set(fid, (list = []));
        list.push({
          id: { value: id }, framework_id: { value: fid }, agent_id: { value: agent.id },
          url: { scheme: 'http', address: { hostname: agent.info.hostname ?? '', ip: agent.info.ip || agent.info.hostname || '', port: agent.info.port ?? 5051 }, path: '/slave(1)' },
          unavailability: entry.unavailability, resources: [],
        });
      }
    }
    for (const [fid, list] of perFramework) {
      this.ctx.frameworks.get(fid)?.sink?.send({ type: EventType.INVERSE_OFFERS, inverse_offers: { inverse_offers: list } });
      this.ctx.log.info('inverse offers sent', { framework: fid, agents: list.map((io) => io.agent_id?.value) });
    }
  }

  /** Outstanding inverse offers (tests, status). */
  get outstandingCount(): number {
    return this.outstanding.size;
  }

  private stillHolds(io: InverseOfferRecord): boolean {
    const agent = this.ctx.agents.get(io.agentId);
    const fw = this.ctx.frameworks.get(io.frameworkId);
    if (!agent || agent.status !== 'ACTIVE' || !fw?.sink || !fw.connected || fw.streamId !== io.streamId) return false;
    return this.keyOf(agent.info) === io.machine && !this.down.has(io.machine);
  }

  /** Rescind (RESCIND_INVERSE_OFFER on a live stream) every outstanding inverse offer `which` picks. */
  private rescindWhere(which: (io: InverseOfferRecord) => boolean): void {
    for (const io of [...this.outstanding.values()]) {
      if (!which(io)) continue;
      this.forget(io);
      const fw = this.ctx.frameworks.get(io.frameworkId);
      if (fw?.sink && fw.streamId === io.streamId) fw.sink.send({ type: EventType.RESCIND_INVERSE_OFFER, rescind_inverse_offer: { inverse_offer_id: { value: io.id } } });
    }
  }

  private forget(io: InverseOfferRecord): void {
    this.outstanding.delete(io.id);
    const pair = `${io.frameworkId}/${io.agentId}`;
    if (this.byPair.get(pair) === io.id) this.byPair.delete(pair);
  }

  /** After the schedule changed for `changed` machines: their offers and inverse offers go, to come back as they now are. */
  private afterChange(changed: ReadonlySet<string>): void {
    if (changed.size === 0) return;
    this.rescindWhere((io) => changed.has(io.machine));
    for (const a of this.ctx.agents.values()) {
      if (a.offers.size === 0) continue;
      const keys = agentMachineKeys(a.info.hostname, a.info.ip);
      if (keys.some((k) => changed.has(k))) this.ctx.offerBook.rescindAllOn(a);
    }
    this.ctx.scheduleAllocation();
    this.pass();
  }

  private async write(schedule: MaintenanceScheduleSpec, down: ReadonlyMap<string, { machine: Machine; since: number }>, what: string, then: () => void): Promise<void> {
    const stored: StoredMaintenance = { schedule, down: [...down.values()].map((d) => ({ ...d.machine, since: d.since })) };
    await this.ctx.durable.commit(updateMaintenance(stored), what, {}, then);
  }

  private apply(schedule: MaintenanceScheduleSpec, down: ReadonlyMap<string, { machine: Machine; since: number }>): void {
    this.schedule = schedule;
    this.down = new Map(down);
    this.index = new Map();
    for (const w of schedule.windows) {
      const unavailability = unavailabilityToWire(w);
      for (const m of w.machines) this.index.set(machineKey(m), { machine: m, window: w, unavailability });
    }
    // A DOWN machine is always scheduled (the rules keep it so); guard a hand-edited registry.
    const scheduled = scheduledKeys(schedule);
    for (const k of [...this.down.keys()]) if (modeOf(k, scheduled, new Set()) === 'UP') this.down.delete(k);
    this.trackScheduledAgents();
  }

  /** Rebuild the set of agents on scheduled machines (one walk), and listen to agent events only while there are any scheduled machines. */
  private trackScheduledAgents(): void {
    this.scheduledAgents.clear();
    if (this.index.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      return;
    }
    for (const a of this.ctx.agents.values()) if (this.keyOf(a.info) !== undefined) this.scheduledAgents.add(a.id);
    this.unsubscribe ??= this.ctx.events.subscribe((e) => {
      if (e.type === 'AGENT_ADDED' || e.type === 'AGENT_UPDATED') this.trackAgent(e.agentId);
    });
  }

  /** An agent was added or changed: in the set when its machine is scheduled. */
  private trackAgent(agentId: string): void {
    if (this.index.size === 0) return;
    const agent = this.ctx.agents.get(agentId);
    if (agent && this.keyOf(agent.info) !== undefined) this.scheduledAgents.add(agentId);
    else this.scheduledAgents.delete(agentId);
  }

  /** The scheduled machine key an agent falls under, most precise first. */
  private keyOf(info: AgentInfo): string | undefined {
    for (const k of agentMachineKeys(info.hostname, info.ip)) if (this.index.has(k)) return k;
    return undefined;
  }

  private entryOf(info: AgentInfo): { unavailability: Unavailability } | undefined {
    const key = this.keyOf(info);
    return key === undefined ? undefined : this.index.get(key);
  }
}
