/**
 * The rows of `meseta agents`, `meseta frameworks` and `meseta tasks`,
 * computed from the master's {@link ClusterState}. Pure: no I/O.
 */
import type { AgentState, ClusterState, FrameworkState, Task } from '../proto/src/wire';
import { enumName, pb } from '../proto/src/wire';
import { scalarOf } from '../proto/src/resources';
import { idOf } from '../proto/src/ids';
import { isTerminal } from '../proto/src/task-state';
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

const AGENT_GONE = pb.AgentState.Status.GONE;

/** `ID HOSTNAME ADDRESS STATE CPUS MEM DISK TASKS`, resources as used/total. */
export function agentsView(state: ClusterState, options: ViewOptions = {}): TableView {
  const agents = (state.agents ?? []).filter((a) => options.all || a.status !== AGENT_GONE);
  const liveTasks = countBy(state.tasks ?? [], (t) => idOf(t.agent_id), (t) => !isTerminal(t.state));
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
    rows: agents.map((a) => agentRow(a, liveTasks.get(idOf(a.agent_info?.id)) ?? 0)),
    empty: 'no agents',
  };
}

function agentRow(agent: AgentState, tasks: number): string[] {
  const info = agent.agent_info ?? {};
  const usage = (name: string): string =>
    formatUsage(scalarOf(agent.allocated_resources, name), scalarOf(agent.total_resources ?? info.resources, name));
  return [
    idOf(info.id),
    info.hostname ?? '',
    agentAddress(agent),
    enumName(pb.AgentState.Status, agent.status ?? pb.AgentState.Status.ACTIVE),
    usage('cpus'),
    usage('mem'),
    usage('disk'),
    String(tasks),
  ];
}

/** `host:port` of an agent, from its address or its info. */
export function agentAddress(agent: AgentState): string {
  const host = agent.address?.ip || agent.address?.hostname || agent.agent_info?.hostname || '';
  const port = agent.address?.port || agent.agent_info?.port || 0;
  return port ? `${host}:${port}` : host;
}

/** `ID NAME ROLES ACTIVE TASKS CPUS MEM SHARE`: resources allocated, share as dominant share. */
export function frameworksView(state: ClusterState, options: ViewOptions = {}): TableView {
  const frameworks = [...(state.frameworks ?? []), ...(options.all ? state.completed_frameworks ?? [] : [])];
  const liveTasks = countBy(state.tasks ?? [], (t) => idOf(t.framework_id), (t) => !isTerminal(t.state));
  const completed = new Set((state.completed_frameworks ?? []).map((f) => idOf(f.framework_info?.id)));
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

function frameworkRow(framework: FrameworkState, liveTasks: Map<string, number>, completed: Set<string>): string[] {
  const info = framework.framework_info ?? {};
  const id = idOf(info.id);
  const roles = info.roles && info.roles.length > 0 ? info.roles : [info.role || '*'];
  const active = completed.has(id) ? 'completed' : framework.active ? 'yes' : framework.connected === false ? 'disconnected' : 'no';
  return [
    id,
    info.name ?? '',
    roles.join(','),
    active,
    String(liveTasks.get(id) ?? 0),
    formatNumber(scalarOf(framework.allocated_resources, 'cpus')),
    formatNumber(scalarOf(framework.allocated_resources, 'mem')),
    formatShare(framework.dominant_share),
  ];
}

/** `ID NAME FRAMEWORK AGENT STATE CPUS MEM`; completed tasks too with `all`. */
export function tasksView(state: ClusterState, options: ViewOptions = {}): TableView {
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

function taskRow(task: Task): string[] {
  return [
    idOf(task.task_id),
    task.name ?? '',
    idOf(task.framework_id),
    idOf(task.agent_id),
    enumName(pb.TaskState, task.state),
    formatNumber(scalarOf(task.resources, 'cpus')),
    formatNumber(scalarOf(task.resources, 'mem')),
  ];
}

function countBy<T>(items: readonly T[], key: (item: T) => string, where: (item: T) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) if (where(item)) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
