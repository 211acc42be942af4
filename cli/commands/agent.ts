/**
 * `meseta agent`: run an agent until SIGINT/SIGTERM. Prints
 * `meseta agent listening on IP:PORT`, then `meseta agent registered as ID`
 * once the master has accepted it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { AgentOptions } from '../../agent/index';
import { CliError, UsageError } from '../cli-error';
import { startFailureMessage } from '../start-failure';
import { daemonLogger, LOG_LEVEL_HELP, stopOnSignal } from '../daemon';
import { amountFlag, attributesFlag, bytesFlag, durationFlag, masterFlag, portFlag, resourcesFlag } from '../flags';
import { MASTER_OPTION_HELP } from '../master-flag';
import { addHttpLimitOptions, httpLimitsFrom, type HttpLimitFlags } from '../http-limit-flags';
import { addTlsOptions, daemonTlsFrom, type TlsFlags } from '../tls-flags';
import { withCredential } from '../credential-flag';

/** The flags of `meseta agent`, as commander hands them over (text). */
export interface AgentFlags extends TlsFlags {
  master?: string;
  ip?: string;
  port?: string;
  hostname?: string;
  workDir?: string;
  resources?: string;
  attributes?: string;
  containerizers?: string;
  dockerSocket?: string;
  imageStoreDir?: string;
  imageStoreMaxMb?: string;
  dockerRegistry?: string;
  dockerConfig?: string;
  networkCniConfigDir?: string;
  networkCniPluginsDir?: string;
  runc?: string;
  cgroupsRoot?: string;
  statusUpdateRetry?: string;
  executorRegistrationTimeout?: string;
  executorShutdownGracePeriod?: string;
  /** `--credential FILE`: the agent's token for the master. */
  credential?: string;
  /** `--http-credentials FILE`: who may use the agent's debug sessions and HTTP endpoints. */
  httpCredentials?: string;
  /** False with `--no-switch-user`. */
  switchUser?: boolean;
  secretsDir?: string;
  fetcherCacheDir?: string;
  fetcherCacheSize?: string;
  fetcherStallTimeout?: string;
  fetcherMaxSize?: string;
  /** False with `--no-checkpoint`. */
  checkpoint?: boolean;
  gcDelay?: string;
  gcDiskHeadroom?: string;
  /** Alias of `--gc-disk-headroom`. */
  diskWatermark?: string;
  diskWatchInterval?: string;
  /** `--enforce-container-disk-quota`. */
  enforceContainerDiskQuota?: boolean;
  containerDiskWatchInterval?: string;
  containerLoggerMaxSize?: string;
  containerLoggerMaxFiles?: string;
  usageInterval?: string;
  usageReportInterval?: string;
  /** `--keep-tasks`: a stop signal leaves the tasks running for the next start to recover. */
  keepTasks?: boolean;
  logLevel?: string;
}

/**
 * Whether SIGTERM/SIGINT kills the agent's tasks before it exits: yes,
 * unless `--keep-tasks` (then the next agent started on the same work dir
 * recovers them, as a Mesos agent's tasks outlive its restart under a
 * supervisor). `--keep-tasks` needs the checkpoint it recovers from.
 */
export function stopKillsTasks(flags: Pick<AgentFlags, 'keepTasks' | 'checkpoint'>): boolean {
  if (!flags.keepTasks) return true;
  if (flags.checkpoint === false) throw new UsageError('--keep-tasks: needs the checkpoint to recover them from; drop --no-checkpoint');
  return false;
}

/** The containerizers an agent can be given. */
export const CONTAINERIZERS = ['posix', 'docker', 'tar'] as const;

/**
 * Agent options from flag text. Resources and attributes are parsed here
 * only to reject bad text before anything starts; the agent gets the text.
 * `workDir` is left empty when not given (see {@link defaultWorkDir}).
 */
