/**
 * The master's state in the shapes of the Mesos v1 operator API
 * (`meseta.v1.master.Response.*`): agents, frameworks, executors, tasks,
 * roles, the master itself. Built from the same records and the same
 * views as `/state` and the gRPC Operator API (`state-view.ts`); nothing
 * here changes state. A filtered view of the master
 * (`auth/view-filter.ts`) gives a filtered answer.
 */
import type { Resource, v1 } from '@meseta/proto/wire';
import { TaskState, pb } from '@meseta/proto/wire';
import type { Master } from './master';
import type { AgentRecord, FrameworkRecord, TaskRecord } from './state';
import { agentView, frameworkView, masterRoleTree, taskView } from './state-view';

type Response = v1.master.IResponse;
type AgentMessage = v1.master.Response.GetAgents.IAgent;
type FrameworkMessage = v1.master.Response.GetFrameworks.IFramework;

/** Seconds since the epoch as a Mesos `TimeInfo` (whole nanoseconds); undefined stays undefined. */
export function timeInfo(seconds: number | null | undefined): v1.ITimeInfo | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return { nanoseconds: Math.round(seconds * 1e9) };
}

/** Mesos's name of an agent's process, `slave(1)@ip:port` (the wire name Mesos tools parse). */
export function agentPid(a: Pick<AgentRecord, 'info'>): string {
  const host = a.info.ip || a.info.hostname || '';
  return `slave(1)@${host}:${a.info.port ?? 5051}`;
}

/** One agent as GET_AGENTS lists it. */
export function agentMessage(master: Master, a: AgentRecord): AgentMessage {
  const view = agentView(master, a);
  return {
    agent_info: { ...a.info, id: { value: a.id } },
    active: a.status === 'ACTIVE',
    deactivated: a.deactivated === true,
    ...(a.drain ? { drain_info: { state: a.drain.state === 'DRAINED' ? pb.master.DrainInfo.State.DRAINED : pb.master.DrainInfo.State.DRAINING, config: { mark_gone: a.drain.markGone, ...(a.drain.maxGracePeriodSeconds !== undefined ? { max_grace_period: { nanoseconds: Math.round(a.drain.maxGracePeriodSeconds * 1e9) } } : {}) } } } : {}),
    version: a.version,
    pid: agentPid(a),
    registered_time: timeInfo(a.registeredTime),
    reregistered_time: timeInfo(a.reregisteredTime),
    total_resources: view.total_resources,
    allocated_resources: view.allocated_resources,
    offered_resources: view.offered_resources,
  };
}

/**
 * GET_AGENTS: agents registered with this master (connected or not) and,
 * apart, agents known from the registry that have not re-registered since
 * a failover. Unreachable and gone agents are not listed, as in Mesos.
 */
export function getAgents(master: Master): v1.master.Response.IGetAgents {
  const agents: AgentMessage[] = [];
  const recovered: v1.IAgentInfo[] = [];
  for (const a of master.agents.values()) {
    if (a.status === 'UNREACHABLE' || a.status === 'GONE') continue;
    if (a.recovered) recovered.push({ ...a.info, id: { value: a.id } });
    else agents.push(agentMessage(master, a));
  }
  return { agents, recovered_agents: recovered };
}

/** One framework as GET_FRAMEWORKS lists it; `allocated`, when given, is what its live tasks hold, already summed. */
export function frameworkMessage(master: Master, f: FrameworkRecord, allocated?: Resource[]): FrameworkMessage {
  const view = frameworkView(master, f, allocated);
  return {
    framework_info: { ...f.info, id: { value: f.id } },
    active: f.active,
    connected: f.connected,
    recovered: f.recovered,
    registered_time: timeInfo(f.registeredTime),
    reregistered_time: timeInfo(f.reregisteredTime),
    unregistered_time: timeInfo(f.unregisteredTime),
    offers: view.offers,
    allocated_resources: view.allocated_resources,
    offered_resources: view.offered_resources,
  };
}

/** GET_FRAMEWORKS: subscribed (and recovered) frameworks, and the removed ones the master remembers. */
export function getFrameworks(master: Master): v1.master.Response.IGetFrameworks {
  return {
    frameworks: [...master.frameworks.values()].map((f) => frameworkMessage(master, f)),
    completed_frameworks: master.completedFrameworks.map((f) => frameworkMessage(master, f)),
    recovered_frameworks: [],
  };
}

/**
 * GET_EXECUTORS: one entry per executor id its live tasks name, with the
 * agent it runs on. The master keeps a task's executor id, not the whole
 * ExecutorInfo, so only `executor_id` and `framework_id` are filled.
 */
