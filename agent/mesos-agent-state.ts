/**
 * The agent's `/state` in Mesos's shape (`/state.json`, `/slave(1)/state`
 * too) and its `/metrics/snapshot` with Mesos's metric names. The Mesos
 * fields are added to our own `/state` document (`agent-state.ts`), which
 * keeps every field it had: a superset, so our tests and tools still read it.
 *
 * Executors: a task without an executor of its own runs under a command
 * executor whose id is the task id, as in Mesos; its `directory` is the
 * task's sandbox. Pure: the snapshot and the figures come in as arguments.
 */
import type { FrameworkInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import {
  mesosAttributes, mesosCapabilities, mesosLabels, mesosReservedResources, mesosResources, mesosStatus, mesosTaskState,
  mesosUnreservedResources,
} from '@meseta/proto/mesos-json';
import { type SystemFigures, resourceMetrics, systemMetrics } from '@meseta/proto/mesos-metrics';
import type { AgentSnapshot, AgentTask } from './agent';

/** What the Mesos fields need beyond the snapshot. */
export interface MesosAgentMeta {
  /** The address the agent listens on (`--ip`): its pid and its tasks' address. */
  ip: string;
  /** Seconds since the epoch when the agent started. */
  startTime: number;
  /** The agent's `--master` flag (`host:port` or a `zk://` URL). */
  master: string;
  /** The agent's flags, as Mesos lists them (names to text). */
  flags: Record<string, string>;
}

/** `slave(1)@ip:port`, as Mesos names an agent's process. */
export function mesosAgentPid(ip: string, port: number): string {
  return `slave(1)@${ip}:${port}`;
}

/** The master's host from the `--master` flag (`host:port`); none for a `zk://` URL. */
export function masterHostname(master: string): string | undefined {
  if (/^zk:\/\//.test(master)) return undefined;
  const m = /^(?:\[([^\]]+)\]|([^:/]+))(?::\d+)?$/.exec(master);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The executor a task runs under: its own, or the command executor named after it. */
export function executorIdOf(task: Pick<AgentTask, 'executorId' | 'taskId'>): string {
  return task.executorId || task.taskId;
}

/** One task as Mesos's agent lists it. */
export function mesosAgentTask(task: AgentTask, agentId: string, ip: string): Record<string, unknown> {
  const ownNetwork = (task.info.container?.network_infos ?? []).some((n) => n.mode === 1 /* NONE */);
  const out: Record<string, unknown> = {
    id: task.taskId,
    name: task.info.name ?? '',
    framework_id: task.frameworkId,
    executor_id: task.executorId ?? '',
    slave_id: agentId,
    state: mesosTaskState(task.state),
    resources: mesosResources(task.info.resources),
    statuses: task.statuses.map((s) => mesosStatus(s, ownNetwork ? undefined : ip)),
  };
  if (task.info.labels?.labels?.length) out.labels = mesosLabels(task.info.labels);
  return out;
}

interface ExecutorGroup {
  id: string;
  frameworkId: string;
  live: AgentTask[];
  completed: AgentTask[];
  /** The newest run's task (its sandbox is the executor's directory). */
  latest: AgentTask;
}

/** A custom executor's run as the agent's snapshot has it. */
type ExecutorRun = NonNullable<AgentSnapshot['executors']>[number];

function executorJson(group: ExecutorGroup, agentId: string, ip: string, run?: ExecutorRun): Record<string, unknown> {
  const { latest } = group;
  const own = Boolean(latest.executorId);
  const live = group.live.filter((t) => t.phase !== 'launching');
  const queued = group.live.filter((t) => t.phase === 'launching');
  return {
    id: group.id,
    name: own ? (run?.name ?? latest.info.executor?.name ?? '') : `Command Executor (Task: ${latest.taskId})`,
    source: own ? '' : latest.taskId,
    container: run?.containerId ?? latest.containerId,
    directory: run?.directory ?? latest.sandbox?.dir ?? '',
    resources: mesosResources([...group.live].flatMap((t) => t.info.resources ?? [])),
    type: own ? 'CUSTOM' : 'COMMAND',
    framework_id: group.frameworkId,
    tasks: live.map((t) => mesosAgentTask(t, agentId, ip)),
    queued_tasks: queued.map((t) => mesosAgentTask(t, agentId, ip)),
    completed_tasks: group.completed.map((t) => mesosAgentTask(t, agentId, ip)),
  };
}

function frameworkFields(info: FrameworkInfo): Record<string, unknown> {
  const roles = info.roles && info.roles.length > 0 ? [...info.roles] : [info.role ?? '*'];
  return {
    id: idOf(info.id),
    name: info.name ?? '',
    user: info.user ?? '',
    hostname: info.hostname ?? '',
    role: roles[0],
    roles,
    principal: info.principal ?? '',
    checkpoint: info.checkpoint ?? false,
    failover_timeout: info.failover_timeout ?? 0,
    capabilities: mesosCapabilities(info.capabilities),
  };
}

/**
 * The Mesos fields of the agent's `/state`: who it is, its master, flags,
 * and `frameworks[].executors[]` with tasks, queued tasks, completed tasks
 * and sandbox `directory`. Our own fields (`agent-state.ts`) sit beside them;
 * where a name is shared (`frameworks`), each entry carries both.
 */
export function mesosAgentState(snapshot: AgentSnapshot, meta: MesosAgentMeta): Record<string, unknown> {
  const agentId = snapshot.id ?? '';
  const groups = new Map<string, Map<string, ExecutorGroup>>();
  const add = (task: AgentTask, completed: boolean): void => {
    let byExecutor = groups.get(task.frameworkId);
    if (!byExecutor) groups.set(task.frameworkId, (byExecutor = new Map()));
    const id = executorIdOf(task);
    let g = byExecutor.get(id);
    if (!g) byExecutor.set(id, (g = { id, frameworkId: task.frameworkId, live: [], completed: [], latest: task }));
    if (completed || isTerminal(task.state)) g.completed.push(task);
    else g.live.push(task);
    g.latest = task;
  };
  for (const t of snapshot.completedTasks) add(t, true);
  for (const t of snapshot.tasks) add(t, false);

  const infos = new Map(snapshot.frameworks.map((f) => [idOf(f.id), f]));
  const runOf = (frameworkId: string, executorId: string): ExecutorRun | undefined =>
    snapshot.executors?.find((e) => e.frameworkId === frameworkId && e.executorId === executorId);
  const frameworkJson = (id: string): Record<string, unknown> => {
    const executors = [...(groups.get(id)?.values() ?? [])];
    return {
      ...frameworkFields(infos.get(id) ?? { id: { value: id } }),
      executors: executors.filter((g) => g.live.length > 0).map((g) => executorJson(g, agentId, meta.ip, runOf(id, g.id))),
      completed_executors: executors.filter((g) => g.live.length === 0).map((g) => executorJson(g, agentId, meta.ip, runOf(id, g.id))),
    };
  };
  const live = [...infos.keys()];
  const completed = [...groups.keys()].filter((id) => !infos.has(id));
  const out: Record<string, unknown> = {
    version: snapshot.version,
    start_time: meta.startTime,
    id: agentId,
    pid: mesosAgentPid(meta.ip, snapshot.port),
    hostname: snapshot.hostname,
    port: snapshot.port,
    resources: mesosResources(snapshot.resources),
    reserved_resources: mesosReservedResources(snapshot.resources),
    unreserved_resources: mesosUnreservedResources(snapshot.resources),
    reserved_resources_full: mesosReservedResourcesFull(snapshot),
    attributes: mesosAttributes(snapshot.attributes),
    flags: meta.flags,
    frameworks: live.map(frameworkJson),
    completed_frameworks: completed.map(frameworkJson),
  };
  const host = masterHostname(meta.master);
  if (host !== undefined) out.master_hostname = host;
  return out;
}

/**
 * Mesos's `reserved_resources_full`: by role, the reserved resources in
 * full (its static reservations from `--resources`, and each persistent
 * volume the agent holds as a disk resource with `disk.persistence`).
 * Volumes found on disk whose size no one has told since the agent started
 * show no `scalar`.
 */
function mesosReservedResourcesFull(snapshot: AgentSnapshot): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const add = (role: string, json: unknown): void => {
    (out[role] ??= []).push(json);
  };
  for (const r of snapshot.resources) {
    const stack = r.reservations ?? [];
    const role = stack.length > 0 ? stack[stack.length - 1].role : r.role;
    if (!role || role === '*') continue;
    add(role, pb.Resource.toObject(pb.Resource.fromObject(r), { enums: String, longs: Number }));
  }
  for (const v of snapshot.volumes ?? []) {
    const persistence = { id: v.persistenceId, ...(v.principal ? { principal: v.principal } : {}) };
    add(v.role, {
      name: 'disk', type: 'SCALAR', ...(v.sizeMb !== undefined ? { scalar: { value: v.sizeMb } } : {}),
      reservations: [{ type: 'DYNAMIC', role: v.role, ...(v.principal ? { principal: v.principal } : {}) }],
      disk: { persistence },
    });
  }
  return out;
}

/** The agent's `/metrics/snapshot`: what it counts, by Mesos's names. */
export function agentMetricsSnapshot(snapshot: AgentSnapshot, startTime: number, now: number, system: SystemFigures): Record<string, number> {
  const live = new Map<string, number>();
  const executors = new Set<string>();
  for (const t of snapshot.tasks) {
    const state = mesosTaskState(t.state);
    live.set(state, (live.get(state) ?? 0) + 1);
    if (!isTerminal(t.state)) executors.add(`${t.frameworkId}\u0000${executorIdOf(t)}`);
  }
  const out: Record<string, number> = {
    'slave/uptime_secs': Math.max(0, now - startTime),
    'slave/registered': snapshot.registered ? 1 : 0,
    'slave/frameworks_active': snapshot.frameworks.length,
    'slave/executors_running': executors.size,
  };
  for (const s of ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING']) out[`slave/tasks_${s.slice(5).toLowerCase()}`] = live.get(s) ?? 0;
  if (snapshot.tasksEnded) {
    for (const s of ['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_GONE']) out[`slave/tasks_${s.slice(5).toLowerCase()}`] = snapshot.tasksEnded.get(s) ?? 0;
  }
  Object.assign(out, resourceMetrics('slave', snapshot.resources, snapshot.usedResources));
  Object.assign(out, systemMetrics(system));
  return out;
}

/** The agent flags `/state` lists, by Mesos's names where Mesos has the flag (values as text). */
export interface AgentFlagValues {
  master: string;
  workDir: string;
  ip?: string;
  port?: number;
  hostname?: string;
  resources?: string;
  attributes?: string;
  containerizers?: string[];
  dockerSocket?: string;
  cgroupsRoot?: string;
  switchUser?: boolean;
  httpCredentials?: string;
  enforceContainerDiskQuota?: boolean;
  containerDiskWatchIntervalMs?: number;
}

/** The agent's flags as Mesos's `/state` lists them: names to text, only the flags it was given or defaults it has. */
export function mesosAgentFlags(f: AgentFlagValues): Record<string, string> {
  const out: Record<string, string> = { master: f.master.replace(/^zk:\/\/[^@/]*@/, 'zk://'), work_dir: f.workDir };
  if (f.ip !== undefined) out.ip = f.ip;
  if (f.port !== undefined) out.port = String(f.port);
  if (f.hostname !== undefined) out.hostname = f.hostname;
  if (f.resources !== undefined) out.resources = f.resources;
  if (f.attributes !== undefined) out.attributes = f.attributes;
  out.containerizers = (f.containerizers ?? ['posix']).join(',');
  if (f.dockerSocket !== undefined) out.docker_socket = f.dockerSocket;
  if (f.cgroupsRoot !== undefined) out.cgroups_root = f.cgroupsRoot;
  out.switch_user = String(f.switchUser ?? true);
  out.enforce_container_disk_quota = String(f.enforceContainerDiskQuota ?? false);
  if (f.enforceContainerDiskQuota) out.container_disk_watch_interval = `${(f.containerDiskWatchIntervalMs ?? 15_000) / 1000}secs`;
  out.authenticate_http_readonly = String(f.httpCredentials !== undefined);
  out.authenticate_http_readwrite = String(f.httpCredentials !== undefined);
  if (f.httpCredentials !== undefined) out.http_credentials = f.httpCredentials;
  return out;
}
