/**
 * What `meseta-jobs` prints: the tables of `job list`, `job runs`, `job
 * status`, `run status` and `queue list`/`queue status`, and the progress
 * and outcome lines of `job run --watch`, from the framework's API answers.
 * Human times. Pure: `nowMs` is the clock times are counted from.
 */
import { formatAge, formatWhen } from '../../cli/human-time';
import { oneLine, type TableView } from '../common/cli-output';
import type { JobDefinition } from './job-definition';
import type { RunRecord } from './jobs-state';

/** A job as `GET /v1/jobs` lists it. */
export interface JobListing {
  definition: JobDefinition;
  createdAt: number;
  lastFireAt?: number;
  skippedFires: number;
  nextFireAt: number | null;
  lastRun?: RunRecord | null;
  activeRuns?: number;
}

/** A job as `GET /v1/jobs/:id` answers: with its runs, oldest first. */
export interface JobDetail extends JobListing {
  runs: RunRecord[];
}

/** How long a run took (or has taken so far). */
function took(run: RunRecord, nowMs: number): string {
  return formatAge(((run.finishedAt ?? nowMs) - run.createdAt) / 1000);
}

/** The run's reason, or what its last attempt said. */
export function runReason(run: RunRecord): string {
  if (run.reason) return run.reason;
  const last = run.attempts[run.attempts.length - 1];
  if (!last) return run.status === 'waiting' ? 'waiting for an offer' : '';
  if (run.status === 'succeeded') return last.message ?? '';
  return `${last.state}${last.message ? `: ${last.message}` : ''}`;
}

/** `JOB SCHEDULE LAST RUN STATUS REASON NEXT RUN ACTIVE`. */
export function jobsView(jobs: readonly JobListing[], nowMs: number): TableView {
  return {
    columns: [
      { header: 'JOB' },
      { header: 'SCHEDULE' },
      { header: 'LAST RUN', align: 'right' },
      { header: 'STATUS' },
      { header: 'NEXT RUN', align: 'right' },
      { header: 'ACTIVE', align: 'right' },
      { header: 'REASON' },
    ],
    rows: jobs.map((j) => [
      j.definition.id,
      j.definition.schedule ? `${j.definition.schedule.cron} (${j.definition.schedule.concurrencyPolicy})` : 'manual',
      j.lastRun ? formatWhen(j.lastRun.createdAt, nowMs) : 'never',
      j.lastRun?.status ?? '',
      j.nextFireAt !== null ? formatWhen(j.nextFireAt, nowMs) : '',
      String(j.activeRuns ?? 0),
      j.lastRun && j.lastRun.status !== 'succeeded' ? oneLine(runReason(j.lastRun), 140) : '',
    ]),
    empty: 'no jobs (add one with: meseta-jobs job add job.json)',
  };
}

/** `RUN TRIGGER STATUS STARTED TOOK ATTEMPTS REASON`, newest first. */
export function runsView(runs: readonly RunRecord[], nowMs: number): TableView {
  const newestFirst = [...runs].sort((a, b) => b.createdAt - a.createdAt);
  return {
    columns: [
      { header: 'RUN' },
      { header: 'TRIGGER' },
      { header: 'STATUS' },
      { header: 'STARTED', align: 'right' },
      { header: 'TOOK', align: 'right' },
      { header: 'ATTEMPTS', align: 'right' },
      { header: 'REASON' },
    ],
    rows: newestFirst.map((r) => [r.id, r.trigger, r.status, formatWhen(r.createdAt, nowMs), took(r, nowMs), String(r.attempts.length), oneLine(runReason(r), 140)]),
    empty: 'no runs (start one with: meseta-jobs job run <job>)',
  };
}

/** The head of `job status`: a few `key: value` lines. */
export function jobSummaryText(job: JobDetail, nowMs: number): string {
  const d = job.definition;
  const lines = [
    `job:      ${d.id}`,
    `command:  ${oneLine(d.command, 120)}`,
    `schedule: ${d.schedule ? `${d.schedule.cron} UTC, ${d.schedule.concurrencyPolicy}` : 'manual'}${job.nextFireAt !== null ? `; next run ${formatWhen(job.nextFireAt, nowMs)}` : ''}`,
    `retries:  ${d.retries.maxRetries}${d.deadlineSeconds ? `; deadline ${formatAge(d.deadlineSeconds)}` : ''}`,
  ];
  if (job.skippedFires > 0) lines.push(`skipped:  ${job.skippedFires} fire(s) (concurrency policy)`);
  return lines.join('\n') + '\n';
}

