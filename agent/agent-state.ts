/**
 * The agent's `/state` document: who it is, what it has, and the tasks it
 * runs with their states and sandbox paths (for `/files`); with
 * {@link agentStateJson}, Mesos's agent state fields as well.
 */
import type { Attribute, Range, Resource, TaskStatus } from '@meseta/proto/wire';
import { enumName, pb, Reason, TaskState, ValueType } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { attributeText } from '@meseta/proto/resource-text';
import { formatRanges, formatResources, normalize, roundScalar } from '@meseta/proto/resources';
import type { AgentSnapshot, AgentTask } from './agent';
import { type MesosAgentMeta, mesosAgentState } from './mesos-agent-state';
import { mesosNetworkInfos } from '@meseta/proto/mesos-json';

/** Resources as Mesos's `/state` writes them: `{ cpus: 4, mem: 1024, ports: "[31000-32000]" }` (all roles summed). */
export function resourcesObject(resources: readonly Resource[] | null | undefined): Record<string, number | string> {
  const scalars = new Map<string, number>();
  const spans = new Map<string, Range[]>();
  const sets = new Map<string, Set<string>>();
  for (const r of normalize(resources)) {
    const name = r.name ?? '';
    if (r.type === ValueType.RANGES) spans.set(name, [...(spans.get(name) ?? []), ...(r.ranges?.range ?? [])]);
    else if (r.type === ValueType.SET) sets.set(name, new Set([...(sets.get(name) ?? []), ...(r.set?.item ?? [])]));
    else scalars.set(name, roundScalar((scalars.get(name) ?? 0) + (r.scalar?.value ?? 0)));
  }
  const out: Record<string, number | string> = {};
  for (const [name, value] of scalars) out[name] = value;
  for (const [name, value] of spans) out[name] = formatRanges(value);
  for (const [name, value] of sets) out[name] = `{${[...value].sort().join(',')}}`;
  return out;
}

function attributesObject(attributes: readonly Attribute[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const a of attributes) out[a.name ?? ''] = a.type === ValueType.SCALAR ? (a.scalar?.value ?? 0) : attributeText(a);
  return out;
}

function statusJson(status: TaskStatus): Record<string, unknown> {
  const out: Record<string, unknown> = {
    state: enumName(TaskState, status.state),
    timestamp: status.timestamp,
    source: enumName(pb.TaskStatus.Source, status.source),
  };
  if (status.reason !== null && status.reason !== undefined) out.reason = enumName(Reason, status.reason);
  if (status.message) out.message = status.message;
  if (status.exit_code !== null && status.exit_code !== undefined) out.exit_code = status.exit_code;
  if (status.signal) out.signal = status.signal;
  const networks = status.container_status?.network_infos ?? [];
  if (networks.length > 0) out.container_status = { network_infos: mesosNetworkInfos(networks) };
  return out;
}

/** One task as `/state` lists it. */
export function taskJson(task: AgentTask): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: task.taskId,
    name: task.info.name ?? '',
    framework_id: task.frameworkId,
    state: enumName(TaskState, task.state),
    container_id: task.containerId,
    resources: resourcesObject(task.info.resources),
    statuses: task.statuses.map(statusJson),
  };
  if (task.executorId) out.executor_id = task.executorId;
  if (task.pid !== undefined) out.pid = task.pid;
  if (task.sandbox) {
    out.sandbox = task.sandbox.relativeDir;
    out.directory = task.sandbox.dir;
  }
  return out;
}

/** The whole `/state` document. */
export function stateJson(snapshot: AgentSnapshot, master: string): Record<string, unknown> {
  const tasksByFramework = new Map<string, AgentTask[]>();
  for (const t of snapshot.tasks) tasksByFramework.set(t.frameworkId, [...(tasksByFramework.get(t.frameworkId) ?? []), t]);
  return {
    id: snapshot.id ?? null,
    hostname: snapshot.hostname,
    port: snapshot.port,
    version: snapshot.version,
    master,
    registered: snapshot.registered,
    work_dir: snapshot.workDir,
    resources: resourcesObject(snapshot.resources),
    resources_text: formatResources(snapshot.resources),
    used_resources: resourcesObject(snapshot.usedResources),
    attributes: attributesObject(snapshot.attributes),
    frameworks: snapshot.frameworks.map((f) => ({
      id: idOf(f.id),
      name: f.name ?? '',
      user: f.user ?? '',
      role: f.roles && f.roles.length > 0 ? f.roles : (f.role ?? '*'),
      tasks: (tasksByFramework.get(idOf(f.id)) ?? []).map((t) => t.taskId),
    })),
    tasks: snapshot.tasks.map(taskJson),
    completed_tasks: snapshot.completedTasks.map(taskJson),
    pending_status_updates: snapshot.pendingUpdates,
    // Persistent volumes (issue 14): every volume directory the agent holds, with the tasks using it now.
    volumes: (snapshot.volumes ?? []).map((v) => ({
      role: v.role, persistence_id: v.persistenceId, ...(v.principal ? { principal: v.principal } : {}),
      ...(v.sizeMb !== undefined ? { size_mb: v.sizeMb } : {}), path: v.path, source: v.source, tasks: v.tasks,
      ...(v.destroyPending ? { destroy_pending: true } : {}),
    })),
    // Registry images (issue 17): the layer store's images and layers, when the agent keeps one.
    ...(snapshot.cachedImages ? { image_store: snapshot.cachedImages } : {}),
  };
}

/**
 * `/state` (and `/state.json`, `/slave(1)/state`): Mesos's agent state
 * (`mesos-agent-state.ts`) with our own fields beside it. Where both have a
 * field, Mesos's shape is kept and ours added inside it: each
 * `frameworks[]` entry has Mesos's fields and executors plus our `tasks`
 * (the ids); `resources` is Mesos's map (the same figures, `gpus` and the
 * rest always present).
 */
export function agentStateJson(snapshot: AgentSnapshot, meta: MesosAgentMeta): Record<string, unknown> {
  const ours = stateJson(snapshot, meta.master);
  const mesos = mesosAgentState(snapshot, meta);
  const ourFrameworks = new Map((ours.frameworks as Array<{ id: string; tasks: string[] }>).map((f) => [f.id, f.tasks]));
  const frameworks = (mesos.frameworks as Array<Record<string, unknown>>).map((f) => ({ ...f, tasks: ourFrameworks.get(f.id as string) ?? [] }));
  return { ...ours, ...mesos, frameworks };
}
