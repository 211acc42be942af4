/**
 * The services scheduler: the driver's handlers and the control loop that
 * moves every app toward its target. Each change (an update, an offer, a
 * command, a timer) ends in `kick()`, and one `converge()` pass then plans
 * every app (deployment-plan), sends the kills, decides which apps want new
 * instances, finishes or rolls back deployments, and suppresses or revives
 * offers. Offers are turned into launches by `placement`. Instance records
 * are written (and committed) before their launch is sent, so a framework
 * killed at any point knows every task it may have started.
 */
import type { Logger } from '@meseta/runtime/log';
import { idOf } from '@meseta/proto/ids';
import type { Offer, Operation, TaskStatus } from '@meseta/proto/wire';
import { Reason, TaskState } from '@meseta/proto/wire';
import { compileLaunch, compileLaunchGroup, type SchedulerDriver, type SchedulerHandlers } from '@meseta/sdk';
import type { Clock } from '@meseta/runtime/clock';
import { ControlLoop } from '../common/control-loop';
import { isEndedState } from '../common/ended-task-state';
import { OfferInterest } from '../common/offer-interest';
import type { PersistedState } from '../common/persisted-state';
import { ReconciliationLoop } from '../common/reconciliation-loop';
import type { AgentCapacity } from './app-definition';
import type { PlacementFacts } from './constraints';
import { DeploymentLog } from './deployment-log';
import { planStep } from './deployment-plan';
import { deploymentOutcome } from './deployment-outcome';
import { failureReason } from './failure-reason';
import type { SandboxTailReader } from './sandbox-tail';
import { LeaseBook } from './leader-lease';
import { placeInstances, type LaunchWant, type PlacedInstance } from './placement';
import { planResidentStep, type ResidentStep } from './resident-plan';
import { placeResidents, type ResidentWants } from './resident-placement';
import { afterFailure, afterSuccess, launchDelayMs } from './restart-backoff';
import {
  type AppRecord,
  type DeploymentRecord,
  type EndedInstance,
  type InstanceRecord,
  type TaskRecord,
  type ServicesState,
  instanceHealthy,
  instanceIdOf,
  instancePhase,
  instancesOf,
  residentsOf,
} from './services-state';

/** How the scheduler behaves; the defaults suit production, tests shorten them. */
export interface ServicesSchedulerOptions {
  state: PersistedState<ServicesState>;
  clock: Clock;
  logger: Logger;
  /** The framework's own HTTP API, given to instances (leases). */
  frameworkUrl(): string;
  /** Seconds an offer is refused while an app still wants instances. @default 2 */
  offerRefuseSeconds?: number;
  /** Seconds an offer is refused when nothing is wanted. @default 60 */
  idleRefuseSeconds?: number;
  /** An instance without health check that runs this long resets its app's back-off. @default 5000 */
  stableAfterMs?: number;
  /** A kill with no answer is sent again after this long. @default 10000 */
  killResendMs?: number;
  /** How often the control loop runs without being kicked. @default 1000 */
  tickMs?: number;
  /** Reads a failed task's stderr tail for its failure reason; none: the reason goes without it. */
  sandboxTail?: SandboxTailReader;
  /** The role the framework subscribes with; stateful apps reserve for it. @default '*' */
  role?: string;
  /** The framework's principal, put on its reservations and volumes. @default none */
  principal?: string;
}

/**
 * The health an update tells: the agent's health-check updates carry it
 * (reason REASON_TASK_HEALTH_CHECK_STATUS_UPDATED); other updates may carry
 * a default `false` that means "never checked", so only their `true` counts.
 */
export function healthOf(status: TaskStatus): boolean | undefined {
  if (!Object.prototype.hasOwnProperty.call(status, 'healthy') || status.healthy === null || status.healthy === undefined) return undefined;
  if (status.reason === Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED) return status.healthy;
  return status.healthy ? true : undefined;
}