export function agentOptionsFrom(flags: AgentFlags): Omit<AgentOptions, 'logger'> {
  const options: Omit<AgentOptions, 'logger'> = { master: masterFlag('--master', flags.master), workDir: flags.workDir ?? '' };
  if (flags.ip !== undefined) options.ip = flags.ip;
  if (flags.port !== undefined) options.port = portFlag('--port', flags.port);
  if (flags.hostname !== undefined) options.hostname = flags.hostname;
  if (flags.resources !== undefined) {
    resourcesFlag('--resources', flags.resources);
    options.resources = flags.resources;
  }
  if (flags.attributes !== undefined) {
    attributesFlag('--attributes', flags.attributes);
    options.attributes = flags.attributes;
  }
  if (flags.containerizers !== undefined) options.containerizers = containerizersFlag(flags.containerizers);
  if (flags.dockerSocket !== undefined) options.dockerSocket = flags.dockerSocket;
  if (flags.imageStoreDir !== undefined) options.imageStoreDir = flags.imageStoreDir;
  if (flags.imageStoreMaxMb !== undefined) options.imageStoreMaxMb = amountFlag('--image-store-max-mb', flags.imageStoreMaxMb);
  if (flags.dockerRegistry !== undefined) options.dockerRegistry = flags.dockerRegistry;
  if (flags.dockerConfig !== undefined) options.dockerConfig = flags.dockerConfig;
  if (flags.networkCniConfigDir !== undefined) options.networkCniConfigDir = flags.networkCniConfigDir;
  if (flags.networkCniPluginsDir !== undefined) options.networkCniPluginsDir = flags.networkCniPluginsDir;
  if (flags.runc !== undefined) options.runc = flags.runc;
  if (flags.cgroupsRoot !== undefined) options.cgroupsRoot = flags.cgroupsRoot;
  if (flags.statusUpdateRetry !== undefined) {
    options.statusUpdateRetrySeconds = durationFlag('--status-update-retry', flags.statusUpdateRetry);
  }
  if (flags.executorRegistrationTimeout !== undefined) {
    options.executorRegistrationTimeoutSeconds = durationFlag('--executor-registration-timeout', flags.executorRegistrationTimeout);
  }
  if (flags.executorShutdownGracePeriod !== undefined) {
    options.executorShutdownGraceSeconds = durationFlag('--executor-shutdown-grace-period', flags.executorShutdownGracePeriod);
  }
  if (flags.checkpoint === false) options.checkpoint = false;
  const httpLimits = httpLimitsFrom(flags as AgentFlags & HttpLimitFlags);
  if (Object.keys(httpLimits).length > 0) options.httpLimits = httpLimits;
  if (flags.httpCredentials !== undefined) options.httpCredentials = flags.httpCredentials;
  if (flags.switchUser === false) options.switchUser = false;
  if (flags.secretsDir !== undefined) options.secretsDir = flags.secretsDir;
  const fetcher: NonNullable<AgentOptions['fetcher']> = {};
  if (flags.fetcherCacheDir !== undefined) fetcher.cacheDir = flags.fetcherCacheDir;
  if (flags.fetcherCacheSize !== undefined) fetcher.cacheBytes = bytesFlag('--fetcher-cache-size', flags.fetcherCacheSize);
  if (flags.fetcherStallTimeout !== undefined) fetcher.stallTimeoutMs = durationFlag('--fetcher-stall-timeout', flags.fetcherStallTimeout) * 1000;
  if (flags.fetcherMaxSize !== undefined) fetcher.maxBytes = bytesFlag('--fetcher-max-size', flags.fetcherMaxSize);
  if (Object.keys(fetcher).length > 0) options.fetcher = fetcher;
  if (flags.gcDelay !== undefined) options.gcDelayMs = durationFlag('--gc-delay', flags.gcDelay) * 1000;
  if (flags.gcDiskHeadroom !== undefined && flags.diskWatermark !== undefined) {
    throw new UsageError('--disk-watermark: is another name of --gc-disk-headroom; give only one of them');
  }
  const headroom = flags.gcDiskHeadroom ?? flags.diskWatermark;
  if (headroom !== undefined) {
    const flag = flags.gcDiskHeadroom !== undefined ? '--gc-disk-headroom' : '--disk-watermark';
    const value = amountFlag(flag, headroom);
    if (value > 1) throw new UsageError(`${flag}: ${headroom} is a fraction of the disk kept free, between 0 and 1 (e.g. 0.1)`);
    options.gcDiskHeadroom = value;
  }
  if (flags.diskWatchInterval !== undefined) {
    const seconds = durationFlag('--disk-watch-interval', flags.diskWatchInterval);
    if (seconds <= 0) throw new UsageError(`--disk-watch-interval: "${flags.diskWatchInterval}" must be longer than 0`);
    options.diskWatchIntervalMs = seconds * 1000;
  }
  if (flags.enforceContainerDiskQuota) options.enforceContainerDiskQuota = true;
  if (flags.containerDiskWatchInterval !== undefined) {
    const seconds = durationFlag('--container-disk-watch-interval', flags.containerDiskWatchInterval);
    if (seconds <= 0) throw new UsageError(`--container-disk-watch-interval: "${flags.containerDiskWatchInterval}" must be longer than 0 (e.g. 15s)`);
    if (!flags.enforceContainerDiskQuota) throw new UsageError('--container-disk-watch-interval: needs --enforce-container-disk-quota (without it no task disk is checked)');
    options.containerDiskWatchIntervalMs = seconds * 1000;
  }
  for (const [flag, text, key] of [['--usage-interval', flags.usageInterval, 'usageIntervalMs'], ['--usage-report-interval', flags.usageReportInterval, 'usageReportIntervalMs']] as const) {
    if (text === undefined) continue;
    const seconds = durationFlag(flag, text);
    if (seconds <= 0) throw new UsageError(`${flag}: "${text}" must be longer than 0 (e.g. 10s)`);
    options[key] = seconds * 1000;
  }
  if (flags.containerLoggerMaxSize !== undefined) options.containerLoggerMaxBytes = bytesFlag('--container-logger-max-size', flags.containerLoggerMaxSize);
  if (flags.containerLoggerMaxFiles !== undefined) {
    if (flags.containerLoggerMaxSize === undefined) throw new UsageError('--container-logger-max-files: needs --container-logger-max-size (the size at which logs are rotated)');
    const files = amountFlag('--container-logger-max-files', flags.containerLoggerMaxFiles);
    if (!Number.isInteger(files) || files < 2) throw new UsageError(`--container-logger-max-files: "${flags.containerLoggerMaxFiles}" must be a whole number of at least 2 (stdout and stdout.1, …)`);
    options.containerLoggerMaxFiles = files;
  }
  return options;
}

