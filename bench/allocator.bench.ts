/**
 * Allocation benchmark: the incremental hierarchical DRF allocator against
 * a naive one (bench/baseline/naive-allocator.ts: visits every agent every
 * pass, re-sorts every framework for every agent), side by side in one
 * process. Agents have cpus:16;mem:65536;ports:[31000-32000]; all frameworks
 * subscribe to one role, as in the Mesos allocator benchmarks.
 *
 * Each allocator is measured in a child process of its own (same command,
 * same run), so that one's JIT state does not slow the other.
 *
 * Measured (median of several repetitions; wall time with process.hrtime,
 * and the process's CPU time beside it, which other processes sharing the
 * cores disturb much less):
 *   (a) adding 10,000 agents;
 *   (b) one full pass with everything dirty (the first after adding) at
 *       10,000 agents x 100 and x 1,000 frameworks;
 *   (c) a pass after recovering the resources of 1 % of the agents;
 *   (d) a pass when nothing changed.
 *
 *   npm run build && node --expose-gc dist/bench/allocator.bench.js [--agents 10000] [--reps 9] [--baseline-reps 3] [--frameworks 100,1000] [--samples]
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Allocation, Allocator } from '../master/allocator/allocator';
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { parseResources } from '@meseta/proto/resource-text';
import type { Resource } from '@meseta/proto/wire';
import { NaiveAllocator } from './baseline/naive-allocator';
import { arg, median } from './support/bench-args';

const AGENTS = arg('agents', 10_000);
const REPS = arg('reps', 9);
const BASELINE_REPS = arg('baseline-reps', 3);
const FRAMEWORK_COUNTS = (() => {
  const i = process.argv.indexOf('--frameworks');
  return i >= 0 ? process.argv[i + 1].split(',').map(Number) : [100, 1_000];
})();
const ROLE = 'bench';
const AGENT_RESOURCES = parseResources('cpus:16;mem:65536;ports:[31000-32000]');
const NOW = 1_000_000;

type Kind = 'incremental' | 'naive';

/** One timed run: wall-clock ms (process.hrtime) and CPU ms of the process (all its threads, GC included). */
interface Sample {
  wall: number;
  cpu: number;
}

interface Measured {
  /** Wall-clock ms per repetition. */
  ms: number[];
  /** CPU ms per repetition: steadier than wall time when other processes share the cores. */
  cpu: number[];
  visited?: number;
  offers?: number;
}

