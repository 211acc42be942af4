/**
 * The agent's side of the AgentLink.Connect stream: register, heartbeats
 * both ways, reconnection with backoff, and batched sending (everything
 * queued in one tick leaves as one AgentToMaster).
 *
 * The link delivers; it does not remember. Status updates queued while the
 * stream is down are dropped here: the status-update manager resends them
 * once the agent is registered again.
 */
import * as grpc from '@grpc/grpc-js';
import type { AgentToMaster, MasterToAgent, StatusUpdate, v1 } from '@meseta/proto/wire';
import { createMasterDetector, type MasterDetector } from '@meseta/runtime/master-detector';
import { CHANNEL_OPTIONS } from '@meseta/proto/services';
import type { Logger } from '@meseta/runtime/log';
import { secondsToMs, systemClock, type TimerHandle } from '@meseta/runtime/clock';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import { idOf, nowSeconds } from '@meseta/proto/ids';
import { grpcDialer, lightLinkDialer, type LinkCall, type LinkCallError, type LinkDialer, type MasterLinkTransport } from './master-link-transport';

/** Heartbeat interval used until the master names one. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
/** Silent master intervals after which the agent reconnects. */
export const MISSED_HEARTBEATS_ALLOWED = 5;
/** Most updates in one AgentToMaster message. */
export const MAX_UPDATES_PER_MESSAGE = 5000;
/**
 * Unanswered `register`s sent again on the same stream before the agent
 * gives the stream up and reconnects. A master busy admitting thousands of
 * agents (a cold start, a failover) reads a resend as a duplicate and
 * ignores it, as Mesos's master ignores a registration already in
 * progress; a new stream would cost it a whole registration again.
 */
export const REGISTER_RESENDS_BEFORE_RECONNECT = 2;
/**
 * Up to this fraction of a registration timeout is added at random, so
 * agents that registered in the same second do not all resend in the same
 * second.
 */
export const REGISTRATION_TIMEOUT_JITTER = 0.25;

/**
 * Whether the agent's own heartbeat tick must send one: not when it sent a
 * heartbeat (its answer to the master's ping) within the last interval,
 * since the master already heard it then. A master that pings every
 * interval so hears one heartbeat per agent and interval instead of two
 * (half the messages it reads from an idle cluster); one that does not ping
 * still hears the agent every interval.
 * `sinceLastSentMs` is undefined when none was sent on this stream.
 */
export function ownHeartbeatDue(sinceLastSentMs: number | undefined, intervalMs: number): boolean {
  return sinceLastSentMs === undefined || sinceLastSentMs >= intervalMs;
}

/** What the link asks of and tells the agent. */
export interface MasterLinkHandlers {
  /** The `register` message for a new stream, built fresh for each attempt. */
  registration(): v1.AgentToMaster.IRegister;
  /** The master accepted the agent. */
  onRegistered(registered: v1.MasterToAgent.IRegistered): void;
  /** Work from the master: run, kill, acknowledgements, shutdown_frameworks, reconcile, messages, volumes. */
  onMessage(message: MasterToAgent): void;
  /** The master refused the agent; the link reconnects after this returns. */
  onRefused(error: v1.MasterToAgent.IError): void;
  /** A registered stream was lost (the link is already reconnecting). */
  onDisconnected(reason: string): void;
}

/** Options of {@link MasterLink}. */
export interface MasterLinkOptions {
  /** `host:port` of the master. */
  master: string;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  logger: Logger;
  /**
   * Send an unanswered `register` again after this long, doubled each time
   * (up to 8×), so a master busy registering thousands of agents is not
   * asked again soon by those it has not answered yet; after
   * {@link REGISTER_RESENDS_BEFORE_RECONNECT} resends the stream is given
   * up and the agent reconnects, unless the master answered a resend with a
   * heartbeat (it holds the register): then the agent keeps waiting on that
   * stream. Each wait gets up to {@link REGISTRATION_TIMEOUT_JITTER} more at
   * random. @default 15000
   */
  registrationTimeoutMs?: number;
  /**
   * After losing a link it was registered on (a master failover), the first
   * reconnect waits a random time up to this long, so thousands of agents do
   * not re-register in the same instant. @default 2000
   */
  failoverSpreadMs?: number;
  /** TLS (verified by `ca`, presenting `cert`) and token toward the master. @default plaintext */
  security?: ClientSecurity;
  /**
   * `auto`: the light `meseta-link/1` framing, or gRPC with a master that
   * does not offer it; `grpc`: gRPC only. @default 'auto'
   */
  transport?: MasterLinkTransport;
}

