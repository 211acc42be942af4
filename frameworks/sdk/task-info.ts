/**
 * A task as a framework author writes it, and its compilation into the wire
 * `TaskInfo` for one offer.
 */
import { newId } from '@meseta/proto/ids';
import type { CommandInfo, ContainerInfo, HealthCheck, Offer, Resource, TaskInfo } from '@meseta/proto/wire';
import { pb, ValueType } from '@meseta/proto/wire';
import type { v1 } from '@meseta/proto/wire';
import { coalesceRanges } from '@meseta/proto/resources';
import { drawResources, type ResourceSpec } from './resource-draw';
import { compileDiscovery, type DiscoverySpec } from './discovery-info';

/** A task to launch, in plain options. */
export interface TaskSpec extends ResourceSpec {
  /** Name shown in the UI. */
  name: string;
  /**
   * Unique id of the task within the framework.
   * @default `${name}-${uuid}`
   */
  taskId?: string;
  /**
   * The command line. Runs under `/bin/sh -c` unless `shell` is false.
   * @default none (then `container` must say what to run)
   */
  command?: string;
  /**
   * Run `command` through the shell. When false, `arguments` is the argv.
   * @default true
   */
  shell?: boolean;
  /**
   * argv (argv[0] included) when `shell` is false.
   * @default [command]
   */
  arguments?: string[];
  /**
   * Environment variables. Picked ports are added as `PORT0`, `PORT1`, ...
   * and `PORTS` (comma separated) unless set here.
   * @default {}
   */
  env?: Record<string, string>;
  /**
   * Environment variables whose values are secrets, by name in the agent's
   * secret store (`{ DB_PASSWORD: 'db-password' }`). Only the name travels;
   * the agent resolves it at launch (`--secrets-dir`), and the task fails
   * naming the secret when the agent has none of that name.
   * @default {}
   */
  secretEnv?: Record<string, string>;
  /**
   * Files written in the sandbox whose content is a secret: path relative
   * to the sandbox → secret name (`{ 'secrets/tls.key': 'tls-key' }`).
   * Readable by the task's user only; never served by `/files`.
   * @default {}
   */
  secretFiles?: Record<string, string>;
  /**
   * Unix user the task runs as.
   * @default the framework's user
   */
  user?: string;
  /**
   * URIs fetched into the sandbox before the command starts (see the agent's
   * fetcher): a URI (`http(s)://`, `file://` or an absolute path), or a
   * `CommandInfo.URI` for its options (`executable`, `extract`, `cache`,
   * `output_file`).
   * @default []
   */
  uris?: (string | v1.CommandInfo.IURI)[];
  /**
   * Container to run in (Docker, image tarball); proto form.
   * @default a plain process
   */
  container?: ContainerInfo;
  /**
   * Health check, proto form.
   * @default none
   */
  healthCheck?: HealthCheck;
  /**
   * Seconds between SIGTERM and SIGKILL when the task is killed.
   * @default 3 (applied by the agent)
   */
  killGracePeriodSeconds?: number;
  /**
   * Free-form labels.
   * @default {}
   */
  labels?: Record<string, string>;
  /**
   * How the task is found (watch API, `meseta dns`): service name,
   * visibility, named ports.
   * @default none: the task is not published
   */
  discovery?: DiscoverySpec;
  /**
   * Opaque data for the executor.
   * @default none
   */
  data?: Uint8Array;
}

/** The port numbers inside a resource list, in ascending order. */
export function portsOf(resources: readonly Resource[]): number[] {
  const out: number[] = [];
  for (const r of resources) {
    if (r.name !== 'ports' || r.type !== ValueType.RANGES) continue;
    for (const span of coalesceRanges(r.ranges?.range ?? [])) {
      for (let p = Number(span.begin); p <= Number(span.end); p++) out.push(p);
    }
  }
  return out.sort((a, b) => a - b);
}

