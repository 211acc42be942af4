/**
 * One simulated agent of the scale harness: the real Agent API over an
 * AgentLink.Connect stream, nothing run. It registers with its resources and
 * the running tasks it reports, answers the master's heartbeats and sends its
 * own at the interval the master names, answers launches with TASK_RUNNING,
 * and when its stream ends reconnects with the real agent's jittered backoff
 * and re-registers with its id and tasks (as an agent does after a master
 * failover). A `register` left unanswered past the real agent's
 * registration timeout (doubled per attempt, up to 8×, with its jitter) is
 * sent again on the same stream, twice, and then the stream is given up and
 * the agent reconnects, unless the master answered a resend with a
 * heartbeat (it holds the register). Its own heartbeat is skipped when its
 * answer to the master's ping went out within the interval. Mirrors
 * agent/master-link.ts.
 */
import type { AgentToMaster, MasterToAgent, StatusUpdate, Task } from '@meseta/proto/wire';
import { Source, TaskState } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid, nowSeconds } from '@meseta/proto/ids';
import { REGISTER_RESENDS_BEFORE_RECONNECT, ownHeartbeatDue, reconnectCeilingMs, reconnectDelayMs, registrationTimeoutFor } from '../../agent/master-link';
import { emptyLatency, recordLatency, type LatencyCounts } from './latency-buckets';

