/**
 * The master's tunables and their defaults. Every duration is in seconds
 * and reaches the clock through `secondsToMs`, so any legal value works
 * (the runtime clock chains timers past setTimeout's 24.8-day limit).
 */
import type { RoleWeight } from './weight-input';

/** Tunables of the master; see `meseta master --help`. */
export interface MasterConfig {
  /** Seconds an offer stays outstanding before it is rescinded; 0 = never. */
  offerTimeoutSeconds: number;
  /** Seconds between heartbeats to an agent. */
  agentPingTimeoutSeconds: number;
  /** Missed heartbeats before an agent is unreachable. */
  maxAgentPingTimeouts: number;
  /** Seconds an unreachable agent is kept before it is gone. */
  agentRemovalTimeoutSeconds: number;
  /** Seconds between HEARTBEAT events to frameworks. */
  frameworkHeartbeatSeconds: number;
  /** Seconds between periodic allocation passes. */
  allocationIntervalSeconds: number;
  /** Seconds a recovered agent has to re-register after a master failover. */
  agentReregisterTimeoutSeconds: number;
  /** Completed tasks kept per framework. @default 1000 (Mesos's `--max_completed_tasks_per_framework`) */
  maxCompletedTasksPerFramework: number;
  /** Status entries kept per task. */
  maxStatusesPerTask: number;
  /**
   * Seconds a task sent to an agent may go unreported (no status update, not
   * in the agent's re-registration) before it is swept as TASK_LOST
   * (TASK_DROPPED for partition-aware frameworks). @default 600
   */
  launchReportTimeoutSeconds?: number;
  /** Bytes of completed tasks kept per framework. @default 16 MiB */
  maxCompletedTaskBytesPerFramework?: number;
  /** Completed frameworks kept. @default 50 (Mesos's `--max_completed_frameworks`) */
  maxCompletedFrameworks?: number;
  /** Bytes of completed frameworks kept (their infos, declines and completed tasks). @default 64 MiB */
  maxCompletedFrameworkBytes?: number;
  /** Declines kept per framework for the UI. @default 50 */
  maxDeclinesPerFramework?: number;
  /** Bytes of declines kept per framework. @default 256 KiB */
  maxDeclineBytesPerFramework?: number;
  /** Role weights of the `--weights` flag, used when the registry holds none. @default none */
  weights?: RoleWeight[];
}

/** A configuration with every optional tunable filled in. */
export type ResolvedMasterConfig = Required<MasterConfig>;

/** Fill in the defaults of the optional tunables. */
export function resolveMasterConfig(config: MasterConfig): ResolvedMasterConfig {
  return {
    launchReportTimeoutSeconds: 600,
    maxCompletedTaskBytesPerFramework: 16 * 1024 * 1024,
    maxCompletedFrameworks: 50,
    maxCompletedFrameworkBytes: 64 * 1024 * 1024,
    maxDeclinesPerFramework: 50,
    maxDeclineBytesPerFramework: 256 * 1024,
    weights: [],
    ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)),
  } as unknown as ResolvedMasterConfig;
}