/** `posix,docker` → `['posix', 'docker']`, each checked against {@link CONTAINERIZERS}. */
export function containerizersFlag(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--containerizers: give at least one of ' + CONTAINERIZERS.join(', '));
  for (const name of names) {
    if (!(CONTAINERIZERS as readonly string[]).includes(name)) {
      throw new UsageError(`--containerizers: "${name}" is not one of ${CONTAINERIZERS.join(', ')}`);
    }
  }
  return names;
}

/**
 * The work dir when `--work-dir` is not given: `$TMPDIR/meseta-agent-PORT`
 * for a fixed port (kept across restarts, so tasks can be recovered), a
 * fresh temporary directory for `--port 0`.
 */
export function defaultWorkDir(port: number | undefined): string {
  if (port === 0) return fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-'));
  return path.join(os.tmpdir(), `meseta-agent-${port ?? 5051}`);
}

/** Register `meseta agent` on `program`. */
export function registerAgentCommand(program: Command): void {
  const command = addHttpLimitOptions(program
    .command('agent'))
    .summary('Run an agent')
    .description('Run an agent that registers with the master and runs the tasks it is sent.')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--ip <ip>', 'address to listen on (default: 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 for any free port (default: 5051)')
    .option('--hostname <name>', 'hostname the agent advertises')
    .option('--work-dir <dir>', 'where sandboxes and agent state live (default: $TMPDIR/meseta-agent-PORT)')
    .option('--resources <text>', "resources to offer, e.g. 'cpus:4;mem:8192;ports:[31000-32000]' (default: detected)")
    .option('--attributes <text>', "attributes, e.g. 'rack:a;zone:1'")
    .option('--containerizers <list>', `comma-separated, from ${CONTAINERIZERS.join(', ')} (default: posix)`)
    .option('--docker-socket <path>', 'Docker daemon socket for the docker containerizer (default: $DOCKER_HOST or /var/run/docker.sock)')
    .option('--image-store-dir <dir>', 'where the tar containerizer unpacks images (default: WORK_DIR/images)')
    .option('--image-store-max-mb <MB>', 'keep the unpacked images (and registry image layers) under this size, removing those no container uses, least recently used first (default: no limit)')
    .option('--docker-registry <host[:port]>', 'registry of image names without one, for Docker and runc tasks (default: docker.io)')
    .option('--network-cni-config-dir <dir>', 'CNI network configs (.conf/.conflist) that tasks of the tar containerizer join with --network cni:<name>')
    .option('--network-cni-plugins-dir <dir>', 'CNI plugin binaries (default: /usr/lib/cni, Debian containernetworking-plugins)')
    .option('--docker-config <file>', 'Docker config file with registry credentials ({"auths": {"host:port": {"auth": "<base64 user:password>"}}})')
    .option('--runc <path>', 'runc binary of the tar containerizer (default: runc)')
    .option('--cgroups-root <name>', "the agent's cgroup folder under each hierarchy (default: meseta)")
    .option('--status-update-retry <duration>', 'first resend interval of an unacknowledged status update')
    .option('--executor-registration-timeout <duration>', 'how long a custom executor the agent started has to SUBSCRIBE before it is destroyed and its tasks fail (default: 1m)')
    .option('--executor-shutdown-grace-period <duration>', 'how long a custom executor has to exit after SHUTDOWN before it is killed (default: 5s)')
    .option('--credential <file>', "the agent's credential for the master: a token, or {\"principal\", \"token\"} (default: none)")
    .option('--http-credentials <file>', "credentials file (the master's format) of who may open debug sessions and use the HTTP endpoints but /health: principals of kind master or operator (default: none, open)")
    .option('--no-switch-user', "run every task as the agent's own user (default: as the task's CommandInfo.user, else its framework's user, when the agent runs as root)")
    .option('--secrets-dir <dir>', 'secret store: one file per secret, named as tasks reference it (default: none; tasks referencing secrets fail)')
    .option('--fetcher-cache-dir <dir>', 'where CommandInfo.uris asking for the cache are kept across tasks and restarts (default: WORK_DIR/fetcher-cache)')
    .option('--fetcher-cache-size <size>', 'most the fetcher cache holds, e.g. 2GB, 512MB; least recently used entries go first; 0 turns the cache off (default: 2GB)')
    .option('--fetcher-stall-timeout <duration>', 'fail a fetch that receives no data for this long (default: 60s)')
    .option('--fetcher-max-size <size>', 'fail a fetch of a file larger than this (default: 8GB)')
    .option('--gc-delay <duration>', 'how long a completed sandbox is kept before it is removed, on an empty disk (Mesos --gc_delay; default: 1w)')
    .option('--gc-disk-headroom <fraction>', 'fraction of the disk to keep free: completed sandboxes are removed after gc-delay × max(0, 1 − headroom − disk usage), so sooner as the disk fills (Mesos --gc_disk_headroom; default: 0.1)')
    .option('--disk-watermark <fraction>', 'another name of --gc-disk-headroom')
    .option('--disk-watch-interval <duration>', 'how often the disk usage is checked and due sandboxes removed (Mesos --disk_watch_interval; default: 1m)')
    .option('--enforce-container-disk-quota', "measure each task's sandbox and persistent volumes and end a task past its disk (sandbox: its plain disk; each volume: its size) TASK_FAILED with REASON_CONTAINER_LIMITATION_DISK (Mesos's disk/du isolator; default: off, as Mesos)")
    .option('--container-disk-watch-interval <duration>', 'how often --enforce-container-disk-quota measures (Mesos --container_disk_watch_interval; default: 15s)')
    .option('--container-logger-max-size <size>', "rotate each task's stdout and stderr (posix, Docker, tar) when it reaches this size, e.g. 10MB (as Mesos's LogrotateContainerLogger; default: no rotation)")
    .option('--container-logger-max-files <n>', 'files kept per stream with rotation, the current one included: stdout, stdout.1, … (default: 5)')
    .option('--usage-interval <duration>', "how often each container's cpu, memory and sandbox disk are measured; the agent keeps the last hour (default: 10s)")
    .option('--usage-report-interval <duration>', "how often the latest usage goes to the master, for its /metrics and the UI's cluster charts (default: 60s)")
    .option('--no-checkpoint', 'keep no recovery state: tasks do not survive an agent restart (benchmarks)')
    .option('--keep-tasks', 'on SIGTERM/SIGINT exit leaving the tasks running; the next agent started on this work dir recovers them (for supervisors such as systemd; default: kill them first)');
  addTlsOptions(command)
    .option('--log-level <level>', LOG_LEVEL_HELP)
    .action(async (flags: AgentFlags) => {
      const options = agentOptionsFrom(flags);
      const security = daemonTlsFrom(flags);
      const killTasks = stopKillsTasks(flags);
      const logger = daemonLogger('agent', flags.logLevel);
      const workDir = options.workDir || defaultWorkDir(options.port);
      let agent;
      try {
        fs.mkdirSync(workDir, { recursive: true });
        // Loaded here so operator verbs do not pay for the agent's code.
        const { startAgent } = await import('../../agent/index');
        agent = await startAgent({
          ...options,
          workDir,
          logger,
          tls: security.tls,
          insecure: security.insecure,
          masterSecurity: withCredential(security.peerSecurity, '--credential', flags.credential),
        });
      } catch (e) {
        // A bad option the agent itself found (it names the flag): a usage error.
        if (e instanceof Error && e.name === 'AgentFlagError') throw new UsageError(e.message);
        throw new CliError(startFailureMessage('agent', e));
      }
      process.stdout.write(`meseta agent listening on ${options.ip ?? '127.0.0.1'}:${agent.port}\n`);
      const running = agent;
      let stopping = false;
      const stopped = stopOnSignal(() => {
        stopping = true;
        if (!killTasks) logger.info('leaving the tasks running for the next start to recover (--keep-tasks)');
        return running.stop({ killTasks });
      }, logger);
      running.registered().then(
        (id: string) => process.stdout.write(`meseta agent registered as ${id}\n`),
        (e: unknown) => {
          if (!stopping) logger.error('registration failed', { error: e });
        },
      );
      await stopped;
    });
}