/** What the agent uses of its link stream: grpc-js's duplex stream, or the harness's lean one (raw-agent-link.ts). */
export interface AgentLinkStream {
  on(event: 'data', listener: (m: MasterToAgent) => void): unknown;
  on(event: 'error', listener: (e: { details?: string; message?: string }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  write(m: AgentToMaster): boolean;
  cancel(): void;
}

/** The connection an agent opens its stream on (shared when agents share a connection). */
export interface AgentLinkConnection {
  connect(): AgentLinkStream;
}

/** What a swarm counts across its agents. */
export interface SwarmCounters {
  /** Agents registered now (stream open, `registered` received). */
  registered: number;
  /** `registered` answers received, all time. */
  registrations: number;
  /** Registered streams that ended (a link the master or the network dropped). */
  dropped: number;
  /** `register` messages sent. */
  attempts: number;
  /** Registration timeouts (each followed by a resend on the same stream or, after two, a new stream). */
  timeouts: number;
  /** `error` answers (refusals). */
  refused: number;
  /** Heartbeats sent. */
  heartbeats: number;
  /** Tasks launched by the master and answered TASK_RUNNING. */
  launched: number;
  /** Streams that failed or ended before the master answered `registered` (each costs a new stream). */
  failedBeforeRegistered: number;
}

/** What a swarm measures of its agents' waits, and why streams failed. */
export interface SwarmWaits {
  /** From a stream's first `register` written to its `registered` (the master's admission as the agent sees it, connecting included). */
  admission: LatencyCounts;
  /** From an agent's first `register` of a (re-)registration round (its start, or its link lost) to `registered`, resends and new streams included. */
  registration: LatencyCounts;
  /** Why streams failed before `registered`: the error's text, counted (ids and ports stripped). */
  failures: Record<string, number>;
}

/** Empty {@link SwarmWaits}. */
export function emptyWaits(): SwarmWaits {
  return { admission: emptyLatency(), registration: emptyLatency(), failures: {} };
}

/** A zeroed {@link SwarmCounters}. */
export function zeroCounters(): SwarmCounters {
  return { registered: 0, registrations: 0, dropped: 0, attempts: 0, timeouts: 0, refused: 0, heartbeats: 0, launched: 0, failedBeforeRegistered: 0 };
}

/** Options of one {@link ScaleAgent}. */
export interface ScaleAgentOptions {
  index: number;
  connection: AgentLinkConnection;
  counters: SwarmCounters;
  /** Where waits and failure reasons are counted. @default not counted */
  waits?: SwarmWaits;
  /** Running tasks the agent reports, all of framework `frameworkId`. */
  tasksPerAgent: number;
  frameworkId: string;
  /** @default 15000 (the real agent's) */
  registrationTimeoutMs?: number;
  /** @default 200 / 10000 (the real agent's --reconnect-min / --reconnect-max) */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Send its own heartbeat every interval even when it just answered a ping (agents before they skipped it). @default false */
  everyOwnHeartbeat?: boolean;
}

const RESOURCES = parseResources('cpus:16;mem:65536;disk:500000;ports:[31000-32000]');

/** The running tasks agent `index` reports: `tasks` of 0.1 cpu and 32 MB each. */
export function reportedTasks(index: number, tasks: number, frameworkId: string): Task[] {
  const now = nowSeconds();
  const out: Task[] = [];
  for (let k = 0; k < tasks; k++) {
    const taskId = { value: `scale-${index}-${k}` };
    out.push({
      name: `scale-job-${k}`,
      task_id: taskId,
      framework_id: { value: frameworkId },
      state: TaskState.TASK_RUNNING,
      resources: parseResources('cpus:0.1;mem:32'),
      statuses: [{ task_id: taskId, state: TaskState.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, timestamp: now }],
    });
  }
  return out;
}

/** A simulated agent; {@link start} opens its first stream. */
export class ScaleAgent {
  private agentId = '';
  private call?: AgentLinkStream;
  private callId = 0;
  private registered = false;
  /** The master said (a heartbeat before `registered`) that it holds this stream's register. */
  private registerHeld = false;
  private attempt = 0;
  /** When a link this agent was registered on was lost (ms), until it registers again (the real agent's failover ceiling). */
  private lostRegisteredAt?: number;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private registrationTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  /** When this stream last carried a heartbeat from the agent (ms), if it did. */
  private lastBeatSentAt?: number;
  /** When this stream's first `register` was written, and when this registration round began (ms). */
  private streamStartedAt = 0;
  private roundStartedAt = 0;
  private readonly tasks: Task[];

  constructor(private readonly options: ScaleAgentOptions) {
    this.tasks = reportedTasks(options.index, options.tasksPerAgent, options.frameworkId);
  }

  /** Open the stream and register. */
  start(): void {
    this.connect();
  }

  /** End the stream and every timer; no reconnect. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    if (this.registered) this.options.counters.registered--;
    this.registered = false;
    try {
      this.call?.cancel();
    } catch {
      // already closed
    }
    this.call = undefined;
  }

  private connect(): void {
    if (this.stopped) return;
    const id = ++this.callId;
    const call = this.options.connection.connect();
    this.call = call;
    this.registerHeld = false;
    this.lastBeatSentAt = undefined;
    call.on('data', (m: MasterToAgent) => this.onData(id, m));
    call.on('error', (e) => this.onEnded(id, e.details ?? e.message ?? 'error'));
    call.on('end', () => this.onEnded(id, 'stream ended by the master'));
    const { index, frameworkId } = this.options;
    this.options.counters.attempts++;
    const register: AgentToMaster = {
      register: {
        agent_info: { ...(this.agentId ? { id: { value: this.agentId } } : {}), hostname: `scale-agent-${index}`, port: 5051, resources: RESOURCES },
        tasks: this.tasks,
        frameworks: this.tasks.length > 0 ? [{ id: { value: frameworkId }, name: 'scale-bench', user: 'bench', roles: ['*'] }] : [],
        version: 'simulated-scale',
      },
    };
    this.streamStartedAt = Date.now();
    if (this.roundStartedAt === 0) this.roundStartedAt = this.streamStartedAt;
    call.write(register);
    this.awaitRegistered(id, register, 0);
  }

  /** As the real agent: resend an unanswered `register` on the same stream, then give the stream up. */
  private awaitRegistered(id: number, register: AgentToMaster, resends: number): void {
    this.registrationTimer = setTimeout(() => {
      if (id !== this.callId || this.stopped || this.registered) return;
      this.options.counters.timeouts++;
      if (resends >= REGISTER_RESENDS_BEFORE_RECONNECT && !this.registerHeld) {
        this.onEnded(id, 'no answer to register (gave the stream up)');
        return;
      }
      this.attempt++;
      this.options.counters.attempts++;
      this.send(id, register);
      this.awaitRegistered(id, register, resends + 1);
    }, registrationTimeoutFor(this.attempt, this.options.registrationTimeoutMs ?? 15_000, Math.random()));
  }

  private onData(id: number, m: MasterToAgent): void {
    if (id !== this.callId || this.stopped) return;
    const c = this.options.counters;
    if (m.error) {
      c.refused++;
      // A gone agent must start over as a new one.
      if (m.error.shutdown) this.agentId = '';
      this.onEnded(id, `refused: ${m.error.message ?? ''}`);
      return;
    }
    if (m.registered && !this.registered) {
      if (this.registrationTimer) clearTimeout(this.registrationTimer);
      this.registrationTimer = undefined;
      this.agentId = m.registered.agent_id?.value ?? this.agentId;
      this.registered = true;
      this.attempt = 0;
      this.lostRegisteredAt = undefined;
      c.registered++;
      c.registrations++;
      const now = Date.now();
      if (this.options.waits) {
        recordLatency(this.options.waits.admission, now - this.streamStartedAt);
        recordLatency(this.options.waits.registration, now - this.roundStartedAt);
      }
      this.roundStartedAt = 0;
      const intervalMs = Math.max(1000, (m.registered.heartbeat_interval_seconds ?? 15) * 1000);
      // A random phase, as agents started at different times have.
      this.heartbeatTimer = setTimeout(() => this.beat(id, intervalMs), Math.random() * intervalMs);
    }
    if (m.heartbeat && !this.registered) this.registerHeld = true;
    else if (m.heartbeat) this.send(id, { heartbeat: { timestamp: nowSeconds() } });
    const updates: StatusUpdate[] = [];
    for (const run of m.run ?? []) {
      for (const task of run.task ? [run.task] : run.task_group?.tasks ?? []) {
        c.launched++;
        updates.push({
          framework_id: run.framework?.id,
          status: { task_id: task.task_id, state: TaskState.TASK_RUNNING, agent_id: { value: this.agentId }, source: Source.SOURCE_EXECUTOR, timestamp: nowSeconds(), uuid: newUpdateUuid() },
        });
      }
    }
    if (updates.length > 0) this.send(id, { updates });
  }

  private beat(id: number, intervalMs: number): void {
    if (id !== this.callId || this.stopped) return;
    // As the real agent: not when the answer to the master's last ping already said it.
    if (this.options.everyOwnHeartbeat || ownHeartbeatDue(this.lastBeatSentAt === undefined ? undefined : Date.now() - this.lastBeatSentAt, intervalMs)) this.send(id, { heartbeat: { timestamp: nowSeconds() } });
    this.heartbeatTimer = setTimeout(() => this.beat(id, intervalMs), intervalMs);
  }

  private send(id: number, m: AgentToMaster): void {
    if (id !== this.callId || !this.call) return;
    if (m.heartbeat) {
      this.options.counters.heartbeats++;
      this.lastBeatSentAt = Date.now();
    }
    try {
      this.call.write(m);
    } catch {
      // the stream ended; onEnded follows
    }
  }

  private onEnded(id: number, why: string): void {
    if (id !== this.callId || this.stopped) return;
    this.callId++;
    const wasRegistered = this.registered;
    if (wasRegistered) {
      this.options.counters.registered--;
      this.options.counters.dropped++;
      this.roundStartedAt = Date.now();
    } else {
      this.options.counters.failedBeforeRegistered++;
      const waits = this.options.waits;
      if (waits) {
        const key = why.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID').replace(/:\d+/g, ':PORT');
        waits.failures[key] = (waits.failures[key] ?? 0) + 1;
      }
    }
    this.registered = false;
    this.clearTimers();
    const call = this.call;
    this.call = undefined;
    try {
      call?.cancel();
    } catch {
      // already closed
    }
    // As the real agent: a lost registered link (a failover) is retried after a random spread of up to 2 s,
    // a failed attempt after the jittered exponential backoff.
    // While a failover is young the backoff is capped short (reconnectCeilingMs), as the real agent's.
    const minMs = this.options.reconnectMinMs ?? 200;
    if (wasRegistered) this.lostRegisteredAt = Date.now();
    const sinceLost = this.lostRegisteredAt === undefined ? undefined : Date.now() - this.lostRegisteredAt;
    const delay = wasRegistered
      ? Math.round(Math.random() * Math.max(minMs, 2000))
      : reconnectDelayMs(this.attempt, minMs, reconnectCeilingMs(this.options.reconnectMaxMs ?? 10_000, sinceLost));
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private clearTimers(): void {
    for (const t of [this.retryTimer, this.registrationTimer, this.heartbeatTimer]) if (t) clearTimeout(t);
    this.retryTimer = this.registrationTimer = this.heartbeatTimer = undefined;
  }
}