function compileCommand(spec: TaskSpec, resources: readonly Resource[]): CommandInfo | undefined {
  const env: Record<string, string> = {};
  const ports = portsOf(resources);
  if (ports.length > 0) {
    ports.forEach((p, i) => (env[`PORT${i}`] = String(p)));
    env.PORTS = ports.join(',');
  }
  Object.assign(env, spec.env ?? {});
  const hasProgram = spec.command !== undefined || (spec.arguments?.length ?? 0) > 0;
  const secretEnv = Object.entries(spec.secretEnv ?? {});
  if (!hasProgram && Object.keys(env).length === 0 && secretEnv.length === 0 && !spec.user && !spec.uris?.length) return undefined;
  const command: CommandInfo = {};
  if (!hasProgram) {
    // Only environment, user or URIs: the container's own entrypoint runs.
    command.shell = false;
  } else if (spec.shell ?? true) {
    command.shell = true;
    command.value = spec.command ?? (spec.arguments ?? []).join(' ');
  } else {
    const argv = spec.arguments ?? [spec.command as string];
    command.shell = false;
    command.value = spec.command ?? argv[0];
    command.arguments = argv;
  }
  if (Object.keys(env).length > 0 || secretEnv.length > 0) {
    command.environment = {
      variables: [
        ...Object.entries(env).map(([name, value]) => ({ name, value })),
        ...secretEnv.map(([name, secret]) => secretVariable(name, secret)),
      ],
    };
  }
  if (spec.user) command.user = spec.user;
  if (spec.uris && spec.uris.length > 0) command.uris = spec.uris.map((uri) => (typeof uri === 'string' ? { value: uri } : { ...uri }));
  return command;
}

/**
 * Compile a task for an offer: the offer's agent, and resources drawn from
 * the offer (keeping its reservations and allocation role) unless
 * `resources` were already taken, e.g. by an `OfferLedger`.
 *
 * The result is what the master will check; use `fits` first to know
 * whether it will be accepted.
 * @throws Error when the task has neither a command nor a container.
 */
export function compileTask(spec: TaskSpec, offer: Offer, resources?: Resource[]): TaskInfo {
  if (!spec.name) throw new Error('task.name: required');
  const taken = resources ?? drawResources(offer.resources ?? [], spec).resources;
  const command = compileCommand(spec, taken);
  if (!command?.value && !spec.container) {
    throw new Error(`task "${spec.name}": needs a command or a container`);
  }
  const task: TaskInfo = {
    name: spec.name,
    task_id: { value: spec.taskId ?? `${spec.name}-${newId()}` },
    agent_id: { value: offer.agent_id?.value ?? '' },
    resources: taken,
  };
  if (command) task.command = command;
  const secretFiles = Object.entries(spec.secretFiles ?? {});
  if (secretFiles.length > 0) {
    // A container without an image still runs as a plain process; it only carries the secret files.
    const container: ContainerInfo = spec.container ? { ...spec.container } : { type: pb.ContainerInfo.Type.MESOS };
    container.volumes = [...(spec.container?.volumes ?? []), ...secretFiles.map(([file, secret]) => secretFileVolume(file, secret))];
    task.container = container;
  } else if (spec.container) task.container = spec.container;
  if (spec.healthCheck) task.health_check = spec.healthCheck;
  if (spec.killGracePeriodSeconds !== undefined) {
    task.kill_policy = { grace_period: { nanoseconds: Math.round(spec.killGracePeriodSeconds * 1e9) } };
  }
  if (spec.labels && Object.keys(spec.labels).length > 0) {
    task.labels = { labels: Object.entries(spec.labels).map(([key, value]) => ({ key, value })) };
  }
  if (spec.data) task.data = spec.data;
  if (spec.discovery) task.discovery = compileDiscovery(spec.discovery, spec.name, portsOf(taken));
  return task;
}

/** An environment variable `name` whose value the agent resolves from the secret `secret` (proto form). */
export function secretVariable(name: string, secret: string): v1.Environment.IVariable {
  return { name, type: pb.Environment.Variable.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: secret } } };
}

/** A file at `sandboxPath` (relative to the sandbox) holding the secret `secret` (proto form: a volume with a SECRET source). */
export function secretFileVolume(sandboxPath: string, secret: string): v1.IVolume {
  return {
    container_path: sandboxPath,
    mode: pb.Volume.Mode.RO,
    source: { type: pb.Volume.Source.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: secret } } },
  };
}
