/**
 * The jobs scheduler: the driver's handlers, run attempts with retries and
 * deadlines, cron fires, and the worker tasks of work queues. Like the
 * services scheduler, every attempt or worker is recorded and committed
 * before its launch is sent, and every change ends in a control-loop pass.
 */
import * as path from 'node:path';
import { idOf } from '@meseta/proto/ids';
import type { Logger } from '@meseta/runtime/log';
import type { Offer, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { TaskState } from '@meseta/proto/wire';
import { OfferLedger, compileTask, type SchedulerDriver, type SchedulerHandlers } from '@meseta/sdk';
import type { Clock } from '@meseta/runtime/clock';
import { ControlLoop } from '../common/control-loop';
import { isEndedState } from '../common/ended-task-state';
import { OfferInterest } from '../common/offer-interest';
import type { PersistedState } from '../common/persisted-state';
import { ReconciliationLoop } from '../common/reconciliation-loop';
import { CronTrigger } from './cron-trigger';
import { afterAttempt } from './job-retry';
import { type JobsState, type RunRecord, KEPT_RUNS_PER_JOB, isActiveRun } from './jobs-state';
import { expireLeases, queueFinished, releaseWorker } from './work-queue';

/** How the jobs scheduler behaves. */
export interface JobsSchedulerOptions {
  state: PersistedState<JobsState>;
  clock: Clock;
  logger: Logger;
  frameworkUrl(): string;
  /** The worker program (compiled queue-worker.js). @default beside this file, or dist/ when run from source */
  workerScript?: string;
  /** Seconds an offer is refused while something is wanted. @default 1 */
  offerRefuseSeconds?: number;
}

/** Where the compiled queue worker is. */
export function defaultWorkerScript(): string {
  if (__filename.endsWith('.js')) return path.join(__dirname, 'queue-worker.js');
  return path.join(__dirname, '..', '..', 'dist', 'frameworks', 'jobs', 'queue-worker.js');
}

type Want = { kind: 'attempt'; run: RunRecord } | { kind: 'worker'; queueId: string };

/** The jobs framework's scheduling core. */
export class JobsScheduler {
  readonly cron: CronTrigger;
  private driver: SchedulerDriver | undefined;
  private readonly log: Logger;
  private readonly reconciliation: ReconciliationLoop;
  private readonly offerInterest: OfferInterest;
  private readonly controlLoop: ControlLoop;
  private counter = 0;

  constructor(private readonly options: JobsSchedulerOptions) {
    this.log = options.logger;
    this.controlLoop = new ControlLoop({ clock: options.clock, tickMs: 250, pass: () => this.converge(), logger: this.log });
    this.offerInterest = new OfferInterest({ driver: () => this.driver, logger: this.log });
    this.reconciliation = new ReconciliationLoop({
      clock: options.clock,
      reconcile: (tasks) => this.requireDriver().reconcile(tasks),
      onError: (e) => this.log.debug('reconcile not sent', { error: e.message }),
    });
    this.cron = new CronTrigger(options.clock, {
      activeRuns: (jobId) => Object.values(this.state.runs).filter((r) => r.jobId === jobId && isActiveRun(r)).map((r) => r.id),
      fire: (jobId, scheduledAt, replace) => {
        for (const runId of replace) this.cancelRun(runId, 'replaced by a newer run (concurrencyPolicy replace)');
        const job = this.state.jobs[jobId];
        if (job) job.lastFireAt = scheduledAt;
        this.startRun(jobId, 'cron', scheduledAt);
        void this.commit();
      },
      skipped: (jobId, scheduledAt, reason) => {
        const job = this.state.jobs[jobId];
        if (job) job.skippedFires++;
        this.log.info('cron fire skipped', { jobId, scheduledAt: new Date(scheduledAt).toISOString(), reason });
      },
    });
    for (const job of Object.values(this.state.jobs)) {
      if (job.definition.schedule) this.cron.schedule(job.definition.id, job.definition.schedule.cron, job.definition.schedule.concurrencyPolicy);
    }
  }

  /** The live state. */
  get state(): JobsState {
    return this.options.state.value;
  }

  /** Now (ms) on the scheduler's clock. */
  now(): number {
    return this.options.clock.now();
  }

  /** Persist now. */
  commit(): Promise<void> {
    return this.options.state.commit();
  }

  /** Write the state without waiting; a failed write is logged (the change stays in memory and goes with the next commit). */
  commitInBackground(about: Record<string, unknown>): void {
    this.commit().catch((e: Error) => this.log.error('state not saved', { ...about, error: e.message }));
  }

  /** Connect the driver and start the control loop. */
  attach(driver: SchedulerDriver): void {
    this.driver = driver;
    this.controlLoop.start();
  }

  /** Stop timers. */
  stop(): void {
    this.controlLoop.stop();
    this.cron.stop();
    this.reconciliation.stop();
  }

  /** The driver's handlers. */
  handlers(): SchedulerHandlers {
    return {
      subscribed: async ({ frameworkId }) => {
        this.state.frameworkId = frameworkId;
        this.offerInterest.subscribed();
        await this.commit();
        const tasks = [
          ...Object.values(this.state.runs).flatMap((r) => r.attempts.filter((a) => !isEndedState(a.state)).map((a) => ({ taskId: a.taskId, agentId: a.agentId }))),
          ...Object.values(this.state.queues).flatMap((q) => Object.values(q.workers).filter((w) => !isEndedState(w.state)).map((w) => ({ taskId: w.taskId, agentId: w.agentId }))),
        ];
        this.reconciliation.start(tasks);
        this.kick();
      },
      offers: (offers) => this.onOffers(offers),
      update: (status) => this.onUpdate(status),
      disconnected: (reason) => this.log.warn('disconnected from the master', { reason }),
      error: (message) => this.log.error('the master ended this framework', { message }),
    };
  }

  /** Create a run of a job (it waits for an offer). */
  startRun(jobId: string, trigger: RunRecord['trigger'], scheduledAt?: number): RunRecord {
    const job = this.state.jobs[jobId];
    if (!job) throw new Error(`no job ${jobId}`);
    const now = this.now();
    const run: RunRecord = {
      id: `${jobId}.${now.toString(36)}${(this.counter++).toString(36)}`,
      jobId,
      trigger,
      status: 'waiting',
      attempts: [],
      createdAt: now,
      nextAttemptAt: now,
    };
    if (scheduledAt !== undefined) run.scheduledAt = scheduledAt;
    if (job.definition.deadlineSeconds) run.deadlineAt = now + job.definition.deadlineSeconds * 1000;
    this.state.runs[run.id] = run;
    this.pruneRuns(jobId);
    this.log.info('run created', { runId: run.id, trigger });
    this.kick();
    return run;
  }

  /** Stop a run: its live task is killed. */
  cancelRun(runId: string, reason: string, status: 'cancelled' | 'failed' = 'cancelled'): void {
    const run = this.state.runs[runId];
    if (!run || !isActiveRun(run)) return;
    run.status = status;
    run.reason = reason;
    run.finishedAt = this.now();
    for (const a of run.attempts) if (!isEndedState(a.state)) this.kill(a.taskId, a.agentId);
    this.log.info(`run ${status}`, { runId, reason });
  }

  /** Kill every worker of a queue. */
  killWorkers(queueId: string): void {
    for (const w of Object.values(this.state.queues[queueId]?.workers ?? {})) if (!isEndedState(w.state)) this.kill(w.taskId, w.agentId);
  }

  /** Ask for a control-loop pass soon. */
  kick(): void {
    this.controlLoop.kick();
  }

  private kill(taskId: string, agentId?: string): void {
    if (!this.driver?.isSubscribed) return;
    this.driver.kill(taskId, agentId).catch((e: Error) => this.log.warn('kill not sent', { taskId, error: e.message }));
  }

  private pruneRuns(jobId: string): void {
    const finished = Object.values(this.state.runs).filter((r) => r.jobId === jobId && !isActiveRun(r)).sort((a, b) => b.createdAt - a.createdAt);
    for (const r of finished.slice(KEPT_RUNS_PER_JOB)) delete this.state.runs[r.id];
  }

  /** What wants a task now. */
  private wants(): Want[] {
    const now = this.now();
    const out: Want[] = [];
    for (const run of Object.values(this.state.runs)) {
      if (run.status === 'waiting' && run.nextAttemptAt <= now) out.push({ kind: 'attempt', run });
    }
    for (const [queueId, queue] of Object.entries(this.state.queues)) {
      if (queue.deleting || queue.finishedAt !== undefined || queue.book.order.length === 0) continue;
      const live = Object.values(queue.workers).filter((w) => !isEndedState(w.state)).length;
      for (let i = live; i < queue.definition.workers; i++) out.push({ kind: 'worker', queueId });
    }
    return out;
  }

  private converge(): void {
    const now = this.now();
    let changed = false;
    for (const run of Object.values(this.state.runs)) {
      if (isActiveRun(run) && run.deadlineAt !== undefined && now >= run.deadlineAt) {
        this.cancelRun(run.id, `deadline of ${this.state.jobs[run.jobId]?.definition.deadlineSeconds ?? '?'} s exceeded`, 'failed');
        changed = true;
      }
    }
    for (const [queueId, queue] of Object.entries(this.state.queues)) {
      if (expireLeases(queue.book, now).length > 0) changed = true;
      if (queue.finishedAt === undefined && queueFinished(queue.book)) {
        queue.finishedAt = now;
        changed = true;
        this.log.info('queue finished', { queueId, recorded: queue.book.recorded, duplicates: queue.book.duplicates });
      }
      if (queue.deleting && Object.values(queue.workers).every((w) => isEndedState(w.state))) {
        delete this.state.queues[queueId];
        changed = true;
      }
    }
    if (changed) void this.commit().catch((e: Error) => this.log.error('state not saved', { error: e.message }));
    this.offerInterest.update(this.wants().length > 0);
  }

  // ---- offers ------------------------------------------------------------------

  private async onOffers(offers: Offer[]): Promise<void> {
    const wants = this.wants();
    const ledgers = offers.map((o) => new OfferLedger(o));
    const launches = new Map<OfferLedger, TaskInfo[]>();
    const now = this.now();
    let next = 0; // workers go round-robin over the offers, so a queue spreads over agents
    for (const want of wants) {
      for (let tried = 0; tried < ledgers.length; tried++) {
        const ledger = ledgers[(next + tried) % ledgers.length];
        const task = want.kind === 'attempt' ? this.attemptTask(want.run, ledger) : this.workerTask(want.queueId, ledger);
        if (!task) continue;
        launches.set(ledger, [...(launches.get(ledger) ?? []), task]);
        const agentId = idOf(ledger.offer.agent_id);
        if (want.kind === 'attempt') {
          want.run.status = 'running';
          want.run.attempts.push({ taskId: idOf(task.task_id), agentId, state: 'TASK_STAGING', launchedAt: now });
        } else {
          this.state.queues[want.queueId].workers[idOf(task.task_id)] = { taskId: idOf(task.task_id), agentId, state: 'TASK_STAGING', launchedAt: now };
          next = (next + tried + 1) % ledgers.length;
        }
        break;
      }
    }
    if (launches.size > 0) await this.commit();
    const driver = this.requireDriver();
    for (const [ledger, tasks] of launches) {
      await driver.launch([ledger.offerId], tasks, { refuseSeconds: this.options.offerRefuseSeconds ?? 1 }).catch((e: Error) => {
        this.log.warn('launch not sent', { error: e.message });
        for (const t of tasks) this.markEnded(idOf(t.task_id), 'TASK_DROPPED', `launch not sent: ${e.message}`);
      });
    }
    const unused = ledgers.filter((l) => !l.used).map((l) => l.offerId);
    if (unused.length > 0) {
      const stillWanting = wants.length > [...launches.values()].reduce((n, t) => n + t.length, 0);
      if (!stillWanting) this.offerInterest.declinedIdle();
      await driver
        .decline(unused, { refuseSeconds: stillWanting ? this.options.offerRefuseSeconds ?? 1 : 60 })
        .catch((e: unknown) => this.log.debug('decline not sent; the offers time out instead', { offers: unused.length, error: String(e) }));
    }
    this.kick();
  }

  private attemptTask(run: RunRecord, ledger: OfferLedger): TaskInfo | undefined {
    const job = this.state.jobs[run.jobId]?.definition;
    if (!job) return undefined;
    const take = ledger.tryTake({ cpus: job.cpus, mem: job.mem });
    if (!take.fits) return undefined;
    return compileTask(
      {
        name: job.id,
        taskId: `${run.id}.${run.attempts.length + 1}`,
        command: job.command,
        env: { ...job.env, MESETA_JOB_ID: job.id, MESETA_RUN_ID: run.id, MESETA_ATTEMPT: String(run.attempts.length + 1) },
        labels: { 'meseta.job': job.id },
      },
      ledger.offer,
      take.resources,
    );
  }

  private workerTask(queueId: string, ledger: OfferLedger): TaskInfo | undefined {
    const queue = this.state.queues[queueId]?.definition;
    if (!queue) return undefined;
    const take = ledger.tryTake({ cpus: queue.cpus, mem: queue.mem });
    if (!take.fits) return undefined;
    const script = this.options.workerScript ?? defaultWorkerScript();
    return compileTask(
      {
        name: `${queueId}.worker`,
        taskId: `${queueId}.worker.${this.now().toString(36)}${(this.counter++).toString(36)}`,
        command: `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`,
        env: { ...queue.env, MESETA_JOBS_URL: this.options.frameworkUrl(), MESETA_QUEUE_ID: queueId, MESETA_WORK_COMMAND: queue.command },
        labels: { 'meseta.queue': queueId },
      },
      ledger.offer,
      take.resources,
    );
  }

  // ---- updates -----------------------------------------------------------------

  private async onUpdate(status: TaskStatus): Promise<void> {
    const taskId = idOf(status.task_id);
    const state = TaskState[status.state ?? 0] ?? String(status.state);
    this.reconciliation.answered(taskId);
    const known = this.markEnded(taskId, state, status.message ?? '', status.exit_code ?? undefined);
    if (!known && !isEndedState(state)) {
      this.log.warn('killing a task this framework does not know', { taskId, state });
      this.kill(taskId, idOf(status.agent_id));
    }
    await this.commit();
    this.kick();
  }

  /** Apply a task state to its attempt or worker; false when the task is unknown. */
  private markEnded(taskId: string, state: string, message: string, exitCode?: number): boolean {
    const now = this.now();
    for (const run of Object.values(this.state.runs)) {
      const attempt = run.attempts.find((a) => a.taskId === taskId);
      if (!attempt) continue;
      if (isEndedState(attempt.state)) return true;
      attempt.state = state;
      if (message) attempt.message = message;
      if (exitCode !== undefined && exitCode !== null) attempt.exitCode = exitCode;
      if (!isEndedState(state)) return true;
      attempt.endedAt = now;
      if (run.status !== 'running') return true; // cancelled or past its deadline: already decided
      const job = this.state.jobs[run.jobId]?.definition;
      const step = afterAttempt(state === 'TASK_FINISHED' ? 'succeeded' : 'failed', run.attempts.length, job?.retries ?? { maxRetries: 0, backoffSeconds: 0, backoffFactor: 1, maxBackoffSeconds: 0 }, now, run.deadlineAt);
      if (step.status === 'retry') {
        run.status = 'waiting';
        run.nextAttemptAt = step.at;
        this.log.info('attempt failed; retrying', { runId: run.id, attempt: run.attempts.length, at: new Date(step.at).toISOString(), state });
      } else {
        run.status = step.status;
        run.finishedAt = now;
        if (step.status === 'failed') run.reason = `${step.reason}; last attempt ${state}${message ? `: ${message}` : ''}`;
        this.log.info(`run ${step.status}`, { runId: run.id, attempts: run.attempts.length });
      }
      return true;
    }
    for (const [queueId, queue] of Object.entries(this.state.queues)) {
      const worker = queue.workers[taskId];
      if (!worker) continue;
      if (isEndedState(worker.state)) return true;
      worker.state = state;
      if (isEndedState(state)) {
        worker.endedAt = now;
        const released = releaseWorker(queue.book, taskId);
        if (released.length > 0 || state !== 'TASK_FINISHED') this.log.info('worker ended', { queueId, taskId, state, released: released.length });
        this.pruneWorkers(queueId);
      }
      return true;
    }
    return false;
  }

  private pruneWorkers(queueId: string): void {
    const queue = this.state.queues[queueId];
    const ended = Object.values(queue.workers).filter((w) => isEndedState(w.state)).sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    for (const w of ended.slice(50)) delete queue.workers[w.taskId];
  }

  private requireDriver(): SchedulerDriver {
    if (!this.driver) throw new Error('the scheduler has no driver yet');
    return this.driver;
  }
}
