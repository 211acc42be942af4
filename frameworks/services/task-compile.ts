/**
 * From an app definition and an offer to what is launched: the TaskInfo of
 * a plain instance, or the executor and tasks of a pod (LAUNCH_GROUP),
 * with health checks pointing at the ports actually picked and the
 * environment every instance gets. Pure.
 */
import type { ExecutorInfo, HealthCheck, InsufficientResource, Offer, Resource, TaskInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { OfferLedger, compileTask, portsOf, type TaskSpec } from '@meseta/sdk';
import type { AppDefinition, HealthCheckDefinition } from './app-definition';
import { defaultDiscovery } from './app-discovery';

/** Environment the framework adds to every instance. */
export interface InstanceContext {
  instanceId: string;
  version: string;
  /** The framework's HTTP API, e.g. `http://127.0.0.1:8080`. */
  frameworkUrl: string;
}

/** What to launch for one instance, and what it took from the offer. */
export type CompiledInstance =
  | { kind: 'task'; task: TaskInfo; ports: number[] }
  | { kind: 'group'; executor: ExecutorInfo; tasks: TaskInfo[]; ports: number[] };

/** A health check definition as the agent runs it, against the picked ports. */
export function compileHealthCheck(check: HealthCheckDefinition, ports: readonly number[]): HealthCheck {
  const out: HealthCheck = {
    delay_seconds: check.delaySeconds,
    interval_seconds: check.intervalSeconds,
    timeout_seconds: check.timeoutSeconds,
    consecutive_failures: check.maxConsecutiveFailures,
    grace_period_seconds: check.gracePeriodSeconds,
  };
  if (check.protocol === 'COMMAND') {
    out.type = pb.HealthCheck.Type.COMMAND;
    out.command = { shell: true, value: check.command ?? 'true' };
  } else if (check.protocol === 'TCP') {
    out.type = pb.HealthCheck.Type.TCP;
    out.tcp = { port: ports[check.portIndex] ?? 0 };
  } else {
    out.type = pb.HealthCheck.Type.HTTP;
    out.http = { scheme: 'http', port: ports[check.portIndex] ?? 0, path: check.path };
  }
  return out;
}

function baseEnv(app: AppDefinition, ctx: InstanceContext): Record<string, string> {
  return {
    MESETA_APP_ID: app.id,
    MESETA_APP_VERSION: ctx.version,
    MESETA_INSTANCE_ID: ctx.instanceId,
    MESETA_SERVICES_URL: ctx.frameworkUrl,
    MESETA_LEASE_URL: `${ctx.frameworkUrl}/v1/apps/${encodeURIComponent(app.id)}/leader`,
  };
}

function labelsOf(app: AppDefinition, ctx: InstanceContext): Record<string, string> {
  return { ...app.labels, 'meseta.app': app.id, 'meseta.version': ctx.version };
}

/** The name of an env variable for a pod container's port: `POD_MAIN_PORT0`. */
export function podPortVariable(container: string, index: number): string {
  return `POD_${container.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT${index}`;
}

/**
 * Take one instance out of an offer (through its ledger) and compile it,
 * or the reasons (ledger untouched) when it does not fit.
 */
export function compileInstance(
  app: AppDefinition,
  ctx: InstanceContext,
  ledger: OfferLedger,
  /** A stateful app's instance: its reserved resources and volumes (resident-resources.ts); only ports come from the ledger. */
  resident?: readonly Resource[],
): CompiledInstance | { refusals: InsufficientResource[] } {
  if (!app.pod) {
    const take = resident
      ? ledger.tryTake({ ports: app.ports })
      : ledger.tryTake({ cpus: app.cpus, mem: app.mem, disk: app.disk, ports: app.ports });
    if (!take.fits) return { refusals: take.refusals };
    const ports = portsOf(take.resources);
    const resources = resident ? [...resident, ...take.resources] : take.resources;
    const spec: TaskSpec = {
      name: app.id,
      taskId: ctx.instanceId,
      command: app.command,
      env: { ...baseEnv(app, ctx), ...app.env },
      labels: labelsOf(app, ctx),
      killGracePeriodSeconds: app.killGracePeriodSeconds,
    };
    if (app.container) spec.container = app.container as TaskSpec['container'];
    if (app.healthCheck) spec.healthCheck = compileHealthCheck(app.healthCheck, ports);
    const discovery = app.discovery ?? defaultDiscovery(app.id, app.ports);
    if (discovery) spec.discovery = discovery;
    return { kind: 'task', task: compileTask(spec, ledger.offer, resources), ports };
  }
  // A pod: every container's resources from a scratch copy first, then all at once from the ledger.
  const scratch = new OfferLedger({ ...ledger.offer, resources: [...ledger.remaining] });
  const taken: Array<{ resources: Resource[]; ports: number[] }> = [];
  for (const c of app.pod.containers) {
    const take = scratch.tryTake({ cpus: c.cpus, mem: c.mem, ports: c.ports });
    if (!take.fits) return { refusals: take.refusals.map((r) => ({ ...r, message: `container ${c.name}: ${r.message ?? r.name}` })) };
    taken.push({ resources: take.resources, ports: portsOf(take.resources) });
  }
  const whole = ledger.tryTake(taken.flatMap((t) => t.resources));
  if (!whole.fits) return { refusals: whole.refusals };
  const podEnv: Record<string, string> = {};
  app.pod.containers.forEach((c, i) => taken[i].ports.forEach((p, j) => (podEnv[podPortVariable(c.name, j)] = String(p))));
  const tasks = app.pod.containers.map((c, i) => {
    const spec: TaskSpec = {
      name: `${app.id}.${c.name}`,
      taskId: `${ctx.instanceId}.${c.name}`,
      command: c.command,
      env: { ...baseEnv(app, ctx), ...app.env, ...podEnv, ...c.env },
      labels: { ...labelsOf(app, ctx), 'meseta.container': c.name },
      killGracePeriodSeconds: app.killGracePeriodSeconds,
    };
    if (c.healthCheck) spec.healthCheck = compileHealthCheck(c.healthCheck, taken[i].ports);
    return compileTask(spec, ledger.offer, taken[i].resources);
  });
  const executor: ExecutorInfo = {
    type: pb.ExecutorInfo.Type.DEFAULT,
    executor_id: { value: `${ctx.instanceId}.executor` },
    name: `pod ${app.id}`,
  };
  return { kind: 'group', executor, tasks, ports: taken.flatMap((t) => t.ports) };
}

/** The offer's address for clients: the agent's ip when advertised, else its hostname. */
export function offerHost(offer: Offer): string {
  return offer.agent_address?.ip || offer.hostname || '127.0.0.1';
}