function makeAllocator(kind: Kind): Allocator & { lastPassVisitedAgents: number } {
  return kind === 'incremental' ? new HierarchicalAllocator({ clock: () => NOW }) : new NaiveAllocator(() => NOW);
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function time(work: () => void): Sample {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Collect samples into a Measured. */
function measured(samples: Sample[], visited?: number, offers?: number): Measured {
  return { ms: samples.map((x) => x.wall), cpu: samples.map((x) => x.cpu), visited, offers };
}

function addFrameworks(allocator: Allocator, count: number): void {
  for (let i = 0; i < count; i++) allocator.addFramework(`fw-${i}`, { roles: [ROLE] });
}

function addAgents(allocator: Allocator, count: number, resources: Resource[] = AGENT_RESOURCES): void {
  for (let i = 0; i < count; i++) allocator.addAgent(`agent-${i}`, { hostname: `host-${i}`, total: resources });
}

/** A cluster after its first pass, with who holds what. */
interface Cluster {
  allocator: Allocator & { lastPassVisitedAgents: number };
  held: Map<string, Allocation>;
  firstPassTime: Sample;
  firstPass: Allocation[];
}

function buildCluster(kind: Kind, frameworks: number, agents: number): Cluster {
  const allocator = makeAllocator(kind);
  addFrameworks(allocator, frameworks);
  addAgents(allocator, agents);
  let firstPass: Allocation[] = [];
  const firstPassTime = time(() => {
    firstPass = allocator.allocate(NOW);
  });
  const held = new Map(firstPass.map((a) => [a.agentId, a]));
  return { allocator, held, firstPassTime, firstPass };
}

/** Recover the offers on `count` agents starting at `from`, then time one pass. */
function recoverAndPass(cluster: Cluster, from: number, count: number): { sample: Sample; visited: number; offers: number } {
  for (let i = 0; i < count; i++) {
    const agentId = `agent-${(from + i) % AGENTS}`;
    const offer = cluster.held.get(agentId);
    if (offer) cluster.allocator.recoverResources(offer.frameworkId, agentId, offer.resources);
  }
  let offers: Allocation[] = [];
  const sample = time(() => {
    offers = cluster.allocator.allocate(NOW);
  });
  for (const offer of offers) cluster.held.set(offer.agentId, offer);
  return { sample, visited: cluster.allocator.lastPassVisitedAgents, offers: offers.length };
}

function measureAddAgents(kind: Kind, reps: number): Measured {
  const samples: Sample[] = [];
  for (let r = 0; r < reps; r++) {
    const allocator = makeAllocator(kind);
    addFrameworks(allocator, 100);
    samples.push(time(() => addAgents(allocator, AGENTS)));
  }
  return measured(samples);
}

function measureFullPass(kind: Kind, frameworks: number, reps: number): Measured & { last: Cluster } {
  const samples: Sample[] = [];
  let last: Cluster | undefined;
  for (let r = 0; r < reps; r++) {
    last = undefined;
    collectGarbage();
    last = buildCluster(kind, frameworks, AGENTS);
    samples.push(last.firstPassTime);
  }
  const cluster = last as Cluster;
  return { ...measured(samples, cluster.allocator.lastPassVisitedAgents, cluster.firstPass.length), last: cluster };
}

function measureIncremental(cluster: Cluster, reps: number): Measured {
  const onePercent = Math.max(1, Math.round(AGENTS / 100));
  const samples: Sample[] = [];
  let visited = 0;
  let offers = 0;
  for (let r = 0; r < reps; r++) {
    const result = recoverAndPass(cluster, r * onePercent * 7, onePercent);
    samples.push(result.sample);
    visited = result.visited;
    offers = result.offers;
  }
  return measured(samples, visited, offers);
}

function measureUnchanged(cluster: Cluster, reps: number): Measured {
  const samples: Sample[] = [];
  let offers = 0;
  for (let r = 0; r < reps; r++) {
    samples.push(
      time(() => {
        offers = cluster.allocator.allocate(NOW).length;
      }),
    );
  }
  return measured(samples, cluster.allocator.lastPassVisitedAgents, offers);
}

/**
 * Warm the JIT on every cluster shape measured, so that what is measured is
 * the steady state of a long-running master rather than tier-up: the
 * incremental allocator on full-size clusters, the naive one (whose full
 * pass takes seconds) on a fifth of the agents.
 */
function warmUp(kind: Kind): void {
  const agents = kind === 'incremental' ? AGENTS : Math.ceil(AGENTS / 5);
  for (let i = 0; i < 2; i++) {
    for (const frameworks of FRAMEWORK_COUNTS) {
      const cluster = buildCluster(kind, frameworks, agents);
      measureIncremental(cluster, 3);
      measureUnchanged(cluster, 3);
    }
  }
}

/** A digest of first-pass decisions: the two allocators must agree (same policy, same tie-breaks). */
function decisionDigest(offers: Allocation[]): string {
  return createHash('sha256')
    .update(offers.map((o) => `${o.frameworkId}@${o.agentId}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** What one allocator kind measured, by scenario, as sent from its child process. */
interface KindResult {
  scenarios: Array<{ scenario: string; measured: Measured }>;
  digests: Record<string, string>;
}

/** Measure every scenario for one allocator kind (runs in a child process of its own). */
function measureKind(kind: Kind): KindResult {
  const reps = kind === 'incremental' ? REPS : BASELINE_REPS;
  warmUp(kind);
  const scenarios: KindResult['scenarios'] = [];
  const digests: Record<string, string> = {};
  for (const frameworks of FRAMEWORK_COUNTS) {
    const full = measureFullPass(kind, frameworks, reps);
    digests[frameworks] = decisionDigest(full.last.firstPass);
    scenarios.push({ scenario: `(b) full pass, ${AGENTS} agents x ${frameworks} frameworks`, measured: { ms: full.ms, cpu: full.cpu, visited: full.visited, offers: full.offers } });
    scenarios.push({ scenario: `(c) pass after recovering 1 % of agents, x ${frameworks} frameworks`, measured: measureIncremental(full.last, reps) });
    scenarios.push({ scenario: `(d) pass when nothing changed, x ${frameworks} frameworks`, measured: measureUnchanged(full.last, reps) });
  }
  // Last, though listed first: building and dropping ten clusters in a row leaves the heap in
  // a state that slows the next few passes for a while, which would skew (b).
  scenarios.unshift({ scenario: `(a) add ${AGENTS} agents`, measured: measureAddAgents(kind, reps) });
  return { scenarios, digests };
}

/** Run this script again as a child measuring one kind, so neither allocator's JIT state affects the other. */
function measureInChild(kind: Kind): Promise<KindResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [...process.argv.slice(2), '--kind', kind], { execArgv: process.execArgv });
    let result: KindResult | undefined;
    child.on('message', (message) => (result = message as KindResult));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${kind} run exited with ${code}`))));
  });
}

