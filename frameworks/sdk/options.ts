/**
 * The plain-TypeScript options a framework author writes, and their one
 * compilation into the wire `FrameworkInfo`. Everything outside the SDK
 * speaks these types; everything inside speaks proto messages.
 */
import * as os from 'node:os';
import type { Logger } from '@meseta/runtime/log';
import type { FrameworkInfo, MasterInfo, Offer, OperationStatus, TaskStatus } from '@meseta/proto/wire';
import { pb, v1 } from '@meseta/proto/wire';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import type { SchedulerTransportLike } from './transport';

/**
 * The master asks for an agent's resources back: the agent's machine is
 * scheduled for maintenance from `unavailability.start` (nanoseconds since
 * the epoch) for `unavailability.duration`. Answer with
 * `acceptInverseOffers` (the framework will be off the agent by then) or
 * `declineInverseOffers`; the operator sees the answers.
 */
export type InverseOffer = v1.IInverseOffer;

/** A framework capability, by its Mesos name. */
export type FrameworkCapability = Exclude<keyof typeof v1.FrameworkInfo.Capability.Type, 'UNKNOWN'>;

/** Capabilities a framework announces unless it says otherwise. */
export const DEFAULT_CAPABILITIES: readonly FrameworkCapability[] = ['MULTI_ROLE', 'TASK_KILLING_STATE', 'PARTITION_AWARE'];

/** Who the framework is, as it introduces itself to the master. */
export interface FrameworkOptions {
  /** Name shown in the UI and logs. */
  name: string;
  /**
   * Unix user the framework's tasks run as (unless a task names its own).
   * @default os.userInfo().username
   */
  user?: string;
  /**
   * Roles the framework receives offers for.
   * @default ['*']
   */
  roles?: string[];
  /**
   * Id of an existing framework to resume (failover). Unset registers a new
   * framework; the master assigns the id, which {@link SchedulerDriver.start}
   * returns and the driver reuses for every later re-subscription.
   * @default undefined
   */
  id?: string;
  /**
   * How long the master keeps the framework (and its tasks) after its stream
   * breaks before removing it and killing its tasks. As in Mesos the default
   * is 0: the framework is removed as soon as it disconnects, so set this when
   * tasks must outlive a scheduler restart or a network blip.
   * @default 0
   */
  failoverTimeoutSeconds?: number;
  /**
   * Ask agents to checkpoint the framework's tasks so they survive an agent restart.
   * @default false
   */
  checkpoint?: boolean;
  /**
   * Principal the framework authenticates as.
   * @default undefined
   */
  principal?: string;
  /**
   * Host the scheduler runs on, shown in the UI.
   * @default os.hostname()
   */
  hostname?: string;
  /**
   * URL of the framework's own web UI, linked from the master UI.
   * @default undefined
   */
  webuiUrl?: string;
  /**
   * Capabilities announced to the master. Without `MULTI_ROLE` exactly one
   * role may be given and it is sent in the legacy `role` field.
   * @default ['MULTI_ROLE', 'TASK_KILLING_STATE', 'PARTITION_AWARE']
   */
  capabilities?: FrameworkCapability[];
  /**
   * Free-form labels, e.g. `{ team: 'search' }`.
   * @default {}
   */
  labels?: Record<string, string>;
  /**
   * Offer filters (Mesos's `FrameworkInfo.offer_filters`, min_allocatable_resources):
   * per role, sets of minimum quantities; the master offers this framework an
   * agent's resources for that role only when they hold all of one set, e.g.
   * `{ web: [{ cpus: 1, mem: 256 }, { disk: 1024 }] }`. A role given an empty
   * list takes anything (overriding the master's `--min-allocatable-resources`);
   * roles left out take the master's minimum. Keys must be roles of the framework.
   * @default {}
   */
  minAllocatable?: Record<string, Array<Record<string, number>>>;
}

/** What the `subscribed` handler learns. */
export interface SubscribedInfo {
  /** The framework id, assigned by the master on first subscription. */
  frameworkId: string;
  /** The master that accepted the subscription. */
  masterInfo: MasterInfo;
  /** How often the master sends HEARTBEAT events. */
  heartbeatIntervalSeconds: number;
  /**
   * True when this is a re-subscription after the stream broke. Updates sent
   * while disconnected are re-sent by the agents, but a framework that keeps
   * its own task table may want to `reconcile()` here.
   */
  reconnected: boolean;
}