const DEFINITE_DEATHS = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_DROPPED']);
/** Ended instances kept per app for status output. */
const KEPT_ENDED = 20;

/** The services framework's scheduling core. */
export class ServicesScheduler {
  readonly deployments: DeploymentLog;
  readonly leases = new LeaseBook();
  private driver: SchedulerDriver | undefined;
  private readonly log: Logger;
  private readonly reconciliation: ReconciliationLoop;
  private readonly offerInterest: OfferInterest;
  private readonly controlLoop: ControlLoop;
  /** Largest resources any offer of each agent has shown (agent sizes, as far as offers tell). */
  private readonly offeredMax = new Map<string, AgentCapacity>();
  /** Why a resident of a stateful app got no instance (or was not released) in the last offers. */
  private readonly residentWaiting = new Map<string, string>();

  constructor(private readonly options: ServicesSchedulerOptions) {
    this.log = options.logger;
    this.controlLoop = new ControlLoop({ clock: options.clock, tickMs: options.tickMs ?? 1000, pass: () => this.converge(), logger: this.log });
    this.offerInterest = new OfferInterest({ driver: () => this.driver, logger: this.log });
    this.deployments = new DeploymentLog(options.state.value, options.clock);
    this.reconciliation = new ReconciliationLoop({
      clock: options.clock,
      reconcile: (tasks) => this.requireDriver().reconcile(tasks),
      onError: (e) => this.log.debug('reconcile not sent', { error: e.message }),
    });
    const longestLease = Math.max(0, ...Object.values(this.state.apps).map((a) => a.definition.leaderElection?.leaseSeconds ?? 0));
    this.leases.holdUntil(options.clock.now() + longestLease * 1000);
  }

  /** The live state. */
  get state(): ServicesState {
    return this.options.state.value;
  }

  /** The role the framework runs in ('*' when none was given). */
  get role(): string {
    return this.options.role ?? '*';
  }

  /** Why a resident has no instance now (from the last offers), if known. */
  waitingReason(residentId: string): string | undefined {
    return this.residentWaiting.get(residentId);
  }

  /** Now, in ms, on the scheduler's clock. */
  now(): number {
    return this.options.clock.now();
  }

  /** Connect the driver (created with {@link handlers}) and start the control loop. */
  attach(driver: SchedulerDriver): void {
    this.driver = driver;
    this.controlLoop.start();
  }

  /** Stop timers (the driver is stopped by its owner). */
  stop(): void {
    this.controlLoop.stop();
    this.reconciliation.stop();
  }

  /** Persist the state now. */
  commit(): Promise<void> {
    return this.options.state.commit();
  }

  /** The biggest agent seen in offers so far. */
  largestOffered(): AgentCapacity | undefined {
    if (this.offeredMax.size === 0) return undefined;
    const out: AgentCapacity = { cpus: 0, mem: 0, disk: 0 };
    for (const c of this.offeredMax.values()) {
      out.cpus = Math.max(out.cpus, c.cpus);
      out.mem = Math.max(out.mem, c.mem);
      out.disk = Math.max(out.disk, c.disk);
    }
    return out;
  }

  /** The driver's handlers. */
  handlers(): SchedulerHandlers {
    return {
      subscribed: async ({ frameworkId, reconnected }) => {
        this.log.info(reconnected ? 'subscribed again' : 'subscribed', { frameworkId });
        this.state.frameworkId = frameworkId;
        this.offerInterest.subscribed();
        await this.commit();
        const tasks = Object.values(this.state.instances).flatMap((i) =>
          Object.keys(i.tasks).map((taskId) => ({ taskId, agentId: i.agentId })),
        );
        this.reconciliation.start(tasks);
        this.kick();
      },
      offers: (offers) => this.onOffers(offers),
      update: (status) => this.onUpdate(status),
      disconnected: (reason) => this.log.warn('disconnected from the master', { reason }),
      error: (message) => this.log.error('the master ended this framework', { message }),
    };
  }

  /** Ask for a control-loop pass soon (coalesced). */
  kick(): void {
    this.controlLoop.kick();
  }

