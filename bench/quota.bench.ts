/**
 * Quota benchmark (issue 14): one full allocation pass of the hierarchical
 * allocator at N agents x F frameworks in R roles, every case in one run,
 * repetitions interleaved (A B C D, then B C D A, ...), so that the load of
 * the machine and the JIT's warm-up fall on all of them alike:
 *
 * - flat plain: R flat roles, no quota, no reservations;
 * - flat quota: the same with every role under quota (a guarantee of half
 *   its fair share of cpus and mem, a limit of twice it);
 * - tree plain: R roles as sqrt(R) parents x sqrt(R) children (`p3/c7`),
 *   frameworks in the children, and 10 % of the agents with half their cpus
 *   and mem reserved (statically, as `--resources cpus(p3/c7):8` gives them)
 *   to one child role; no quota;
 * - tree quota: the same with quota on every parent (guarantee half its fair
 *   share, limit twice it) and every child (a tenth of its parent's);
 * - with `--baseline DIR`: flat plain again with the allocator built from an
 *   earlier commit (DIR/master/allocator/hierarchical-allocator.js), the
 *   baseline we build ourselves to show the plain pass did not slow down.
 *
 * Agents have cpus:16;mem:65536;ports:[31000-32000]. Reports wall ms
 * (process.hrtime) of the first pass (everything dirty), median of reps, and
 * of a pass after 1 % of the offers come back. All in process: the allocator
 * is pure, no daemon is involved.
 *
 *   npm run build && node --expose-gc dist/bench/quota.bench.js [--agents 10000] [--frameworks 1000] [--roles 100] [--reps 5] [--baseline /tmp/before/dist] [--cases 'flat quota,tree quota']
 */
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { parseResources } from '@meseta/proto/resource-text';
import type { Allocation } from '../master/allocator/allocator';
import { arg, median } from './support/bench-args';

const AGENTS = arg('agents', 10_000);
const FRAMEWORKS = arg('frameworks', 1_000);
const ROLES = arg('roles', 100);
const REPS = arg('reps', 3);
const BASELINE = (() => {
  const i = process.argv.indexOf('--baseline');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
const AGENT_RESOURCES = 'cpus:16;mem:65536;ports:[31000-32000]';
const NOW = 1_000_000;
const BRANCH = Math.max(1, Math.round(Math.sqrt(ROLES)));

/** The part of HierarchicalAllocator the bench drives (so an earlier build's class fits too). */
interface BenchAllocator {
  addFramework(id: string, f: { roles: string[] }): void;
  addAgent(id: string, a: { hostname: string; total: ReturnType<typeof parseResources> }): void;
  updateQuota(role: string, q: { guarantees?: Map<string, number>; limits?: Map<string, number> }): void;
  allocate(now: number): Allocation[];
  recoverResources(frameworkId: string, agentId: string, resources: Allocation['resources']): void;
}

type Make = () => BenchAllocator;

interface Case {
  name: string;
  make: Make;
  tree: boolean;
  quota: boolean;
}

function roleOf(f: number, tree: boolean): string {
  const r = f % ROLES;
  return tree ? `p${r % BRANCH}/c${Math.floor(r / BRANCH)}` : `role${r}`;
}

function build(c: Case): BenchAllocator {
  const allocator = c.make();
  const fairCpus = (AGENTS * 16) / ROLES;
  const fairMem = (AGENTS * 65536) / ROLES;
  if (c.quota && !c.tree) {
    for (let r = 0; r < ROLES; r++) {
      allocator.updateQuota(`role${r}`, {
        guarantees: new Map([['cpus', fairCpus / 2], ['mem', fairMem / 2]]),
        limits: new Map([['cpus', fairCpus * 2], ['mem', fairMem * 2]]),
      });
    }
  }
  if (c.quota && c.tree) {
    const children = Math.ceil(ROLES / BRANCH);
    for (let p = 0; p < BRANCH; p++) {
      const share = children / ROLES;
      const g = { cpus: (AGENTS * 16 * share) / 2, mem: (AGENTS * 65536 * share) / 2 };
      allocator.updateQuota(`p${p}`, { guarantees: new Map([['cpus', g.cpus], ['mem', g.mem]]), limits: new Map([['cpus', g.cpus * 4], ['mem', g.mem * 4]]) });
      for (let k = 0; k < children; k++) {
        allocator.updateQuota(`p${p}/c${k}`, {
          guarantees: new Map([['cpus', g.cpus / children], ['mem', g.mem / children]]),
          limits: new Map([['cpus', fairCpus * 2], ['mem', fairMem * 2]]),
        });
      }
    }
  }
  for (let f = 0; f < FRAMEWORKS; f++) allocator.addFramework(`fw${f}`, { roles: [roleOf(f, c.tree)] });
  for (let a = 0; a < AGENTS; a++) {
    // Every tenth agent of the tree cases has half its cpus and mem reserved to one child role.
    const text = c.tree && a % 10 === 0 ? reservedText(roleOf(a / 10, true)) : AGENT_RESOURCES;
    allocator.addAgent(`agent${a}`, { hostname: `h${a}`, total: parseResources(text) });
  }
  return allocator;
}

function reservedText(role: string): string {
  return `cpus:8;mem:32768;cpus(${role}):8;mem(${role}):32768;ports:[31000-32000]`;
}

/** Wall ms and the process's CPU ms (user + system: less moved than wall time by other work on a loaded machine). */
function time(run: () => Allocation[]): { ms: number; cpuMs: number; offers: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const offers = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, offers: offers.length };
}

interface Samples {
  first: number[];
  firstCpu: number[];
  recovered: number[];
  offers: number;
}

function once(c: Case, into: Samples): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const allocator = build(c);
  // The build's garbage is collected before the clock starts, for every case alike.
  gc?.();
  const t = time(() => allocator.allocate(NOW));
  into.first.push(t.ms);
  into.firstCpu.push(t.cpuMs);
  into.offers = t.offers;
  // Give back 1 % of the first pass's offers and allocate again.
  const again = build(c);
  const given = again.allocate(NOW);
  for (const o of given.slice(0, Math.ceil(given.length / 100))) again.recoverResources(o.frameworkId, o.agentId, o.resources);
  into.recovered.push(time(() => again.allocate(NOW)).ms);
}