/**
 * How long a `register` may go unanswered on attempt `attempt` (0-based:
 * failed attempts in a row): the base doubled per attempt up to 8×, plus
 * up to {@link REGISTRATION_TIMEOUT_JITTER} of that at random (`random` in [0, 1)).
 */
export function registrationTimeoutFor(attempt: number, baseMs: number, random = 0): number {
  return Math.round(baseMs * 2 ** Math.min(Math.max(0, attempt), 3) * (1 + REGISTRATION_TIMEOUT_JITTER * random));
}

/**
 * After losing a link it was registered on (a master failover), the agent
 * retries a refused or failed connection at most this far apart, for
 * {@link FAILOVER_FAST_RECONNECT_MS}: a new master takes seconds to start
 * listening and the agent should not still be waiting out a 10 s backoff
 * once it does (the jitter of {@link reconnectDelayMs} keeps the retries
 * spread). A refused connection costs the master nothing.
 */
export const FAILOVER_RECONNECT_MAX_MS = 2000;
/** How long after losing a registered link the short failover ceiling applies. */
export const FAILOVER_FAST_RECONNECT_MS = 60_000;

/**
 * The ceiling of the reconnect backoff: `maxMs`, or at most
 * {@link FAILOVER_RECONNECT_MAX_MS} while `sinceLostMs` (ms since the agent
 * lost a link it was registered on; undefined when it has not, or has
 * registered again since) is under {@link FAILOVER_FAST_RECONNECT_MS}.
 */
export function reconnectCeilingMs(maxMs: number, sinceLostMs: number | undefined): number {
  return sinceLostMs !== undefined && sinceLostMs < FAILOVER_FAST_RECONNECT_MS ? Math.min(maxMs, FAILOVER_RECONNECT_MAX_MS) : maxMs;
}

/** The delay before reconnect attempt `attempt` (0-based): min × 2^attempt capped at max, with up to 50 % jitter off. */
export function reconnectDelayMs(attempt: number, minMs: number, maxMs: number, random: number = Math.random()): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.max(minMs / 2, Math.round(ceiling * (1 - 0.5 * random)));
}

/** One agent's connection to its master, kept alive for as long as the agent runs. */
export class MasterLink {
  /** Finds the leading master: fixed `host:port`, or followed in ZooKeeper. */
  private readonly detector: MasterDetector;
  private channel?: { address: string; dialer: LinkDialer };
  /** Masters that answered the light link as something else (an older master): dialled with gRPC. */
  private readonly grpcOnly = new Set<string>();
  /** A leader named by a master that does not lead; tried before the detector's answer. */
  private redirect?: string;
  private readonly channelOptions: grpc.ChannelOptions;
  private call?: LinkCall;
  private callId = 0;
  private registeredFlag = false;
  /** The master said (a heartbeat before `registered`) that it holds this stream's register. */
  private registerHeld = false;
  private stopped = false;
  private attempts = 0;
  /** When a link the agent was registered on was lost (ms), until it registers again. */
  private lostRegisteredAt?: number;
  private heartbeatMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
  private lastHeardAt = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private registrationTimer?: NodeJS.Timeout;
  private heartbeatTimer?: TimerHandle;
  private flushScheduled = false;
  private outgoingUpdates: StatusUpdate[] = [];
  private outgoingMessages: v1.AgentToMaster.IFrameworkMessage[] = [];
  private outgoingExited: v1.AgentToMaster.IExecutorExited[] = [];
  private heartbeatDue = false;
  /** When a heartbeat last left on the current stream (ms), if one did. */
  private lastHeartbeatSentAt?: number;

