/**
 * Semantic checks of an ACCEPT: do the offers exist and belong to the
 * caller, and does each task fit what is left of them. Pure: lookups come in
 * as functions, a plan comes out. Refused tasks come back as data with the
 * state, reason and a message that names the problem, e.g.
 * `cpus: asked 4, offer holds 2`; a task that asks more than the offer holds
 * also says whether it can ever fit (`(never fits: the largest agent has 2)`
 * or `(not now: ...)`), judged against the largest agent of the role.
 */
import type { ExecutorInfo, InsufficientResource, Offer, Operation, Resource, TaskInfo } from '@meseta/proto/wire';
import { OperationType, pb, Reason, TaskState } from '@meseta/proto/wire';
import { add, isPersistentVolume, normalize, normalizeUnallocated, ResourcePool } from '@meseta/proto/resources';
import { idOf } from '@meseta/proto/ids';
import { containerProblem, healthCheckReachProblem } from '@meseta/proto/container-validation';
import { taskSecretsProblem } from '@meseta/proto/secret-references';
import { commandUrisProblem } from '@meseta/proto/fetch-uri';
import { classifyRefusals, describeRefusalCode } from '@meseta/proto/refusal-code';
import { applyConversion, isRefusal, planReserve, planUnreserve, reserveProblem, unreserveProblem, type ReservationConversion, type ReservationRefusal } from '@meseta/proto/reservations';
import { createProblem, destroyProblem, launchVolumesProblem, planCreate, planDestroy, volumeKey, volumesOf } from '@meseta/proto/volumes';

/** An outstanding offer as the validator needs to see it. */
export interface OfferView {
  id: string;
  offer: Offer;
  /** The role the offer's resources are allocated to. */
  role: string;
  frameworkId: string;
  agentId: string;
  /** Unallocated form of the offered resources. */
  resources: Resource[];
}

/** A task (or task group) the master will launch. */
export interface PlannedLaunch {
  tasks: TaskInfo[];
  /** Set for a task group. */
  executor?: ExecutorInfo;
  group: boolean;
  /** Resources the launch consumes (tasks + executor), unallocated form. */
  resources: Resource[];
  /**
   * Set when the launch starts a custom executor on the agent: its own
   * resources (unallocated form), held until the agent says it exited.
   */
  startsExecutor?: { executorId: string; resources: Resource[] };
}

/** A framework's own executor program (a command, type not DEFAULT): the agent starts it once and gives it every task that names it. */
export function isCustomExecutor(executor: ExecutorInfo | null | undefined): executor is ExecutorInfo {
  return !!executor && !!executor.command && executor.type !== pb.ExecutorInfo.Type.DEFAULT;
}

/** A task that will not be launched, and why. */
export interface RefusedTask {
  task: TaskInfo;
  state: TaskState;
  reason: Reason;
  message: string;
  /** For a task that did not fit: what it lacked, each with its code (NEVER / NOT_NOW when the context knows the cluster). */
  shortfalls?: InsufficientResource[];
}

/** What an ACCEPT turns into. */
export interface AcceptPlan {
  /** The offers used (all from one agent) — empty when the offers were invalid. */
  offers: OfferView[];
  agentId: string;
  launches: PlannedLaunch[];
  refused: RefusedTask[];
  /** Offered resources that no launch used: they go back to the allocator. */
  unused: Resource[];
  /** When the offers themselves were bad: the reason, for the log. */
  offerError?: string;
  /**
   * RESERVE / UNRESERVE / CREATE / DESTROY operations, in order, as conversions of the offered
   * resources (unallocated form); launches after them already take the
   * converted resources.
   */
  conversions: ReservationConversion[];
  /**
   * Set when a RESERVE, UNRESERVE, CREATE or DESTROY is refused (wrong role or principal, not
   * in the offer, ...): the message names the field; the caller refuses the
   * whole ACCEPT before changing anything, and the offers stay outstanding.
   */
  operationError?: ReservationRefusal;
}