/** A framework message from an executor. */
export interface FrameworkMessage {
  agentId: string;
  executorId: string;
  data: Uint8Array;
}

/** An agent or executor that failed. */
export interface FailureInfo {
  agentId: string;
  /** Set when an executor failed rather than the agent. */
  executorId?: string;
  /** The executor's exit status, when known. */
  status?: number;
}

/** A handler's result: nothing, or a promise the driver may wait for. */
export type HandlerResult = void | Promise<void>;

/**
 * Typed callbacks for the master's events; every one is optional.
 *
 * Handlers are called in event order. The driver waits for a returned
 * promise only to acknowledge an update after it resolves. A handler that
 * throws (or rejects) is logged and never stops the driver; an `update`
 * handler that throws is not acknowledged, so the agent sends the update
 * again and it is delivered again.
 */
export interface SchedulerHandlers {
  /** The stream is open; fires again after every re-subscription. */
  subscribed?(info: SubscribedInfo): HandlerResult;
  /** New offers. Accept, launch or decline each, or they sit idle until rescinded. */
  offers?(offers: Offer[]): HandlerResult;
  /** An offer is no longer valid (timed out, agent lost, ...). */
  rescind?(offerId: string): HandlerResult;
  /** Maintenance: the master asks for agents' resources back (see {@link InverseOffer}). */
  inverseOffers?(inverseOffers: InverseOffer[]): HandlerResult;
  /** An inverse offer is no longer valid (the schedule changed, the machine went DOWN or UP, the agent left). */
  rescindInverseOffer?(inverseOfferId: string): HandlerResult;
  /** A task changed state. Acknowledged after the handler returns unless `autoAcknowledge` is false. */
  update?(status: TaskStatus): HandlerResult;
  /**
   * Operation feedback: the status of a RESERVE, UNRESERVE, CREATE or
   * DESTROY the framework gave an id (`Operation.id`): OPERATION_FINISHED
   * once the master made it durable (it carries a uuid and is acknowledged
   * after the handler returns unless `autoAcknowledge` is false; until
   * then the master sends it again, on a backoff and when the framework
   * subscribes again, so it may come more than once),
   * OPERATION_ERROR when it was refused (the message names the field),
   * OPERATION_DROPPED when it was not applied, and the answers to
   * {@link SchedulerDriver.reconcileOperations} (OPERATION_UNKNOWN for ids
   * the master does not know).
   */
  operationStatus?(status: OperationStatus): HandlerResult;
  /** A framework message from an executor. */
  message?(message: FrameworkMessage): HandlerResult;
  /** An agent or executor failed. */
  failure?(failure: FailureInfo): HandlerResult;
  /**
   * An unrecoverable error from the master (e.g. another scheduler instance
   * took over this framework id). The driver stops after calling it.
   */
  error?(message: string): HandlerResult;
  /** The stream ended or broke; the driver reconnects unless `reconnect` is false. */
  disconnected?(reason: string): HandlerResult;
}

/** Reconnect backoff: exponential with jitter, between these bounds. */
export interface ReconnectOptions {
  /**
   * First delay before reconnecting.
   * @default 250
   */
  initialMs?: number;
  /**
   * Largest delay between attempts.
   * @default 10000
   */
  maxMs?: number;
}

/** Everything a {@link SchedulerDriver} needs. */
export interface SchedulerDriverOptions {
  /**
   * Master address, host:port (or `zk://host:port/path`).
   * @default the client config's `master` (`$MESETA_CONFIG`, `$MESETA_MASTER`, `~/.meseta/config.json`), else '127.0.0.1:5050'
   */
  master?: string;
  /**
   * TLS and bearer token toward the master (PEM contents, see
   * `@meseta/runtime/client-security`).
   * @default what the client config names (`$MESETA_CONFIG`, `MESETA_CA_CERT`, `MESETA_CLIENT_CERT`, `MESETA_CLIENT_KEY`, `MESETA_TOKEN`, `~/.meseta/config.json`), else plaintext
   */
  security?: ClientSecurity;
  /** Who the framework is. */
  framework: FrameworkOptions;
  /** What to do on each event. */
  handlers: SchedulerHandlers;
  /**
   * Acknowledge updates automatically after the update handler returns (or
   * its promise resolves). When false call {@link SchedulerDriver.acknowledge}.
   * @default true
   */
  autoAcknowledge?: boolean;
  /**
   * Reconnect backoff, or false to stop (and call `disconnected`) when the stream ends.
   * @default { initialMs: 250, maxMs: 10000 }
   */
  reconnect?: ReconnectOptions | false;
  /**
   * Where the driver logs.
   * @default createLogger('scheduler-driver') (stderr, level from MESETA_LOG_LEVEL)
   */
  logger?: Logger;
  /**
   * Send calls over one long-lived `Scheduler/Calls` stream, batched per
   * tick and answered by id (false: one unary `Scheduler/Call` each). A
   * master without `Calls` is called unary either way.
   * @default true
   */
  callStream?: boolean;
  /**
   * The network boundary; tests pass an {@link InMemorySchedulerTransport}.
   * @default a gRPC transport to `master`
   */
  transport?: SchedulerTransportLike;
}