  /** Send kills for an instance's live tasks. */
  killInstance(instance: InstanceRecord, reason: string): void {
    instance.killReason ??= reason;
    instance.killSentAt = this.now();
    const driver = this.driver;
    if (!driver?.isSubscribed) return; // sent again by the control loop
    for (const task of Object.values(instance.tasks)) {
      if (isEndedState(task.state)) continue;
      driver.kill(task.taskId, instance.agentId).catch((e: Error) => this.log.warn('kill not sent', { taskId: task.taskId, error: e.message }));
    }
  }

  // ---- control loop ---------------------------------------------------------

  /** What each app wants launched now (after back-off). */
  private wants(): LaunchWant[] {
    const out: LaunchWant[] = [];
    for (const app of Object.values(this.state.apps)) {
      if (app.definition.volumes) continue;
      const step = this.step(app);
      if (step.launch <= 0 || launchDelayMs(app.backoff, this.now()) > 0) continue;
      const placed: PlacementFacts[] = instancesOf(this.state, app.definition.id)
        .filter((i) => !i.killReason)
        .map((i) => ({ agentId: i.agentId, hostname: i.hostname, attributes: i.attributes ?? {} }));
      out.push({ app: app.definition, version: app.version, count: step.launch, placed });
    }
    return out;
  }

  /** What stateful apps want of the offers: releases, relaunches on residents, new residents (after back-off). */
  private residentWants(): ResidentWants {
    const out: ResidentWants = { release: [], relaunch: [], create: [] };
    const residents = this.state.residents ?? {};
    for (const app of Object.values(this.state.apps)) {
      if (!app.definition.volumes) continue;
      const step = this.residentStep(app);
      for (const id of step.release) if (residents[id]) out.release.push(residents[id]);
      if (launchDelayMs(app.backoff, this.now()) > 0) continue;
      for (const id of step.launch) if (residents[id]) out.relaunch.push({ app: app.definition, version: app.version, resident: residents[id] });
      if (step.create > 0) {
        const placed = residentsOf(this.state, app.definition.id).map((r) => ({ agentId: r.agentId, hostname: r.hostname, attributes: r.attributes ?? {} }));
        out.create.push({ app: app.definition, version: app.version, count: step.create, placed });
      }
    }
    return out;
  }

  /** The next step of a stateful app (resident-plan.ts). */
  private residentStep(app: AppRecord): ResidentStep {
    const live = instancesOf(this.state, app.definition.id);
    const residents = residentsOf(this.state, app.definition.id).map((r) => ({
      residentId: r.residentId,
      instances: live
        .filter((i) => i.residentId === r.residentId)
        .map((i) => ({ instanceId: i.instanceId, version: i.version, phase: instancePhase(i), healthy: instanceHealthy(i) })),
    }));
    return planResidentStep(
      { version: app.version, instances: app.definition.instances, destroying: !!app.destroying, minimumHealthCapacity: app.definition.upgradeStrategy.minimumHealthCapacity },
      residents,
    );
  }

  private step(app: AppRecord): ReturnType<typeof planStep> {
    const instances = instancesOf(this.state, app.definition.id).map((i) => ({
      taskId: i.instanceId,
      version: i.version,
      phase: instancePhase(i),
      healthy: instanceHealthy(i),
      startedAt: i.launchedAt,
    }));
    const instancesWanted = app.destroying ? 0 : app.definition.instances;
    return planStep({ version: app.version, instances: instancesWanted, strategy: app.definition.upgradeStrategy }, instances);
  }

