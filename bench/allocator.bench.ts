/**
 * Allocation benchmark: the incremental hierarchical DRF allocator against
 * a naive one (bench/baseline/naive-allocator.ts: visits every agent every
 * pass, re-sorts every framework for every agent), side by side in one
 * process. Agents have cpus:16;mem:65536;ports:[31000-32000]; all frameworks
 * subscribe to one role, as in the Mesos allocator benchmarks.
 *
 * Measured (median of several repetitions, process.hrtime):
 *   (a) adding 10,000 agents;
 *   (b) one full pass with everything dirty (the first after adding) at
 *       10,000 agents x 100 and x 1,000 frameworks;
 *   (c) a pass after recovering the resources of 1 % of the agents;
 *   (d) a pass when nothing changed.
 *
 *   npm run build && node --expose-gc dist/bench/allocator.bench.js [--agents 10000] [--reps 7] [--baseline-reps 3] [--samples]
 */
import type { Allocation, Allocator } from '../master/allocator/allocator';
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { parseResources } from '../proto/src/resource-text';
import type { Resource } from '../proto/src/wire';
import { NaiveAllocator } from './baseline/naive-allocator';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const AGENTS = arg('agents', 10_000);
const REPS = arg('reps', 7);
const BASELINE_REPS = arg('baseline-reps', 3);
const FRAMEWORK_COUNTS = [100, 1_000];
const ROLE = 'bench';
const AGENT_RESOURCES = parseResources('cpus:16;mem:65536;ports:[31000-32000]');
const NOW = 1_000_000;

type Kind = 'incremental' | 'naive';

interface Measured {
  ms: number[];
  visited?: number;
  offers?: number;
}

function makeAllocator(kind: Kind): Allocator & { lastPassVisitedAgents: number } {
  return kind === 'incremental' ? new HierarchicalAllocator({ clock: () => NOW }) : new NaiveAllocator(() => NOW);
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function time(work: () => void): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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
  firstPassMs: number;
  firstPass: Allocation[];
}

function buildCluster(kind: Kind, frameworks: number, agents: number): Cluster {
  const allocator = makeAllocator(kind);
  addFrameworks(allocator, frameworks);
  addAgents(allocator, agents);
  let firstPass: Allocation[] = [];
  const firstPassMs = time(() => {
    firstPass = allocator.allocate(NOW);
  });
  const held = new Map(firstPass.map((a) => [a.agentId, a]));
  return { allocator, held, firstPassMs, firstPass };
}

/** Recover the offers on `count` agents starting at `from`, then time one pass. */
function recoverAndPass(cluster: Cluster, from: number, count: number): Measured & { offers: number } {
  for (let i = 0; i < count; i++) {
    const agentId = `agent-${(from + i) % AGENTS}`;
    const offer = cluster.held.get(agentId);
    if (offer) cluster.allocator.recoverResources(offer.frameworkId, agentId, offer.resources);
  }
  let offers: Allocation[] = [];
  const ms = time(() => {
    offers = cluster.allocator.allocate(NOW);
  });
  for (const offer of offers) cluster.held.set(offer.agentId, offer);
  return { ms: [ms], visited: cluster.allocator.lastPassVisitedAgents, offers: offers.length };
}

function measureAddAgents(kind: Kind, reps: number): Measured {
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const allocator = makeAllocator(kind);
    addFrameworks(allocator, 100);
    ms.push(time(() => addAgents(allocator, AGENTS)));
  }
  return { ms };
}

function measureFullPass(kind: Kind, frameworks: number, reps: number): Measured & { last: Cluster } {
  const ms: number[] = [];
  let last: Cluster | undefined;
  for (let r = 0; r < reps; r++) {
    last = undefined;
    collectGarbage();
    last = buildCluster(kind, frameworks, AGENTS);
    ms.push(last.firstPassMs);
  }
  const cluster = last as Cluster;
  return { ms, visited: cluster.allocator.lastPassVisitedAgents, offers: cluster.firstPass.length, last: cluster };
}

function measureIncremental(cluster: Cluster, reps: number): Measured {
  const onePercent = Math.max(1, Math.round(AGENTS / 100));
  const ms: number[] = [];
  let visited = 0;
  let offers = 0;
  for (let r = 0; r < reps; r++) {
    const result = recoverAndPass(cluster, r * onePercent * 7, onePercent);
    ms.push(...result.ms);
    visited = result.visited ?? 0;
    offers = result.offers;
  }
  return { ms, visited, offers };
}

