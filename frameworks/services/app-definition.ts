/**
 * App definitions: the JSON an operator writes (`meseta-services deploy
 * app.json`, `POST /v1/apps`), checked before anything launches and
 * completed with defaults. Every problem names its field: `instances: must
 * be a whole number >= 0, got -1`, `healthCheck.protcol: unknown field`.
 * Pure.
 */
import { type DefinitionProblem, FieldReader, isObject } from '../common/definition-reader';
import { type Constraint, parseConstraint } from './constraints';
import type { DiscoverySpec } from '@meseta/sdk';
import { readAppDiscovery } from './app-discovery';
import { readVolumes, statefulProblems, type StatefulContext, type VolumeDefinition } from './app-volumes';

export type { DefinitionProblem } from '../common/definition-reader';
export type { StatefulContext, VolumeDefinition } from './app-volumes';

/** A health check as written in an app definition (Marathon's shape). */
export interface HealthCheckDefinition {
  protocol: 'HTTP' | 'TCP' | 'COMMAND';
  /** HTTP path. @default '/' */
  path: string;
  /** Which of the instance's ports to check (HTTP, TCP). @default 0 */
  portIndex: number;
  /** Shell command (COMMAND); healthy when it exits 0. */
  command?: string;
  /** Failures during this time after start are ignored until the first success. @default 10 */
  gracePeriodSeconds: number;
  /** @default 10 */
  intervalSeconds: number;
  /** @default 5 */
  timeoutSeconds: number;
  /** Consecutive failures after which the instance is unhealthy and replaced. @default 3 */
  maxConsecutiveFailures: number;
  /** Wait before the first check. @default 0 */
  delaySeconds: number;
}

/** How a new version replaces the old one. */
export interface UpgradeStrategy {
  /** Fraction of `instances` that must stay healthy during a deployment. @default 1 */
  minimumHealthCapacity: number;
  /** Fraction of `instances` that may run above `instances` during a deployment. @default 1 */
  maximumOverCapacity: number;
  /** New-version instances that may fail before the deployment is rolled back. @default 3 */
  rollbackAfterFailures: number;
}

/** Restart back-off for crash-looping instances. */
export interface BackoffPolicy {
  /** @default 1 */
  initialSeconds: number;
  /** @default 2 */
  factor: number;
  /** @default 60 */
  maxSeconds: number;
}

/** Where the autoscaler reads its metric. */
export interface MetricSource {
  /** HTTP path on the instance. @default '/metrics' */
  path: string;
  /** @default 0 */
  portIndex: number;
  /** `json` (a number at a dotted path) or `prometheus` (text exposition). @default 'json' */
  format: 'json' | 'prometheus';
  /** JSON dotted path, or Prometheus metric name (optionally with `{label="v"}`). */
  name: string;
}

/** Instances follow a metric between bounds. */
export interface AutoscalePolicy {
  metric: MetricSource;
  /** Wanted metric value per instance (average over instances). */
  target: number;
  minInstances: number;
  maxInstances: number;
  /** No second change within this time. @default 30 */
  coolDownSeconds: number;
  /** How often the metric is read. @default 5 */
  intervalSeconds: number;
}

/** One container of a pod. */
export interface PodContainer {
  name: string;
  command: string;
  cpus: number;
  mem: number;
  /** Number of host ports. @default 0 */
  ports: number;
  env: Record<string, string>;
  healthCheck?: HealthCheckDefinition;
}

/** A checked, defaulted app definition. */
export interface AppDefinition {
  id: string;
  instances: number;
  cpus: number;
  mem: number;
  disk: number;
  /** Number of host ports each instance gets (PORT0, PORT1, ...). */
  ports: number;
  command?: string;
  /** ContainerInfo in proto JSON form (snake_case), passed through. */
  container?: Record<string, unknown>;
  env: Record<string, string>;
  labels: Record<string, string>;
  healthCheck?: HealthCheckDefinition;
  constraints: Constraint[];
  upgradeStrategy: UpgradeStrategy;
  backoff: BackoffPolicy;
  autoscale?: AutoscalePolicy;
  /** A pod: containers launched together (LAUNCH_GROUP) sharing the host network. */
  pod?: { containers: PodContainer[] };
  /** Exactly one instance holds a lease the framework grants. */
  leaderElection?: { leaseSeconds: number };
  killGracePeriodSeconds: number;
  /** How instances are found (`discovery`); absent: `defaultDiscovery` (its id, ports `port<i>`). Not for pods. */
  discovery?: DiscoverySpec;
  /**
   * Persistent volumes of each instance (a stateful app, app-volumes.ts):
   * each instance's resources and volumes are reserved on one agent and it
   * is always relaunched there.
   */
  volumes?: VolumeDefinition[];
}


