/**
 * The jobs framework's persisted state: job definitions, their runs (each
 * a list of attempts, one task each), and work queues (items and worker
 * tasks). Plain JSON, kept by a PersistedState.
 */
import type { JobDefinition, QueueDefinition } from './job-definition';
import type { QueueBook } from './work-queue';

/** A job and what is kept about its schedule. */
export interface JobRecord {
  definition: JobDefinition;
  createdAt: number;
  lastFireAt?: number;
  /** Fires skipped by `forbid`. */
  skippedFires: number;
}

/** One try of a run: one task. */
export interface AttemptRecord {
  taskId: string;
  agentId?: string;
  /** Latest task state name. */
  state: string;
  launchedAt: number;
  endedAt?: number;
  exitCode?: number;
  message?: string;
}

/** Where a run is. */
export type RunStatus = 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One run of a job. */
export interface RunRecord {
  id: string;
  jobId: string;
  trigger: 'manual' | 'cron';
  /** The cron time it was fired for. */
  scheduledAt?: number;
  status: RunStatus;
  attempts: AttemptRecord[];
  createdAt: number;
  /** No attempt starts before this (retry back-off). */
  nextAttemptAt: number;
  deadlineAt?: number;
  finishedAt?: number;
  /** Why it failed or was cancelled. */
  reason?: string;
}

/** A worker task of a queue. */
export interface WorkerRecord {
  taskId: string;
  agentId: string;
  state: string;
  launchedAt: number;
  endedAt?: number;
}

/** A work queue. */
export interface QueueRecord {
  definition: QueueDefinition;
  book: QueueBook;
  workers: Record<string, WorkerRecord>;
  createdAt: number;
  finishedAt?: number;
  /** Set by DELETE: kill the workers, then forget the queue. */
  deleting?: boolean;
}

/** The whole state. */
export interface JobsState {
  frameworkId?: string;
  jobs: Record<string, JobRecord>;
  runs: Record<string, RunRecord>;
  queues: Record<string, QueueRecord>;
}

/** An empty state. */
export function emptyJobsState(): JobsState {
  return { jobs: {}, runs: {}, queues: {} };
}

/** True while a run still needs or holds a task. */
export function isActiveRun(run: RunRecord): boolean {
  return run.status === 'waiting' || run.status === 'running';
}

/** Finished runs kept per job. */
export const KEPT_RUNS_PER_JOB = 50;