function measureUnchanged(cluster: Cluster, reps: number): Measured {
  const ms: number[] = [];
  let offers = 0;
  for (let r = 0; r < reps; r++) {
    ms.push(
      time(() => {
        offers = cluster.allocator.allocate(NOW).length;
      }),
    );
  }
  return { ms, visited: cluster.allocator.lastPassVisitedAgents, offers };
}

/** Warm the JIT on a small cluster so the first measured repetition is not an outlier. */
function warmUp(kind: Kind): void {
  for (let i = 0; i < 3; i++) {
    const cluster = buildCluster(kind, 50, 1_000);
    measureIncremental(cluster, 3);
    measureUnchanged(cluster, 3);
  }
}

/** The two allocators must make the same decisions on the first pass (same policy, same tie-breaks). */
function sameDecisions(a: Allocation[], b: Allocation[]): boolean {
  return a.length === b.length && a.every((x, i) => x.frameworkId === b[i].frameworkId && x.agentId === b[i].agentId);
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
    const list = (m: Measured): string => m.ms.map(format).join(' ');
    console.log(`${row.scenario}\n  incremental: ${list(row.incremental)}\n  naive:       ${list(row.naive)}`);
  }
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'incremental ms', 'naive ms', 'naive / incremental', 'agents visited (inc / naive)', 'offers'];
  const lines = rows.map((row) => {
    const inc = median(row.incremental.ms);
    const naive = median(row.naive.ms);
    return [
      row.scenario,
      format(inc),
      format(naive),
      `${(naive / inc).toFixed(1)}x`,
      row.incremental.visited === undefined ? '-' : `${row.incremental.visited} / ${row.naive.visited}`,
      row.incremental.offers === undefined ? '-' : `${row.incremental.offers}`,
    ];
  });
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

function main(): void {
  console.log(`allocator benchmark: ${AGENTS} agents (cpus:16;mem:65536;ports:[31000-32000]), one role, medians of ${REPS} (naive: ${BASELINE_REPS}) repetitions`);
  console.log(`node ${process.version}, gc between samples: ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'yes' : 'no (run with --expose-gc)'}`);
  warmUp('incremental');
  warmUp('naive');

  const rows: Row[] = [];
  rows.push({
    scenario: `(a) add ${AGENTS} agents`,
    incremental: measureAddAgents('incremental', REPS),
    naive: measureAddAgents('naive', BASELINE_REPS),
  });
  for (const frameworks of FRAMEWORK_COUNTS) {
    const incremental = measureFullPass('incremental', frameworks, REPS);
    const naive = measureFullPass('naive', frameworks, BASELINE_REPS);
    const agree = sameDecisions(incremental.last.firstPass, naive.last.firstPass);
    console.log(`${frameworks} frameworks: first-pass decisions identical in both allocators: ${agree ? 'yes' : 'NO'}`);
    // Rows keep figures only, so finished clusters can be collected.
    const figures = ({ ms, visited, offers }: Measured): Measured => ({ ms, visited, offers });
    rows.push({ scenario: `(b) full pass, ${AGENTS} agents x ${frameworks} frameworks`, incremental: figures(incremental), naive: figures(naive) });
    rows.push({
      scenario: `(c) pass after recovering 1 % of agents, x ${frameworks} frameworks`,
      incremental: measureIncremental(incremental.last, REPS),
      naive: measureIncremental(naive.last, BASELINE_REPS),
    });
    rows.push({
      scenario: `(d) pass when nothing changed, x ${frameworks} frameworks`,
      incremental: measureUnchanged(incremental.last, REPS),
      naive: measureUnchanged(naive.last, BASELINE_REPS),
    });
  }
  if (process.argv.includes('--samples')) printSamples(rows);
  printTable(rows);
  const headline = rows.find((r) => r.scenario.startsWith('(b)') && r.scenario.endsWith('x 1000 frameworks'));
  if (headline) {
    const ms = median(headline.incremental.ms);
    console.log(`one full pass at ${AGENTS} agents x 1000 frameworks: ${format(ms)} ms (target <= 50 ms; Mesos 1.7: ~1060 ms)`);
  }
}

main();
