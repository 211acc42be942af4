/**
 * The rows of `meseta agents`, `meseta frameworks` and `meseta tasks`,
 * computed from the master's state as `/state` serves it
 * ({@link ClusterStateJson}). Pure: no I/O, no protobuf code.
 */
import type { AgentStateJson, ClusterStateJson, FrameworkStateJson, TaskJson } from './state-json';
import { DEFAULT_AGENT_PORT, idText, isTerminalTask, scalarAmount, taskStateName } from './state-json';
import type { Column } from './table';
import { formatNumber, formatShare, formatUsage } from './table';

/** A table ready for {@link formatTable}. */
export interface TableView {
  columns: Column[];
  rows: string[][];
  /** What to print instead of an empty table, e.g. `no tasks`. */
  empty: string;
}

/** What the listing verbs take besides the state. */
export interface ViewOptions {
  /** Include gone agents, completed frameworks and completed tasks. @default false */
  all?: boolean;
}

/** `ID HOSTNAME ADDRESS STATE CPUS MEM DISK TASKS`, resources as used/total. */
export function agentsView(state: ClusterStateJson, options: ViewOptions = {}): TableView {
  const agents = (state.agents ?? []).filter((a) => options.all || agentStatus(a) !== 'GONE');
  const liveTasks = countBy(state.tasks ?? [], (t) => idText(t.agent_id), (t) => !isTerminalTask(t));
  return {
    columns: [
      { header: 'ID' },
      { header: 'HOSTNAME' },
      { header: 'ADDRESS' },
      { header: 'STATE' },
      { header: 'CPUS', align: 'right' },
      { header: 'MEM', align: 'right' },
      { header: 'DISK', align: 'right' },
      { header: 'TASKS', align: 'right' },
    ],
    rows: agents.map((a) => agentRow(a, liveTasks.get(idText(a.agent_info?.id)) ?? 0)),
    empty: 'no agents',
  };
}

/** An agent's status by name; absent means ACTIVE, the enum's first value. */
function agentStatus(agent: AgentStateJson): string {
  return agent.status ?? 'ACTIVE';
}

function agentRow(agent: AgentStateJson, tasks: number): string[] {
  const info = agent.agent_info ?? {};
  const usage = (name: string): string =>
    formatUsage(scalarAmount(agent.allocated_resources, name), scalarAmount(agent.total_resources ?? info.resources, name));
  return [
    idText(info.id),
    info.hostname ?? '',
    agentAddress(agent),
    agentStatus(agent),
    usage('cpus'),
    usage('mem'),
    usage('disk'),
    String(tasks),
  ];
}

/** `host:port` of an agent, from its address or its info. */
export function agentAddress(agent: AgentStateJson): string {
  const host = agent.address?.ip || agent.address?.hostname || agent.agent_info?.hostname || '';
  const port = agent.address?.port || (agent.agent_info?.port ?? DEFAULT_AGENT_PORT) || 0;
  return port ? `${host}:${port}` : host;
}

/** `ID NAME ROLES ACTIVE TASKS CPUS MEM SHARE`: resources allocated, share as dominant share. */
export function frameworksView(state: ClusterStateJson, options: ViewOptions = {}): TableView {
  const frameworks = [...(state.frameworks ?? []), ...(options.all ? state.completed_frameworks ?? [] : [])];
  const liveTasks = countBy(state.tasks ?? [], (t) => idText(t.framework_id), (t) => !isTerminalTask(t));
  const completed = new Set((state.completed_frameworks ?? []).map((f) => idText(f.framework_info?.id)));
  return {
    columns: [
      { header: 'ID' },
      { header: 'NAME' },
      { header: 'ROLES' },
      { header: 'ACTIVE' },
      { header: 'TASKS', align: 'right' },
      { header: 'CPUS', align: 'right' },
      { header: 'MEM', align: 'right' },
      { header: 'SHARE', align: 'right' },
    ],
    rows: frameworks.map((f) => frameworkRow(f, liveTasks, completed)),
    empty: 'no frameworks',
  };
}

function frameworkRow(framework: FrameworkStateJson, liveTasks: Map<string, number>, completed: Set<string>): string[] {
  const info = framework.framework_info ?? {};
  const id = idText(info.id);
  const roles = info.roles && info.roles.length > 0 ? info.roles : [info.role || '*'];
  // An absent `connected` is false (proto2 default), as a decoded message reads it.
  const active = completed.has(id) ? 'completed' : framework.active ? 'yes' : framework.connected ? 'no' : 'disconnected';
  return [
    id,
    info.name ?? '',
    roles.join(','),
    active,
    String(liveTasks.get(id) ?? 0),
    formatNumber(scalarAmount(framework.allocated_resources, 'cpus')),
    formatNumber(scalarAmount(framework.allocated_resources, 'mem')),
    formatShare(framework.dominant_share),
  ];
}

/** `ID NAME FRAMEWORK AGENT STATE CPUS MEM`; completed tasks too with `all`. */
export function tasksView(state: ClusterStateJson, options: ViewOptions = {}): TableView {
  const tasks = [...(state.tasks ?? []), ...(options.all ? state.completed_tasks ?? [] : [])];
  return {
    columns: [
      { header: 'ID' },
      { header: 'NAME' },
      { header: 'FRAMEWORK' },
      { header: 'AGENT' },
      { header: 'STATE' },
      { header: 'CPUS', align: 'right' },
      { header: 'MEM', align: 'right' },
    ],
    rows: tasks.map(taskRow),
    empty: options.all ? 'no tasks' : 'no running tasks (--all shows completed ones)',
  };
}

function taskRow(task: TaskJson): string[] {
  return [
    idText(task.task_id),
    task.name ?? '',
    idText(task.framework_id),
    idText(task.agent_id),
    taskStateName(task),
    formatNumber(scalarAmount(task.resources, 'cpus')),
    formatNumber(scalarAmount(task.resources, 'mem')),
  ];
}

function countBy<T>(items: readonly T[], key: (item: T) => string, where: (item: T) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) if (where(item)) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