  private converge(): void {
    const now = this.now();
    let changed = false;
    let wanting = false;
    for (const app of Object.values(this.state.apps)) {
      const id = app.definition.id;
      const instances = instancesOf(this.state, id);
      // Instances without health checks prove themselves by running long enough.
      for (const i of instances) {
        if (!i.everHealthy && i.runningSince !== undefined && now - i.runningSince >= (this.options.stableAfterMs ?? 5000) && instanceHealthy(i)) {
          const checked = Object.values(i.tasks).some((t) => t.hasHealthCheck);
          if (!checked) {
            i.everHealthy = true;
            app.backoff = afterSuccess();
            this.proved(app, i);
            const deployment = this.deployments.running(id);
            if (deployment && i.version === deployment.toVersion) this.deployments.note(deployment, `instance ${i.instanceId} ran ${Math.round((now - i.runningSince) / 1000)} s without a health check: counted healthy`);
            changed = true;
          }
        }
        if (i.killReason && i.killSentAt !== undefined && now - i.killSentAt > (this.options.killResendMs ?? 10_000)) this.killInstance(i, i.killReason);
      }
      let launching: boolean;
      let done: boolean;
      let minHealthy: number;
      if (app.definition.volumes) {
        const step = this.residentStep(app);
        for (const { instanceId, reason } of step.kill) {
          const instance = this.state.instances[instanceId];
          if (instance && !instance.killReason) {
            this.killInstance(instance, reason);
            changed = true;
          }
        }
        launching = step.create > 0 || step.launch.length > 0;
        if (launching || step.release.length > 0) wanting = true;
        ({ done, minHealthy } = step);
      } else {
        const step = this.step(app);
        for (const instanceId of step.kill) {
          const instance = this.state.instances[instanceId];
          if (instance && !instance.killReason) {
            this.killInstance(instance, instance.version === app.version ? 'scaled down' : `replaced by ${app.version}`);
            changed = true;
          }
        }
        launching = step.launch > 0;
        if (launching) wanting = true;
        ({ done, minHealthy } = step);
      }
      if (!launching && app.unplaced) {
        delete app.unplaced;
        changed = true;
      }
      changed = this.trackDeployment(app, done, minHealthy) || changed;
      if (app.destroying && instancesOf(this.state, id).length === 0 && residentsOf(this.state, id).length === 0) {
        delete this.state.apps[id];
        this.leases.remove(id);
        changed = true;
        this.log.info('app destroyed', { appId: id });
      }
    }
    if (changed) void this.commit().catch((e: Error) => this.log.error('state not saved', { error: e.message }));
    this.offerInterest.update(wanting);
  }

  /**
   * Progress, success, failure or rollback of the app's running deployment
   * (the rule is deployment-outcome.ts); true when something changed.
   */
  private trackDeployment(app: AppRecord, done: boolean, minHealthy: number): boolean {
    const deployment = this.deployments.running(app.definition.id);
    if (!deployment) return false;
    const instances = instancesOf(this.state, app.definition.id);
    const healthy = instances.filter(instanceHealthy).length;
    deployment.minHealthy = minHealthy;
    if (deployment.lowestHealthy === undefined || healthy < deployment.lowestHealthy) deployment.lowestHealthy = healthy;
    const outcome = deploymentOutcome({
      kind: deployment.kind,
      toVersion: deployment.toVersion,
      instances: app.destroying ? 0 : app.definition.instances,
      hasPrevious: app.previous !== undefined,
      planDone: done,
      proven: instances.filter((i) => i.version === app.version && i.everHealthy && instanceHealthy(i)).length,
      failuresInRow: deployment.failuresInRow ?? 0,
      failureLimit: app.definition.upgradeStrategy.rollbackAfterFailures,
      lastFailure: deployment.lastFailure,
    });
    switch (outcome.status) {
      case 'rolled-back':
        this.rollBack(app, 'rolled-back', outcome.message);
        return true;
      case 'failed':
      case 'succeeded':
        this.deployments.finish(deployment, outcome.status, outcome.message);
        if (outcome.status === 'failed') this.log.warn('deployment failed', { appId: app.definition.id, deploymentId: deployment.id, reason: outcome.message });
        return true;
      case 'running':
        deployment.progress = outcome.progress;
        this.deployments.touch(deployment);
        return false;
    }
  }

