/**
 * What operators ask of the services framework, over HTTP or the CLI:
 * deploy, scale, restart, destroy, kill one instance, cancel a deployment,
 * and the views (apps with status, endpoints, deployments, leader leases).
 * Every command checks its input first and changes nothing when it is
 * refused; an accepted one is committed before it is answered.
 */
import { HttpError } from '../common/http-server';
import type { AgentCapacity, AppDefinition } from './app-definition';
import { validateApp } from './app-definition';
import { statefulChangeProblems } from './app-volumes';
import { instanceCondition, type InstanceStatus } from './failure-reason';
import type { LeaseAnswer } from './leader-lease';
import type { ServicesScheduler } from './scheduler';
import {
  type AppRecord,
  type DeploymentRecord,
  instanceHealthy,
  instancePhase,
  instancesOf,
  residentsOf,
  type ResidentVolume,
} from './services-state';

/** A stateful app's resident (the reserved place of one instance) as the API shows it. */
export interface ResidentView {
  residentId: string;
  agentId: string;
  hostname: string;
  role: string;
  /** `running` (an instance runs on it), `waiting` (wanted, no instance yet), `suspended` (scaled down: kept), `releasing` (the app is destroyed). */
  state: 'running' | 'waiting' | 'suspended' | 'releasing';
  /** `reserving` until an offer showed its volumes, then `ready`. */
  reservation: 'reserving' | 'ready' | 'releasing';
  instanceId?: string;
  /** Why it has no instance now, e.g. `waiting for agent X which holds volume Y (no offer from it)`. */
  waiting?: string;
  reserved: { cpus: number; mem: number; disk: number };
  volumes: ResidentVolume[];
}

/** One instance as the API shows it. */
export interface InstanceView {
  instanceId: string;
  version: string;
  host: string;
  hostname: string;
  agentId: string;
  ports: number[];
  phase: string;
  healthy: boolean;
  /** What operators see (failure-reason.ts): `healthy` only when every task runs and passes its checks. */
  status: InstanceStatus;
  /** Why it is not healthy, when something is wrong: health-check message, status message. */
  reason?: string;
  /** When it was launched (ISO time). */
  launchedAt: string;
  tasks: Array<{ taskId: string; state: string; healthy?: boolean; message?: string; reason?: string; healthMessage?: string }>;
  killReason?: string;
  /** A stateful app's instance: its resident and volumes. */
  residentId?: string;
  volumes?: ResidentVolume[];
}

/** An app as the API shows it. */
export interface AppView {
  id: string;
  version: string;
  instances: number;
  running: number;
  /** Instances that proved themselves and are healthy now (a check passed, or running for the health window). */
  healthy: number;
  definition: AppDefinition;
  previousVersion?: string;
  deployment?: { id: string; kind: string; toVersion: string; status: string; progress?: string; lastFailure?: string };
  unplaced?: { reason: string; at: string };
  backoff?: { failures: number; launchesAfter?: string };
  leader?: string;
  destroying?: boolean;
  tasks: InstanceView[];
  ended: AppRecord['ended'];
  /** A stateful app's residents, oldest first (the first `instances` are in use). */
  residents?: ResidentView[];
}

/** An endpoint of a healthy instance. */
export interface Endpoint {
  instanceId: string;
  host: string;
  port: number;
  ports: number[];
  /** `host:port` of the first port (the host alone for an app without ports). */
  address: string;
}

/** The answer to a change: the deployment it started (if any) and the app. */
export interface ChangeResult {
  deploymentId?: string;
  version: string;
  /** The app after the change (absent when a destroy already finished). */
  app?: AppView;
}

/** Commands and views over a {@link ServicesScheduler}. */
export class ServicesApi {
  constructor(
    private readonly scheduler: ServicesScheduler,
    /** The biggest agent in the cluster, when known (from the master's /state). */
    private readonly clusterLargestAgent: () => Promise<AgentCapacity | undefined> = async () => undefined,
  ) {}

  private get state() {
    return this.scheduler.state;
  }

