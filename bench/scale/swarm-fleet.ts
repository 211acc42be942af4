/**
 * A fleet of agent swarm processes (bench/scale/agent-swarm-process.ts) for
 * benchmarks that need N simulated agents registered with a real master:
 * forks the swarms, spreads agents and connections over them, starts them
 * together once every swarm has loaded, sums their reports, and stops them
 * by pid. Each agent gets a connection of its own up to `maxConnections`;
 * beyond that {@link FleetPlan.share} agents' streams share one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyWaits, zeroCounters, type SwarmCounters, type SwarmWaits } from './simulated-agent';
import { addLatency } from './latency-buckets';
import { cpuMsOf } from './master-control';
import type { SwarmClient, SwarmReport, SwarmStart } from './agent-swarm-process';

/** How the agents are spread. */
export interface FleetPlan {
  agents: number;
  connections: number;
  /** Most agents on one connection (1: every agent on its own). */
  share: number;
  swarms: number;
}

/** Options of {@link startFleet}. */
export interface FleetOptions {
  master: string;
  agents: number;
  tasksPerAgent: number;
  frameworkId: string;
  swarms: number;
  maxConnections: number;
  /** @default 'link' */
  client?: SwarmClient;
  /**
   * Number of the fleet's first agent (agents are `scale-agent-<n>`), so a
   * second fleet adds new agents beside a first one's. @default 0
   */
  firstAgent?: number;
  /**
   * The agents send their own heartbeat every interval even right after
   * answering the master's ping, as agents did before they skipped it (to
   * run an older master with the agents of its time). @default false
   */
  everyOwnHeartbeat?: boolean;
  /**
   * Scheduling niceness of the swarm processes (`os.setPriority`, -20..19):
   * with a positive value the master, on the same cores, gets a core before
   * the simulated agents do, as a master whose agents run on other machines
   * has. @default unchanged (the bench process's)
   */
  nice?: number;
}

/**
 * The `--swarm-nice` flag's value: a whole number from -20 to 19, or
 * undefined when the flag is absent. Throws naming the flag and the value otherwise.
 */
export function swarmNiceFrom(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < -20 || n > 19) throw new Error(`--swarm-nice: expected a whole number from -20 to 19, got ${JSON.stringify(text)}`);
  return n;
}

/** Running swarms. */
export interface Fleet {
  readonly plan: FleetPlan;
  /** The swarms' counters, summed, with their CPU time (ms) and RSS (bytes). */
  totals(): SwarmCounters & { cpuMs: number; rss: number };
  /** The swarms' waits for `registered` and failure reasons, summed. */
  waits(): SwarmWaits;
  /** Tell every swarm to stop, SIGKILL the ones still there after 10 s; resolves when all exited. */
  stop(): Promise<void>;
}

/** How `agents` agents are spread over at most `maxConnections` connections. */
export function planFleet(agents: number, swarms: number, maxConnections: number): FleetPlan {
  const connections = Math.max(1, Math.min(agents, maxConnections));
  return { agents, connections, share: Math.ceil(agents / connections), swarms: Math.max(1, Math.min(swarms, agents)) };
}

/** Fork the swarms, wait until each has loaded, then start every agent at once. */
export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const plan = planFleet(o.agents, o.swarms, o.maxConnections);
  const entries: Array<{ child: ChildProcess; report: SwarmReport }> = [];
  const starts: Array<{ child: ChildProcess; msg: SwarmStart }> = [];
  let first = o.firstAgent ?? 0;
  let firstConnection = o.firstAgent ?? 0;
  for (let s = 0; s < plan.swarms; s++) {
    const count = Math.floor(o.agents / plan.swarms) + (s < o.agents % plan.swarms ? 1 : 0);
    const conns = Math.floor(plan.connections / plan.swarms) + (s < plan.connections % plan.swarms ? 1 : 0);
    if (count === 0) continue;
    const child = fork(path.join(__dirname, 'agent-swarm-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (o.nice !== undefined && child.pid !== undefined) os.setPriority(child.pid, o.nice);
    entries.push({ child, report: { type: 'report', counters: zeroCounters(), waits: emptyWaits(), cpuMs: 0, rssBytes: 0 } });
    starts.push({
      child,
      msg: {
        type: 'start',
        master: o.master,
        first,
        count,
        connections: Math.max(1, conns),
        firstConnection,
        tasksPerAgent: o.tasksPerAgent,
        frameworkId: o.frameworkId,
        client: o.client ?? 'link',
        everyOwnHeartbeat: o.everyOwnHeartbeat ?? false,
      },
    });
    first += count;
    firstConnection += conns;
  }
  const stop = async (): Promise<void> => {
    await Promise.all(
      entries.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        try {
          child.send({ type: 'stop' });
        } catch {
          // IPC already closed
        }
        const t = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }),
    );
  };
  try {
    await Promise.all(
      entries.map(
        (entry) =>
          new Promise<void>((resolve, reject) => {
            entry.child.on('message', (m: SwarmReport | { type: 'ready' }) => {
              if (m.type === 'ready') resolve();
              else entry.report = m;
            });
            entry.child.once('exit', (code) => reject(new Error(`a swarm process exited with ${code}`)));
          }),
      ),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  for (const { child, msg } of starts) child.send(msg);
  return {
    plan,
    totals: () => {
      const sum = { ...zeroCounters(), cpuMs: 0, rss: 0 };
      for (const { child, report } of entries) {
        for (const k of Object.keys(report.counters) as Array<keyof SwarmCounters>) sum[k] += report.counters[k];
        // Read from /proc: a swarm's own report arrives late (or lumped) while its event loop is busy with a reconnect burst.
        sum.cpuMs += Math.max(report.cpuMs, child.pid === undefined ? 0 : cpuMsOf(child.pid));
        sum.rss += report.rssBytes;
      }
      return sum;
    },
    waits: () => {
      const sum = emptyWaits();
      for (const { report } of entries) {
        addLatency(sum.admission, report.waits.admission);
        addLatency(sum.registration, report.waits.registration);
        for (const [why, n] of Object.entries(report.waits.failures)) sum.failures[why] = (sum.failures[why] ?? 0) + n;
      }
      return sum;
    },
    stop,
  };
}