async function main(): Promise<void> {
  const current: Make = () => new HierarchicalAllocator({ clock: () => NOW });
  const cases: Case[] = [
    { name: 'flat plain', make: current, tree: false, quota: false },
    { name: 'flat quota', make: current, tree: false, quota: true },
    { name: 'tree plain', make: current, tree: true, quota: false },
    { name: 'tree quota', make: current, tree: true, quota: true },
  ];
  if (BASELINE) {
    const mod = (await import(`${BASELINE}/master/allocator/hierarchical-allocator.js`)) as { HierarchicalAllocator: new (o: { clock: () => number }) => BenchAllocator };
    cases.push({ name: 'flat plain (baseline)', make: () => new mod.HierarchicalAllocator({ clock: () => NOW }), tree: false, quota: false });
  }
  const only = (() => {
    const i = process.argv.indexOf('--cases');
    return i >= 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
  })();
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.has(c.name)));
  const samples = new Map(cases.map((c) => [c.name, { first: [], firstCpu: [], recovered: [], offers: 0 } as Samples]));
  // Each repetition starts one case later, so that no case always runs first (JIT warm-up) or after the same one.
  for (let rep = 0; rep < REPS; rep++) for (let i = 0; i < cases.length; i++) once(cases[(rep + i) % cases.length], samples.get(cases[(rep + i) % cases.length].name)!);
  const m = (name: string): number => median(samples.get(name)!.first);
  process.stdout.write(`quota bench: ${AGENTS} agents x ${FRAMEWORKS} frameworks in ${ROLES} roles (tree: ${BRANCH} parents), median of ${REPS}, interleaved\n`);
  for (const c of cases) {
    const s = samples.get(c.name)!;
    process.stdout.write(`${c.name.padEnd(22)} first pass ${median(s.first).toFixed(0).padStart(5)} ms wall, ${median(s.firstCpu).toFixed(0).padStart(5)} ms CPU (${s.offers} offers; wall ${s.first.map((x) => x.toFixed(0)).join(' ')})  after 1% recovered ${median(s.recovered).toFixed(1)} ms\n`);
  }
  const cpu = (name: string): number => median(samples.get(name)!.firstCpu);
  if (only) return;
  const ratio = (a: string, b: string): string => `${(m(a) / m(b)).toFixed(2)}x wall, ${(cpu(a) / cpu(b)).toFixed(2)}x CPU`;
  process.stdout.write(`flat quota / flat plain: ${ratio('flat quota', 'flat plain')}\n`);
  process.stdout.write(`tree quota / tree plain: ${ratio('tree quota', 'tree plain')}\n`);
  process.stdout.write(`tree quota / flat plain: ${ratio('tree quota', 'flat plain')}\n`);
  if (BASELINE) process.stdout.write(`flat plain / baseline flat plain: ${ratio('flat plain', 'flat plain (baseline)')}\n`);
}

void main();