/** What the validator needs to know of the world. */
export interface AcceptContext {
  frameworkId: string;
  lookupOffer(offerId: string): OfferView | undefined;
  /** True when the framework already has a live (non-terminal) task with this id. */
  isLiveTask(taskId: string): boolean;
  /**
   * Per resource name, the most one agent usable by `role` has in total
   * (`Allocator.largestAgent`). Without it, shortfalls carry no code.
   */
  largestAgent?(role: string): ReadonlyMap<string, number>;
  /**
   * True when this framework's custom executor already runs on the agent:
   * its resources are held already, so a task for it asks only its own
   * (as Mesos). Without it, every launch pays for its executor.
   */
  isExecutorRunning?(agentId: string, executorId: string): boolean;
  /** The framework's principal: a RESERVE's reservation must name it when set. */
  principal?: string;
  /**
   * The quota check of a RESERVE (`reserve-quota.ts`): `reserved` as it will
   * be, offered to `role`. A refusal names the role, asked and limit. Without
   * it: no quota check.
   */
  reserveQuotaProblem?(reserved: readonly Resource[], field: string, role: string): ReservationRefusal | undefined;
  /** The agent's persistent volumes (all of them, offered or not): a CREATE's id must be new, a DESTROY's known. Without it: none. */
  agentVolumes?(agentId: string): readonly Resource[];
  /** The live tasks (ids) on the agent that use the volume: a DESTROY of it is refused. Without it: none. */
  volumeUsers?(agentId: string, volume: Resource): readonly string[];
}

/**
 * One RESERVE, UNRESERVE, CREATE or DESTROY of an ACCEPT, checked against
 * what remains of the offers (`pool`, unallocated form) and the agent's
 * volumes: the conversion it makes, or a refusal naming the field.
 */
export function planOperation(ctx: AcceptContext, op: Operation, index: number, pool: readonly Resource[], role: string, agentId: string, volumes: readonly Resource[]): ReservationConversion | ReservationRefusal {
  const actor = { role, principal: ctx.principal };
  switch (op.type) {
    case OperationType.RESERVE: {
      const field = `accept.operations[${index}].reserve.resources`;
      const resources = op.reserve?.resources ?? [];
      const problem = reserveProblem(resources, actor, field);
      if (problem) return { message: problem };
      const reserve = planReserve(pool, resources, field);
      return isRefusal(reserve) ? reserve : (ctx.reserveQuotaProblem?.(reserve.converted, field, role) ?? reserve);
    }
    case OperationType.UNRESERVE: {
      const field = `accept.operations[${index}].unreserve.resources`;
      const resources = op.unreserve?.resources ?? [];
      const problem = unreserveProblem(resources, field);
      return problem ? { message: problem } : planUnreserve(pool, resources, field);
    }
    case OperationType.CREATE: {
      const field = `accept.operations[${index}].create.volumes`;
      const resources = op.create?.volumes ?? [];
      const problem = createProblem(resources, actor, field);
      return problem ? { message: problem } : planCreate(pool, resources, volumes, actor, field);
    }
    default: {
      const field = `accept.operations[${index}].destroy.volumes`;
      const resources = op.destroy?.volumes ?? [];
      const problem = destroyProblem(resources, field);
      return problem ? { message: problem } : planDestroy(pool, resources, volumes, (v) => ctx.volumeUsers?.(agentId, v) ?? [], field);
    }
  }
}

function isConversionOp(op: Operation): boolean {
  return op.type === OperationType.RESERVE || op.type === OperationType.UNRESERVE || op.type === OperationType.CREATE || op.type === OperationType.DESTROY;
}

function tasksOf(ops: readonly Operation[]): TaskInfo[] {
  const out: TaskInfo[] = [];
  for (const op of ops) {
    if (op.type === OperationType.LAUNCH) out.push(...(op.launch?.task_infos ?? []));
    if (op.type === OperationType.LAUNCH_GROUP) out.push(...(op.launch_group?.task_group?.tasks ?? []));
  }
  return out;
}