/** The biggest agent known: an app asking more than this can never run. */
export interface AgentCapacity {
  cpus: number;
  mem: number;
  disk: number;
}

/** Outcome of {@link validateApp}. */
export type AppValidation = { ok: true; app: AppDefinition } | { ok: false; problems: DefinitionProblem[] };

const APP_FIELDS = [
  'id', 'instances', 'cpus', 'mem', 'disk', 'ports', 'command', 'container', 'env', 'labels', 'healthCheck',
  'constraints', 'upgradeStrategy', 'backoff', 'autoscale', 'pod', 'leaderElection', 'killGracePeriodSeconds', 'discovery', 'volumes',
] as const;
const HEALTH_FIELDS = ['protocol', 'path', 'portIndex', 'command', 'gracePeriodSeconds', 'intervalSeconds', 'timeoutSeconds', 'maxConsecutiveFailures', 'delaySeconds'] as const;
const STRATEGY_FIELDS = ['minimumHealthCapacity', 'maximumOverCapacity', 'rollbackAfterFailures'] as const;
const BACKOFF_FIELDS = ['initialSeconds', 'factor', 'maxSeconds'] as const;
const AUTOSCALE_FIELDS = ['metric', 'target', 'minInstances', 'maxInstances', 'coolDownSeconds', 'intervalSeconds'] as const;
const METRIC_FIELDS = ['path', 'portIndex', 'format', 'name'] as const;
const CONTAINER_FIELDS = ['name', 'command', 'cpus', 'mem', 'ports', 'env', 'healthCheck'] as const;

/** An app id: lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit. */
export const APP_ID_PATTERN = /^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$/;

function readHealthCheck(r: FieldReader | undefined, ports: number): HealthCheckDefinition | undefined {
  if (!r) return undefined;
  r.onlyKnown(HEALTH_FIELDS);
  const protocolRaw = r.string('protocol', true);
  const protocol = protocolRaw?.toUpperCase();
  if (protocolRaw && protocol !== 'HTTP' && protocol !== 'TCP' && protocol !== 'COMMAND') {
    r.problem('protocol', `must be HTTP, TCP or COMMAND, got "${protocolRaw}"`);
  }
  const check: HealthCheckDefinition = {
    protocol: (protocol as HealthCheckDefinition['protocol']) ?? 'HTTP',
    path: r.string('path', false) ?? '/',
    portIndex: r.number('portIndex', 0, { integer: true, min: 0 }),
    gracePeriodSeconds: r.number('gracePeriodSeconds', 10, { min: 0 }),
    intervalSeconds: r.number('intervalSeconds', 10, { above: 0 }),
    timeoutSeconds: r.number('timeoutSeconds', 5, { above: 0 }),
    maxConsecutiveFailures: r.number('maxConsecutiveFailures', 3, { integer: true, min: 1 }),
    delaySeconds: r.number('delaySeconds', 0, { min: 0 }),
  };
  const command = r.string('command', protocol === 'COMMAND');
  if (command) check.command = command;
  if (check.path && !check.path.startsWith('/')) r.problem('path', `must start with /, got "${check.path}"`);
  if ((check.protocol === 'HTTP' || check.protocol === 'TCP') && check.portIndex >= ports) {
    r.problem('portIndex', `is ${check.portIndex} but the ${ports === 0 ? 'app asks for no ports' : `app has only ${ports} port(s)`}`);
  }
  return check;
}

