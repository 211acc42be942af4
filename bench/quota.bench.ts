/**
 * Quota benchmark (issue 14): one full allocation pass of the hierarchical
 * allocator at N agents x F frameworks in R roles, plain beside the same
 * with every role under quota (a guarantee of half its fair share of cpus
 * and mem, a limit of twice it), in one run. Agents have
 * cpus:16;mem:65536;ports:[31000-32000]. Reports wall ms (process.hrtime)
 * of the first pass (everything dirty) and of a pass after 1 % of the
 * agents' resources come back.
 *
 *   npm run build && node --expose-gc dist/bench/quota.bench.js [--agents 10000] [--frameworks 1000] [--roles 100] [--reps 3]
 */
import { HierarchicalAllocator } from '../master/allocator/hierarchical-allocator';
import { parseResources } from '@meseta/proto/resource-text';
import type { Allocation } from '../master/allocator/allocator';
import { arg, median } from './support/bench-args';

const AGENTS = arg('agents', 10_000);
const FRAMEWORKS = arg('frameworks', 1_000);
const ROLES = arg('roles', 100);
const REPS = arg('reps', 3);
const AGENT_RESOURCES = 'cpus:16;mem:65536;ports:[31000-32000]';
const NOW = 1_000_000;

function build(quota: boolean): HierarchicalAllocator {
  const allocator = new HierarchicalAllocator({ clock: () => NOW });
  if (quota) {
    const fairCpus = (AGENTS * 16) / ROLES;
    const fairMem = (AGENTS * 65536) / ROLES;
    for (let r = 0; r < ROLES; r++) {
      allocator.updateQuota(`role${r}`, {
        guarantees: new Map([['cpus', fairCpus / 2], ['mem', fairMem / 2]]),
        limits: new Map([['cpus', fairCpus * 2], ['mem', fairMem * 2]]),
      });
    }
  }
  for (let f = 0; f < FRAMEWORKS; f++) allocator.addFramework(`fw${f}`, { roles: [`role${f % ROLES}`] });
  for (let a = 0; a < AGENTS; a++) allocator.addAgent(`agent${a}`, { hostname: `h${a}`, total: parseResources(AGENT_RESOURCES) });
  return allocator;
}

function time(run: () => Allocation[]): { ms: number; offers: number } {
  const start = process.hrtime.bigint();
  const offers = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, offers: offers.length };
}

function measure(quota: boolean): { first: number[]; recovered: number[]; offers: number } {
  const first: number[] = [];
  const recovered: number[] = [];
  let count = 0;
  for (let rep = 0; rep < REPS; rep++) {
    (globalThis as { gc?: () => void }).gc?.();
    const allocator = build(quota);
    const t = time(() => allocator.allocate(NOW));
    first.push(t.ms);
    count = t.offers;
    const offers = allocator.allocate(NOW);
    void offers;
    // Give back 1 % of the agents' offers from the first pass and allocate again.
    const again = build(quota);
    const given = again.allocate(NOW);
    for (const o of given.slice(0, Math.ceil(given.length / 100))) again.recoverResources(o.frameworkId, o.agentId, o.resources);
    recovered.push(time(() => again.allocate(NOW)).ms);
  }
  return { first, recovered, offers: count };
}

const plain = measure(false);
const quota = measure(true);
const line = (name: string, m: ReturnType<typeof measure>): string =>
  `${name.padEnd(6)} first pass ${median(m.first).toFixed(0)} ms (${m.offers} offers)  after 1% recovered ${median(m.recovered).toFixed(1)} ms`;
process.stdout.write(`quota bench: ${AGENTS} agents x ${FRAMEWORKS} frameworks in ${ROLES} roles, median of ${REPS}\n`);
process.stdout.write(line('plain', plain) + '\n');
process.stdout.write(line('quota', quota) + '\n');
process.stdout.write(`quota / plain (first pass): ${(median(quota.first) / median(plain.first)).toFixed(2)}x\n`);
