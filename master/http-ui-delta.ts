/**
 * A delta's entity rows from a set of changes: the agents, frameworks,
 * tasks and roles that changed, read from the master's records now (so a
 * delta is never older than the state it describes). Offers and events
 * are added by the stream, which tracks them per stream.
 */
import type { Master } from './master';
import type { FrameworkRecord, TaskRecord } from './state';
import type { Changes } from './http-ui-changes';
import type { UiAgent, UiAgentCounts, UiDelta, UiFramework, UiResources, UiTask, UiTaskCounts } from './http-ui-types';
import { allFrameworks, uiAgent, uiFramework, uiRoles, uiSummary, uiTask } from './http-ui-view';

/** Rows built between two pauses of {@link entityDeltaSliced}. */
export const DELTA_SLICE = 2000;

/** What {@link entityDelta} reads besides the master and the changes. */
export interface DeltaFigures {
  now: number;
  taskCounts: UiTaskCounts;
  agentCounts: UiAgentCounts;
  allocatedOf?: (fw: FrameworkRecord) => UiResources;
  offeredOf?: (fw: FrameworkRecord) => UiResources;
}

/**
 * The rows that `changes` touched, with the summary (its task and agent
 * figures as the caller keeps them). `allocatedOf` gives a
 * framework's allocated resources when the caller keeps them (summing a
 * framework's 500,000 tasks per delta is what it saves); otherwise they are summed.
 * `offeredOf` likewise gives what a framework's outstanding offers hold
 * (summing its 50,000 held offers per delta is what it saves).
 */
export function entityDelta(
  master: Master,
  changes: Changes,
  now: number,
  taskCounts: UiTaskCounts,
  agentCounts: UiAgentCounts,
  allocatedOf?: (fw: FrameworkRecord) => UiResources,
  offeredOf?: (fw: FrameworkRecord) => UiResources,
): UiDelta {
  const steps = deltaSteps(master, changes, { now, taskCounts, agentCounts, allocatedOf, offeredOf });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link entityDelta} built across event-loop turns: `pause` is awaited
 * after every `slice` rows, or, when `slice` is a function, whenever it
 * returns true after a row (a time budget, `TurnSlices.spent` of turn-slices.ts); a
 * flush after 45,000 new offers touches 45,000 agents' rows. The same
 * delta, each row read when its slice is built.
 */
export async function entityDeltaSliced(
  master: Master,
  changes: Changes,
  figures: DeltaFigures,
  pause: () => Promise<void>,
  slice: number | (() => boolean) = DELTA_SLICE,
): Promise<UiDelta> {
  const steps = deltaSteps(master, changes, figures);
  const every = typeof slice === 'number' ? Math.max(1, slice) : 0;
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (typeof slice === 'number' ? n % every === 0 : slice()) await pause();
  }
}

/** The delta, yielding after each row built. */
function* deltaSteps(master: Master, changes: Changes, figures: DeltaFigures): Generator<void, UiDelta> {
  const { now, taskCounts, agentCounts, allocatedOf, offeredOf } = figures;
  const delta: UiDelta = { summary: uiSummary(master, now, taskCounts, agentCounts) };

  const agents: UiAgent[] = [];
  const agentsRemoved: string[] = [];
  for (const id of changes.agents) {
    const record = master.agents.get(id);
    if (record) agents.push(uiAgent(master, record));
    else agentsRemoved.push(id);
    yield;
  }
  if (agents.length) delta.agents = agents;
  if (agentsRemoved.length) delta.agents_removed = agentsRemoved;

  const tasks: UiTask[] = [];
  for (const [fid, ids] of changes.tasks) {
    const fw = master.frameworks.get(fid) ?? master.completedFrameworks.find((f) => f.id === fid);
    if (!fw) continue;
    let completed: Map<string, TaskRecord> | undefined;
    for (const tid of ids) {
      yield;
      const live = fw.tasks.get(tid);
      if (live) {
        tasks.push(uiTask(live, false));
        continue;
      }
      completed ??= new Map(fw.completedTasks.map((t) => [t.taskId, t]));
      const done = completed.get(tid);
      if (done) tasks.push(uiTask(done, true));
    }
  }
  if (tasks.length) delta.tasks = tasks;

  if (changes.allFrameworks || changes.frameworks.size > 0 || changes.roles) {
    const rows = new Map<string, UiFramework>();
    const wanted = (id: string): boolean => changes.allFrameworks || changes.frameworks.has(id);
    for (const { fw, completed } of allFrameworks(master)) {
      // Live frameworks are all built when roles must be recomputed; completed ones only when asked.
      if (wanted(fw.id) || (changes.roles && !completed)) rows.set(fw.id, uiFramework(master, fw, completed, allocatedOf?.(fw), offeredOf?.(fw)));
    }
    const changed = [...rows.values()].filter((f) => wanted(f.id));
    const removed = [...changes.frameworks].filter((id) => !rows.has(id));
    if (changed.length) delta.frameworks = changed;
    if (removed.length) delta.frameworks_removed = removed;
    if (changes.roles) delta.roles = uiRoles(master, rows.values());
  }
  return delta;
}