function readPod(r: FieldReader | undefined, problems: DefinitionProblem[]): AppDefinition['pod'] {
  if (!r) return undefined;
  r.onlyKnown(['containers']);
  const raw = r.object.containers;
  if (!Array.isArray(raw) || raw.length === 0) {
    r.problem('containers', 'must be a non-empty list of containers');
    return undefined;
  }
  const names = new Set<string>();
  const containers: PodContainer[] = raw.map((entry, i) => {
    const path = r.path(`containers[${i}]`);
    if (!isObject(entry)) {
      problems.push({ field: path, message: 'must be an object' });
      return { name: `c${i}`, command: 'true', cpus: 0, mem: 0, ports: 0, env: {} };
    }
    const c = new FieldReader(entry, path, problems);
    c.onlyKnown(CONTAINER_FIELDS);
    const name = c.string('name', true) ?? `c${i}`;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) c.problem('name', `must be lower-case letters, digits and -, got "${name}"`);
    if (names.has(name)) c.problem('name', `"${name}" is used by two containers`);
    names.add(name);
    const ports = c.number('ports', 0, { integer: true, min: 0, max: 16 });
    const container: PodContainer = {
      name,
      command: c.string('command', true) ?? 'true',
      cpus: c.number('cpus', 0.1, { above: 0 }),
      mem: c.number('mem', 32, { above: 0 }),
      ports,
      env: c.stringMap('env'),
    };
    const hc = readHealthCheck(c.child('healthCheck'), ports);
    if (hc) container.healthCheck = hc;
    return container;
  });
  return { containers };
}

function readAutoscale(r: FieldReader | undefined, ports: number): AutoscalePolicy | undefined {
  if (!r) return undefined;
  r.onlyKnown(AUTOSCALE_FIELDS);
  const m = r.child('metric');
  if (!m) r.problem('metric', 'required');
  m?.onlyKnown(METRIC_FIELDS);
  const formatRaw = m?.string('format', false) ?? 'json';
  if (formatRaw !== 'json' && formatRaw !== 'prometheus') m?.problem('format', `must be json or prometheus, got "${formatRaw}"`);
  const metric: MetricSource = {
    path: m?.string('path', false) ?? '/metrics',
    portIndex: m?.number('portIndex', 0, { integer: true, min: 0 }) ?? 0,
    format: formatRaw === 'prometheus' ? 'prometheus' : 'json',
    name: m?.string('name', true) ?? '',
  };
  if (m && metric.portIndex >= ports) m.problem('portIndex', `is ${metric.portIndex} but the app has ${ports} port(s)`);
  const policy: AutoscalePolicy = {
    metric,
    target: r.number('target', 1, { above: 0 }),
    minInstances: r.number('minInstances', 1, { integer: true, min: 0 }),
    maxInstances: r.number('maxInstances', 1, { integer: true, min: 1 }),
    coolDownSeconds: r.number('coolDownSeconds', 30, { min: 0 }),
    intervalSeconds: r.number('intervalSeconds', 5, { above: 0 }),
  };
  if (r.object.target === undefined) r.problem('target', 'required');
  if (policy.minInstances > policy.maxInstances) {
    r.problem('minInstances', `is ${policy.minInstances}, more than maxInstances ${policy.maxInstances}`);
  }
  return policy;
}

/**
 * Check an app definition and fill in defaults. With `largestAgent`, an app
 * (or pod) asking more cpus, mem or disk per instance than any agent has is
 * refused too. `stateful` tells the checks of an app with volumes the
 * framework's role (app-volumes.ts).
 */