  /** Create or change an app. A changed definition (beyond `instances`) is a new version rolled out. */
  async deploy(input: unknown): Promise<ChangeResult> {
    const largest = (await this.clusterLargestAgent().catch(() => undefined)) ?? this.scheduler.largestOffered();
    const checked = validateApp(input, largest, { frameworkRole: this.scheduler.role });
    if (!checked.ok) {
      const first = checked.problems[0];
      throw new HttpError(422, `invalid app definition: ${first.field}: ${first.message}`, { problems: checked.problems });
    }
    const def = checked.app;
    const existing = this.state.apps[def.id];
    if (existing?.destroying && residentsOf(this.state, def.id).length > 0) {
      throw new HttpError(409, `app ${def.id} is being destroyed and its volumes are still being released: deploy it again once it is gone (meseta-services status ${def.id} shows what it waits for)`);
    }
    // A stateful app keeps its volumes and reserved amounts while it exists.
    if (existing && !existing.destroying) {
      const changes = statefulChangeProblems(existing.definition, def);
      if (changes.length > 0) {
        const first = changes[0];
        throw new HttpError(422, `invalid app definition: ${first.field}: ${first.message}`, { problems: changes });
      }
    }
    const now = this.scheduler.now();
    let deployment: DeploymentRecord | undefined;
    if (!existing || existing.destroying) {
      const app: AppRecord = { definition: def, version: 'v1', backoff: { failures: 0, delayUntil: 0 }, createdAt: now, versions: 1, ended: existing?.ended ?? [] };
      if (existing) {
        app.version = `v${existing.versions + 1}`;
        app.versions = existing.versions + 1;
      }
      this.state.apps[def.id] = app;
      deployment = this.scheduler.deployments.start({ appId: def.id, kind: 'deploy', toVersion: app.version, instances: def.instances }, `deploying ${def.id} ${app.version} with ${def.instances} instance(s)`);
    } else if (sameExceptInstances(existing.definition, def)) {
      if (existing.definition.instances === def.instances) return { version: existing.version, app: this.appView(existing), deploymentId: this.scheduler.deployments.running(def.id)?.id };
      deployment = this.startScale(existing, def.instances, 'scale');
    } else {
      existing.previous = { definition: existing.definition, version: existing.version };
      existing.versions++;
      existing.version = `v${existing.versions}`;
      existing.definition = def;
      existing.backoff = { failures: 0, delayUntil: 0 };
      deployment = this.scheduler.deployments.start(
        { appId: def.id, kind: 'deploy', toVersion: existing.version, fromVersion: existing.previous.version, instances: def.instances },
        `rolling ${def.id} from ${existing.previous.version} to ${existing.version}`,
      );
    }
    return this.applied(def.id, deployment);
  }

  /** Change the instance count. */
  async scale(appId: string, instances: unknown): Promise<ChangeResult> {
    const app = this.app(appId);
    if (typeof instances !== 'number' || !Number.isInteger(instances) || instances < 0) {
      throw new HttpError(422, `instances: must be a whole number >= 0, got ${JSON.stringify(instances)}`);
    }
    const deployment = this.startScale(app, instances, 'scale');
    return this.applied(appId, deployment);
  }

  /** Autoscaler's change of the instance count. */
  async autoscale(appId: string, instances: number, reason: string): Promise<void> {
    const app = this.state.apps[appId];
    if (!app || app.destroying) return;
    app.autoscaledAt = this.scheduler.now();
    const deployment = this.startScale(app, instances, 'autoscale');
    this.scheduler.deployments.note(deployment, reason);
    await this.applied(appId, deployment);
  }

  private startScale(app: AppRecord, instances: number, kind: 'scale' | 'autoscale'): DeploymentRecord {
    const from = app.definition.instances;
    app.definition = { ...app.definition, instances };
    return this.scheduler.deployments.start(
      { appId: app.definition.id, kind, toVersion: app.version, instances, fromInstances: from },
      `scaling ${app.definition.id} from ${from} to ${instances} instance(s)`,
    );
  }

  /** Replace every instance, rolling (a new version of the same definition). */
  async restart(appId: string): Promise<ChangeResult> {
    const app = this.app(appId);
    app.previous = { definition: app.definition, version: app.version };
    app.versions++;
    app.version = `v${app.versions}`;
    const deployment = this.scheduler.deployments.start(
      { appId, kind: 'restart', toVersion: app.version, fromVersion: app.previous.version, instances: app.definition.instances },
      `restarting ${appId} as ${app.version}`,
    );
    return this.applied(appId, deployment);
  }

  /** Stop every instance and forget the app. */
  async destroy(appId: string): Promise<ChangeResult> {
    const app = this.app(appId);
    app.destroying = true;
    const deployment = this.scheduler.deployments.start(
      { appId, kind: 'destroy', toVersion: app.version, instances: 0, fromInstances: app.definition.instances },
      `destroying ${appId}`,
    );
    return this.applied(appId, deployment);
  }