  constructor(
    private readonly options: MasterLinkOptions,
    private readonly handlers: MasterLinkHandlers,
  ) {
    // The channel's own reconnect backoff (grpc-js default: up to 120 s) must not outlast ours,
    // or a restarted master would wait minutes for its agents.
    this.channelOptions = {
      ...CHANNEL_OPTIONS,
      // A master busy for a few seconds must not look dead: liveness is the master's heartbeats.
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.initial_reconnect_backoff_ms': options.reconnectMinMs,
      'grpc.max_reconnect_backoff_ms': options.reconnectMaxMs,
    };
    this.detector = createMasterDetector(options.master);
    this.detector.onChange((leader) => {
      this.redirect = undefined;
      // A new leader: drop the link to the old one and register with the new one.
      if (leader && this.channel && this.channel.address !== leader && this.call) this.onEnded(this.callId, `leading master changed to ${leader}`);
    });
  }

  /** The dialer for `address` (light link or gRPC), replacing the one to another master. */
  private clientTo(address: string): LinkDialer {
    const transport = this.options.transport === 'grpc' || this.grpcOnly.has(address) ? 'grpc' : 'link';
    if (this.channel?.address !== address || this.channel.dialer.transport !== transport) {
      this.channel?.dialer.close();
      const security = this.options.security ?? {};
      const dialer = transport === 'grpc' ? grpcDialer(address, security, this.channelOptions) : lightLinkDialer(address, security);
      this.channel = { address, dialer };
    }
    return this.channel.dialer;
  }

  /** Open the first stream. */
  start(): void {
    this.connect();
  }

  /** True while a stream is open and the master has answered `registered`. */
  isRegistered(): boolean {
    return this.registeredFlag;
  }

  /** Queue status updates for the next flush (dropped if not registered by then). */
  sendUpdates(updates: readonly StatusUpdate[]): void {
    if (updates.length === 0) return;
    for (const u of updates) this.outgoingUpdates.push(u);
    this.scheduleFlush();
  }

  /** Queue a framework message from an executor. */
  sendFrameworkMessage(message: v1.AgentToMaster.IFrameworkMessage): void {
    this.outgoingMessages.push(message);
    this.scheduleFlush();
  }

  /** Queue the news that a custom executor ended (or never started). */
  sendExecutorExited(exited: v1.AgentToMaster.IExecutorExited): void {
    this.outgoingExited.push(exited);
    this.scheduleFlush();
  }

  /**
   * Send the agent's usage report on its own (not batched with updates:
   * it is a snapshot, so only the newest matters). Dropped while the link
   * is not registered; the next report follows an interval later.
   */
  sendUsage(usage: v1.AgentToMaster.IUsage): void {
    const call = this.call;
    if (!call || !this.registeredFlag || this.stopped) return;
    this.write(call, { usage });
  }

