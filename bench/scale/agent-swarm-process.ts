/**
 * A child process of the scale harness driving a slice of the simulated
 * agents (bench/scale/simulated-agent.ts). Started with an IPC channel; takes
 * says `ready` once loaded, takes one {@link SwarmStart} message, then reports its {@link SwarmReport} every
 * 250 ms until told `stop`, when it ends every stream and exits.
 *
 * Two clients, same wire protocol: `http2` (default), the lean
 * AgentLink client of raw-agent-link.ts, one HTTP/2 session (TCP
 * connection) per connection; or `grpc-js`, where each connection is its own
 * gRPC channel (grpc-js shares a subchannel, one TCP connection, between
 * channels of the same target and options, so each gets a distinct
 * `meseta.bench.connection` option). Agents are spread over the connections
 * round-robin; when there are fewer connections than agents, several agents'
 * streams share one connection (HTTP/2 streams).
 */
import * as grpc from '@grpc/grpc-js';
import { AgentLinkClient, CHANNEL_OPTIONS } from '@meseta/proto/services';
import { ScaleAgent, emptyWaits, zeroCounters, type AgentLinkConnection, type SwarmCounters, type SwarmWaits } from './simulated-agent';
import { RawAgentLinkConnection } from './raw-agent-link';
import { FramedLinkClient } from '@meseta/runtime/framed-link-client';
import { AgentLinkService } from '@meseta/proto/services';
import type { AgentToMaster, MasterToAgent } from '@meseta/proto/wire';

/** What the harness tells a swarm to do. */
export interface SwarmStart {
  type: 'start';
  master: string;
  /** Index of this swarm's first agent (agents are numbered across swarms). */
  first: number;
  count: number;
  /** gRPC connections (channels) this swarm opens for its agents. */
  connections: number;
  /** Index of this swarm's first connection, across swarms (keeps the option distinct everywhere). */
  firstConnection: number;
  tasksPerAgent: number;
  frameworkId: string;
  /** Which AgentLink client the agents use. */
  client: SwarmClient;
  /** Own heartbeats every interval, answered pings or not (agents before they skipped it). */
  everyOwnHeartbeat?: boolean;
}

/** What a swarm reports. */
export interface SwarmReport {
  type: 'report';
  counters: SwarmCounters;
  /** Its agents' waits for `registered`, and why streams failed before it. */
  waits: SwarmWaits;
  /** The swarm process's CPU time so far (user + system), ms. */
  cpuMs: number;
  rssBytes: number;
}

/**
 * The simulated agents' AgentLink client: `link`, the light framing the real agent uses with a master that
 * offers it (`runtime/framed-link-client.ts`, the real agent's own client); `http2`, a lean gRPC client on
 * Node's http2 (raw-agent-link.ts); `grpc-js`, grpc-js's client.
 */
export type SwarmClient = 'link' | 'http2' | 'grpc-js';

/** A connection the swarm closes when told to stop. */
type SwarmConnection = AgentLinkConnection & { close(): void };

function start(msg: SwarmStart): { agents: ScaleAgent[]; clients: SwarmConnection[] } {
  const counters = zeroCounters();
  const waits = emptyWaits();
  const clients: SwarmConnection[] = [];
  for (let c = 0; c < msg.connections; c++) {
    if (msg.client === 'link') {
      const client = new FramedLinkClient<AgentToMaster, MasterToAgent>({ address: msg.master, codec: AgentLinkService.connect });
      clients.push({ connect: () => client.open(), close: () => client.close() });
      continue;
    }
    if (msg.client === 'http2') {
      clients.push(new RawAgentLinkConnection(msg.master));
      continue;
    }
    clients.push(
      new AgentLinkClient(msg.master, grpc.credentials.createInsecure(), {
        ...CHANNEL_OPTIONS,
        // The real agent's (agent/master-link.ts): backoff no longer than the link's, keepalive 30 s / 20 s.
        'grpc.initial_reconnect_backoff_ms': 200,
        'grpc.max_reconnect_backoff_ms': 10_000,
        'grpc.keepalive_time_ms': 30_000,
        'grpc.keepalive_timeout_ms': 20_000,
        'meseta.bench.connection': msg.firstConnection + c,
      }) as unknown as SwarmConnection,
    );
  }
  const agents: ScaleAgent[] = [];
  for (let i = 0; i < msg.count; i++) {
    agents.push(
      new ScaleAgent({ index: msg.first + i, connection: clients[i % clients.length], counters, waits, tasksPerAgent: msg.tasksPerAgent, frameworkId: msg.frameworkId, everyOwnHeartbeat: msg.everyOwnHeartbeat }),
    );
  }
  // Start them all now, a chunk per turn of the event loop so this process keeps answering.
  let next = 0;
  const chunk = (): void => {
    const end = Math.min(agents.length, next + 250);
    for (; next < end; next++) agents[next].start();
    if (next < agents.length) setImmediate(chunk);
  };
  chunk();
  const report = (): void => {
    const cpu = process.cpuUsage();
    const r: SwarmReport = { type: 'report', counters: { ...counters }, waits, cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: process.memoryUsage.rss() };
    process.send?.(r);
  };
  setInterval(report, 250).unref();
  return { agents, clients };
}

let running: { agents: ScaleAgent[]; clients: SwarmConnection[] } | undefined;
process.on('message', (msg: SwarmStart | { type: 'stop' }) => {
  if (msg.type === 'start' && !running) running = start(msg);
  if (msg.type === 'stop') {
    for (const a of running?.agents ?? []) a.stop();
    for (const c of running?.clients ?? []) c.close();
    process.exit(0);
  }
});
// Loaded and listening: the harness starts the clock once every swarm is ready.
process.send?.({ type: 'ready' });
// The harness went away: do not linger.
process.on('disconnect', () => process.exit(0));