interface Row {
  scenario: string;
  incremental: Measured;
  naive: Measured;
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}

function printSamples(rows: Row[]): void {
  for (const row of rows) {
    const list = (m: Measured): string => m.ms.map((ms, i) => `${format(ms)} (cpu ${format(m.cpu[i])})`).join(' ');
    console.log(`${row.scenario}\n  incremental: ${list(row.incremental)}\n  naive:       ${list(row.naive)}`);
  }
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'incremental ms', 'incremental min', 'incremental CPU ms', 'naive ms', 'naive CPU ms', 'naive / incremental', 'agents visited (inc / naive)', 'offers'];
  const lines = rows.map((row) => {
    const inc = median(row.incremental.ms);
    const naive = median(row.naive.ms);
    return [
      row.scenario,
      format(inc),
      format(Math.min(...row.incremental.ms)),
      format(median(row.incremental.cpu)),
      format(naive),
      format(median(row.naive.cpu)),
      `${(naive / inc).toFixed(1)}x`,
      row.incremental.visited === undefined ? '-' : `${row.incremental.visited} / ${row.naive.visited}`,
      row.incremental.offers === undefined ? '-' : `${row.incremental.offers}`,
    ];
  });
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

async function main(): Promise<void> {
  const kindArg = process.argv.indexOf('--kind');
  if (kindArg >= 0) {
    const result = measureKind(process.argv[kindArg + 1] as Kind);
    // Run by hand (`--kind incremental`, e.g. under --cpu-prof) there is no parent: print instead.
    if (process.send) process.send(result);
    else console.log(JSON.stringify(result, null, 1));
    return;
  }
  console.log(`allocator benchmark: ${AGENTS} agents (cpus:16;mem:65536;ports:[31000-32000]), one role, medians of ${REPS} (naive: ${BASELINE_REPS}) repetitions`);
  console.log(`node ${process.version}, gc between samples: ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'yes' : 'no (run with --expose-gc)'}, each allocator measured in its own child process`);
  const incremental = await measureInChild('incremental');
  const naive = await measureInChild('naive');
  for (const frameworks of FRAMEWORK_COUNTS) {
    const agree = incremental.digests[frameworks] === naive.digests[frameworks];
    console.log(`${frameworks} frameworks: first-pass decisions identical in both allocators: ${agree ? 'yes' : 'NO'}`);
  }
  const rows: Row[] = incremental.scenarios.map(({ scenario, measured }, i) => ({ scenario, incremental: measured, naive: naive.scenarios[i].measured }));
  if (process.argv.includes('--samples')) printSamples(rows);
  printTable(rows);
  const headline = rows.find((r) => r.scenario.startsWith('(b)') && r.scenario.endsWith('x 1000 frameworks'));
  if (headline) {
    const ms = median(headline.incremental.ms);
    console.log(`one full pass at ${AGENTS} agents x 1000 frameworks: ${format(ms)} ms wall, ${format(median(headline.incremental.cpu))} ms CPU (medians; target <= 50 ms; Mesos 1.7: ~1060 ms)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
