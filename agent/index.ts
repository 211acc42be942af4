/**
 * The agent daemon's entry point: `startAgent` detects resources, opens the
 * agent's port (HTTP/1.1 + gRPC), connects to the master and runs tasks
 * until stopped. The CLI and the test harness call it.
 */
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Attribute } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS } from '@meseta/proto/services';
import { createLogger, type Logger } from '@meseta/runtime/log';
import { LimitedServer } from '@meseta/runtime/grpc-limits';
import type { HttpLimits } from '@meseta/runtime/http-limits';
import { listenDual, type TlsServerMaterial } from '@meseta/runtime/serve';
import { checkListenSecurity } from '@meseta/runtime/listen-policy';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import { parseAttributes, ResourceTextError } from '@meseta/proto/resource-text';
import { Agent, type AgentOutbox, type ExecTarget } from './agent';
import { FileSecretStore } from './secret-store';
import { createFetcher, type FetcherSettings } from './fetcher/create-fetcher';
import { execServiceImplementation } from './containerizers/exec-server';
import { AgentDebugService } from '@meseta/proto/exec-service';
import { createContainerizers, prepareContainerizers } from './containerizer-registry';
import { agentHttpHandler, secretFilesOf } from './http-api';
import { mesosAgentOperatorHandler } from './mesos-operator-http';
import { EXECUTOR_API_PATH, executorHttpHandler, MAX_EXECUTOR_CALL_BYTES } from './executor-http';
import { readExecutorCheckpoints } from './executor-checkpoint';
import { systemClock } from '@meseta/runtime/clock';
import { mesosAgentFlags } from './mesos-agent-state';
import { agentCallerTrust } from './caller-trust';
import { MasterLink } from './master-link';
import { AgentFlagError, agentResources } from './resource-detection';
import { recoverAgent } from './recovery';
import { isZooKeeperUrl, parseZooKeeperUrl } from '@meseta/runtime/zk-url';
import { SandboxGc } from './sandbox-gc';
import { DEFAULT_CONTAINER_DISK_WATCH_INTERVAL_MS, DiskWatch } from './disk-watch';
import { sandboxDiskUsage } from './usage/sandbox-disk';
import { AgentUsage, DEFAULT_USAGE_INTERVAL_MS, DEFAULT_USAGE_REPORT_INTERVAL_MS } from './usage/agent-usage';
import { resourceStatistics } from './usage/usage-views';
import { logRotationProblem } from './log-rotation';
import { type DiskUsageSource, FileDiskUsage, StatfsDiskUsage, TEST_DISK_USAGE_FILE_ENV } from './disk-usage';
import { DEFAULT_DISK_WATCH_INTERVAL_MS, DEFAULT_GC_DELAY_MS, DEFAULT_GC_DISK_HEADROOM, headroomProblem } from './sandbox-gc-policy';

export { AgentFlagError } from './resource-detection';

