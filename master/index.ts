/**
 * Start a Meseta master: the gRPC APIs and HTTP endpoints on one port.
 *
 * ```ts
 * const master = await startMaster({ port: 5050 });
 * // ... later
 * await master.stop();
 * ```
 *
 * With `zk`, the master contends for leadership in ZooKeeper and keeps the
 * registry there; until it leads it answers every call with the leader's
 * address. Without `zk` it leads at once, and keeps the registry in
 * `<workDir>/registry.json` (or only in memory without a work dir).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Server, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { AgentLinkService, CHANNEL_OPTIONS, DiscoveryService, OperatorService, SchedulerService } from '@meseta/proto/services';
import { SERVER_KEEPALIVE_OPTIONS, listenDual, type TlsServerMaterial } from '@meseta/runtime/serve';
import type { EarlyListener } from '@meseta/runtime/early-listener';
import { framedLinkServer } from '@meseta/runtime/framed-link-server';
import { checkListenSecurity } from '@meseta/runtime/listen-policy';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import { createLogger, type Logger } from '@meseta/runtime/log';
import { LimitedServer } from '@meseta/runtime/grpc-limits';
import type { HttpLimits } from '@meseta/runtime/http-limits';
import { newId } from '@meseta/proto/ids';
import type { MasterInfo } from '@meseta/proto/wire';
import type { Allocator } from './allocator/allocator';
import { HierarchicalAllocator } from './allocator/hierarchical-allocator';
import { Master } from './master';
import { nowSeconds, systemClock, type Clock } from '@meseta/runtime/clock';
import { schedulerApi } from './scheduler-api';
import { agentApi } from './agent-api';
import { operatorApi } from './operator-api';
import { agentExecDialer, execProxyImplementation } from './exec-proxy';
import { masterHttpHandler } from './http';
import { SCHEDULER_BODY_BYTES, SCHEDULER_PATH } from './mesos-scheduler-http';
import { DiscoveryFeed } from './discovery/discovery-feed';
import { type MasterDns, type MasterDnsOptions, startMasterDns } from './discovery/master-dns';
import { discoveryService } from './discovery/grpc-watch';
import { checkDiscoveryZkUrl, startZkPublishing, type ZkPublishing } from './discovery/zk-publishing';
import { findWebUiDir } from './http-static';
import type { MasterTrust } from './auth/trust';
import { setUpTrust } from './auth/setup';
import { agentLinkAdmission, execAdmission, guardOperator, guardScheduler } from './auth/grpc-guard';
import { guardHttp } from './auth/http-guard';
import { MESETA_VERSION } from './version';
import { LeaderGate, gated, gatedHttp } from './leader-gate';
import { mesosStandbyHttp } from './mesos-standby';
import { mesosMasterFlags } from './mesos-state-json';
import { StandaloneContender, type LeaderContender } from './leader/contender';
import { ZooKeeperContender } from './leader/zookeeper-contender';
import { RecoveryHold, type HoldableStream } from './leader/recovery-hold';
import { Registrar } from './registry/registrar';
import { MemoryRegistryStore, type RegistryLogStore, type RegistryStore } from './registry/registry-store';
import { FileRegistryStore } from './registry/file-registry-store';
import { ZooKeeperRegistryLogStore } from './registry/zookeeper-registry-log-store';
import { zooKeeperSurface } from './registry/zookeeper-surface';
import type { RoleWeight } from './weight-input';

export { Master } from './master';
export { RegistryError } from './registry/registry-state';

/** Options of {@link startMaster}. */
export interface MasterOptions {
  /** Address to bind. @default '127.0.0.1' */
  ip?: string;
  /** Port to bind; 0 picks a free one. @default 5050 */
  port?: number;
  /** Hostname to advertise. @default the ip */
  hostname?: string;
  /** Where the registry file lives (`<workDir>/registry.json`). @default none: registry in memory */
  workDir?: string;
  /** `zk://host:port/path`: contend for leadership and keep the registry in ZooKeeper. @default none (standalone) */
  zk?: string;
  /** ZooKeeper session timeout: a crashed leader is replaced after about this long. @default 10 */
  zkSessionTimeoutSeconds?: number;
  /** Seconds an offer stays outstanding before it is rescinded; 0 = never. @default 60 */
  offerTimeoutSeconds?: number;
  /** Role weights (`--weights`), used when the registry holds none (then written to it). @default none */
  weights?: RoleWeight[];
  /** The allocator-wide minimum allocatable resources (`--min-allocatable-resources`): any one set must be held. @default none (anything is offered) */
  minAllocatableResources?: ReadonlyArray<ReadonlyMap<string, number>>;
  /** Seconds between heartbeats to agents. @default 15 */
  agentPingTimeoutSeconds?: number;
  /** Missed heartbeats before an agent is marked unreachable. @default 5 */
  maxAgentPingTimeouts?: number;
  /** Seconds an unreachable agent is kept before it is gone (TASK_GONE). @default 600 */
  agentRemovalTimeoutSeconds?: number;
  /** Seconds agents known from the registry have to re-register after a failover. @default 600 */
  agentReregisterTimeoutSeconds?: number;
  /** Seconds between HEARTBEAT events to frameworks. @default 15 */
  frameworkHeartbeatSeconds?: number;
  /** Seconds between periodic allocation passes. @default 1 */
  allocationIntervalSeconds?: number;
  /**
   * Seconds a task sent to an agent may go unreported (no status update, not
   * in its re-registration) before it is swept as TASK_LOST / TASK_DROPPED. @default 600
   */
  launchReportTimeoutSeconds?: number;
  /** Completed tasks kept per framework (and at most 16 MiB of them). @default 1000 */
  maxCompletedTasksPerFramework?: number;
  /** Completed frameworks kept (and at most 64 MiB of them, their tasks included). @default 50 */
  maxCompletedFrameworks?: number;
  logger?: Logger;
  /** Timeouts, sizes and connection limits of the port (`--http-*`, `--max-connections*`). @default DEFAULT_HTTP_LIMITS */
  httpLimits?: Partial<HttpLimits>;
  /**
   * `--credentials FILE`: principals and their tokens (`master/auth/credentials.ts`).
   * Given: every API and HTTP endpoint but `/health` and `/version` needs a credential.
   * @default none: the master is open (and logs that it is)
   */
  credentials?: string;
  /** `--acls FILE`: who may do what (`master/auth/acls.ts`), reloaded on change. @default none: authenticated principals may do everything */
  acls?: string;
  /** Replace the trust built from `credentials` and `acls` (tests). */
  trust?: MasterTrust;
  /** Serve TLS only, with this identity (`--tls-cert`, `--tls-key`, `--tls-ca`). @default plaintext */
  tls?: TlsServerMaterial;
  /** Start on a non-loopback `ip` without `tls` (`--insecure`), with a warning. @default false: refuse */
  insecure?: boolean;
  /**
   * How the master calls agents (debug-session relay, files proxy): TLS
   * verified by `ca`, presenting `cert`. @default plaintext
   */
  agentSecurity?: ClientSecurity;
  /**
   * `--dns-port`: answer DNS for the published endpoints (`<service>.<framework>.meseta.`,
   * SRV `_<port>._tcp.<service>.<framework>.meseta.`) on this UDP and TCP port. @default none
   */
  dns?: MasterDnsOptions;
  /**
   * `--discovery-zk zk://host:port/path`: while this master leads, publish each
   * running, healthy endpoint as an ephemeral znode `<path>/<framework>/<service>/<task id>`
   * holding JSON (master/discovery/zk-endpoint-node.ts). @default none
   */
  discoveryZk?: string;
  /** Replace the allocator (tests). @default HierarchicalAllocator (DRF) */
  allocator?: Allocator;
  /** Replace the clock (tests). */
  clock?: Clock;
  /** Replace the registry store (tests). */
  registryStore?: RegistryStore | RegistryLogStore;
  /**
   * The port, bound already by `meseta master` before this module loaded
   * (`@meseta/runtime/early-listener`); `ip` and `port` are then only
   * advertised. @default bind `ip:port` here
   */
  listener?: EarlyListener;
  /**
   * Called when this master loses leadership or its registry write fails;
   * it must not keep serving. @default stop the master
   */
  onFatal?: (why: string) => void;
}