function checkOffers(ctx: AcceptContext, offerIds: readonly string[]): { offers: OfferView[]; error?: string } {
  const offers: OfferView[] = [];
  const seen = new Set<string>();
  for (const id of offerIds) {
    if (seen.has(id)) return { offers: [], error: `offer ${id} is named twice` };
    seen.add(id);
    const view = ctx.lookupOffer(id);
    if (!view) return { offers: [], error: `offer ${id} is unknown, expired or rescinded` };
    if (view.frameworkId !== ctx.frameworkId) return { offers: [], error: `offer ${id} belongs to another framework` };
    offers.push(view);
  }
  const agents = new Set(offers.map((o) => o.agentId));
  if (agents.size > 1) {
    return { offers: [], error: `offers ${offerIds.join(', ')} are from ${agents.size} different agents (${[...agents].join(', ')}); one ACCEPT may only combine offers from one agent` };
  }
  return { offers };
}

function checkResourceShape(resources: readonly Resource[], field: string): string | undefined {
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (!r.name) return `${field}[${i}].name: required`;
    const v = r.scalar?.value;
    if (v !== null && v !== undefined && (!Number.isFinite(v) || v < 0)) return `${field}[${i}] (${r.name}): scalar must be a non-negative number, got ${v}`;
  }
  return undefined;
}

/**
 * Check one task against what is left; returns the problem or undefined.
 * `claimed` holds task ids already taken in this ACCEPT.
 */
function checkTask(ctx: AcceptContext, task: TaskInfo, agentId: string, claimed: Set<string>): string | undefined {
  const taskId = idOf(task.task_id);
  if (!taskId) return 'task_id: required';
  if (claimed.has(taskId)) return `task_id: "${taskId}" is used twice in this call`;
  if (ctx.isLiveTask(taskId)) return `task_id: "${taskId}" is already used by a live task of this framework`;
  const named = idOf(task.agent_id);
  if (named && named !== agentId) return `agent_id: task names agent ${named} but the offers are from agent ${agentId}`;
  if (!task.resources || task.resources.length === 0) return 'resources: a task must ask for some resources (e.g. cpus and mem)';
  const shape = checkResourceShape(task.resources, 'resources');
  if (shape) return shape;
  if (!task.command && !task.container && !task.executor) return 'command: a task needs a command, a container or an executor';
  if (task.command && task.command.shell !== false && !task.command.value) return 'command.value: required when command.shell is true';
  if (task.command && task.command.shell === false && !task.command.value && (task.command.arguments?.length ?? 0) === 0) {
    return 'command.value: required (the program to run)';
  }
  const container = containerProblem(task.container, 'container') ?? healthCheckReachProblem(task) ?? taskSecretsProblem(task.command, task.container, '');
  if (container) return container;
  const uris = commandUrisProblem(task.command, '') ?? commandUrisProblem(task.executor?.command, 'executor.');
  if (uris) return uris;
  const grace = task.kill_policy?.grace_period?.nanoseconds;
  if (grace !== null && grace !== undefined && (!Number.isFinite(grace) || grace < 0)) {
    return `kill_policy.grace_period.nanoseconds: must be non-negative, got ${grace}`;
  }
  return undefined;
}

function refuse(task: TaskInfo, state: TaskState, reason: Reason, message: string, shortfalls?: InsufficientResource[]): RefusedTask {
  return shortfalls ? { task, state, reason, message, shortfalls } : { task, state, reason, message };
}

/**
 * Shortfalls with their codes, and the message naming each
 * (`cpus: asked 64, offer holds 2 (never fits: the largest agent has 16)`).
 */
export function describeShortfalls(missing: readonly InsufficientResource[], largest?: ReadonlyMap<string, number>): { message: string; shortfalls: InsufficientResource[] } {
  const shortfalls = largest ? classifyRefusals(missing, largest) : [...missing];
  const message = shortfalls
    .map((m) => {
      const judged = largest ? describeRefusalCode(m.code, largest.get(m.name ?? '') ?? 0) : '';
      return judged ? `${m.message} (${judged})` : (m.message ?? '');
    })
    .join('; ');
  return { message, shortfalls };
}