  /** An instance of the app proved itself healthy: the running deployment's failures in a row start again. */
  private proved(app: AppRecord, instance: InstanceRecord): void {
    const deployment = this.deployments.running(app.definition.id);
    if (deployment && instance.version === deployment.toVersion) deployment.failuresInRow = 0;
  }

  /**
   * Roll the app back to its previous version; its running deployment ends
   * with `status` and a rollback deployment starts.
   * @returns false when there is no previous version.
   */
  rollBack(app: AppRecord, status: 'rolled-back' | 'cancelled', message: string): boolean {
    const running = this.deployments.running(app.definition.id);
    if (!app.previous) return false;
    const from = app.version;
    if (running) this.deployments.finish(running, status, message);
    app.definition = app.previous.definition;
    app.version = app.previous.version;
    delete app.previous;
    app.backoff = afterSuccess();
    this.deployments.start(
      { appId: app.definition.id, kind: 'rollback', toVersion: app.version, fromVersion: from, instances: app.definition.instances },
      `rolling back from ${from} to ${app.version}`,
    );
    this.log.warn('deployment rolled back', { appId: app.definition.id, from, to: app.version, status });
    this.kick();
    return true;
  }

  // ---- offers ------------------------------------------------------------------

  private async onOffers(offers: Offer[]): Promise<void> {
    for (const offer of offers) this.noteOfferSize(offer);
    const now = this.now();
    // Stateful apps first (their reservations and volumes), then the other apps from what is left.
    const residentWants = this.residentWants();
    const residentRound = placeResidents(residentWants, offers, {
      frameworkUrl: this.options.frameworkUrl(),
      role: this.role,
      principal: this.options.principal,
      now,
      newInstanceId: (app) => this.newInstanceId(app.id),
      newResidentId: (app) => this.newResidentId(app.id),
    });
    const wants = this.wants();
    const round = placeInstances(wants, residentRound.leftovers, {
      frameworkUrl: this.options.frameworkUrl(),
      newInstanceId: (app) => this.newInstanceId(app.id),
    });
    this.noteResidents(residentRound, residentWants);
    const placedAll: Array<PlacedInstance & { residentId?: string }> = [...residentRound.placed, ...round.placed];
    for (const p of placedAll) {
      const tasks = p.compiled.kind === 'task' ? [p.compiled.task] : p.compiled.tasks;
      this.state.instances[p.instanceId] = {
        instanceId: p.instanceId,
        appId: p.appId,
        version: p.version,
        agentId: p.offer.agent_id?.value ?? '',
        hostname: p.offer.hostname ?? '',
        host: p.host,
        attributes: p.facts.attributes,
        ports: p.compiled.ports,
        tasks: Object.fromEntries(
          tasks.map((t) => [idOf(t.task_id), { taskId: idOf(t.task_id), state: 'TASK_STAGING', hasHealthCheck: !!t.health_check }]),
        ),
        launchedAt: now,
        everHealthy: false,
        ...(p.residentId ? { residentId: p.residentId } : {}),
      };
      const app = this.state.apps[p.appId];
      if (app) delete app.unplaced;
    }
    for (const s of [...residentRound.shortfalls, ...round.shortfalls]) {
      const app = this.state.apps[s.appId];
      if (!app) continue;
      const reason = `${s.wanted - s.placed} wanted instance(s) fit no offer: ${s.reasons.join(' | ')}`;
      if (app.unplaced?.reason !== reason) this.log.info('instances unplaced', { appId: s.appId, reason });
      app.unplaced = { reason, at: now };
    }
    const residentChanged = residentRound.created.length > 0 || residentRound.seen.length > 0;
    if (placedAll.length > 0 || residentChanged) await this.commit();

    const refuseSeconds = wants.length > 0 || this.wantsResidents(residentWants) ? this.options.offerRefuseSeconds ?? 2 : this.options.idleRefuseSeconds ?? 60;
    const driver = this.requireDriver();
    // One ACCEPT per offer: the stateful operations first (RESERVE, CREATE, LAUNCH, DESTROY, UNRESERVE), then the other launches.
    const byOffer = new Map<string, { offer: Offer; operations: Operation[]; placed: PlacedInstance[] }>();
    const entry = (offer: Offer): { offer: Offer; operations: Operation[]; placed: PlacedInstance[] } => {
      const id = idOf(offer.id);
      let e = byOffer.get(id);
      if (!e) byOffer.set(id, (e = { offer, operations: [], placed: [] }));
      return e;
    };
    for (const offer of offers) {
      const ops = residentRound.operations.get(idOf(offer.id));
      if (ops && ops.length > 0) entry(offer).operations.push(...ops);
    }
    for (const p of residentRound.placed) entry(p.offer).placed.push(p);
    const groupedPlain = new Map<string, PlacedInstance[]>();
    for (const p of round.placed) groupedPlain.set(idOf(p.offer.id), [...(groupedPlain.get(idOf(p.offer.id)) ?? []), p]);
    for (const [offerId, placed] of groupedPlain) {
      const e = entry(offers.find((o) => idOf(o.id) === offerId) ?? placed[0].offer);
      const plain = placed.flatMap((p) => (p.compiled.kind === 'task' ? [p.compiled.task] : []));
      if (plain.length > 0) e.operations.push(compileLaunch(plain));
      for (const p of placed) if (p.compiled.kind === 'group') e.operations.push(compileLaunchGroup(p.compiled.executor, p.compiled.tasks));
      e.placed.push(...placed);
    }
    for (const [offerId, e] of byOffer) {
      const releasedHere = residentRound.released.filter((r) => r.offerId === offerId);
      try {
        await driver.accept([offerId], e.operations, { refuseSeconds: this.options.offerRefuseSeconds ?? 2 });
        for (const p of e.placed) this.log.info('launching', { appId: p.appId, instanceId: p.instanceId, version: p.version, agent: p.offer.hostname });
        for (const { residentId } of releasedHere) this.forgetResident(residentId, 'resident released: volumes destroyed, resources unreserved');
        if (releasedHere.length > 0) await this.commit();
      } catch (err) {
        this.log.warn('offer operations not sent; they will be tried again', { error: (err as Error).message, operations: e.operations.length });
        for (const p of e.placed) {
          delete this.state.instances[p.instanceId];
          const residentId = (p as { residentId?: string }).residentId;
          if (residentId && residentRound.created.some((r) => r.residentId === residentId)) delete this.state.residents?.[residentId];
        }
        await this.commit();
      }
    }
    // Residents released without an operation: their agent's offer held nothing of them.
    const forgotten = residentRound.released.filter((r) => r.offerId === undefined);
    for (const { residentId } of forgotten) this.forgetResident(residentId, 'resident forgotten: its agent offers nothing of it');
    if (forgotten.length > 0) await this.commit();
    const unused = offers.filter((o) => !byOffer.has(idOf(o.id)));
    if (unused.length > 0) {
      if (wants.length === 0 && !this.wantsResidents(residentWants)) this.offerInterest.declinedIdle();
      await driver
        .decline(unused.map((o) => idOf(o.id)), { refuseSeconds, refusals: [...residentRound.refusals, ...round.refusals] })
        .catch((e: Error) => this.log.debug('decline failed', { error: e.message }));
    }
    this.kick();
  }

