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

/**
 * Builds a packed table one task at a time, from a row or straight from
 * its fields (so a master can pack 100,000 tasks without making 100,000
 * row objects first).
 */
export class TaskPacker {
  private readonly frameworks = indexer();
  private readonly agents = indexer();
  private readonly states = indexer();
  private readonly resources = indexer();
  private readonly rows: PackedTaskRow[] = [];
  private count = 0;
  private readonly base: number;

  constructor(timeBase = 0) {
    this.base = Math.floor(timeBase);
  }

  /** Add one task's fields; `amounts` is called with an `add(resource, amount)` for each amount. */
  addFields(
    id: string,
    name: string,
    frameworkId: string,
    agentId: string,
    state: string,
    started: number,
    updated: number,
    completed: boolean,
    amounts: (add: (resource: string, amount: number) => void) => void,
    container = '',
    executorId = '',
    message = '',
    reason = '',
  ): void {
    const values: number[] = [];
    amounts((resource, amount) => {
      const i = this.resources.index(resource);
      values[i] = (values[i] ?? 0) + amount;
    });
    for (let i = 0; i < values.length; i++) values[i] = values[i] === undefined ? 0 : Math.round(values[i] * 1e6) / 1e6;
    const row: PackedTaskRow = [
      id,
      name,
      this.frameworks.index(frameworkId),
      this.agents.index(agentId),
      this.states.index(state),
      roundMs(started - this.base),
      roundMs(updated - this.base),
      completed ? 1 : 0,
      values,
      container,
      executorId,
      message,
      reason,
    ];
    // Leave out trailing defaults ('' strings, no amounts, not completed).
    let end = row.length;
    while (end > 7) {
      const v = row[end - 1];
      if (v === '' || v === 0 || (Array.isArray(v) && v.length === 0)) end--;
      else break;
    }
    row.length = end;
    this.count++;
    this.keepRow(row);
  }

  /**
   * Keep one packed row until {@link done}. A subclass may write the row out
   * instead (the master encodes it at once, so 20,000 row arrays do not live
   * through the turns a chunk takes to pack).
   */
  protected keepRow(row: PackedTaskRow): void {
    this.rows.push(row);
  }

  /** Add one task row. */
  add(t: UiTask): void {
    this.addFields(
      t.id, t.name, t.framework_id, t.agent_id, t.state, t.started, t.updated, t.completed,
      (add) => {
        for (const resource in t.resources) add(resource, t.resources[resource]);
      },
      t.container, t.executor_id, t.message, t.reason,
    );
  }

  /** Rows added so far. */
  get size(): number {
    return this.count;
  }

  /** The packed table. */
  done(): PackedTasks {
    return {
      frameworks: this.frameworks.list,
      agents: this.agents.list,
      states: this.states.list,
      resources: this.resources.list,
      time_base: this.base,
      rows: this.rows,
    };
  }
}

/** Pack task rows. */
export function packTasks(tasks: Iterable<UiTask>, timeBase = 0): PackedTasks {
  const packer = new TaskPacker(timeBase);
  for (const t of tasks) packer.add(t);
  return packer.done();
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