/**
 * Turn an ACCEPT's offers and operations into launches and refusals.
 * Tasks are checked in order; each valid one takes its resources out of
 * what remains, so a later task can fail because an earlier one fit.
 */
export function planAccept(ctx: AcceptContext, offerIds: readonly string[], operations: readonly Operation[]): AcceptPlan {
  const { offers, error } = checkOffers(ctx, offerIds);
  if (error) {
    const refused = tasksOf(operations).map((t) => refuse(t, TaskState.TASK_DROPPED, Reason.REASON_INVALID_OFFERS, `Task dropped: ${error}`));
    return { offers: [], agentId: '', launches: [], refused, unused: [], offerError: error, conversions: [] };
  }
  const agentId = offers[0].agentId;
  /** What remains of the offers: a list, or (while launches take from it) a pool changed in place; `left()` reads it as a list. */
  let remaining = normalize(offers.flatMap((o) => o.resources));
  let pool: ResourcePool | undefined;
  const left = (): Resource[] => {
    if (pool) {
      remaining = pool.list();
      pool = undefined;
    }
    return remaining;
  };
  const launches: PlannedLaunch[] = [];
  const refused: RefusedTask[] = [];
  const claimed = new Set<string>();
  /** Custom executors a launch of this call starts (their resources are taken once). */
  const startedExecutors = new Set<string>();
  const conversions: ReservationConversion[] = [];
  /** The agent's volumes as this call leaves them; looked up at the first conversion (a plain launch never pays for it). */
  let volumes: readonly Resource[] | undefined;
  let largest: ReadonlyMap<string, number> | undefined;
  const largestAgent = (): ReadonlyMap<string, number> | undefined => (largest ??= ctx.largestAgent?.(offers[0].role));

  /** Take `needed` out of what remains, or say what it lacks. */
  const take = (needed: Resource[]): { message: string; shortfalls: InsufficientResource[] } | undefined => {
    // `needed` is normalised (normalizeUnallocated): the pool answers as shortfalls() then subtract() would.
    const missing = (pool ??= new ResourcePool(remaining)).take(needed);
    if (missing.length > 0) return describeShortfalls(missing, largestAgent());
    return undefined;
  };

  for (let index = 0; index < operations.length; index++) {
    const op = operations[index];
    if (isConversionOp(op)) {
      volumes ??= ctx.agentVolumes?.(agentId) ?? volumesOf(left());
      const planned = planOperation(ctx, op, index, left(), offers[0].role, agentId, volumes);
      if (isRefusal(planned)) return { offers, agentId, launches: [], refused: [], unused: [], conversions: [], operationError: planned };
      remaining = applyConversion(left(), planned);
      // The agent's volumes as this call leaves them, for a later CREATE / DESTROY of the same call.
      if (op.type === OperationType.CREATE) volumes = [...volumes, ...planned.converted];
      if (op.type === OperationType.DESTROY) {
        const gone = new Set(planned.consumed.map(volumeKey));
        volumes = volumes.filter((v) => !gone.has(volumeKey(v)));
      }
      conversions.push(planned);
      continue;
    }
    if (op.type === OperationType.LAUNCH) {
      for (const task of op.launch?.task_infos ?? []) {
        const problem = checkTask(ctx, task, agentId, claimed);
        if (problem) {
          refused.push(refuse(task, TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, problem));
          continue;
        }
        const custom = isCustomExecutor(task.executor) ? task.executor : undefined;
        const executorId = idOf(custom?.executor_id);
        const executorHeld = custom !== undefined && (startedExecutors.has(executorId) || ctx.isExecutorRunning?.(agentId, executorId) === true);
        const executorResources = executorHeld ? [] : (task.executor?.resources ?? []);
        const volumeProblem = hasVolume(task.resources) ? launchVolumesProblem(task.resources, left(), 'resources') : undefined;
        if (volumeProblem) {
          refused.push(refuse(task, TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, volumeProblem));
          continue;
        }
        const needed = normalizeUnallocated(executorResources.length === 0 ? task.resources : [...(task.resources ?? []), ...executorResources]);
        const shortage = take(needed);
        if (shortage) {
          refused.push(refuse(task, TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, shortage.message, shortage.shortfalls));
          continue;
        }
        claimed.add(idOf(task.task_id));
        const launch: PlannedLaunch = { tasks: [task], group: false, resources: needed };
        if (custom && !executorHeld) {
          launch.startsExecutor = { executorId, resources: normalizeUnallocated(custom.resources) };
          startedExecutors.add(executorId);
        }
        launches.push(launch);
      }
    } else if (op.type === OperationType.LAUNCH_GROUP) {
      const tasks = op.launch_group?.task_group?.tasks ?? [];
      const executor = op.launch_group?.executor ?? undefined;
      let problem: string | undefined;
      /** Ids this group claimed: a refused group gives back only these, never an earlier operation's. */
      const groupClaimed: string[] = [];
      for (const task of tasks) {
        const p = checkTask(ctx, task, agentId, claimed);
        if (p) {
          problem = `task ${idOf(task.task_id) || '(no id)'}: ${p}`;
          break;
        }
        claimed.add(idOf(task.task_id));
        groupClaimed.push(idOf(task.task_id));
      }
      if (!problem && executor) {
        const shape = checkResourceShape(executor.resources ?? [], 'executor.resources');
        if (shape) problem = shape;
        problem ??= containerProblem(executor.container, 'executor.container', 'executor');
        problem ??= commandUrisProblem(executor.command, 'executor.');
        for (const task of tasks) {
          const unreachable = healthCheckReachProblem(task, executor.container);
          if (unreachable) problem ??= `task ${idOf(task.task_id)}: ${unreachable}`;
        }
      }
      const customGroup = isCustomExecutor(executor) ? executor : undefined;
      const groupExecutorId = idOf(customGroup?.executor_id);
      const groupExecutorHeld = customGroup !== undefined && (startedExecutors.has(groupExecutorId) || ctx.isExecutorRunning?.(agentId, groupExecutorId) === true);
      const needed = normalizeUnallocated([...tasks.flatMap((t) => t.resources ?? []), ...(groupExecutorHeld ? [] : (executor?.resources ?? []))]);
      let lacking: InsufficientResource[] | undefined;
      for (const task of tasks) {
        const volumeProblem = problem || !hasVolume(task.resources) ? undefined : launchVolumesProblem(task.resources, left(), 'resources');
        if (volumeProblem) problem = `task ${idOf(task.task_id)}: ${volumeProblem}`;
      }
      if (!problem) {
        const shortage = take(needed);
        problem = shortage?.message;
        lacking = shortage?.shortfalls;
      }
      if (problem) {
        for (const id of groupClaimed) claimed.delete(id);
        for (const task of tasks) {
          refused.push(refuse(task, TaskState.TASK_ERROR, Reason.REASON_TASK_GROUP_INVALID, `Task group refused: ${problem}`, lacking));
        }
        continue;
      }
      const groupLaunch: PlannedLaunch = { tasks, executor, group: true, resources: needed };
      if (customGroup && !groupExecutorHeld) {
        groupLaunch.startsExecutor = { executorId: groupExecutorId, resources: normalizeUnallocated(customGroup.resources) };
        startedExecutors.add(groupExecutorId);
      }
      launches.push(groupLaunch);
    }
  }
  return { offers, agentId, launches, refused, unused: left(), conversions };
}

/** True when a task uses a persistent volume (only then does `launchVolumesProblem` read the pool). */
function hasVolume(resources: readonly Resource[] | null | undefined): boolean {
  if (!resources) return false;
  for (const r of resources) if (isPersistentVolume(r)) return true;
  return false;
}

/** Sum of the resources the launches consume. */
export function launchedResources(plan: AcceptPlan): Resource[] {
  return add([], plan.launches.flatMap((l) => l.resources));
}