  private forgetResident(residentId: string, message: string): void {
    const r = this.state.residents?.[residentId];
    if (!r) return;
    delete this.state.residents![residentId];
    this.residentWaiting.delete(residentId);
    this.log.info(message, { appId: r.appId, residentId, agentId: r.agentId });
  }

  private wantsResidents(wants: ResidentWants): boolean {
    return wants.release.length > 0 || wants.relaunch.length > 0 || wants.create.length > 0;
  }

  /**
   * What the offers told of residents: new ones are kept (before their
   * ACCEPT is sent), ones whose volumes showed are ready, and the reasons
   * of those still waiting. A resident still `reserving` whose agent offers
   * nothing of it and that runs no instance was never made (its ACCEPT was
   * lost): it is forgotten, and the app creates another.
   */
  private noteResidents(round: ReturnType<typeof placeResidents>, wants: ResidentWants): void {
    const residents = (this.state.residents ??= {});
    for (const r of round.created) residents[r.residentId] = r;
    for (const id of round.seen) if (residents[id] && residents[id].status === 'reserving') residents[id].status = 'ready';
    for (const id of round.absentFromOffer) {
      const r = residents[id];
      if (!r || r.status !== 'reserving' || Object.values(this.state.instances).some((i) => i.residentId === id)) continue;
      if (!wants.relaunch.some((w) => w.resident.residentId === id)) continue;
      delete residents[id];
      this.log.warn('resident never made (its agent offers nothing of it): creating another', { appId: r.appId, residentId: id, agentId: r.agentId });
    }
    for (const w of wants.relaunch) this.residentWaiting.delete(w.resident.residentId);
    for (const [id, reason] of round.waiting) this.residentWaiting.set(id, reason);
  }

