/**
 * The rows of `meseta agents`, `meseta frameworks` and `meseta tasks`,
 * computed from the master's state as `/state` serves it
 * ({@link ClusterStateJson}). Pure: no I/O, no protobuf code.
 */
import type { AgentStateJson, ClusterStateJson, FrameworkStateJson, TaskJson } from './state-json';
import { DEFAULT_AGENT_PORT, idText, isTerminalTask, scalarAmount, taskStateName } from './state-json';
import type { Column } from './table';
import { formatNumber, formatShare, formatUsage } from './table';
import { formatAge } from './human-time';

export { formatAge } from './human-time';

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

/**
 * `ID NAME FRAMEWORK HOST:PORT PORTS STATE AGE CPUS MEM MESSAGE`: the
 * framework by name and the agent by host (not their ids), the task's
 * ports, how long since its first status, and its last status message;
 * completed tasks too with `all`. `nowSeconds` is the clock the ages are
 * counted from.
 */
export function tasksView(state: ClusterStateJson, options: ViewOptions = {}, nowSeconds: number = Date.now() / 1000): TableView {
  const tasks = [...(state.tasks ?? []), ...(options.all ? state.completed_tasks ?? [] : [])];
  const frameworkNames = new Map<string, string>();
  for (const f of [...(state.frameworks ?? []), ...(state.completed_frameworks ?? [])]) {
    const id = idText(f.framework_info?.id);
    if (f.framework_info?.name) frameworkNames.set(id, f.framework_info.name);
  }
  const agentHosts = new Map<string, string>();
  for (const a of state.agents ?? []) {
    agentHosts.set(idText(a.agent_info?.id), a.agent_info?.hostname || a.address?.hostname || a.address?.ip || '');
  }
  return {
    columns: [
      { header: 'ID' },
      { header: 'NAME' },
      { header: 'FRAMEWORK' },
      { header: 'HOST:PORT' },
      { header: 'PORTS' },
      { header: 'STATE' },
      { header: 'AGE', align: 'right' },
      { header: 'CPUS', align: 'right' },
      { header: 'MEM', align: 'right' },
      { header: 'MESSAGE' },
    ],
    rows: tasks.map((task) => taskRow(task, frameworkNames, agentHosts, nowSeconds)),
    empty: options.all ? 'no tasks' : 'no running tasks (--all shows completed ones)',
  };
}

/** A status as `/state` serves it: the fields the tasks table reads. */
interface StatusJson {
  timestamp?: number;
  message?: string;
  reason?: string;
}

function taskRow(task: TaskJson, frameworkNames: Map<string, string>, agentHosts: Map<string, string>, now: number): string[] {
  const frameworkId = idText(task.framework_id);
  const agentId = idText(task.agent_id);
  const host = agentHosts.get(agentId) || shortId(agentId);
  const ports = taskPorts(task);
  const statuses = (Array.isArray(task.statuses) ? task.statuses : []) as StatusJson[];
  const first = statuses.reduce<number | undefined>((min, s) => (typeof s.timestamp === 'number' && (min === undefined || s.timestamp < min) ? s.timestamp : min), undefined);
  const last = statuses[statuses.length - 1];
  return [
    idText(task.task_id),
    task.name ?? '',
    frameworkNames.get(frameworkId) ?? shortId(frameworkId),
    host && ports.length > 0 ? `${host}:${ports[0]}` : host,
    formatPorts(ports),
    taskStateName(task),
    first === undefined ? '' : formatAge(now - first),
    formatNumber(scalarAmount(task.resources, 'cpus')),
    formatNumber(scalarAmount(task.resources, 'mem')),
    oneLine(last?.message || (last?.reason ? last.reason : '')),
  ];
}

/** The first 8 characters of an id (where no name is known). */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** Every port the task holds, in order. */
export function taskPorts(task: TaskJson): number[] {
  const out: number[] = [];
  for (const r of task.resources ?? []) {
    if (r.name !== 'ports') continue;
    const ranges = (r as { ranges?: { range?: Array<{ begin?: number; end?: number }> } }).ranges?.range ?? [];
    for (const range of ranges) {
      const begin = Number(range.begin ?? 0);
      const end = Number(range.end ?? begin);
      for (let p = begin; p <= end && out.length < 1000; p++) out.push(p);
    }
  }
  return out;
}

/** `31000,31002-31004`: ports as short ranges. */
export function formatPorts(ports: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ports.length; ) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j] + 1) j++;
    parts.push(j === i ? String(ports[i]) : `${ports[i]}-${ports[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** A status message on one line, cut to 60 characters. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function countBy<T>(items: readonly T[], key: (item: T) => string, where: (item: T) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) if (where(item)) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
