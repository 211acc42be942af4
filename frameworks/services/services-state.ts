/**
 * The services framework's persisted state: apps (the target definition,
 * its version and the one before), instances (one task, or one task group
 * for a pod) and deployments. Plain JSON, kept by a PersistedState.
 */
import type { AppDefinition } from './app-definition';
import type { BackoffState } from './restart-backoff';

/** One task of an instance (a plain app has one; a pod one per container). */
export interface TaskRecord {
  taskId: string;
  /** Latest state name, e.g. `TASK_RUNNING`. */
  state: string;
  /** Latest health; undefined until the first health result (or without a check). */
  healthy?: boolean;
  hasHealthCheck: boolean;
  message?: string;
  /** The latest status reason by name, e.g. `REASON_COMMAND_EXECUTOR_FAILED`. */
  reason?: string;
  /** The message of the last failed health check (kept when a later update, e.g. the kill, says something else). */
  healthMessage?: string;
}

/** One instance of an app. */
export interface InstanceRecord {
  instanceId: string;
  appId: string;
  version: string;
  agentId: string;
  hostname: string;
  /** The address clients use: the agent's ip, else its hostname. */
  host: string;
  /** The agent's attributes as text (constraints look at them). */
  attributes?: Record<string, string>;
  /** Host ports of the instance (a pod: all its containers' ports, in container order). */
  ports: number[];
  tasks: Record<string, TaskRecord>;
  /** When the launch was sent (ms). */
  launchedAt: number;
  /** When every task was first running (ms). */
  runningSince?: number;
  /** True once it was healthy at least once. */
  everHealthy: boolean;
  /** A kill was sent, and why. */
  killReason?: string;
  /** When the kill was last sent (ms): it is sent again if the instance lingers. */
  killSentAt?: number;
  /** A stateful app's instance: the resident (reservation and volumes) it runs on. */
  residentId?: string;
}

/** One persistent volume of a resident, as created on its agent. */
export interface ResidentVolume {
  /** `disk.persistence.id`: names the app and the resident, e.g. `db.r7k2m9q.v0`. */
  persistenceId: string;
  containerPath: string;
  sizeMb: number;
  mode: 'RW' | 'RO';
}

/**
 * The place of one instance of a stateful app (Marathon's resident
 * instance): its resources reserved and its volumes created on one agent.
 * It outlives the instance's tasks (a relaunch runs there again), a
 * suspension or scale-down, and is forgotten only once the app's destroy
 * has sent DESTROY and UNRESERVE for it.
 */
export interface ResidentRecord {
  residentId: string;
  appId: string;
  agentId: string;
  hostname: string;
  /** The agent's attributes as text (constraints count residents where they are). */
  attributes?: Record<string, string>;
  /** The role the resources are reserved for (the framework's role when it was made). */
  role: string;
  /** The reservation's principal (the framework's), if any. */
  principal?: string;
  /** What is reserved besides the volumes (the instance's cpus, mem and sandbox disk). */
  reserved: { cpus: number; mem: number; disk: number };
  volumes: ResidentVolume[];
  /**
   * `reserving`: RESERVE + CREATE + LAUNCH were sent; `ready`: an offer
   * showed its volumes; `releasing`: DESTROY + UNRESERVE were sent (the app
   * is destroyed).
   */
  status: 'reserving' | 'ready' | 'releasing';
  createdAt: number;
}

/** An instance that ended, kept briefly for status output. */
export interface EndedInstance {
  instanceId: string;
  version: string;
  state: string;
  message?: string;
  /**
   * Why it ended, for operators (failure-reason.ts): the health check's message, the status
   * message and reason, and the tail of its stderr once read (absent when it ended as asked).
   */
  reason?: string;
  /** Where it ran: the agent's host (absent in state written before this field). */
  host?: string;
  /** When it was launched (ms since the epoch; absent in state written before this field). */
  launchedAt?: number;
  endedAt: number;
}