/** How to start an agent. */
export interface AgentOptions {
  /** Master address host:port. */
  master: string;
  /** Address to bind. @default '127.0.0.1' */
  ip?: string;
  /** Port for the agent's own HTTP/gRPC; 0 picks a free one. @default 5051 */
  port?: number;
  /** @default os.hostname() */
  hostname?: string;
  /** Work dir: sandboxes and checkpoints live here. @default '/tmp/meseta/agent' */
  workDir: string;
  /** Mesos text form, e.g. 'cpus:4;mem:8192;ports:[31000-32000]'. Missing names are detected. */
  resources?: string;
  /** e.g. 'rack:a;zone:1' */
  attributes?: string;
  /** @default ['posix'] */
  containerizers?: string[];
  /** Docker daemon socket for the docker containerizer. @default $DOCKER_HOST or /var/run/docker.sock */
  dockerSocket?: string;
  /** Image store of the tar containerizer. @default `<workDir>/images` */
  imageStoreDir?: string;
  /** Keep the image store (and the layer store of registry images) under this many MB, removing unused images and layers (least recently used first). @default no limit */
  imageStoreMaxMb?: number;
  /** Registry of image names without one (`host[:port]`). @default docker.io */
  dockerRegistry?: string;
  /** Docker config file with registry credentials (`{"auths": {...}}`). */
  dockerConfig?: string;
  /** CNI network configs (.conf/.conflist) tasks name with `NetworkInfo.name`. */
  networkCniConfigDir?: string;
  /** CNI plugin binaries. @default /usr/lib/cni */
  networkCniPluginsDir?: string;
  /** runc binary of the tar containerizer. @default 'runc' */
  runc?: string;
  /** The agent's cgroup folder under each hierarchy (tar containerizer). @default 'meseta' */
  cgroupsRoot?: string;
  /**
   * Run each task as its `CommandInfo.user`, else its `FrameworkInfo.user`,
   * when the agent runs as root (`--no-switch-user`: as the agent's user).
   * @default true
   */
  switchUser?: boolean;
  /** Folder of the secret store: one file per secret, named as tasks reference it (`--secrets-dir`). @default none */
  secretsDir?: string;
  /** The fetcher of `CommandInfo.uris` (`--fetcher-cache-dir`, `--fetcher-cache-size`, `--fetcher-stall-timeout`, `--fetcher-max-size`). @default its defaults */
  fetcher?: FetcherSettings;
  /** Seconds a started custom executor has to SUBSCRIBE (and to SUBSCRIBE again after its stream broke). @default 60 */
  executorRegistrationTimeoutSeconds?: number;
  /** Seconds a custom executor has to exit after SHUTDOWN before it is killed. @default 5 */
  executorShutdownGraceSeconds?: number;
  /** Seconds before an unacknowledged status update is resent first (doubles up to 600). @default 10 */
  statusUpdateRetrySeconds?: number;
  /** Reconnect backoff start in ms. @default 200 */
  reconnectMinMs?: number;
  /** Reconnect backoff cap in ms. @default 10000 */
  reconnectMaxMs?: number;
  /**
   * Checkpoint tasks and pending updates under `<workDir>/meta` and recover
   * them on start (see agent/recovery.ts). False: every start is a new agent.
   * @default true
   */
  checkpoint?: boolean;
  logger?: Logger;
  /** Timeouts, sizes and connection limits of the port (`--http-*`, `--max-connections*`). @default DEFAULT_HTTP_LIMITS, except 4096 connections (1024 per address) */
  httpLimits?: Partial<HttpLimits>;
  /** Serve TLS only, with this identity (`--tls-cert`, `--tls-key`, `--tls-ca`). @default plaintext */
  tls?: TlsServerMaterial;
  /** Start on a non-loopback `ip` without `tls` (`--insecure`), with a warning. @default false: refuse */
  insecure?: boolean;
  /** How the agent talks to the master: TLS verified by `ca`, client `cert`, token. @default plaintext */
  masterSecurity?: ClientSecurity;
  /**
   * `--http-credentials FILE`: who may open debug sessions and use the HTTP
   * endpoints (but `/health`) on the agent's port: principals of kind
   * `master` or `operator` (`agent/caller-trust.ts`). @default none: open
   */
  httpCredentials?: string;
  /** `--gc-delay`: how long a completed sandbox is kept on an empty disk (Mesos's `--gc_delay`). @default a week */
  gcDelayMs?: number;
  /** `--gc-disk-headroom` (alias `--disk-watermark`): the fraction of the disk kept free; completed sandboxes go sooner as usage nears `1 − headroom`. @default 0.1 */
  gcDiskHeadroom?: number;
  /** `--disk-watch-interval`: how often the disk is checked and due sandboxes removed. @default one minute */
  diskWatchIntervalMs?: number;
  /**
   * `--enforce-container-disk-quota`: measure each running task's sandbox
   * and persistent volumes every `containerDiskWatchIntervalMs` and end a
   * task past its disk TASK_FAILED / REASON_CONTAINER_LIMITATION_DISK
   * (Mesos's `disk/du` isolator with the same flag). @default false, as Mesos
   */
  enforceContainerDiskQuota?: boolean;
  /** `--container-disk-watch-interval` (Mesos's `--container_disk_watch_interval`). @default 15 s */
  containerDiskWatchIntervalMs?: number;
  /** Where the disk's usage is read. @default statfs of the work dir, or (tests only) the file named by `MESETA_TEST_DISK_USAGE_FILE` */
  diskUsage?: DiskUsageSource;
  /** `--container-logger-max-size`: rotate each task's stdout and stderr (posix, Docker, tar) at this many bytes. @default none: no rotation */
  containerLoggerMaxBytes?: number;
  /** `--container-logger-max-files`: files kept per stream with rotation, the current one included. @default 5 */
  containerLoggerMaxFiles?: number;
  /** `--usage-interval`: milliseconds between measurements of every container (the agent keeps an hour of them). @default 10 s */
  usageIntervalMs?: number;
  /** `--usage-report-interval`: milliseconds between usage reports to the master. @default 60 s */
  usageReportIntervalMs?: number;
}

