/**
 * One agent's share of the cluster's figures ({@link AgentShare}), read from
 * its record, and the whole cluster's figures summed over every agent at
 * once (for one-off answers and tests; the event stream keeps them
 * incrementally, `http-ui-sums.ts`). Read-only towards the master.
 */
import type { Resource } from '@meseta/proto/wire';
import { ValueType, enumName, pb } from '@meseta/proto/wire';
import type { Master } from './master';
import type { AgentRecord } from './state';
import type { UiAgentCounts, UiResources } from './http-ui-types';
import { ClusterSums, OfferedSums, addScalars, type AgentShare } from './cluster-sums';

/** Task state names by number, named once. */
const stateNames: string[] = [];

/** The name of a task state number (`TASK_RUNNING`). */
export function taskStateName(n: number): string {
  return (stateNames[n] ??= enumName(pb.TaskState, n));
}

/** Scalars of an agent's total, per total list (it changes only when the agent re-registers). */
const totals = new WeakMap<object, UiResources>();

/** One agent's share of the cluster's figures, from its record now. Costs its own tasks. */
export function agentShare(agent: AgentRecord): AgentShare {
  let total = totals.get(agent.total);
  if (!total) totals.set(agent.total, (total = addScalars({}, agent.total)));
  const allocated: UiResources = {};
  const tasks: Record<string, number> = {};
  const byFramework: Record<string, UiResources> = {};
  for (const t of agent.tasks.values()) {
    addScalars(allocated, t.resources);
    addScalars((byFramework[t.frameworkId] ??= {}), t.resources);
    const state = taskStateName(t.task.state ?? 0);
    tasks[state] = (tasks[state] ?? 0) + 1;
  }
  return { status: agent.status, total, allocated, tasks, byFramework };
}

/** The figures of {@link ClusterSums} and {@link OfferedSums} as the UI's summary carries them. */
export function agentCountsOf(sums: ClusterSums, offered: OfferedSums): UiAgentCounts {
  const { total, allocated } = sums.activeResources();
  return { by_status: sums.agentsByStatus(), total, allocated, offered: offered.amounts() };
}

/** The cluster's figures summed over every agent and offer now (one walk of the cluster). */
export function uiAgentCounts(master: Master): UiAgentCounts {
  const sums = new ClusterSums();
  for (const a of master.agents.values()) sums.set(a.id, agentShare(a));
  const offered = new OfferedSums();
  for (const o of master.offers.values()) offered.add(o.id, addScalars({}, o.resources));
  return agentCountsOf(sums, offered);
}
