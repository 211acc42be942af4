/**
 * The operator's actions on agents, tasks and frameworks, whatever the
 * transport: our gRPC Operator API (`operator-api.ts`) and Mesos's
 * `POST /api/v1` (`mesos-operator-http.ts`) both call these. Each checks
 * its ACL with the caller's authority, acts on the master and resolves
 * once the change is durable; a refusal is an {@link OperatorActionError}
 * whose kind each transport maps to its own status.
 */
import { clusterQuotaCapacity, overcommitMessage, quotaOvercommits, raisesGuarantees, type QuotaOvercommit } from './quota-capacity';
import type { KillPolicy } from '@meseta/proto/wire';
import type { Master } from './master';
import type { AclAction } from './auth/acls';
import { frameworkPrincipal } from './auth/view-filter';
import { AgentActionError, type DrainRequest } from './agent-drain';
import { checkWeightInfos, type RoleWeight } from './weight-input';
import { checkQuotaInput, quotaTreeInputProblem, type RoleQuotaInput } from './quota-input';

/** Who asks, and their ACL checks (anonymous on an open master: allowed everything). */
export interface OperatorAuthority {
  readonly principal?: string;
  check(action: AclAction, object: string): { message: string } | undefined;
}

/** An open master's caller. */
export const ANONYMOUS_OPERATOR: OperatorAuthority = { check: () => undefined };

/**
 * A refused action: `invalid` input, `not_found`, `denied` by an ACL,
 * `conflict` (well-formed, but what it acts on is not there now: resources
 * to reserve that the agent lacks; Mesos's 409), `failed` (registry write).
 */
export class OperatorActionError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'denied' | 'conflict' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'OperatorActionError';
  }
}

/** The agent actions, with their ACL action. */
export type AgentAction = 'drain' | 'deactivate' | 'reactivate';

const ACL_OF: Record<AgentAction, AclAction> = { drain: 'drain_agent', deactivate: 'deactivate_agent', reactivate: 'reactivate_agent' };

/**
 * Drain, deactivate or reactivate the agent `agentId`; `field` names the
 * call's agent id field in refusals (`drain_agent.agent_id`).
 */
export async function actOnAgent(master: Master, authority: OperatorAuthority, action: AgentAction, agentId: string, field: string, drain: DrainRequest = {}): Promise<void> {
  if (!agentId) throw new OperatorActionError('invalid', `${field}: required`);
  const agent = master.agents.get(agentId);
  if (!agent) throw new OperatorActionError('not_found', `${field}: agent '${agentId}' not found`);
  const denied = authority.check(ACL_OF[action], agent.principal ?? '');
  if (denied) throw new OperatorActionError('denied', denied.message);
  try {
    if (action === 'drain') await master.drainAgent(agentId, drain);
    else if (action === 'deactivate') await master.deactivateAgent(agentId);
    else await master.reactivateAgent(agentId);
  } catch (e) {
    if (e instanceof AgentActionError) throw new OperatorActionError(e.kind === 'unknown' ? 'not_found' : 'invalid', e.message.replace(/^agent_id/, field));
    throw new OperatorActionError('failed', (e as Error).message);
  }
}

/**
 * Kill the live task `taskId` (of `frameworkId` when given) through the
 * master's kill path, `kill_task` checked on its framework's principal.
 * Resolves with where it ran.
 */