  /** Kill one instance; the app replaces it. */
  async killInstance(appId: string, instanceId: string): Promise<{ killed: string }> {
    this.app(appId);
    const instance = this.state.instances[instanceId];
    if (!instance || instance.appId !== appId) throw new HttpError(404, `app ${appId} has no instance ${instanceId}`);
    this.scheduler.killInstance(instance, 'killed by an operator');
    await this.scheduler.commit();
    this.scheduler.kick();
    return { killed: instanceId };
  }

  /** Cancel a running deployment: roll back to the version (or instance count) before it. */
  async cancelDeployment(id: string): Promise<{ cancelled: string; rollbackDeploymentId?: string }> {
    const deployment = this.scheduler.deployments.get(id);
    if (!deployment) throw new HttpError(404, `no deployment ${id}`);
    if (deployment.status !== 'running') throw new HttpError(409, `deployment ${id} is already ${deployment.status}`);
    const app = this.state.apps[deployment.appId];
    if (!app) throw new HttpError(404, `app ${deployment.appId} is gone`);
    if ((deployment.kind === 'deploy' || deployment.kind === 'restart') && app.previous) {
      this.scheduler.rollBack(app, 'cancelled', `cancelled: rolling back to ${app.previous.version}`);
    } else if (deployment.fromInstances !== undefined) {
      app.destroying = false;
      this.scheduler.deployments.finish(deployment, 'cancelled', `cancelled: back to ${deployment.fromInstances} instance(s)`);
      app.definition = { ...app.definition, instances: deployment.fromInstances };
    } else {
      this.scheduler.deployments.finish(deployment, 'cancelled', 'cancelled: the app stays as it is now');
    }
    await this.scheduler.commit();
    this.scheduler.kick();
    return { cancelled: id, rollbackDeploymentId: this.scheduler.deployments.running(deployment.appId)?.id };
  }

  /** Ask for (or renew) the leader lease of a singleton app. */
  acquireLease(appId: string, taskId: unknown): LeaseAnswer {
    const app = this.app(appId);
    if (!app.definition.leaderElection) throw new HttpError(409, `app ${appId} has no leaderElection`);
    if (typeof taskId !== 'string' || taskId === '') throw new HttpError(400, 'instanceId: required (MESETA_INSTANCE_ID)');
    const instance = this.state.instances[taskId];
    if (!instance || instance.appId !== appId || instance.killReason || instancePhase(instance) !== 'running') {
      return { leader: false, holder: this.scheduler.leases.leader(appId, this.scheduler.now()), expiresInSeconds: 0 };
    }
    return this.scheduler.leases.acquire(appId, taskId, app.definition.leaderElection.leaseSeconds, this.scheduler.now());
  }

  // ---- views -------------------------------------------------------------------

  /** Every app. */
  apps(): AppView[] {
    return Object.values(this.state.apps).map((a) => this.appView(a));
  }

  /** One app. */
  appById(appId: string): AppView {
    return this.appView(this.app(appId));
  }

  /** host:port of every healthy instance. */
  endpoints(appId: string): Endpoint[] {
    this.app(appId);
    return instancesOf(this.state, appId)
      .filter(instanceHealthy)
      .map((i) => ({ instanceId: i.instanceId, host: i.host, port: i.ports[0] ?? 0, ports: i.ports, address: i.ports.length > 0 ? `${i.host}:${i.ports[0]}` : i.host }));
  }

  /** Deployments, newest first (only running ones with `runningOnly`). */
  deployments(runningOnly = false): DeploymentRecord[] {
    return this.scheduler.deployments.all().filter((d) => !runningOnly || d.status === 'running');
  }

  /** One deployment. */
  deployment(id: string): DeploymentRecord {
    const d = this.scheduler.deployments.get(id);
    if (!d) throw new HttpError(404, `no deployment ${id}`);
    return d;
  }

  private app(appId: string): AppRecord {
    const app = this.state.apps[appId];
    if (!app) throw new HttpError(404, `no app ${appId}`);
    return app;
  }

  private async applied(appId: string, deployment: DeploymentRecord | undefined): Promise<ChangeResult> {
    await this.scheduler.commit();
    this.scheduler.kick();
    const app = this.state.apps[appId];
    // A destroyed app with no instances left may already be gone.
    return { deploymentId: deployment?.id, version: app?.version ?? deployment?.toVersion ?? '', ...(app ? { app: this.appView(app) } : {}) };
  }

