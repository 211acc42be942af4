/**
 * Figures the pages show, computed from the store's rows: cluster totals,
 * counts by state, per-framework use on an agent, and why a framework's
 * pending tasks did not fit. Pure, unit-tested.
 */
import type { UiAgent, UiAgentCounts, UiFramework, UiRefusal, UiRefusalCode, UiResources, UiTask } from '../../../http-ui-types';
import { MAIN_RESOURCES } from './format';

/** One resource across the cluster. `idle` is what is neither allocated nor offered. */
export interface ResourceTotals {
  name: string;
  total: number;
  allocated: number;
  offered: number;
  idle: number;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Totals per resource over active agents (others offer nothing), main
 * resources first; gpus only when some agent has them.
 */
export function clusterResources(agents: Iterable<UiAgent>): ResourceTotals[] {
  const sums = new Map<string, { total: number; allocated: number; offered: number }>();
  const sum = (name: string) => {
    let s = sums.get(name);
    if (!s) sums.set(name, (s = { total: 0, allocated: 0, offered: 0 }));
    return s;
  };
  for (const name of ['cpus', 'mem', 'disk']) sum(name);
  for (const a of agents) {
    if (a.status !== 'ACTIVE') continue;
    for (const [name, amount] of Object.entries(a.total)) sum(name).total += amount;
    for (const [name, amount] of Object.entries(a.allocated)) sum(name).allocated += amount;
    for (const [name, amount] of Object.entries(a.offered)) sum(name).offered += amount;
  }
  return totalsOf(sums);
}

/** Sums per resource as rows: main resources first, gpus only when some agent has them. */
function totalsOf(sums: Map<string, { total: number; allocated: number; offered: number }>): ResourceTotals[] {
  const order = (name: string): number => {
    const i = (MAIN_RESOURCES as readonly string[]).indexOf(name);
    return i < 0 ? 99 : i;
  };
  return [...sums]
    .filter(([name, s]) => MAIN_RESOURCES.includes(name as (typeof MAIN_RESOURCES)[number]) && (name !== 'gpus' || s.total > 0))
    .sort(([a], [b]) => order(a) - order(b))
    .map(([name, s]) => ({
      name,
      total: round(s.total),
      allocated: round(s.allocated),
      offered: round(s.offered),
      idle: round(Math.max(0, s.total - s.allocated - s.offered)),
    }));
}

/**
 * The same rows as {@link clusterResources}, from the figures the master
 * sums and sends in its summary (so the overview needs no agent rows).
 */
export function summaryResources(counts: UiAgentCounts): ResourceTotals[] {
  const sums = new Map<string, { total: number; allocated: number; offered: number }>();
  const sum = (name: string) => {
    let s = sums.get(name);
    if (!s) sums.set(name, (s = { total: 0, allocated: 0, offered: 0 }));
    return s;
  };
  for (const name of ['cpus', 'mem', 'disk']) sum(name);
  for (const [name, amount] of Object.entries(counts.total)) sum(name).total += amount;
  for (const [name, amount] of Object.entries(counts.allocated)) sum(name).allocated += amount;
  for (const [name, amount] of Object.entries(counts.offered)) sum(name).offered += amount;
  return totalsOf(sums);
}

/**
 * The overview's agents tile: agents the master knows that are not gone
 * (an agent replaced at its address, or marked gone, stays listed as GONE
 * but is no longer one of the cluster's agents), and how many are active.
 */
export function agentTile(byStatus: Record<string, number>): { agents: number; active: number; gone: number } {
  let agents = 0;
  for (const [status, n] of Object.entries(byStatus)) if (status !== 'GONE') agents += n;
  return { agents, active: byStatus.ACTIVE ?? 0, gone: byStatus.GONE ?? 0 };
}

/** How many items have each value of `key`, in the order of `order` then the rest by name. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string, order: readonly string[] = []): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return [...counts].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Counts already made, as entries in the order of `order`, then the rest by name; zeros left out. */
export function orderCounts(counts: Record<string, number>, order: readonly string[] = []): Array<[string, number]> {
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Agent statuses in the order the UI lists them. */
export const AGENT_STATUS_ORDER = ['ACTIVE', 'DISCONNECTED', 'UNREACHABLE', 'GONE'] as const;

/** Task states in the order the UI lists them: live ones first, then how tasks end. */
export const TASK_STATE_ORDER = [
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_UNREACHABLE',
  'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE',
  'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN',
] as const;

/** How a state reads: `ok` (running, finished), `warn` (on the way), `bad` (failed, lost). */
export function stateTone(state: string): 'ok' | 'warn' | 'bad' | 'neutral' {
  switch (state) {
    case 'ACTIVE':
    case 'TASK_RUNNING':
    case 'TASK_FINISHED':
      return 'ok';
    case 'TASK_STAGING':
    case 'TASK_STARTING':
    case 'TASK_KILLING':
    case 'TASK_UNREACHABLE':
    case 'DISCONNECTED':
    case 'TASK_DROPPED':
      return 'warn';
    case 'TASK_FAILED':
    case 'TASK_LOST':
    case 'TASK_ERROR':
    case 'TASK_GONE':
    case 'UNREACHABLE':
    case 'GONE':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** What each framework uses on one agent, biggest cpu user first. */
export function usageByFramework(tasks: Iterable<UiTask>): Array<{ frameworkId: string; tasks: number; resources: UiResources }> {
  const out = new Map<string, { frameworkId: string; tasks: number; resources: UiResources }>();
  for (const t of tasks) {
    if (t.completed) continue;
    let row = out.get(t.framework_id);
    if (!row) out.set(t.framework_id, (row = { frameworkId: t.framework_id, tasks: 0, resources: {} }));
    row.tasks++;
    for (const [name, amount] of Object.entries(t.resources)) row.resources[name] = round((row.resources[name] ?? 0) + amount);
  }
  return [...out.values()].sort((a, b) => (b.resources.cpus ?? 0) - (a.resources.cpus ?? 0) || a.frameworkId.localeCompare(b.frameworkId));
}

/** Why one pending task did not fit, from the framework's most recent decline that named it. */
export interface PendingReason {
  /** The task the refusals are about; '' when the framework did not say. */
  taskId: string;
  refusals: UiRefusal[];
  /** When the decline happened. */
  timestamp: number;
  agentId: string;
}

/**
 * The latest reasons per pending task, newest first: for each task named
 * in the framework's declines, the refusals of the most recent decline
 * that named it (refusals without a task are grouped under '').
 */
export function pendingReasons(framework: UiFramework): PendingReason[] {
  const latest = new Map<string, PendingReason>();
  for (const decline of framework.declines) {
    const byTask = new Map<string, UiRefusal[]>();
    for (const r of decline.refusals) {
      const id = r.task_id ?? '';
      byTask.set(id, [...(byTask.get(id) ?? []), r]);
    }
    for (const [taskId, refusals] of byTask) {
      const known = latest.get(taskId);
      if (!known || known.timestamp <= decline.timestamp) {
        latest.set(taskId, { taskId, refusals, timestamp: decline.timestamp, agentId: decline.agent_id });
      }
    }
  }
  return [...latest.values()].sort((a, b) => b.timestamp - a.timestamp || a.taskId.localeCompare(b.taskId));
}

/** How a refusal's code reads: a label, the badge tone, and what it means; undefined when unknown. */
export interface FitOutlook {
  label: string;
  tone: 'bad' | 'warn';
  title: string;
}

/** `never fits` (red) or `waiting for resources` (amber) for a refusal's code; undefined when the master could not tell. */
export function fitOutlook(code: UiRefusalCode | undefined): FitOutlook | undefined {
  if (code === 'NEVER') {
    return { label: 'never fits', tone: 'bad', title: 'Asks more than any agent of the cluster has in total: it waits until a larger agent joins' };
  }
  if (code === 'NOT_NOW') {
    return { label: 'waiting for resources', tone: 'warn', title: 'An agent of the cluster is large enough: it fits once resources are freed' };
  }
  return undefined;
}

/** A framework's standing: active, inactive (suppressed/not active), disconnected, completed. */
export function frameworkStatus(f: UiFramework): 'active' | 'inactive' | 'disconnected' | 'completed' {
  if (f.completed) return 'completed';
  if (!f.connected) return 'disconnected';
  return f.active ? 'active' : 'inactive';
}