/** A started agent. */
export interface RunningAgent {
  readonly port: number;
  /** The id the master gave it, once registered. */
  agentId(): string | undefined;
  /** Resolves when registered with the master. */
  registered(): Promise<string>;
  /** Stop: by default kill all tasks (process groups), close the link and the port. */
  stop(options?: { killTasks?: boolean }): Promise<void>;
}

/** Default work dir. */
export const DEFAULT_WORK_DIR = '/tmp/meseta/agent';

function checkMasterAddress(master: string): void {
  if (isZooKeeperUrl(master ?? '')) {
    try {
      parseZooKeeperUrl(master);
    } catch (e) {
      throw new AgentFlagError('--master', (e as Error).message);
    }
    return;
  }
  const m = /^(.+):(\d+)$/.exec(master ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new AgentFlagError('--master', `"${master}" is not host:port (e.g. 127.0.0.1:5050) or zk://host:port/path`);
  }
}

function parseAttributeFlag(text: string | undefined): Attribute[] {
  if (text === undefined || text.trim() === '') return [];
  try {
    return parseAttributes(text);
  } catch (e) {
    if (e instanceof ResourceTextError) throw new AgentFlagError('--attributes', e.message);
    throw e;
  }
}

function positive(flag: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new AgentFlagError(flag, `${value} must be a positive number`);
  return value;
}