  private noteOfferSize(offer: Offer): void {
    const agentId = idOf(offer.agent_id);
    const size: AgentCapacity = { cpus: 0, mem: 0, disk: 0 };
    for (const r of offer.resources ?? []) {
      if (r.name === 'cpus' || r.name === 'mem' || r.name === 'disk') size[r.name] += Number(r.scalar?.value ?? 0);
    }
    const known = this.offeredMax.get(agentId) ?? { cpus: 0, mem: 0, disk: 0 };
    this.offeredMax.set(agentId, { cpus: Math.max(known.cpus, size.cpus), mem: Math.max(known.mem, size.mem), disk: Math.max(known.disk, size.disk) });
  }

  private newResidentId(appId: string): string {
    for (;;) {
      const id = `${appId}.r${Math.random().toString(36).slice(2, 8)}`;
      if (!this.state.residents?.[id]) return id;
    }
  }

  private newInstanceId(appId: string): string {
    for (;;) {
      const id = `${appId}.${Math.random().toString(36).slice(2, 10)}`;
      if (!this.state.instances[id]) return id;
    }
  }

  // ---- updates -----------------------------------------------------------------

  private async onUpdate(status: TaskStatus): Promise<void> {
    const taskId = idOf(status.task_id);
    const stateName = TaskState[status.state ?? 0] ?? String(status.state);
    this.reconciliation.answered(taskId);
    const instanceId = instanceIdOf(taskId, this.state.instances);
    if (!instanceId) {
      if (!isEndedState(stateName)) {
        this.log.warn('killing a task this framework does not know', { taskId, state: stateName });
        await this.requireDriver()
          .kill(taskId, idOf(status.agent_id))
          .catch((e: unknown) => this.log.warn('kill of an unknown task failed; reconciliation will find it again', { taskId, agentId: idOf(status.agent_id), error: String(e) }));
      }
      return;
    }
    const instance = this.state.instances[instanceId];
    const app = this.state.apps[instance.appId];
    const task = instance.tasks[taskId];
    const wasHealthy = instanceHealthy(instance);
    task.state = stateName;
    const health = healthOf(status);
    if (health !== undefined) task.healthy = health;
    if (health === false && status.message) task.healthMessage = status.message;
    if (status.message) task.message = status.message;
    if (status.reason !== undefined && status.reason !== null) task.reason = Reason[status.reason] ?? String(status.reason);
    const now = this.now();
    if (instance.runningSince === undefined && Object.values(instance.tasks).every((t) => t.state === 'TASK_RUNNING')) instance.runningSince = now;
    // A task running on a resident's volumes shows they were made (its reservation is no longer only asked for).
    const resident = instance.residentId ? this.state.residents?.[instance.residentId] : undefined;
    if (resident?.status === 'reserving' && stateName === 'TASK_RUNNING') resident.status = 'ready';

    if (instanceHealthy(instance) && !wasHealthy) {
      const checked = Object.values(instance.tasks).some((t) => t.hasHealthCheck);
      if (checked && !instance.everHealthy && app) {
        app.backoff = afterSuccess();
        this.proved(app, instance);
      }
      if (checked) instance.everHealthy = true;
      const deployment = app && this.deployments.running(app.definition.id);
      if (checked && deployment && instance.version === deployment.toVersion) this.deployments.note(deployment, `instance ${instanceId} is healthy`);
    }
    if (task.healthy === false && stateName === 'TASK_RUNNING' && !instance.killReason) {
      this.log.warn('instance unhealthy: replacing it', { instanceId, message: status.message });
      this.killInstance(instance, 'unhealthy');
    }
    if (isEndedState(stateName)) this.onTaskGone(instance, app, taskId, stateName, status.message ?? '');
    await this.commit();
    this.kick();
  }

