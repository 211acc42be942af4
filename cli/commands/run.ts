/**
 * `meseta run`: run one command as a task, like mesos-execute. Exits with
 * the task's exit code (see task-exit-code.ts for the table).
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import type { ContainerInfo, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { secretFilePathProblem, secretNameProblem } from '@meseta/proto/secret-references';
import { commandUrisProblem } from '@meseta/proto/fetch-uri';
import { parseImageReference } from '@meseta/proto/image-reference';
import { CNI_NETWORK_NAME } from '@meseta/proto/container-validation';
import type { TaskSpec } from '@meseta/sdk';
import { UsageError } from '../cli-error';
import { daemonLogger, LOG_LEVEL_HELP } from '../daemon';
import { amountFlag, collect, durationFlag, envFlag, masterFlag, textFlag } from '../flags';
import { queryMaster } from '../master-query';
import { MASTER_OPTION_HELP } from '../master-flag';
import { type RunDiscoveryFlags, portsFlag, runDiscovery } from '../run-discovery';
import { type RunHealthFlags, runHealthCheck } from '../run-health';

/** The flags of `meseta run`, as commander hands them over. */
export interface RunFlags extends RunDiscoveryFlags, RunHealthFlags {
  master?: string;
  name?: string;
  command?: string;
  cpus: string;
  mem: string;
  disk?: string;
  env?: string[];
  killAfter?: string;
  role?: string;
  output: boolean;
  logLevel?: string;
  /** Run in a Docker container of this image. */
  dockerImage?: string;
  /** Run in a container whose root filesystem is this tarball (path or URI). */
  rootfs?: string;
  /** Run in a runc container of this registry image (pulled by the agent). */
  image?: string;
  /** Pull the image even when the agent has it (`--force-pull`). */
  forcePull?: boolean;
  /** `host`, `none` or `cni:<name>` (containers only). */
  network?: string;
  /** `HOST:CONTAINER[/tcp|udp]`: host ports forwarded to container ports (with `--network cni:<name>`). */
  portMapping?: string[];
  /** More commands to run with --command as one task group (pod). */
  group?: string[];
  /** `HOST:CONTAINER[:ro|rw]` bind mounts (containers only). */
  volume?: string[];
  /** `NAME=SECRET`: the variable NAME takes the value of the agent's secret SECRET. */
  secretEnv?: string[];
  /** `PATH=SECRET`: a file at PATH in the sandbox holds the agent's secret SECRET. */
  secretFile?: string[];
  /** Unix user the task runs as (the agent must run as root with --switch-user). */
  user?: string;
  /** `URI[,executable][,cache][,no-extract][,output_file=NAME]`: fetched into the sandbox first. */
  uri?: string[];
}