export function getExecutors(master: Master): v1.master.Response.IGetExecutors {
  const seen = new Set<string>();
  const executors: v1.master.Response.GetExecutors.IExecutor[] = [];
  for (const f of master.frameworks.values()) {
    for (const t of f.tasks.values()) {
      const executorId = t.task.executor_id?.value;
      if (!executorId) continue;
      const key = `${f.id}\u0000${t.agentId}\u0000${executorId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      executors.push({ executor_info: { executor_id: { value: executorId }, framework_id: { value: f.id } }, agent_id: { value: t.agentId } });
    }
  }
  return { executors, orphan_executors: [] };
}

/** A task as the operator API shows it (its latest status included in `statuses`). */
export function taskMessage(t: TaskRecord): v1.ITask {
  return taskView(t);
}

/**
 * GET_TASKS: tasks sent to agents (on agents that cannot be reached now:
 * apart, as `unreachable_tasks`), and the completed ones the master keeps.
 * Meseta has no pending tasks: accepted tasks go to their agent at once.
 */
export function getTasks(master: Master): v1.master.Response.IGetTasks {
  const tasks: v1.ITask[] = [];
  const unreachable: v1.ITask[] = [];
  const completed: v1.ITask[] = [];
  for (const f of master.frameworks.values()) {
    for (const t of f.tasks.values()) {
      if (t.task.state === TaskState.TASK_UNREACHABLE) unreachable.push(taskMessage(t));
      else tasks.push(taskMessage(t));
    }
  }
  for (const f of [...master.frameworks.values(), ...master.completedFrameworks]) {
    for (const t of f.completedTasks) completed.push(taskMessage(t));
  }
  return { pending_tasks: [], tasks, unreachable_tasks: unreachable, completed_tasks: completed, orphan_tasks: [] };
}

/** Quantities by name as Mesos's `map<string, Value.Scalar>`. */
export function scalarMap(amounts: Record<string, number>): Record<string, v1.Value.IScalar> {
  return Object.fromEntries(Object.entries(amounts).map(([name, value]) => [name, { value }]));
}

/**
 * GET_ROLES: every role with a framework in it, a weight or quota set, or
 * resources reserved to it, and the parents of those (`role-tree.ts`): its
 * weight, frameworks, what its tasks hold; Meseta's own fields beside
 * (quota, reserved, parent, children).
 */
export function getRoles(master: Master): v1.master.Response.IGetRoles {
  return {
    roles: masterRoleTree(master).map((e) => ({
      name: e.name,
      weight: e.weight,
      frameworks: e.frameworks.map((value) => ({ value })),
      resources: e.allocated,
      ...(e.quota ? { quota: { role: e.name, guarantees: scalarMap(e.quota.guarantees), limits: scalarMap(e.quota.limits) } } : {}),
      reserved: e.reserved,
      ...(e.parent !== undefined ? { parent: e.parent } : {}),
      children: e.children,
    })),
  };
}

/** GET_WEIGHTS: the weights set, and 1 for the other roles frameworks subscribed with (not for roles listed only for a quota, a reservation or a child). */
export function getWeights(master: Master): v1.master.Response.IGetWeights {
  const roles = masterRoleTree(master).filter((e) => master.weights.all.has(e.name) || e.frameworks.length > 0);
  return { weight_infos: roles.map((e) => ({ role: e.name, weight: e.weight })) };
}

/** GET_STATE: tasks, executors, frameworks and agents in one answer. */
export function getState(master: Master): v1.master.Response.IGetState {
  return { get_tasks: getTasks(master), get_executors: getExecutors(master), get_frameworks: getFrameworks(master), get_agents: getAgents(master) };
}

/** GET_MASTER: who this master is and since when it runs and leads. */
export function getMaster(master: Master): v1.master.Response.IGetMaster {
  return { master_info: master.info, start_time: master.startTime, elected_time: master.electedTime };
}

/** A Response of `type` with its one part set (`get_tasks` for GET_TASKS, ...). */
export function responseOf(type: keyof typeof RESPONSE_FIELDS, part: unknown): Response {
  return { type: pb.master.Response.Type[type], [RESPONSE_FIELDS[type]]: part } as Response;
}

/** Response field of each response type. */
export const RESPONSE_FIELDS = {
  GET_HEALTH: 'get_health',
  GET_FLAGS: 'get_flags',
  GET_VERSION: 'get_version',
  GET_METRICS: 'get_metrics',
  GET_LOGGING_LEVEL: 'get_logging_level',
  LIST_FILES: 'list_files',
  READ_FILE: 'read_file',
  GET_STATE: 'get_state',
  GET_AGENTS: 'get_agents',
  GET_FRAMEWORKS: 'get_frameworks',
  GET_EXECUTORS: 'get_executors',
  GET_TASKS: 'get_tasks',
  GET_ROLES: 'get_roles',
  GET_WEIGHTS: 'get_weights',
  GET_MASTER: 'get_master',
  GET_MAINTENANCE_STATUS: 'get_maintenance_status',
  GET_MAINTENANCE_SCHEDULE: 'get_maintenance_schedule',
  GET_QUOTA: 'get_quota',
  GET_OPERATIONS: 'get_operations',
} as const;

