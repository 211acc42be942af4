/**
 * A simulated agent for the launch bench: the real Agent API over one
 * AgentLink.Connect stream (its own connection), nothing run. It registers
 * with its hostname and resources, answers the master's heartbeats and sends
 * its own, and answers every launch with TASK_RUNNING at once: the updates of
 * one turn of the event loop go out in one message, as the real agent batches
 * them. Kills and framework shutdowns are not answered (the bench's tasks
 * end with their framework). A stream that ends is opened again after a
 * second and the agent re-registers with its id.
 */
import type { AgentToMaster, MasterToAgent, StatusUpdate } from '@meseta/proto/wire';
import { Source, TaskState } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid, nowSeconds } from '@meseta/proto/ids';
import type { AgentLinkConnection, AgentLinkStream } from '../scale/simulated-agent';

/** What a swarm counts across its agents. */
export interface LaunchAgentCounters {
  registered: number;
  launched: number;
  refused: number;
  lastRefusal?: string;
}

/** Options of one {@link LaunchAgent}. */
export interface LaunchAgentOptions {
  hostname: string;
  /** Offered resources, e.g. `cpus:1000;mem:1000000`. */
  resources: string;
  connection: AgentLinkConnection;
  counters: LaunchAgentCounters;
}

/** One simulated agent; {@link start} opens its stream. */
export class LaunchAgent {
  private agentId = '';
  private call?: AgentLinkStream;
  private callId = 0;
  private registered = false;
  private stopped = false;
  private heartbeatTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private pending: StatusUpdate[] = [];
  private flushScheduled = false;
  private readonly resources;

  constructor(private readonly options: LaunchAgentOptions) {
    this.resources = parseResources(options.resources);
  }

  /** Open the stream and register. */
  start(): void {
    if (this.stopped) return;
    const id = ++this.callId;
    const call = this.options.connection.connect();
    this.call = call;
    call.on('data', (m: MasterToAgent) => this.onData(id, m));
    call.on('error', () => this.onEnded(id));
    call.on('end', () => this.onEnded(id));
    call.write({
      register: {
        agent_info: { ...(this.agentId ? { id: { value: this.agentId } } : {}), hostname: this.options.hostname, port: 5051, resources: this.resources },
        version: 'simulated-launch',
      },
    });
  }

  /** End the stream and every timer. */
  stop(): void {
    this.stopped = true;
    if (this.registered) this.options.counters.registered--;
    this.registered = false;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    try {
      this.call?.cancel();
    } catch {
      // already closed
    }
  }

  private onData(id: number, m: MasterToAgent): void {
    if (id !== this.callId || this.stopped) return;
    const c = this.options.counters;
    if (m.error) {
      c.refused++;
      c.lastRefusal = m.error.message ?? '';
      if (m.error.shutdown) this.agentId = '';
      this.onEnded(id);
      return;
    }
    if (m.registered && !this.registered) {
      this.agentId = m.registered.agent_id?.value ?? this.agentId;
      this.registered = true;
      c.registered++;
      const intervalMs = Math.max(1000, (m.registered.heartbeat_interval_seconds ?? 15) * 1000);
      const beat = (): void => {
        this.send(id, { heartbeat: { timestamp: nowSeconds() } });
        this.heartbeatTimer = setTimeout(beat, intervalMs);
      };
      this.heartbeatTimer = setTimeout(beat, Math.random() * intervalMs);
    }
    if (m.heartbeat) this.send(id, { heartbeat: { timestamp: nowSeconds() } });
    for (const run of m.run ?? []) {
      for (const task of run.task ? [run.task] : run.task_group?.tasks ?? []) {
        c.launched++;
        this.pending.push({
          framework_id: run.framework?.id,
          status: { task_id: task.task_id, state: TaskState.TASK_RUNNING, agent_id: { value: this.agentId }, source: Source.SOURCE_EXECUTOR, timestamp: nowSeconds(), uuid: newUpdateUuid() },
        });
      }
    }
    if (this.pending.length > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const updates = this.pending;
        this.pending = [];
        this.send(id, { updates });
      });
    }
  }

  private send(id: number, m: AgentToMaster): void {
    if (id !== this.callId || !this.call) return;
    try {
      this.call.write(m);
    } catch {
      // the stream ended; onEnded follows
    }
  }

  private onEnded(id: number): void {
    if (id !== this.callId || this.stopped) return;
    this.callId++;
    if (this.registered) this.options.counters.registered--;
    this.registered = false;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    try {
      this.call?.cancel();
    } catch {
      // already closed
    }
    this.call = undefined;
    this.retryTimer = setTimeout(() => this.start(), 1000);
  }
}
