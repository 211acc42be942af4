/**
 * The decisions of agent recovery, as pure functions over what was
 * checkpointed and what is found now:
 *
 * - {@link identityDecision}: recover the old agent (same id) or start as
 *   a new one, and why;
 * - {@link taskRecoveryAction}: what to do with one checkpointed task given
 *   what its containerizer found.
 */
import type { Attribute, Resource } from '@meseta/proto/wire';
import { Reason } from '@meseta/proto/wire';
import { formatResources } from '@meseta/proto/resources';
import { formatAttributes } from '@meseta/proto/resource-text';
import type { AgentIdentity } from './checkpoint-codec';
import type { RecoveredContainer, Termination } from './containerizer';
import type { TaskPhase } from './task-book';

/** The agent as it starts now. */
export interface CurrentAgent {
  bootId?: string;
  /** Resources resolved from `--resources` and detection. */
  resources: Resource[];
  /** The `--resources` text ('' when none). */
  resourcesFlag: string;
  attributes: Attribute[];
}

/** Recover the checkpointed agent, or start as a new one. */
export type IdentityDecision =
  | {
      kind: 'recover';
      agentId: string;
      /** The resources to register with. */
      resources: Resource[];
      /** Set when something changed that recovery tolerates (detected resources). */
      note?: string;
    }
  | {
      kind: 'fresh';
      /** Why, for the log: `resources changed (was ..., now ...)`. */
      reason: string;
      /** The id the old checkpoint had, if any. */
      previousAgentId?: string;
    };

/** Resources as order-independent text (`cpus:2;mem:1024`). */
export function resourcesText(resources: readonly Resource[]): string {
  return formatResources(resources).split(';').filter((s) => s !== '').sort().join(';');
}

function attributesText(attributes: readonly Attribute[]): string {
  return formatAttributes(attributes).split(';').filter((s) => s !== '').sort().join(';');
}

/**
 * Decide whether the agent is the one checkpointed. It is not when there is
 * no checkpoint (first start, wiped work dir), when the old agent never
 * registered, when the host rebooted (its containers are gone), or when its
 * attributes or resources changed. Resources that differ only in detected
 * values (the `--resources` text is the same, e.g. free disk moved) keep the
 * checkpointed amounts: an agent's resources are decided once per id.
 */
export function identityDecision(checkpointed: AgentIdentity | undefined, current: CurrentAgent): IdentityDecision {
  if (!checkpointed) return { kind: 'fresh', reason: 'no checkpoint (first start, or the work dir was wiped)' };
  const previousAgentId = checkpointed.agentId;
  if (!previousAgentId) return { kind: 'fresh', reason: 'the previous run never registered' };
  const fresh = (reason: string): IdentityDecision => ({ kind: 'fresh', reason, previousAgentId });
  if (checkpointed.bootId && current.bootId && checkpointed.bootId !== current.bootId) {
    return fresh(`the host rebooted since the checkpoint (boot id ${checkpointed.bootId}, now ${current.bootId})`);
  }
  const attributesBefore = attributesText(checkpointed.attributes);
  const attributesNow = attributesText(current.attributes);
  if (attributesBefore !== attributesNow) return fresh(`attributes changed (were "${attributesBefore}", now "${attributesNow}")`);
  const before = resourcesText(checkpointed.resources);
  const now = resourcesText(current.resources);
  if (before === now) return { kind: 'recover', agentId: previousAgentId, resources: current.resources };
  if (checkpointed.resourcesFlag.trim() === current.resourcesFlag.trim()) {
    return {
      kind: 'recover',
      agentId: previousAgentId,
      resources: checkpointed.resources,
      note: `detected resources changed ("${now}"); keeping the checkpointed "${before}"`,
    };
  }
  return fresh(`resources changed (were "${before}", now "${now}")`);
}

/** What to do with one checkpointed task. */
export type TaskRecoveryAction =
  /** It had ended before the agent stopped: only its unacknowledged updates remain to be sent. */
  | { kind: 'keep' }
  /** Its container runs: track it again; report TASK_RUNNING if that was never sent; finish a kill in progress. */
  | { kind: 'adopt'; reportRunning: boolean; resumeKill: boolean }
  /**
   * Its container ended (or is lost): report the terminal state from
   * `termination`. `reportRunning`: it was launched but TASK_RUNNING was
   * never sent (the agent stopped right after starting it) and it ran to
   * its end meanwhile: TASK_RUNNING goes first, so the framework sees it
   * ran, as it would have.
   */
  | { kind: 'end'; termination: Termination; reportRunning?: true };

/**
 * Decide a task's fate from its checkpointed phase and what its
 * containerizer found (undefined: no containerizer could be asked).
 */
export function taskRecoveryAction(phase: TaskPhase, found: RecoveredContainer | undefined): TaskRecoveryAction {
  if (phase === 'terminated') return { kind: 'keep' };
  if (found?.state === 'running') return { kind: 'adopt', reportRunning: phase === 'launching', resumeKill: phase === 'killing' };
  if (found?.state === 'ended') return phase === 'launching' ? { kind: 'end', termination: found.termination, reportRunning: true } : { kind: 'end', termination: found.termination };
  const detail = found?.state === 'missing' ? found.message : 'no containerizer of this agent could look for it';
  if (phase === 'launching') {
    return {
      kind: 'end',
      termination: { reason: Reason.REASON_CONTAINER_LAUNCH_FAILED, message: `the agent restarted while launching the task: ${detail}` },
    };
  }
  return {
    kind: 'end',
    termination: { reason: Reason.REASON_EXECUTOR_TERMINATED, message: `the container was not found after the agent restarted: ${detail}` },
  };
}