export function validateApp(input: unknown, largestAgent?: AgentCapacity, stateful: StatefulContext = {}): AppValidation {
  const problems: DefinitionProblem[] = [];
  if (!isObject(input)) return { ok: false, problems: [{ field: '(app)', message: 'must be a JSON object' }] };
  const r = new FieldReader(input, '', problems);
  r.onlyKnown(APP_FIELDS);
  const id = r.string('id', true) ?? '';
  if (id && !APP_ID_PATTERN.test(id)) r.problem('id', `"${id}" must be lower-case letters, digits, - and . (at most 64)`);
  const pod = readPod(r.child('pod'), problems);
  const ports = r.number('ports', 0, { integer: true, min: 0, max: 16 });
  const app: AppDefinition = {
    id,
    instances: r.number('instances', 1, { integer: true, min: 0 }),
    cpus: r.number('cpus', 0.1, { above: 0 }),
    mem: r.number('mem', 32, { above: 0 }),
    disk: r.number('disk', 0, { min: 0 }),
    ports,
    env: r.stringMap('env'),
    labels: r.stringMap('labels'),
    constraints: [],
    upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1, rollbackAfterFailures: 3 },
    backoff: { initialSeconds: 1, factor: 2, maxSeconds: 60 },
    killGracePeriodSeconds: r.number('killGracePeriodSeconds', 3, { min: 0 }),
  };
  const command = r.string('command', false);
  if (command) app.command = command;
  if (input.container !== undefined) {
    if (isObject(input.container)) app.container = input.container;
    else r.problem('container', 'must be an object (a ContainerInfo)');
  }
  if (pod) {
    app.pod = pod;
    for (const field of ['command', 'container', 'ports', 'healthCheck'] as const) {
      if (input[field] !== undefined) r.problem(field, 'not allowed on a pod: set it on the pod\'s containers');
    }
  } else if (!app.command && !app.container) {
    r.problem('command', 'required (an app needs a command, a container or a pod)');
  }
  const hc = readHealthCheck(r.child('healthCheck'), ports);
  if (hc) app.healthCheck = hc;
  const discovery = readAppDiscovery(r.child('discovery'), id, ports);
  if (discovery) {
    if (pod) r.problem('discovery', 'not supported on a pod yet');
    else app.discovery = discovery;
  }

  const rawConstraints = input.constraints;
  if (rawConstraints !== undefined) {
    if (!Array.isArray(rawConstraints)) r.problem('constraints', 'must be a list of [field, operator, value?]');
    else {
      rawConstraints.forEach((raw, i) => {
        const parsed = parseConstraint(raw);
        if (typeof parsed === 'string') problems.push({ field: `constraints[${i}]`, message: parsed });
        else app.constraints.push(parsed);
      });
    }
  }
  const volumes = readVolumes(input.volumes, problems);
  if (volumes) {
    app.volumes = volumes;
    // Replaced in place: no extra instance, one stopped before it is relaunched.
    app.upgradeStrategy = { minimumHealthCapacity: 0.5, maximumOverCapacity: 0, rollbackAfterFailures: 3 };
  }
  const s = r.child('upgradeStrategy');
  if (s) {
    s.onlyKnown(STRATEGY_FIELDS);
    app.upgradeStrategy = {
      minimumHealthCapacity: s.number('minimumHealthCapacity', app.upgradeStrategy.minimumHealthCapacity, { min: 0, max: 1 }),
      maximumOverCapacity: s.number('maximumOverCapacity', app.upgradeStrategy.maximumOverCapacity, { min: 0, max: 1 }),
      rollbackAfterFailures: s.number('rollbackAfterFailures', 3, { integer: true, min: 1 }),
    };
  }
  problems.push(
    ...statefulProblems(app, stateful, {
      minimumHealthCapacity: s?.object.minimumHealthCapacity !== undefined,
      maximumOverCapacity: s?.object.maximumOverCapacity !== undefined,
    }),
  );
  const b = r.child('backoff');
  if (b) {
    b.onlyKnown(BACKOFF_FIELDS);
    app.backoff = {
      initialSeconds: b.number('initialSeconds', 1, { min: 0 }),
      factor: b.number('factor', 2, { min: 1 }),
      maxSeconds: b.number('maxSeconds', 60, { min: 0 }),
    };
  }
  const autoscale = readAutoscale(r.child('autoscale'), pod ? 0 : ports);
  if (autoscale) app.autoscale = autoscale;
  const le = r.child('leaderElection');
  if (le) {
    le.onlyKnown(['leaseSeconds']);
    app.leaderElection = { leaseSeconds: le.number('leaseSeconds', 10, { above: 0 }) };
  }
  if (largestAgent) checkSize(app, largestAgent, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, app };
}

/** What one instance asks for in total (a pod: the sum of its containers). */
export function instanceSize(app: AppDefinition): AgentCapacity {
  const volumeMb = (app.volumes ?? []).reduce((sum, v) => sum + v.sizeMb, 0);
  if (!app.pod) return { cpus: app.cpus, mem: app.mem, disk: app.disk + volumeMb };
  return app.pod.containers.reduce((sum, c) => ({ cpus: sum.cpus + c.cpus, mem: sum.mem + c.mem, disk: sum.disk }), { cpus: 0, mem: 0, disk: 0 });
}

function checkSize(app: AppDefinition, largest: AgentCapacity, problems: DefinitionProblem[]): void {
  const size = instanceSize(app);
  const field = (name: string): string => (app.pod ? `pod.containers (${name} summed)` : name === 'disk' && app.volumes ? 'disk (with volumes[].sizeMb)' : name);
  for (const name of ['cpus', 'mem', 'disk'] as const) {
    if (size[name] > largest[name] + 1e-9) {
      problems.push({ field: field(name), message: `asks ${size[name]} but the largest agent has ${largest[name]}` });
    }
  }
}