  private onTaskGone(instance: InstanceRecord, app: AppRecord | undefined, taskId: string, stateName: string, message: string): void {
    const now = this.now();
    const killReasonBefore = instance.killReason;
    const unexpected = !instance.killReason || instance.killReason === 'unhealthy';
    if (unexpected && !instance.killReason) {
      instance.killReason = `task ${taskId} ended: ${stateName}`;
      this.killInstance(instance, instance.killReason); // the rest of a pod goes too
    }
    if (DEFINITE_DEATHS.has(stateName)) this.leases.release(instance.appId, instance.instanceId);
    if (!Object.values(instance.tasks).every((t) => isEndedState(t.state))) return;
    delete this.state.instances[instance.instanceId];
    this.log.info('instance ended', { instanceId: instance.instanceId, state: stateName, message });
    if (!app) return;
    const task = instance.tasks[taskId];
    const ended: EndedInstance = {
      instanceId: instance.instanceId,
      version: instance.version,
      state: stateName,
      message,
      host: instance.host,
      launchedAt: instance.launchedAt,
      endedAt: now,
      ...(unexpected ? { reason: failureReason(task, killReasonBefore) } : {}),
    };
    app.ended.unshift(ended);
    app.ended.splice(KEPT_ENDED);
    if (unexpected && !app.destroying) {
      app.backoff = afterFailure(app.backoff, app.definition.backoff, now);
      const deployment = this.deployments.running(app.definition.id);
      const counts = deployment !== undefined && instance.version === deployment.toVersion && !instance.everHealthy;
      void this.explainFailure(instance, task, killReasonBefore, ended, counts ? deployment : undefined);
    }
  }

  /**
   * Complete an unexpected end's reason with the task's stderr tail (read
   * through the master), then count it against the deployment that was
   * running, so the deployment's last failure carries the stderr too.
   */
  private async explainFailure(instance: InstanceRecord, task: TaskRecord, killReason: string | undefined, ended: EndedInstance, deployment: DeploymentRecord | undefined): Promise<void> {
    const frameworkId = this.state.frameworkId;
    const reader = this.options.sandboxTail;
    const tail = reader && frameworkId ? await reader.stderrTail({ agentId: instance.agentId, frameworkId, taskId: task.taskId }).catch(() => undefined) : undefined;
    ended.reason = failureReason(task, killReason, tail);
    if (deployment && deployment.status === 'running') {
      deployment.failures++;
      deployment.failuresInRow = (deployment.failuresInRow ?? 0) + 1;
      deployment.lastFailure = `instance ${instance.instanceId}: ${ended.reason}`;
      this.deployments.note(deployment, `instance ${instance.instanceId} of ${instance.version} failed before becoming healthy: ${ended.reason}`);
    }
    await this.commit().catch((e: Error) => this.log.error('state not saved', { error: e.message }));
    this.kick();
  }

  private requireDriver(): SchedulerDriver {
    if (!this.driver) throw new Error('the scheduler has no driver yet');
    return this.driver;
  }
}