/**
 * Start an agent. Rejects (before opening anything) with an
 * {@link AgentFlagError} naming the flag and entry when an option is bad.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  checkMasterAddress(options.master);
  const agentStartTime = Date.now() / 1000;
  const logger = options.logger ?? createLogger('agent');
  const listenVerdict = checkListenSecurity({
    daemon: 'agent', ip: options.ip ?? '127.0.0.1', tls: options.tls !== undefined, insecure: options.insecure === true,
    authenticated: options.httpCredentials !== undefined, authFlag: '--http-credentials FILE',
  });
  if (!listenVerdict.ok) throw new AgentFlagError('--ip', listenVerdict.error.replace(/^--ip: /, ''));
  if (listenVerdict.warning) logger.warn(listenVerdict.warning);
  const workDir = path.resolve(options.workDir || DEFAULT_WORK_DIR);
  const attributes = parseAttributeFlag(options.attributes);
  const logRotation = options.containerLoggerMaxBytes === undefined ? undefined : { maxBytes: options.containerLoggerMaxBytes, maxFiles: options.containerLoggerMaxFiles ?? 5 };
  const rotationBad = logRotation && logRotationProblem(logRotation);
  if (rotationBad) throw new AgentFlagError(rotationBad.split(':')[0], rotationBad.slice(rotationBad.indexOf(':') + 2));
  const containerizers = createContainerizers(options.containerizers ?? ['posix'], {
    workDir,
    dockerSocket: options.dockerSocket,
    imageStoreDir: options.imageStoreDir,
    imageStoreMaxMb: options.imageStoreMaxMb,
    dockerRegistry: options.dockerRegistry,
    dockerConfig: options.dockerConfig,
    networkCniConfigDir: options.networkCniConfigDir,
    networkCniPluginsDir: options.networkCniPluginsDir,
    runc: options.runc,
    cgroupsRoot: options.cgroupsRoot,
    logRotation,
    logger,
  });
  const retryMs = positive('--status-update-retry', options.statusUpdateRetrySeconds, 10) * 1000;
  const reconnectMinMs = positive('--reconnect-min', options.reconnectMinMs, 200);
  const reconnectMaxMs = Math.max(reconnectMinMs, positive('--reconnect-max', options.reconnectMaxMs, 10_000));
  const gcDelayMs = options.gcDelayMs ?? DEFAULT_GC_DELAY_MS;
  if (!Number.isFinite(gcDelayMs) || gcDelayMs < 0) throw new AgentFlagError('--gc-delay', `${gcDelayMs} ms must not be negative`);
  const gcDiskHeadroom = options.gcDiskHeadroom ?? DEFAULT_GC_DISK_HEADROOM;
  const headroomBad = headroomProblem(gcDiskHeadroom);
  if (headroomBad) throw new AgentFlagError('--gc-disk-headroom', headroomBad);
  const diskWatchIntervalMs = positive('--disk-watch-interval', options.diskWatchIntervalMs, DEFAULT_DISK_WATCH_INTERVAL_MS);
  await fs.promises.mkdir(workDir, { recursive: true });
  await prepareContainerizers(containerizers); // a missing daemon or runtime stops the start here
  const secrets = options.secretsDir ? new FileSecretStore(path.resolve(options.secretsDir)) : undefined;
  const secretsWarning = await secrets?.check().catch((e: Error) => {
    throw new AgentFlagError('--secrets-dir', e.message.replace(/^--secrets-dir: /, ''));
  });
  if (secretsWarning) logger.warn(secretsWarning);
  const fetcher = await createFetcher(options.fetcher ?? {}, workDir, logger.child('fetcher'));
  const detected = await agentResources(options.resources, workDir);
  // Before the port opens: an unusable checkpoint stops the start here.
  const recovery =
    options.checkpoint === false
      ? undefined
      : await recoverAgent({
          workDir,
          hostname: options.hostname ?? os.hostname(),
          resources: detected,
          resourcesFlag: options.resources,
          attributes,
          containerizers,
          logger: logger.child('recovery'),
        });
  const resources = recovery?.resources ?? detected;

  let handler: http.RequestListener | undefined;
  let execTarget: ((frameworkId: string, taskId: string) => ExecTarget) | undefined;
  let agentIdOf: (() => string | undefined) | undefined;
  const callers = agentCallerTrust(options.httpCredentials, logger.child('auth'));
  const guardedExec = <S extends ReturnType<typeof execServiceImplementation>>(service: S): S => (callers ? ({ ...service, ...callers.guardExec(service) } as S) : service);
  const grpcServer = new LimitedServer(CHANNEL_OPTIONS);
  grpcServer.addService(
    AgentDebugService,
    guardedExec(execServiceImplementation({
      target: (frameworkId, taskId) => execTarget?.(frameworkId, taskId) ?? { problem: 'not-found', message: 'the agent is starting' },
      agentId: () => agentIdOf?.(),
      logger: logger.child('exec'),
    })),
  );
  const server = await listenDual({
    host: options.ip ?? '127.0.0.1',
    port: options.port ?? 5051,
    grpc: grpcServer,
    limits: {
      maxConnections: 4096,
      maxConnectionsPerAddress: 1024,
      ...options.httpLimits,
      bodyBytesByPath: { [EXECUTOR_API_PATH]: MAX_EXECUTOR_CALL_BYTES, ...options.httpLimits?.bodyBytesByPath },
    },
    onHttpRequest: (req, res) => {
      if (handler) handler(req, res);
      else res.writeHead(503).end('starting');
    },
    tls: options.tls,
  });

  const agent = new Agent({
    workDir,
    hostname: options.hostname ?? os.hostname(),
    ip: options.ip ?? '127.0.0.1',
    port: server.port,
    resources,
    attributes,
    containerizers,
    statusUpdateRetryMs: retryMs,
    logger,
    checkpoint: recovery?.checkpoint,
    switchUser: options.switchUser ?? true,
    secrets,
    executorRegistrationTimeoutMs: positive('--executor-registration-timeout', options.executorRegistrationTimeoutSeconds, 60) * 1000,
    executorShutdownGraceMs: positive('--executor-shutdown-grace-period', options.executorShutdownGraceSeconds, 5) * 1000,
    fetcher,
  });
  if (recovery?.state) {
    await agent.recoverExecutors(readExecutorCheckpoints(workDir, logger.child('recovery')));
    agent.recover(recovery.state);
  }
  const testDiskFile = process.env[TEST_DISK_USAGE_FILE_ENV];
  if (testDiskFile && !options.diskUsage) logger.warn(`${TEST_DISK_USAGE_FILE_ENV} is set: disk usage is read from ${testDiskFile}, not the disk (for tests only)`);
  const gc = new SandboxGc({
    workDir, delayMs: gcDelayMs, headroom: gcDiskHeadroom, intervalMs: diskWatchIntervalMs,
    disk: options.diskUsage ?? (testDiskFile ? new FileDiskUsage(testDiskFile) : new StatfsDiskUsage(workDir)),
    containersInUse: () => {
      const snapshot = agent.snapshot();
      return new Set([...snapshot.tasks.map((t) => t.containerId), ...(snapshot.executors ?? []).map((e) => e.containerId)]);
    },
    clock: systemClock, logger: logger.child('gc'),
  });
  await gc.start();
  await agent.scanVolumes();
  const containerDiskWatchIntervalMs = positive('--container-disk-watch-interval', options.containerDiskWatchIntervalMs, DEFAULT_CONTAINER_DISK_WATCH_INTERVAL_MS);
  const diskWatch = options.enforceContainerDiskQuota
    ? new DiskWatch({
      intervalMs: containerDiskWatchIntervalMs, clock: systemClock, logger: logger.child('disk-quota'),
      tasks: () => agent.diskWatchTasks(), measure: (dir) => sandboxDiskUsage(dir),
      onViolation: (key, message) => agent.failForDiskLimit(key, message),
    })
    : undefined;
  diskWatch?.start();
  let usageLink: AgentOutbox | undefined; // set once the link exists (below)
  const usage = new AgentUsage({
    snapshot: () => agent.snapshot(),
    send: (report) => usageLink?.sendUsage?.(report),
    isRegistered: () => usageLink?.isRegistered() === true,
    intervalMs: options.usageIntervalMs === undefined ? undefined : positive('--usage-interval', options.usageIntervalMs, DEFAULT_USAGE_INTERVAL_MS),
    reportIntervalMs: options.usageReportIntervalMs === undefined ? undefined : positive('--usage-report-interval', options.usageReportIntervalMs, DEFAULT_USAGE_REPORT_INTERVAL_MS),
    clock: systemClock,
    logger: logger.child('usage'),
  });
  usage.start();
  execTarget = (frameworkId, taskId) => agent.execTarget(frameworkId, taskId);
  agentIdOf = () => agent.agentId();
  handler = agentHttpHandler({
    snapshot: () => agent.snapshot(), master: options.master, workDir, logger: logger.child('http'),
    ip: options.ip ?? '127.0.0.1', startTime: agentStartTime, flags: mesosAgentFlags({ ...options, workDir }),
    collectedAt: (file) => gc.collectedAt(file),
    usage,
    executorApi: executorHttpHandler({ target: () => agent.executorApi(), clock: systemClock, logger: logger.child('executor-api') }),
    operatorApi: mesosAgentOperatorHandler({
      snapshot: () => agent.snapshot(), workDir, isSecretFile: (file) => secretFilesOf(agent.snapshot()).has(file),
      execTarget: (frameworkId, taskId) => agent.execTarget(frameworkId, taskId),
      flags: mesosAgentFlags({ ...options, workDir }), startTime: agentStartTime, logger: logger.child('operator-api'),
      statistics: (containerId) => {
        const series = usage.series(containerId);
        return series && resourceStatistics(series);
      },
    }),
  });
  if (callers) handler = callers.guardHttp(handler);

  let waiters: Array<{ resolve: (id: string) => void; reject: (e: Error) => void }> = [];
  let stopped: Promise<void> | undefined;
  const link = new MasterLink(
    { master: options.master, reconnectMinMs, reconnectMaxMs, logger: logger.child('link'), security: options.masterSecurity },
    {
      registration: () => agent.registration(),
      onRegistered: (registered) => {
        agent.onRegistered(registered);
        const id = agent.agentId();
        if (id) {
          for (const w of waiters) w.resolve(id);
          waiters = [];
        }
      },
      onMessage: (message) => agent.handle(message),
      onRefused: (error) => agent.onRefused(error),
      onDisconnected: () => agent.onDisconnected(),
    },
  );
  agent.attach(link);
  usageLink = link;
  link.start();
  logger.info('agent started', { port: server.port, master: options.master, work_dir: workDir });

  return {
    port: server.port,
    agentId: () => agent.agentId(),
    registered: () => {
      const id = agent.agentId();
      if (id && link.isRegistered()) return Promise.resolve(id);
      if (stopped) return Promise.reject(new Error('agent stopped'));
      return new Promise<string>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    stop: (stopOptions) => {
      stopped ??= (async () => {
        await gc.stop();
        await diskWatch?.stop();
        await usage.stop();
        await agent.stop(stopOptions?.killTasks ?? true); // its last updates are in the link's queue when it resolves
        await link.stop(); // writes that queue, then half-closes the stream
        await server.close();
        for (const w of waiters) w.reject(new Error('agent stopped'));
        waiters = [];
        logger.info('agent stopped');
      })();
      return stopped;
    },
  };
}
