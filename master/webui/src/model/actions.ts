/**
 * The operator actions the UI offers: which are possible in which state,
 * and the sentence each confirmation dialog shows, naming what will happen.
 * Pure; the master decides in the end (and its refusal is shown).
 */

/** An action's button: shown enabled, or disabled with why. */
export interface Availability {
  enabled: boolean;
  /** Why not (the button's tooltip). */
  why?: string;
}

const YES: Availability = { enabled: true };
const no = (why: string): Availability => ({ enabled: false, why });

/** Terminal task states (nothing left to kill). */
const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR']);

/** True for a task state that has ended. */
export function isTerminalState(state: string): boolean {
  return TERMINAL.has(state);
}

/** Kill: for a live task. */
export function killAvailability(task: { state: string; completed?: boolean }): Availability {
  if (task.completed || isTerminalState(task.state)) return no(`the task has ended (${humanState(task.state)})`);
  if (task.state === 'TASK_UNREACHABLE') return no('the task is unreachable: its agent is away (mark the agent gone to end it)');
  return YES;
}

/** Open shell: for a running task on a connected agent. */
export function shellAvailability(task: { state: string; completed?: boolean }, agentStatus: string | undefined): Availability {
  if (task.completed || isTerminalState(task.state)) return no(`the task has ended (${humanState(task.state)})`);
  if (task.state !== 'TASK_RUNNING') return no(`the task is ${humanState(task.state)}, not running`);
  if (agentStatus !== 'ACTIVE') return no(`its agent is ${agentStatus ? agentStatus.toLowerCase() : 'unknown to the master'}`);
  return YES;
}

/** Teardown: for a framework not yet removed. */
export function teardownAvailability(framework: { completed: boolean }): Availability {
  return framework.completed ? no('the framework was removed already') : YES;
}

/** What an agent looks like to its action buttons. */
export interface AgentForActions {
  status: string;
  operator_state?: 'DEACTIVATED' | 'DRAINING' | 'DRAINED';
}

/** The agent actions, in the order the UI shows them. */
export const AGENT_ACTIONS = ['drain', 'deactivate', 'reactivate', 'mark-gone'] as const;

/** One agent action. */
export type AgentActionVerb = (typeof AGENT_ACTIONS)[number];

/** Which agent actions apply to an agent in this state. */
export function agentAvailability(agent: AgentForActions): Record<AgentActionVerb, Availability> {
  if (agent.status === 'GONE') {
    const gone = no('the agent is gone');
    return { drain: gone, deactivate: gone, reactivate: gone, 'mark-gone': gone };
  }
  const op = agent.operator_state;
  return {
    drain: op === 'DRAINING' ? no('the agent is draining already') : op === 'DRAINED' ? no('the agent is drained already') : YES,
    deactivate: op ? no(`the agent is ${op.toLowerCase()} already (no offers)`) : YES,
    reactivate: op ? YES : no('the agent is active (offers are made)'),
    'mark-gone': YES,
  };
}

/** Button labels. */
export const AGENT_ACTION_LABELS: Record<AgentActionVerb, string> = {
  drain: 'Drain',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  'mark-gone': 'Mark gone',
};

/** The seconds an agent waits for a task without a kill policy (the agent's default). */
export const DEFAULT_GRACE_SECONDS = 3;

/** A task's kill grace period in seconds, from its TaskInfo's `kill_policy` (JSON as the master serves it). */
export function graceSeconds(killPolicy: unknown): number {
  const ns = (killPolicy as { grace_period?: { nanoseconds?: number | string } } | undefined)?.grace_period?.nanoseconds;
  const n = Number(ns);
  return ns === undefined || !Number.isFinite(n) || n < 0 ? DEFAULT_GRACE_SECONDS : n / 1e9;
}

function seconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function humanState(state: string): string {
  return state.replace(/^TASK_/, '').toLowerCase().replace(/_/g, ' ');
}

/** The kill dialog's sentence. `grace` undefined: not known yet. */
export function killConfirmation(task: { id: string; name?: string }, agent: string, grace: number | undefined): string {
  const named = task.name && task.name !== task.id ? `${task.id} (${task.name})` : task.id;
  const policy = grace === undefined ? 'its kill policy is being read…' : `its kill policy grace period is ${seconds(grace)}: SIGTERM now, SIGKILL if it still runs after that`;
  return `Kill task ${named} on agent ${agent}; ${policy}.`;
}

/** The teardown dialog's sentence. */
export function teardownConfirmation(framework: { id: string; name: string }, liveTasks: number): string {
  const tasks = liveTasks > 0 ? `its ${plural(liveTasks, 'live task')} will be killed` : 'it has no live tasks';
  return `Tear down framework ${framework.name || framework.id} (${framework.id}): it is removed from the master for good, ${tasks}, and it cannot subscribe again with this id.`;
}

/** The dialog sentence of an agent action. */
export function agentConfirmation(verb: AgentActionVerb, agent: string, liveTasks: number, maxGraceSeconds?: number): string {
  switch (verb) {
    case 'drain': {
      const cap = maxGraceSeconds === undefined ? "each task's own kill policy" : `each task's kill policy, its grace period capped at ${seconds(maxGraceSeconds)}`;
      const tasks = liveTasks > 0 ? `kill its ${plural(liveTasks, 'task')} with ${cap}` : 'it has no tasks to kill';
      return `Drain agent ${agent}: stop its offers, ${tasks}; it is drained when none is left. Reactivate undoes it (killed tasks stay killed).`;
    }
    case 'deactivate':
      return `Deactivate agent ${agent}: its outstanding offers are rescinded and no new ones are made; its ${plural(liveTasks, 'task')} ${liveTasks === 1 ? 'keeps' : 'keep'} running.`;
    case 'reactivate':
      return `Reactivate agent ${agent}: offers of its resources resume; a drain, if any, is forgotten (tasks already killed stay killed).`;
    case 'mark-gone':
      return `Mark agent ${agent} gone: it is told to shut down if connected, its ${plural(liveTasks, 'task')} ${liveTasks === 1 ? 'ends' : 'end'} as TASK_GONE_BY_OPERATOR, and it is refused if it comes back. This cannot be undone.`;
  }
}

/** The drain's progress line for an agent (undefined when it does not drain). */
export function drainProgress(agent: AgentForActions & { task_count: number }): string | undefined {
  if (agent.operator_state === 'DRAINING') return `Draining: ${plural(agent.task_count, 'task')} left`;
  if (agent.operator_state === 'DRAINED') return 'Drained: no tasks left, no offers';
  if (agent.operator_state === 'DEACTIVATED') return `Deactivated: no offers; ${plural(agent.task_count, 'task')} running`;
  return undefined;
}