  private residentViews(app: AppRecord, instances: ReturnType<typeof instancesOf>): ResidentView[] {
    return residentsOf(this.state, app.definition.id).map((r, index) => {
      const instance = instances.find((i) => i.residentId === r.residentId && !i.killReason) ?? instances.find((i) => i.residentId === r.residentId);
      const inUse = index < app.definition.instances;
      const state = residentState(inUse, !!app.destroying, instance?.instanceId);
      const volume = r.volumes[0]?.persistenceId ?? r.residentId;
      const waiting =
        state === 'waiting' || state === 'releasing'
          ? this.scheduler.waitingReason(r.residentId) ?? `waiting for an offer from agent ${r.hostname && r.hostname !== '127.0.0.1' ? `${r.hostname} (${r.agentId})` : r.agentId} which holds volume ${volume}`
          : undefined;
      return {
        residentId: r.residentId,
        agentId: r.agentId,
        hostname: r.hostname,
        role: r.role,
        state,
        reservation: app.destroying ? 'releasing' : r.status,
        ...(instance ? { instanceId: instance.instanceId } : {}),
        ...(waiting ? { waiting } : {}),
        reserved: r.reserved,
        volumes: r.volumes,
      };
    });
  }

  private appView(app: AppRecord): AppView {
    const id = app.definition.id;
    const instances = instancesOf(this.state, id);
    const deployment = this.scheduler.deployments.running(id);
    const now = this.scheduler.now();
    const view: AppView = {
      id,
      version: app.version,
      instances: app.destroying ? 0 : app.definition.instances,
      running: instances.filter((i) => instancePhase(i) === 'running').length,
      // Proved healthy: a check passed, or (without one) running for the health window; never one that only just started.
      healthy: instances.filter((i) => i.everHealthy && instanceHealthy(i)).length,
      definition: app.definition,
      tasks: instances.map((i) => {
        const condition = instanceCondition(Object.values(i.tasks), i.killReason);
        return {
          instanceId: i.instanceId,
          version: i.version,
          host: i.host,
          hostname: i.hostname,
          agentId: i.agentId,
          ports: i.ports,
          phase: instancePhase(i),
          healthy: instanceHealthy(i),
          status: condition.status,
          ...(condition.reason ? { reason: condition.reason } : {}),
          launchedAt: new Date(i.launchedAt).toISOString(),
          tasks: Object.values(i.tasks).map((t) => ({
            taskId: t.taskId,
            state: t.state,
            healthy: t.healthy,
            message: t.message,
            ...(t.reason ? { reason: t.reason } : {}),
            ...(t.healthMessage ? { healthMessage: t.healthMessage } : {}),
          })),
          ...(i.killReason ? { killReason: i.killReason } : {}),
          ...(i.residentId ? { residentId: i.residentId, volumes: this.state.residents?.[i.residentId]?.volumes ?? [] } : {}),
        };
      }),
      ended: app.ended,
    };
    if (app.definition.volumes) view.residents = this.residentViews(app, instances);
    if (app.previous) view.previousVersion = app.previous.version;
    if (deployment) {
      view.deployment = { id: deployment.id, kind: deployment.kind, toVersion: deployment.toVersion, status: deployment.status };
      if (deployment.progress) view.deployment.progress = deployment.progress;
      if (deployment.lastFailure) view.deployment.lastFailure = deployment.lastFailure;
    }
    if (app.unplaced) view.unplaced = { reason: app.unplaced.reason, at: new Date(app.unplaced.at).toISOString() };
    if (app.backoff.failures > 0) {
      view.backoff = { failures: app.backoff.failures };
      if (app.backoff.delayUntil > now) view.backoff.launchesAfter = new Date(app.backoff.delayUntil).toISOString();
    }
    const leader = this.scheduler.leases.leader(id, now);
    if (leader) view.leader = leader;
    if (app.destroying) view.destroying = true;
    return view;
  }
}

/** The residents of a stateful app with what runs on them. */
function residentState(inUse: boolean, destroying: boolean, instanceId: string | undefined): ResidentView['state'] {
  if (destroying) return 'releasing';
  if (instanceId) return 'running';
  return inUse ? 'waiting' : 'suspended';
}

function sameExceptInstances(a: AppDefinition, b: AppDefinition): boolean {
  return JSON.stringify({ ...a, instances: 0, autoscale: undefined }) === JSON.stringify({ ...b, instances: 0, autoscale: undefined }) &&
    JSON.stringify(a.autoscale) === JSON.stringify(b.autoscale);
}