/** A `--port-mapping HOST:CONTAINER[/tcp|udp]` as a PortMapping. */
export function portMappingFlag(text: string): v1.NetworkInfo.IPortMapping {
  const m = /^(\d{1,5}):(\d{1,5})(?:\/(tcp|udp))?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--port-mapping: "${text}" is not HOST:CONTAINER[/tcp|udp] (e.g. 8080:80)`);
  const [hostPort, containerPort] = [Number(m[1]), Number(m[2])];
  for (const [what, port] of [['host', hostPort], ['container', containerPort]] as const) {
    if (port < 1 || port > 65535) throw new UsageError(`--port-mapping: ${what} port ${port} in "${text}" is not 1 to 65535`);
  }
  return { host_port: hostPort, container_port: containerPort, protocol: (m[3] ?? 'tcp').toLowerCase() };
}

/**
 * The NetworkInfo of `--network host|none|cni:<name>` with its
 * `--port-mapping`s (only on a CNI network); undefined when neither is given.
 */
export function networkFlag(network: string | undefined, portMappings: readonly string[] = []): v1.INetworkInfo | undefined {
  if (network === undefined) {
    if (portMappings.length > 0) throw new UsageError('--port-mapping: needs --network cni:<name>');
    return undefined;
  }
  const text = network.trim();
  const lower = text.toLowerCase();
  if (lower === 'host' || lower === 'none') {
    if (portMappings.length > 0) throw new UsageError(`--port-mapping: needs --network cni:<name>, not ${lower}`);
    return { mode: lower === 'none' ? pb.NetworkInfo.Mode.NONE : pb.NetworkInfo.Mode.HOST };
  }
  if (!lower.startsWith('cni:')) throw new UsageError(`--network: "${network}" is not host, none or cni:<name>`);
  const name = text.slice(4);
  if (!CNI_NETWORK_NAME.test(name)) throw new UsageError(`--network: "${name}" is not a CNI network name (letters, digits, _ . -, at most 64)`);
  const info: v1.INetworkInfo = { name };
  if (portMappings.length > 0) info.port_mappings = portMappings.map(portMappingFlag);
  return info;
}

/** A `--volume HOST:CONTAINER[:ro|rw]` as a Volume (relative host paths made absolute against `cwd`). */
export function volumeFlag(text: string, cwd: string = process.cwd()): v1.IVolume {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts[0] === '' || parts[1] === '') {
    throw new UsageError(`--volume: "${text}" is not HOST:CONTAINER or HOST:CONTAINER:ro`);
  }
  const mode = (parts[2] ?? 'rw').toLowerCase();
  if (mode !== 'ro' && mode !== 'rw') throw new UsageError(`--volume: "${parts[2]}" in "${text}" is not ro or rw`);
  if (!parts[1].startsWith('/')) throw new UsageError(`--volume: the container path "${parts[1]}" must be absolute`);
  return { host_path: path.resolve(cwd, parts[0]), container_path: parts[1], mode: mode === 'ro' ? pb.Volume.Mode.RO : pb.Volume.Mode.RW };
}

/** An image reference flag, checked here so a bad one is refused before anything is sent. */
function imageFlag(flag: string, text: string | undefined): string {
  const value = textFlag(flag, text).trim();
  try {
    parseImageReference(value, flag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return value;
}

/**
 * The container `meseta run` asks for: `--docker-image` (DOCKER),
 * `--image` (MESOS with a DOCKER image, pulled and run by the agent with
 * runc) or `--rootfs` (MESOS with a TAR image; a relative path is made
 * absolute), with `--network host|none`; `--force-pull` pulls the image
 * even when the agent has it. Undefined for a plain process.
 */
export function runContainerInfo(flags: Pick<RunFlags, 'dockerImage' | 'rootfs' | 'image' | 'forcePull' | 'network' | 'volume' | 'portMapping'>, cwd: string = process.cwd()): ContainerInfo | undefined {
  const given = (['dockerImage', 'image', 'rootfs'] as const).filter((k) => flags[k] !== undefined);
  if (given.length > 1) throw new UsageError('--docker-image, --image and --rootfs: give one of them');
  if (flags.forcePull && flags.dockerImage === undefined && flags.image === undefined) throw new UsageError('--force-pull: needs --docker-image or --image');
  const network = networkFlag(flags.network, flags.portMapping);
  let container: ContainerInfo;
  if (flags.dockerImage !== undefined) {
    container = { type: pb.ContainerInfo.Type.DOCKER, docker: { image: imageFlag('--docker-image', flags.dockerImage) } };
    if (flags.forcePull) (container.docker as v1.ContainerInfo.IDockerInfo).force_pull_image = true;
  } else if (flags.image !== undefined) {
    const image: v1.IImage = { type: pb.Image.Type.DOCKER, docker: { name: imageFlag('--image', flags.image) } };
    if (flags.forcePull) image.cached = false; // Mesos's way of asking a MESOS container's image to be pulled again
    container = { type: pb.ContainerInfo.Type.MESOS, mesos: { image } };
  } else if (flags.rootfs !== undefined) {
    const text = textFlag('--rootfs', flags.rootfs).trim();
    const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : path.resolve(cwd, text);
    container = { type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.TAR, tar: { uri } } } };
  } else {
    if (network !== undefined) throw new UsageError('--network: needs a container (--docker-image, --image or --rootfs)');
    if ((flags.volume ?? []).length > 0) throw new UsageError('--volume: needs a container (--docker-image, --image or --rootfs)');
    return undefined;
  }
  if (network !== undefined) container.network_infos = [network];
  if ((flags.volume ?? []).length > 0) container.volumes = (flags.volume ?? []).map((text) => volumeFlag(text, cwd));
  return container;
}

/** The task `meseta run` launches, from its flags. */
export function runTaskSpec(flags: RunFlags): TaskSpec {
  const container = runContainerInfo(flags);
  // A registry image has its own entrypoint: --command is optional there.
  const fromRegistry = flags.dockerImage !== undefined || flags.image !== undefined;
  const command = fromRegistry && flags.command === undefined ? undefined : textFlag('--command', flags.command);
  const spec: TaskSpec = {
    name: textFlag('--name', flags.name),
    command,
    cpus: amountFlag('--cpus', flags.cpus, true),
    mem: amountFlag('--mem', flags.mem, true),
  };
  if (container) spec.container = container;
  if (flags.disk !== undefined) spec.disk = amountFlag('--disk', flags.disk);
  if (flags.env && flags.env.length > 0) {
    spec.env = Object.fromEntries(flags.env.map((text) => envFlag('--env', text)).map((e) => [e.name, e.value]));
  }
  if (flags.secretEnv && flags.secretEnv.length > 0) {
    spec.secretEnv = Object.fromEntries(flags.secretEnv.map((text) => envFlag('--secret-env', text)).map((e) => [e.name, secretNameFlag('--secret-env', e.value)]));
  }
  if (flags.secretFile && flags.secretFile.length > 0) {
    spec.secretFiles = Object.fromEntries(flags.secretFile.map((text) => secretFileFlag(text)));
  }
  if (flags.user !== undefined) spec.user = textFlag('--user', flags.user);
  const ports = portsFlag(flags.ports);
  if (ports) spec.ports = ports;
  const discovery = runDiscovery(flags);
  if (discovery) spec.discovery = discovery;
  const healthCheck = runHealthCheck(flags);
  if (healthCheck) spec.healthCheck = healthCheck;
  if (flags.uri && flags.uri.length > 0) spec.uris = flags.uri.map(uriFlag);
  return spec;
}

const URI_OPTION = /^(executable|cache|extract|no-extract|output_file=.*)$/;

/**
 * `--uri URI[,executable][,cache][,no-extract][,output_file=NAME]` as a
 * `CommandInfo.URI`: options are the trailing comma-separated words (a
 * comma inside the URI itself stays, as long as what follows it is not an
 * option's name). Checked as the master checks it.
 */
export function uriFlag(text: string): v1.CommandInfo.IURI {
  const parts = text.split(',');
  const uri: v1.CommandInfo.IURI = {};
  while (parts.length > 1 && URI_OPTION.test(parts[parts.length - 1].trim())) {
    const option = parts.pop()!.trim();
    if (option === 'executable') uri.executable = true;
    else if (option === 'cache') uri.cache = true;
    else if (option === 'extract') uri.extract = true;
    else if (option === 'no-extract') uri.extract = false;
    else uri.output_file = option.slice('output_file='.length);
  }
  uri.value = parts.join(',');
  const problem = commandUrisProblem({ uris: [uri] }, '');
  if (problem) throw new UsageError(`--uri: ${problem.replace(/^command\.uris\[0\]\.?/, '')}`);
  return uri;
}

function secretNameFlag(flag: string, name: string): string {
  const problem = secretNameProblem(name);
  if (problem) throw new UsageError(`${flag}: secret name ${problem}`);
  return name;
}

/** `--secret-file PATH=SECRET` → [PATH, SECRET], PATH relative to the sandbox. */
function secretFileFlag(text: string): [string, string] {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--secret-file: "${text}" must look like PATH=SECRET (PATH relative to the sandbox)`);
  const file = text.slice(0, eq);
  const problem = secretFilePathProblem(file);
  if (problem) throw new UsageError(`--secret-file: path ${problem}`);
  return [file, secretNameFlag('--secret-file', text.slice(eq + 1))];
}