/** Default master address. */
export const DEFAULT_MASTER = '127.0.0.1:5050';
/** Default reconnect backoff. */
export const DEFAULT_RECONNECT: Required<ReconnectOptions> = { initialMs: 250, maxMs: 10_000 };

function defaultUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

/**
 * Compile the framework options into the `FrameworkInfo` sent in SUBSCRIBE.
 * @throws Error when the options contradict each other (several roles without MULTI_ROLE).
 */
export function compileFrameworkInfo(options: FrameworkOptions): FrameworkInfo {
  if (!options.name) throw new Error('framework.name: required');
  const roles = options.roles && options.roles.length > 0 ? [...options.roles] : ['*'];
  const capabilities = options.capabilities ?? [...DEFAULT_CAPABILITIES];
  const multiRole = capabilities.includes('MULTI_ROLE');
  if (!multiRole && roles.length !== 1) {
    throw new Error(`framework.roles: ${roles.length} roles need the MULTI_ROLE capability`);
  }
  const info: FrameworkInfo = {
    name: options.name,
    user: options.user ?? defaultUser(),
    failover_timeout: options.failoverTimeoutSeconds ?? 0,
    checkpoint: options.checkpoint ?? false,
    hostname: options.hostname ?? os.hostname(),
    capabilities: capabilities.map((name) => {
      const type = pb.FrameworkInfo.Capability.Type[name];
      if (type === undefined) throw new Error(`framework.capabilities: unknown capability "${name}"`);
      return { type };
    }),
  };
  if (multiRole) info.roles = roles;
  else info.role = roles[0];
  if (options.id) info.id = { value: options.id };
  if (options.principal) info.principal = options.principal;
  if (options.webuiUrl) info.webui_url = options.webuiUrl;
  if (options.labels && Object.keys(options.labels).length > 0) {
    info.labels = { labels: Object.entries(options.labels).map(([key, value]) => ({ key, value })) };
  }
  if (options.minAllocatable && Object.keys(options.minAllocatable).length > 0) info.offer_filters = compileOfferFilters(options.minAllocatable, roles);
  return info;
}

/**
 * `minAllocatable` as `FrameworkInfo.offer_filters`.
 * @throws Error naming the role and quantity: a role the framework does not
 * have, a set naming no resource, an amount that is not a finite number of 0 or more
 */
export function compileOfferFilters(byRole: Record<string, Array<Record<string, number>>>, roles: readonly string[]): NonNullable<FrameworkInfo['offer_filters']> {
  const out: NonNullable<FrameworkInfo['offer_filters']> = {};
  for (const [role, sets] of Object.entries(byRole)) {
    const at = `framework.minAllocatable["${role}"]`;
    if (!roles.includes(role)) throw new Error(`${at}: "${role}" is not one of the framework's roles (${roles.join(', ')})`);
    const quantities = sets.map((set, i) => {
      const entries = Object.entries(set);
      if (entries.length === 0) throw new Error(`${at}[${i}]: names no resource (give at least one, e.g. { cpus: 1 })`);
      for (const [name, value] of entries) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${at}[${i}].${name}: must be a finite number, zero or more, got ${String(value)}`);
      }
      return { quantities: Object.fromEntries(entries.map(([name, value]) => [name, { value }])) };
    });
    out[role] = { min_allocatable_resources: { quantities } };
  }
  return out;
}