/** An app and what the framework keeps about it. */
export interface AppRecord {
  definition: AppDefinition;
  version: string;
  /** The version before the current one, for rollback. */
  previous?: { definition: AppDefinition; version: string };
  backoff: BackoffState;
  /** When the autoscaler last changed the instance count (ms). */
  autoscaledAt?: number;
  /** Set by destroy: scale to 0, then forget the app. */
  destroying?: boolean;
  /** Why the last offers could not take a wanted instance. */
  unplaced?: { reason: string; at: number };
  createdAt: number;
  /** Versions handed out so far (the next is `v${versions + 1}`). */
  versions: number;
  ended: EndedInstance[];
}

/** What kind of change a deployment makes. */
export type DeploymentKind = 'deploy' | 'scale' | 'restart' | 'destroy' | 'rollback' | 'autoscale';
/** Where a deployment is. */
export type DeploymentStatus = 'running' | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled' | 'superseded';

/** One line of a deployment's history. */
export interface DeploymentEvent {
  at: number;
  message: string;
}

/** A change being rolled out. */
export interface DeploymentRecord {
  id: string;
  appId: string;
  kind: DeploymentKind;
  fromVersion?: string;
  toVersion: string;
  instances: number;
  /** Instance count before (a cancelled scale goes back to it). */
  fromInstances?: number;
  status: DeploymentStatus;
  /** Instances of the new version that ended without ever being healthy. */
  failures: number;
  /** Of those, how many in a row since one last proved itself (deployment-outcome.ts). */
  failuresInRow?: number;
  /** Why the last of them failed (failure-reason.ts), stderr tail included. */
  lastFailure?: string;
  /** What a running deployment waits for, e.g. `1/3 instance(s) of v2 healthy`. */
  progress?: string;
  /** Fewest healthy instances seen while it ran. */
  lowestHealthy?: number;
  /** The floor it had to keep. */
  minHealthy?: number;
  startedAt: number;
  endedAt?: number;
  events: DeploymentEvent[];
}

/** The whole state. */
export interface ServicesState {
  frameworkId?: string;
  apps: Record<string, AppRecord>;
  instances: Record<string, InstanceRecord>;
  deployments: Record<string, DeploymentRecord>;
  /** Residents of stateful apps by id (absent in state written before stateful apps). */
  residents?: Record<string, ResidentRecord>;
}

/** An empty state. */
export function emptyServicesState(): ServicesState {
  return { apps: {}, instances: {}, deployments: {}, residents: {} };
}

/** The residents of one app, oldest first (the first `instances` of them are in use). */
export function residentsOf(state: ServicesState, appId: string): ResidentRecord[] {
  return Object.values(state.residents ?? {})
    .filter((r) => r.appId === appId)
    .sort((a, b) => a.createdAt - b.createdAt || (a.residentId < b.residentId ? -1 : 1));
}

/** The planner's phase of an instance. */
export function instancePhase(instance: InstanceRecord): 'staging' | 'running' | 'killing' {
  if (instance.killReason) return 'killing';
  return Object.values(instance.tasks).every((t) => t.state === 'TASK_RUNNING') ? 'running' : 'staging';
}

/** Running, and every task with a health check passes it. */
export function instanceHealthy(instance: InstanceRecord): boolean {
  if (instance.killReason) return false;
  return Object.values(instance.tasks).every((t) => t.state === 'TASK_RUNNING' && (!t.hasHealthCheck || t.healthy === true));
}

/** The instance a task belongs to: its own id, or (pod containers) the id before the last `.`. */
export function instanceIdOf(taskId: string, instances: Record<string, InstanceRecord>): string | undefined {
  if (instances[taskId]) return taskId;
  const dot = taskId.lastIndexOf('.');
  if (dot > 0 && instances[taskId.slice(0, dot)]?.tasks[taskId]) return taskId.slice(0, dot);
  return undefined;
}

/** The instances of one app. */
export function instancesOf(state: ServicesState, appId: string): InstanceRecord[] {
  return Object.values(state.instances).filter((i) => i.appId === appId);
}