/**
 * The tasks of `meseta run --group`: --command first (when given), then
 * each --group command, named NAME-1, NAME-2, ...; each with --cpus,
 * --mem, --env and the container.
 */
export function runGroupSpecs(flags: RunFlags): TaskSpec[] {
  const commands = [...(flags.command !== undefined ? [flags.command] : []), ...(flags.group ?? [])];
  if (commands.length < 2) throw new UsageError('--group: a group needs at least two commands (--command and --group, or --group twice)');
  const name = textFlag('--name', flags.name);
  return commands.map((command, i) => ({ ...runTaskSpec({ ...flags, command, name: `${name}-${i + 1}` }) }));
}

/** Register `meseta run` on `program`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .summary('Run one command as a task and exit with its exit code (like mesos-execute)')
    .description(
      'Subscribe a framework, launch --command as one task in the first offer it fits, print each state ' +
        'change, and tear the framework down when the task ends.\n\n' +
        'Exit code: 0 for TASK_FINISHED; for TASK_FAILED the command\'s exit code (128+signal when a signal ' +
        'ended it, else 1); 128+signal for TASK_KILLED (137 when the signal is unknown); 1 for any other end ' +
        '(TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE...) or when the master cannot be reached; 130 after ' +
        'Ctrl-C, which kills the task first.',
    )
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--name <name>', 'task name (the task id is NAME-<uuid>)')
    .option('--command <command>', 'shell command to run')
    .option('--cpus <amount>', 'cpus to ask for', '0.1')
    .option('--mem <MB>', 'memory to ask for, in MB', '32')
    .option('--disk <MB>', 'disk to ask for, in MB')
    .option('--env <NAME=VALUE>', 'environment variable for the task (repeatable)', collect)
    .option('--secret-env <NAME=SECRET>', "environment variable taking the value of the agent's secret SECRET (repeatable; only the name travels)", collect)
    .option('--secret-file <PATH=SECRET>', "file at PATH in the sandbox holding the agent's secret SECRET (repeatable)", collect)
    .option('--user <name>', "Unix user the task runs as (default: the framework's user, i.e. yours)")
    .option('--uri <uri[,options]>', 'fetch into the sandbox before the command runs (repeatable): http(s)://, file:// or a path, then any of ,executable ,cache ,no-extract ,output_file=NAME (archives are unpacked by default)', collect)
    .option('--kill-after <duration>', 'kill the task this long after it starts running, e.g. 30s')
    .option('--role <role>', 'role to ask resources for', '*')
    .option('--no-output', 'do not print the task\'s stdout/stderr from its sandbox when it ends')
    .option('--docker-image <image>', 'run in a Docker container of this image (the agent needs --containerizers docker)')
    .option('--rootfs <tarball>', 'run in a container whose root filesystem is this .tar/.tar.gz/.tar.xz (path or http:// URI; agent needs tar)')
    .option('--image <ref>', 'run with runc in this registry image ([registry/]name[:tag] or name@sha256:...), pulled by the agent (agent needs tar)')
    .option('--force-pull', 'pull the --image or --docker-image even when the agent has it')
    .option('--network <mode>', 'container network: host (default), none (only loopback) or cni:<name> (a CNI network of the agent\'s --network-cni-config-dir)')
    .option('--port-mapping <HOST:CONTAINER[/tcp|udp]>', 'forward a host port to a container port on a CNI network (repeatable)', collect)
    .option('--volume <HOST:CONTAINER[:ro]>', 'bind-mount a host path into the container (repeatable)', collect)
    .option('--group <command>', 'another command to run with --command as one task group (pod) sharing network and ipc (repeatable)', collect)
    .option('--ports <count>', 'ports to pick from the offer (the task sees PORT0, PORT1, ...)')
    .option('--discovery-name <name>', 'publish the task under this service name (watch API, meseta dns); default: the task name once any --discovery-* flag is given')
    .option('--discovery-port <NAME[/tcp|udp]>', 'name the task\'s next port for discovery (SRV _NAME._tcp.<service>.<framework>.meseta.; repeatable)', collect)
    .option('--discovery-visibility <who>', 'framework, cluster (default) or external')
    .option('--health-check <check>', 'http:PORT[/path] or tcp:PORT, checked by the agent (on a CNI network: from inside the task\'s namespace, on its own address and container port)')
    .option('--health-interval <duration>', 'first health check after this, then one every this (default: 10s)')
    .option('--log-level <level>', LOG_LEVEL_HELP.replace('else info', 'else warn'))
    .action(async (flags: RunFlags) => {
      const master = masterFlag('--master', flags.master);
      if (flags.group && flags.group.length > 0) {
        process.exitCode = await runGroup(master, flags);
        return;
      }
      const task = runTaskSpec(flags);
      const killAfterSeconds = flags.killAfter === undefined ? undefined : durationFlag('--kill-after', flags.killAfter);
      const logger = daemonLogger('run', flags.logLevel, 'warn');
      // Fail fast, with the reason, when nobody listens there.
      await queryMaster(master, pb.OperatorCall.Type.GET_HEALTH);
      const { TaskRun } = await import('../task-run');
      const run = new TaskRun({ master, task, role: flags.role, killAfterSeconds, logger, showOutput: flags.output });
      const onSignal = (): void => run.interrupt();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        process.exitCode = await run.run();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** `meseta run --group`: the tasks as one pod; resolves to the exit code. */
async function runGroup(master: string, flags: RunFlags): Promise<number> {
  const tasks = runGroupSpecs(flags);
  const logger = daemonLogger('run', flags.logLevel, 'warn');
  await queryMaster(master, pb.OperatorCall.Type.GET_HEALTH);
  const { GroupRun } = await import('./run-group');
  const container = runContainerInfo(flags);
  const run = new GroupRun({
    master,
    tasks,
    role: flags.role,
    logger,
    showOutput: flags.output,
    executorContainer: container?.network_infos ? { type: pb.ContainerInfo.Type.MESOS, network_infos: container.network_infos } : undefined,
  });
  const onSignal = (): void => run.interrupt();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run.run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