  /** Send what is queued now, then half-close the stream and stop reconnecting. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.flush();
    this.stopped = true;
    this.clearTimers();
    const call = this.call;
    this.call = undefined;
    this.registeredFlag = false;
    if (call) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          call.cancel();
          resolve();
        }, 500);
        call.once('status', done);
        call.once('error', done);
        try {
          call.end();
        } catch {
          done();
        }
      });
    }
    this.channel?.dialer.close();
    this.detector.close();
  }

  private connect(): void {
    if (this.stopped) return;
    const address = this.redirect ?? this.detector.current();
    if (!address) {
      // Following ZooKeeper and no leader known yet: wait for one.
      this.detector.leader(this.options.reconnectMaxMs).then(
        () => this.connect(),
        (e: Error) => {
          this.options.logger.warn('no leading master yet', { reason: e.message });
          this.reconnectTimer = setTimeout(() => this.connect(), this.options.reconnectMinMs);
        },
      );
      return;
    }
    const id = ++this.callId;
    const dialer = this.clientTo(address);
    const call = dialer.connect();
    this.call = call;
    this.registeredFlag = false;
    this.registerHeld = false;
    this.lastHeardAt = Date.now();
    this.lastHeartbeatSentAt = undefined;
    call.on('data', (message: MasterToAgent) => {
      try {
        this.onData(id, message);
      } catch (e) {
        this.options.logger.error('handling a message from the master failed', { error: e as Error });
      }
    });
    call.on('error', (e: LinkCallError) => {
      // A master that does not lead names the leader: go there next.
      const hint = e.code === grpc.status.UNAVAILABLE ? /leading master is at (\S+)/.exec(e.details ?? '')?.[1] : undefined;
      if (hint) this.redirect = hint;
      if (e.linkUnsupported) {
        // An older master: it speaks the link over gRPC only.
        this.grpcOnly.add(address);
        this.options.logger.info('master does not offer the light link; using gRPC', { master: address, problem: e.details });
      }
      this.onEnded(id, `stream failed: ${e.details || e.message}`);
    });
    call.on('end', () => this.onEnded(id, 'stream ended by the master'));
    let register: v1.AgentToMaster.IRegister;
    try {
      register = this.handlers.registration();
    } catch (e) {
      this.options.logger.error('building the register message failed', { error: e as Error });
      this.onEnded(id, 'could not build the register message');
      return;
    }
    this.options.logger.info('registering with master', {
      master: address,
      transport: dialer.transport === 'link' ? 'meseta-link/1' : 'grpc',
      agent_id: idOf(register.agent_info?.id) || undefined,
      tasks: register.tasks?.length ?? 0,
    });
    this.write(call, { register });
    this.awaitRegistered(id, call, register, 0);
  }

  /**
   * Wait for `registered`; on silence send `register` again, and after
   * enough resends reconnect, unless the master said it holds the
   * register (it is still admitting it: a new stream would cost it a whole
   * registration again).
   */
  private awaitRegistered(id: number, call: LinkCall, register: v1.AgentToMaster.IRegister, resends: number): void {
    this.registrationTimer = setTimeout(() => {
      if (id !== this.callId || this.stopped || this.registeredFlag) return;
      if (resends >= REGISTER_RESENDS_BEFORE_RECONNECT && !this.registerHeld) {
        this.onEnded(id, 'no answer to register');
        return;
      }
      this.attempts++;
      this.options.logger.info(
        this.registerHeld ? 'the master holds our register and is still admitting it; asking again on the same stream' : 'no answer to register yet; sending it again on the same stream',
        { attempt: this.attempts },
      );
      this.write(call, { register });
      this.awaitRegistered(id, call, register, resends + 1);
    }, registrationTimeoutFor(this.attempts, this.options.registrationTimeoutMs ?? 15_000, Math.random()));
    this.registrationTimer.unref();
  }

  private onData(id: number, message: MasterToAgent): void {
    if (id !== this.callId || this.stopped) return;
    this.lastHeardAt = Date.now();
    if (message.error) {
      this.options.logger.warn('master refused the agent', { message: message.error.message, shutdown: !!message.error.shutdown });
      try {
        this.handlers.onRefused(message.error);
      } finally {
        this.onEnded(id, `refused: ${message.error.message ?? ''}`);
      }
      return;
    }
    // A second `registered` on the stream answers a resent register: already known.
    if (message.registered && !this.registeredFlag) this.onRegistered(message.registered);
    // A heartbeat before `registered`: the master holds our register (it answered a resend so).
    if (message.heartbeat && !this.registeredFlag) this.registerHeld = true;
    if (message.heartbeat) {
      this.heartbeatDue = true;
      this.scheduleFlush();
    }
    if (
      message.run?.length ||
      message.kill?.length ||
      message.acknowledgements?.length ||
      message.shutdown_frameworks?.length ||
      message.reconcile?.length ||
      message.messages?.length ||
      message.shutdown_executors?.length ||
      message.volumes
    ) {
      this.handlers.onMessage(message);
    }
  }

  private onRegistered(registered: v1.MasterToAgent.IRegistered): void {
    if (this.registrationTimer) clearTimeout(this.registrationTimer);
    this.registrationTimer = undefined;
    this.registeredFlag = true;
    this.attempts = 0;
    this.lostRegisteredAt = undefined;
    const seconds = registered.heartbeat_interval_seconds ?? 0;
    this.heartbeatMs = seconds > 0 ? secondsToMs(seconds) : DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.heartbeatTimer?.cancel();
    const id = this.callId;
    // Any interval the master names works (the clock chains timers past setTimeout's 24.8-day limit).
    this.heartbeatTimer = systemClock.every(this.heartbeatMs, () => this.onHeartbeatTick(id));
    this.options.logger.info('registered with master', {
      agent_id: idOf(registered.agent_id),
      heartbeat_interval_seconds: this.heartbeatMs / 1000,
    });
    this.handlers.onRegistered(registered);
  }