/** `ATTEMPT TASK STATE STARTED TOOK EXIT MESSAGE` of one run. */
export function attemptsView(run: RunRecord, nowMs: number): TableView {
  return {
    columns: [
      { header: 'ATTEMPT', align: 'right' },
      { header: 'TASK' },
      { header: 'STATE' },
      { header: 'STARTED', align: 'right' },
      { header: 'TOOK', align: 'right' },
      { header: 'EXIT', align: 'right' },
      { header: 'MESSAGE' },
    ],
    rows: run.attempts.map((a, i) => [
      String(i + 1),
      a.taskId,
      a.state,
      formatWhen(a.launchedAt, nowMs),
      formatAge(((a.endedAt ?? nowMs) - a.launchedAt) / 1000),
      a.exitCode === undefined ? '' : String(a.exitCode),
      oneLine(a.message, 100),
    ]),
    empty: 'no attempts yet',
  };
}

/** The head of `run status`. */
export function runSummaryText(run: RunRecord, nowMs: number): string {
  const lines = [`run:     ${run.id} of ${run.jobId} (${run.trigger})`, `status:  ${run.status}`, `started: ${formatWhen(run.createdAt, nowMs)}, took ${took(run, nowMs)}`];
  const reason = runReason(run);
  if (reason && run.status !== 'succeeded') lines.push(`reason:  ${oneLine(reason, 200)}`);
  return lines.join('\n') + '\n';
}

/** True while a run may still change. */
export function runActive(run: RunRecord): boolean {
  return run.status === 'waiting' || run.status === 'running';
}

/** The progress line of a watched run: `run <id> of report [4s]: running, attempt 2 (TASK_RUNNING)`. */
export function runProgress(run: RunRecord, nowMs: number): string {
  const last = run.attempts[run.attempts.length - 1];
  const attempt = last ? `, attempt ${run.attempts.length} (${last.state})` : '';
  const waiting = run.status === 'waiting' && run.nextAttemptAt > nowMs ? `, next attempt ${formatWhen(run.nextAttemptAt, nowMs)}` : '';
  return `run ${run.id} of ${run.jobId} [${took(run, nowMs)}]: ${run.status}${attempt}${waiting}`;
}

/** The outcome line: `run <id> of report failed after 12s: retries exhausted; …`. */
export function runOutcomeLine(run: RunRecord, nowMs: number): string {
  const reason = runReason(run);
  return `run ${run.id} of ${run.jobId} ${run.status} after ${took(run, nowMs)} (${run.attempts.length} attempt(s))${reason ? `: ${oneLine(reason, 200)}` : ''}`;
}

/** A queue as `GET /v1/queues` lists it (the fields the table reads). */
export interface QueueListing {
  id: string;
  definition: { workers: number };
  counts: Record<string, number>;
  recorded: number;
  duplicates: number;
  finished: boolean;
  workers: Array<{ state: string }>;
}

/** `QUEUE ITEMS DONE FAILED PENDING LEASED WORKERS FINISHED`. */
export function queuesView(queues: readonly QueueListing[]): TableView {
  const n = (q: QueueListing, k: string): string => String(q.counts[k] ?? 0);
  return {
    columns: [
      { header: 'QUEUE' },
      { header: 'ITEMS', align: 'right' },
      { header: 'DONE', align: 'right' },
      { header: 'FAILED', align: 'right' },
      { header: 'PENDING', align: 'right' },
      { header: 'LEASED', align: 'right' },
      { header: 'WORKERS', align: 'right' },
      { header: 'FINISHED' },
    ],
    rows: queues.map((q) => [
      q.id,
      n(q, 'total'),
      n(q, 'done'),
      n(q, 'failed'),
      n(q, 'pending'),
      n(q, 'leased'),
      `${q.workers.filter((w) => w.state === 'TASK_RUNNING').length}/${q.definition.workers}`,
      q.finished ? 'yes' : 'no',
    ]),
    empty: 'no queues',
  };
}