/** A running master. */
export interface RunningMaster {
  readonly port: number;
  /** `ip:port` */
  readonly address: string;
  readonly master: Master;
  /** Resolves when this master leads (at once when standalone). */
  readonly elected: Promise<void>;
  /** The DNS port (`dns` given), else undefined. */
  readonly dnsPort?: number;
  /** True while this master leads. */
  isLeader(): boolean;
  /** Close the port and every stream, and leave the election. */
  stop(): Promise<void>;
}

/** Start a master and resolve once it listens (leading or not). */
export async function startMaster(options: MasterOptions = {}): Promise<RunningMaster> {
  const ip = options.ip ?? '127.0.0.1';
  const log = options.logger ?? createLogger('master');
  const listenVerdict = checkListenSecurity({
    daemon: 'master', ip, tls: options.tls !== undefined, insecure: options.insecure === true,
    authenticated: options.trust !== undefined || options.credentials !== undefined, authFlag: '--credentials FILE',
  });
  if (!listenVerdict.ok) throw new Error(listenVerdict.error);
  if (listenVerdict.warning) log.warn(listenVerdict.warning);
  if (options.discoveryZk !== undefined) checkDiscoveryZkUrl(options.discoveryZk);
  const trustSetup = options.trust ? { trust: options.trust, stop: () => undefined } : setUpTrust({ credentials: options.credentials, acls: options.acls }, log.child('auth'));
  const { trust } = trustSetup;
  const authLog = log.child('auth');
  const server = new LimitedServer({ ...CHANNEL_OPTIONS, ...SERVER_KEEPALIVE_OPTIONS });
  const clock = options.clock ?? systemClock;
  const gate = new LeaderGate();
  const info: MasterInfo & { address: { ip: string; port: number; hostname: string } } = {
    id: newId(),
    hostname: options.hostname ?? ip,
    port: options.port ?? 5050,
    version: MESETA_VERSION,
    address: { ip, port: options.port ?? 5050, hostname: options.hostname ?? ip },
  };
  const contender: LeaderContender = options.zk ? new ZooKeeperContender(options.zk, (options.zkSessionTimeoutSeconds ?? 10) * 1000) : new StandaloneContender();
  let stopped = false;
  let master: Master | undefined;
  let discovery: DiscoveryFeed | undefined;
  let zkPublishing: ZkPublishing | undefined;
  let registrar: Registrar | undefined;
  let stopAll: () => Promise<void> = async () => undefined;
  const fatal = (why: string): void => {
    if (stopped) return;
    log.error('master must stop', { why });
    gate.leading = false;
    recovering = false;
    refuseHeld();
    // Endpoints are published only while this master leads.
    void zkPublishing?.stop();
    if (options.onFatal) options.onFatal(why);
    else void stopAll();
  };

  const makeMaster = (store: RegistryStore | RegistryLogStore | undefined): Master => {
    registrar = store ? new Registrar(store, (e) => fatal(`registry write failed: ${e.message}`)) : undefined;
    return new Master(
      info,
      {
        offerTimeoutSeconds: options.offerTimeoutSeconds ?? 60,
        agentPingTimeoutSeconds: options.agentPingTimeoutSeconds ?? 15,
        maxAgentPingTimeouts: options.maxAgentPingTimeouts ?? 5,
        agentRemovalTimeoutSeconds: options.agentRemovalTimeoutSeconds ?? 600,
        agentReregisterTimeoutSeconds: options.agentReregisterTimeoutSeconds ?? 600,
        frameworkHeartbeatSeconds: options.frameworkHeartbeatSeconds ?? 15,
        allocationIntervalSeconds: options.allocationIntervalSeconds ?? 1,
        maxCompletedTasksPerFramework: options.maxCompletedTasksPerFramework ?? 1000,
        maxCompletedFrameworks: options.maxCompletedFrameworks,
        launchReportTimeoutSeconds: options.launchReportTimeoutSeconds,
        maxStatusesPerTask: 20,
        weights: options.weights,
      },
      options.allocator ?? new HierarchicalAllocator({ clock: () => nowSeconds(clock), minAllocatableResources: options.minAllocatableResources }),
      clock,
      log,
      registrar,
    );
  };

  // The handlers exist once this master leads; until then the gate answers.
  let handlers: { scheduler: UntypedServiceImplementation; agent: UntypedServiceImplementation; operator: UntypedServiceImplementation } | undefined;
  const delegate = (pick: () => UntypedServiceImplementation, names: string[]): UntypedServiceImplementation =>
    Object.fromEntries(names.map((n) => [n, (...args: unknown[]) => (pick()[n] as (...a: unknown[]) => unknown)(...args)]));
  const schedulerHandlers = delegate(() => handlers!.scheduler, ['subscribe', 'call', 'calls']);
  const agentHandlers = delegate(() => handlers!.agent, ['connect']);
  const operatorHandlers = delegate(() => handlers!.operator, ['call', 'exec']);
  server.addService(SchedulerService, gated(schedulerHandlers, gate));
  const gatedAgentHandlers = gated(agentHandlers, gate);
  const gatedConnect = (stream: unknown): void => (gatedAgentHandlers.connect as (s: unknown) => void)(stream);
  // Elected and loading the registry: agent links wait here instead of being refused (master/leader/recovery-hold.ts).
  let recovering = false;
  const hold = new RecoveryHold();
  const refuseHeld = (): void => hold.refuseAll((s: HoldableStream) => s.emit('error', gate.notLeaderError()));
  const heldAgentHandlers: UntypedServiceImplementation = {
    connect: ((stream: HoldableStream) => {
      if (!gate.leading && recovering && hold.hold(stream)) return;
      gatedConnect(stream);
    }) as never,
  };
  server.addService(AgentLinkService, heldAgentHandlers);
  server.addService(OperatorService, gated(operatorHandlers, gate));
  server.addService(DiscoveryService, gated(discoveryService(() => discovery!, () => master!, trust), gate));
  let httpHandler: ReturnType<typeof masterHttpHandler> | undefined;
  const dual = await listenDual({
    host: ip,
    port: options.port ?? 5050,
    bound: options.listener,
    grpc: server,
    // Mesos's Scheduler HTTP API takes ACCEPTs as large as the gRPC service does.
    limits: { ...options.httpLimits, bodyBytesByPath: { [SCHEDULER_PATH]: SCHEDULER_BODY_BYTES, ...options.httpLimits?.bodyBytesByPath } },
    onHttpRequest: gatedHttp((req, res) => httpHandler!(req, res), gate, mesosStandbyHttp(gate, trust, nowSeconds(clock))),
    tls: options.tls,
    // Agents' links in the light framing (ARCHITECTURE.md, "Agent link transport"), to the same handlers as gRPC's.
    link: framedLinkServer({
      codec: AgentLinkService.connect,
      onStream: (stream) => (heldAgentHandlers.connect as (s: unknown) => void)(stream),
      onProtocolError: (problem, peer) => log.warn('agent link connection closed for a protocol error', { peer, problem }),
    }),
  });
  info.port = dual.port;
  info.address.port = dual.port;
  let dns: MasterDns | undefined;
  if (options.dns) {
    try {
      dns = await startMasterDns(options.dns, ip);
    } catch (e) {
      await dual.close();
      throw e;
    }
  }

  stopAll = async () => {
    if (stopped) return;
    stopped = true;
    gate.leading = false;
    recovering = false;
    refuseHeld();
    trustSetup.stop();
    master?.stop();
    discovery?.stop();
    await zkPublishing?.stop();
    await dns?.close();
    await contender.close();
    await dual.close();
  };

  contender.onLeaderChange((leader) => {
    gate.leader = leader ? `${leader.address?.ip ?? leader.hostname}:${leader.address?.port ?? leader.port}` : undefined;
  });
  contender.onLost((why) => fatal(`lost leadership: ${why}`));

  const elected = (async () => {
    await contender.contend(info);
    if (stopped) return;
    recovering = true;
    const recoveryStarted = Date.now();
    let store: RegistryStore | RegistryLogStore | undefined = options.registryStore;
    if (!store && contender instanceof ZooKeeperContender) store = new ZooKeeperRegistryLogStore(zooKeeperSurface(contender.zkClient), contender.path, { log: log.child('registry') });
    if (!store && options.workDir) store = new FileRegistryStore(path.join(options.workDir, 'registry.json'), log.child('registry'));
    if (!store) log.warn('no --work-dir or --zk: the registry is kept in memory; a restarted master forgets its agents and frameworks');
    master = makeMaster(store ?? new MemoryRegistryStore());
    // In slices, so links that arrive meanwhile are accepted and held (recovery-hold.ts), not left unread.
    const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const state = await registrar!.recover(yieldTurn);
    await master.recoverInSlices(state, yieldTurn);
    if (stopped) return;
    const leading = master;
    const mesosFlags = mesosMasterFlags({
      ip, port: dual.port, hostname: info.hostname ?? ip, zk: options.zk, workDir: options.workDir,
      offerTimeoutSeconds: options.offerTimeoutSeconds ?? 60, agentPingTimeoutSeconds: options.agentPingTimeoutSeconds ?? 15,
      maxAgentPingTimeouts: options.maxAgentPingTimeouts ?? 5, agentRemovalTimeoutSeconds: options.agentRemovalTimeoutSeconds ?? 600,
      agentReregisterTimeoutSeconds: options.agentReregisterTimeoutSeconds ?? 600,
      maxCompletedTasksPerFramework: options.maxCompletedTasksPerFramework ?? 1000, maxCompletedFrameworks: options.maxCompletedFrameworks,
      authenticated: trust.enabled, acls: options.acls !== undefined, weights: options.weights,
    });
    discovery = new DiscoveryFeed(leading);
    const feed = discovery;
    dns?.follow(feed);
    if (options.discoveryZk !== undefined) {
      zkPublishing = startZkPublishing(options.discoveryZk, feed, log.child('discovery-zk'), (options.zkSessionTimeoutSeconds ?? 10) * 1000);
    }
    httpHandler = guardHttp((view) => masterHttpHandler(view, log.child('http'), { discovery: feed, agentSecurity: options.agentSecurity, mesosFlags, wholeMaster: master }), leading, trust, authLog, { webUiBuilt: findWebUiDir() !== undefined });
    handlers = {
      scheduler: guardScheduler(schedulerApi(master, log.child('scheduler-api')), () => leading, trust, authLog),
      agent: agentApi(master, log.child('agent-api'), agentLinkAdmission(trust, authLog)),
      operator: guardOperator(
        { ...operatorApi(master), ...execProxyImplementation(() => master!, log.child('exec'), agentExecDialer(options.agentSecurity ?? {}), execAdmission(() => leading, trust, authLog)) },
        () => leading,
        trust,
        authLog,
      ),
    };
    master.start();
    gate.leader = `${ip}:${dual.port}`;
    gate.leading = true;
    recovering = false;
    log.info('elected leading master', { address: `${ip}:${dual.port}`, registry: store?.where ?? 'memory', recovery_ms: Date.now() - recoveryStarted, agent_links_held: hold.size });
    void hold.release(gatedConnect).then((released) => {
      if (released > 0) log.info('agent links held while the registry loaded handed over', { released, closed_while_held: hold.closedWhileHeld });
    });
  })();

  if (!options.zk) {
    try {
      await elected;
    } catch (e) {
      // E.g. a corrupt registry: refuse to start rather than start empty.
      await stopAll();
      throw e;
    }
  } else {
    elected.catch((e) => fatal((e as Error).message));
  }
  log.info('master started', { address: `${ip}:${dual.port}`, hostname: os.hostname(), version: MESETA_VERSION, zk: options.zk, port_bound_early: options.listener !== undefined, process_uptime_ms: Math.round(process.uptime() * 1000) });
  return {
    port: dual.port,
    address: `${ip}:${dual.port}`,
    get master() {
      if (!master) throw new Error('this master does not lead (yet): it has no cluster state');
      return master;
    },
    elected,
    dnsPort: dns?.port,
    isLeader: () => gate.leading,
    stop: stopAll,
  };
}