  private onHeartbeatTick(id: number): void {
    if (id !== this.callId || this.stopped) return;
    const silentMs = Date.now() - this.lastHeardAt;
    if (silentMs > MISSED_HEARTBEATS_ALLOWED * this.heartbeatMs) {
      this.onEnded(id, `master silent for ${Math.round(silentMs / 1000)}s`);
      return;
    }
    // The answer to the master's last ping may already have said it.
    if (!ownHeartbeatDue(this.lastHeartbeatSentAt === undefined ? undefined : Date.now() - this.lastHeartbeatSentAt, this.heartbeatMs)) return;
    this.heartbeatDue = true;
    this.scheduleFlush();
  }

  private onEnded(id: number, reason: string): void {
    if (id !== this.callId || this.stopped) return;
    this.callId++; // later events of this call are stale
    const wasRegistered = this.registeredFlag;
    this.registeredFlag = false;
    const call = this.call;
    this.call = undefined;
    this.clearTimers();
    this.outgoingUpdates = [];
    this.outgoingMessages = [];
    this.heartbeatDue = false;
    try {
      call?.cancel();
    } catch {
      // already closed
    }
    if (wasRegistered) this.lostRegisteredAt = Date.now();
    const sinceLost = this.lostRegisteredAt === undefined ? undefined : Date.now() - this.lostRegisteredAt;
    const delay = wasRegistered
      ? Math.round(Math.random() * Math.max(this.options.reconnectMinMs, this.options.failoverSpreadMs ?? 2000))
      : reconnectDelayMs(this.attempts, this.options.reconnectMinMs, reconnectCeilingMs(this.options.reconnectMaxMs, sinceLost));
    this.attempts++;
    this.options.logger[wasRegistered ? 'warn' : 'info']('link to master down; reconnecting', {
      reason,
      retry_ms: delay,
    });
    if (wasRegistered) {
      try {
        this.handlers.onDisconnected(reason);
      } catch (e) {
        this.options.logger.error('handling the lost link failed', { error: e as Error });
      }
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const call = this.call;
    if (!call || !this.registeredFlag || this.stopped) {
      this.outgoingUpdates = [];
      this.outgoingMessages = [];
      this.heartbeatDue = false; // exited executors wait for the next link: the master frees resources by them
      return;
    }
    const updates = this.outgoingUpdates;
    const messages = this.outgoingMessages;
    const exited = this.outgoingExited;
    this.outgoingUpdates = [];
    this.outgoingMessages = [];
    this.outgoingExited = [];
    const first: AgentToMaster = {};
    if (this.heartbeatDue) {
      first.heartbeat = { timestamp: nowSeconds() };
      this.lastHeartbeatSentAt = Date.now();
    }
    this.heartbeatDue = false;
    if (messages.length > 0) first.messages = messages;
    if (exited.length > 0) first.exited_executors = exited;
    first.updates = updates.slice(0, MAX_UPDATES_PER_MESSAGE);
    if (first.heartbeat || first.messages || first.exited_executors || first.updates.length > 0) this.write(call, first);
    for (let i = MAX_UPDATES_PER_MESSAGE; i < updates.length; i += MAX_UPDATES_PER_MESSAGE) {
      this.write(call, { updates: updates.slice(i, i + MAX_UPDATES_PER_MESSAGE) });
    }
  }

  private write(call: LinkCall, message: AgentToMaster): void {
    try {
      call.write(message);
    } catch (e) {
      this.options.logger.warn('write to master failed', { error: e as Error });
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.registrationTimer) clearTimeout(this.registrationTimer);
    this.heartbeatTimer?.cancel();
    this.reconnectTimer = undefined;
    this.registrationTimer = undefined;
    this.heartbeatTimer = undefined;
  }
}
