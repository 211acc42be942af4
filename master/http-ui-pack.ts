/**
 * The compact form of many task rows, used in the UI's snapshot: 100,000
 * tasks as objects repeat their field names, framework and agent ids and
 * state names ~330 bytes a task; packed as arrays with shared dictionaries
 * they take ~60. Pure and import-free: the browser bundle unpacks with the
 * same code the master packs with.
 */
import type { UiResources, UiTask } from './http-ui-types';

/**
 * One packed task: `[id, name, framework, agent, state, started, updated,
 * completed, amounts, container, executor_id, message, reason]`, where
 * framework, agent and state index the dictionaries, times are seconds after
 * `time_base`, amounts follow `resources`, and trailing empty values are left
 * out.
 */
export type PackedTaskRow = [
  id: string,
  name: string,
  framework: number,
  agent: number,
  state: number,
  started: number,
  updated: number,
  completed?: 0 | 1,
  amounts?: number[],
  container?: string,
  executor_id?: string,
  message?: string,
  reason?: string,
];

/** Many task rows with their dictionaries. */
export interface PackedTasks {
  frameworks: string[];
  agents: string[];
  states: string[];
  /** Resource names the rows' amounts follow. */
  resources: string[];
  /** Whole seconds the rows' times are counted from. */
  time_base: number;
  rows: PackedTaskRow[];
}

/** Index of a value in a dictionary, adding it when new. */
function indexer(): { list: string[]; index(value: string): number } {
  const list: string[] = [];
  const at = new Map<string, number>();
  return {
    list,
    index(value: string): number {
      let i = at.get(value);
      if (i === undefined) {
        i = list.length;
        list.push(value);
        at.set(value, i);
      }
      return i;
    },
  };
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Pack task rows. */
export function packTasks(tasks: Iterable<UiTask>, timeBase = 0): PackedTasks {
  const frameworks = indexer();
  const agents = indexer();
  const states = indexer();
  const resources = indexer();
  const rows: PackedTaskRow[] = [];
  const base = Math.floor(timeBase);
  for (const t of tasks) {
    const amounts: number[] = [];
    for (const name in t.resources) amounts[resources.index(name)] = t.resources[name];
    for (let i = 0; i < amounts.length; i++) if (amounts[i] === undefined) amounts[i] = 0;
    const row: PackedTaskRow = [
      t.id,
      t.name,
      frameworks.index(t.framework_id),
      agents.index(t.agent_id),
      states.index(t.state),
      roundMs(t.started - base),
      roundMs(t.updated - base),
      t.completed ? 1 : 0,
      amounts,
      t.container,
      t.executor_id,
      t.message,
      t.reason,
    ];
    // Leave out trailing defaults ('' strings, no amounts, not completed).
    let end = row.length;
    while (end > 7) {
      const v = row[end - 1];
      if (v === '' || v === 0 || (Array.isArray(v) && v.length === 0)) end--;
      else break;
    }
    row.length = end;
    rows.push(row);
  }
  return { frameworks: frameworks.list, agents: agents.list, states: states.list, resources: resources.list, time_base: base, rows };
}

/** The task rows of a packed table. */
export function unpackTasks(packed: PackedTasks): UiTask[] {
  const out: UiTask[] = new Array(packed.rows.length);
  const base = packed.time_base;
  for (let r = 0; r < packed.rows.length; r++) {
    const row = packed.rows[r];
    const resources: UiResources = {};
    const amounts = row[8];
    if (amounts) for (let i = 0; i < amounts.length; i++) if (amounts[i] !== 0) resources[packed.resources[i]] = amounts[i];
    out[r] = {
      id: row[0],
      name: row[1],
      framework_id: packed.frameworks[row[2]],
      agent_id: packed.agents[row[3]],
      state: packed.states[row[4]],
      started: roundMs(base + row[5]),
      updated: roundMs(base + row[6]),
      completed: row[7] === 1,
      resources,
      container: row[9] ?? '',
      executor_id: row[10] ?? '',
      message: row[11] ?? '',
      reason: row[12] ?? '',
    };
  }
  return out;
}