export function killTask(master: Master, authority: OperatorAuthority, taskId: string, frameworkId: string | undefined, killPolicy?: KillPolicy): { frameworkId: string; agentId: string } {
  if (!taskId) throw new OperatorActionError('invalid', 'kill_task.task_id: required');
  const candidates = [...master.frameworks.values()].filter((f) => (!frameworkId || f.id === frameworkId) && f.tasks.has(taskId));
  for (const fw of candidates) {
    const denied = authority.check('kill_task', frameworkPrincipal(fw));
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
  const result = master.killTask(taskId, frameworkId, killPolicy);
  if ('killed' in result) return result.killed;
  if (result.refused === 'ambiguous') {
    throw new OperatorActionError('invalid', `kill_task.framework_id: required: task ${taskId} runs in ${result.frameworks.length} frameworks (${result.frameworks.join(', ')})`);
  }
  const where = frameworkId ? ` of framework ${frameworkId}` : '';
  throw new OperatorActionError('not_found', `kill_task.task_id: no live task '${taskId}'${where} (it may have ended already)`);
}

/** Tear down the framework `frameworkId`, `teardown_framework` checked on its principal. */
export async function teardown(master: Master, authority: OperatorAuthority, frameworkId: string): Promise<void> {
  if (!frameworkId) throw new OperatorActionError('invalid', 'teardown.framework_id: required');
  const fw = master.frameworks.get(frameworkId);
  if (!fw) throw new OperatorActionError('not_found', `teardown.framework_id: no framework ${frameworkId} is subscribed (it may have been removed already)`);
  const denied = authority.check('teardown_framework', frameworkPrincipal(fw));
  if (denied) throw new OperatorActionError('denied', denied.message);
  const why = `torn down by the operator${authority.principal ? ` (principal ${authority.principal})` : ''}`;
  let done: boolean;
  try {
    done = await master.teardownFramework(frameworkId, why);
  } catch (e) {
    throw new OperatorActionError('failed', (e as Error).message);
  }
  if (!done) throw new OperatorActionError('not_found', `teardown.framework_id: no framework ${frameworkId} is subscribed (it may have been removed already)`);
}

/**
 * Set role weights (UPDATE_WEIGHTS): each entry checked (`field` names the
 * call's list, e.g. `update_weights.weight_infos`), `update_weights`
 * checked on every role, then written to the registry and given to the
 * allocator. All or nothing: one bad or denied entry refuses the call.
 */
export async function setWeights(master: Master, authority: OperatorAuthority, infos: ReadonlyArray<{ role?: string | null; weight?: number | null }> | null | undefined, field: string): Promise<RoleWeight[]> {
  let weights: RoleWeight[];
  try {
    weights = checkWeightInfos(infos, field);
  } catch (e) {
    throw new OperatorActionError('invalid', (e as Error).message);
  }
  for (const w of weights) {
    const denied = authority.check('update_weights', w.role);
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
  try {
    await master.updateWeights(weights, authority.principal ? `principal ${authority.principal}` : 'the operator');
  } catch (e) {
    throw new OperatorActionError('failed', (e as Error).message);
  }
  return weights;
}

/**
 * UPDATE_QUOTA refused by Mesos's capacity check: all roles' guarantees
 * would ask for more than the cluster has. `overcommits` carries, per
 * resource, what they would ask and what there is.
 */
export class QuotaOvercommitError extends OperatorActionError {
  constructor(
    message: string,
    readonly overcommits: readonly QuotaOvercommit[],
  ) {
    super('conflict', message);
    this.name = 'QuotaOvercommitError';
  }
}

/**
 * Set roles' quotas (UPDATE_QUOTA): each entry checked (`field` names the
 * call's list), `update_quotas` checked on every role, then unless
 * `options.force` Mesos's capacity check when the call raises a guarantee
 * (all roles' guarantees with these within the cluster's resources outside
 * static reservations; refused with a {@link QuotaOvercommitError}), then each written to the registry and given
 * to the allocator. All entries are checked before any is written.
 */
export async function setQuotas(
  master: Master,
  authority: OperatorAuthority,
  entries: ReadonlyArray<{ role?: string | null; guarantees?: Record<string, number> | null; limits?: Record<string, number> | null }> | null | undefined,
  field: string,
  options: { force?: boolean; forceHint?: string } = {},
): Promise<RoleQuotaInput[]> {
  if (!entries || entries.length === 0) throw new OperatorActionError('invalid', `${field}: required: at least one {role, guarantees, limits}`);
  let quotas: RoleQuotaInput[];
  try {
    quotas = entries.map((e, i) => checkQuotaInput(e, `${field}[${i}]`));
  } catch (e) {
    throw new OperatorActionError('invalid', (e as Error).message);
  }
  const treeProblem = quotaTreeInputProblem(master.quotas.all, quotas, field);
  if (treeProblem) throw new OperatorActionError('invalid', treeProblem);
  for (const q of quotas) {
    const denied = authority.check('update_quotas', q.role);
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
  // A call that raises no guarantee (lowers one, removes a quota, changes limits) is never refused for capacity.
  if (!options.force && raisesGuarantees(master.quotas.all, quotas)) {
    const over = quotaOvercommits(master.quotas.all, quotas, clusterQuotaCapacity(master.agents.values()));
    if (over.length > 0) throw new QuotaOvercommitError(overcommitMessage(field, over, options.forceHint), over);
  }
  const by = authority.principal ? `principal ${authority.principal}` : 'the operator';
  try {
    for (const q of quotas) await master.updateQuota(q.role, { guarantees: q.guarantees, limits: q.limits }, by);
  } catch (e) {
    throw new OperatorActionError('failed', (e as Error).message);
  }
  return quotas;
}
