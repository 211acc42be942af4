/**
 * The scheduler the chaos test runs, killed and restarted like any other
 * process. It runs `--jobs N` short jobs to TASK_FINISHED, one task per
 * attempt (a new task id per attempt), keeping its state in a file so that
 * a restart resumes with the same framework id, and journals every update
 * it receives (one JSON line each) for the test to check.
 *
 *   node dist/test/support/chaos-scheduler.js --master zk://... --state FILE --journal FILE --jobs 300
 */
import * as fs from 'node:fs';
import { SchedulerDriver, compileTask, OfferLedger } from '@meseta/sdk';
import type { Offer, TaskStatus } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { uuidKey } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { createLogger } from '@meseta/runtime/log';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
}

interface Job {
  attempt: number;
  /** The current attempt's task id; undefined before the first launch. */
  taskId?: string;
  agentId?: string;
  /** Launched and not yet terminal. */
  live: boolean;
  done: boolean;
}

interface SchedulerState {
  frameworkId?: string;
  jobs: Job[];
}

const master = arg('master');
const statePath = arg('state');
const journalPath = arg('journal');
const jobCount = Number(arg('jobs', '300'));
const command = arg('command', 'sleep 1');
const log = createLogger('chaos-scheduler', 'warn');

function load(): SchedulerState {
  if (fs.existsSync(statePath)) return JSON.parse(fs.readFileSync(statePath, 'utf8')) as SchedulerState;
  return { jobs: Array.from({ length: jobCount }, () => ({ attempt: 0, live: false, done: false })) };
}

const state = load();

/** Write the state durably (temp file, fsync, rename). */
function save(): void {
  const temp = `${statePath}.tmp`;
  const fd = fs.openSync(temp, 'w');
  fs.writeSync(fd, JSON.stringify(state));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temp, statePath);
}

const journal = fs.openSync(journalPath, 'a');
const byTask = new Map<string, number>();
state.jobs.forEach((j, i) => j.taskId && byTask.set(j.taskId, i));

function onUpdate(status: TaskStatus): void {
  const taskId = status.task_id?.value ?? '';
  const name = pb.TaskState[status.state ?? 0];
  fs.writeSync(journal, JSON.stringify({ taskId, state: name, uuid: uuidKey(status.uuid), reason: pb.TaskStatus.Reason[status.reason ?? 0], at: Date.now() }) + '\n');
  const index = byTask.get(taskId);
  if (index === undefined) return;
  const job = state.jobs[index];
  if (job.taskId !== taskId || !job.live) return;
  if (!isTerminal(status.state) && name !== 'TASK_UNKNOWN') return;
  job.live = false;
  if (name === 'TASK_FINISHED') job.done = true;
  save();
  if (state.jobs.every((j) => j.done)) {
    process.stdout.write('chaos scheduler: all jobs finished\n');
    void driver.teardown().then(
      () => process.exit(0),
      (e: Error) => {
        log.warn('teardown failed', { e: e.message });
        process.exit(1);
      },
    );
  } else {
    // A revive lost with a master that was just killed only clears refusals early: they end by themselves.
    void driver.revive().catch((e: Error) => log.warn('revive failed', { e: e.message }));
  }
}

function onOffers(offers: Offer[]): void {
  const pending = state.jobs.map((j, i) => ({ j, i })).filter(({ j }) => !j.done && !j.live);
  for (const offer of offers) {
    const ledger = new OfferLedger(offer);
    const tasks = [];
    while (pending.length > 0) {
      const taken = ledger.tryTake({ cpus: 0.2, mem: 16 });
      if (!taken.fits) break;
      const { j, i } = pending.shift()!;
      j.attempt++;
      j.taskId = `job-${i}-attempt-${j.attempt}`;
      j.agentId = offer.agent_id?.value ?? undefined;
      j.live = true;
      byTask.set(j.taskId, i);
      tasks.push(compileTask({ name: `job-${i}`, taskId: j.taskId, command, cpus: 0.2, mem: 16 }, offer, taken.resources));
    }
    // Persist the attempts before launching: after a restart they are reconciled, never forgotten.
    save();
    if (tasks.length > 0) void driver.launch([offer.id!.value!], tasks, { refuseSeconds: 0.2 }).catch((e: Error) => log.warn('launch failed', { e: e.message }));
    else void driver.decline([offer.id!.value!], { refuseSeconds: pending.length > 0 ? 0.2 : 5 }).catch(() => undefined);
  }
}

const driver = new SchedulerDriver({
  master,
  logger: log,
  framework: { name: 'chaos', id: state.frameworkId, failoverTimeoutSeconds: 600 },
  reconnect: { initialMs: 100, maxMs: 1000 },
  handlers: {
    subscribed: ({ frameworkId }) => {
      state.frameworkId = frameworkId;
      save();
      const live = state.jobs.filter((j) => j.live && j.taskId).map((j) => ({ taskId: j.taskId!, agentId: j.agentId }));
      if (live.length > 0) void driver.reconcile(live).catch(() => undefined);
    },
    offers: onOffers,
    update: onUpdate,
  },
});

// Explicit reconciliation again now and then, for answers held back while agents re-registered.
setInterval(() => {
  const live = state.jobs.filter((j) => j.live && j.taskId).map((j) => ({ taskId: j.taskId!, agentId: j.agentId }));
  if (live.length > 0 && driver.isSubscribed) void driver.reconcile(live).catch(() => undefined);
}, 3000).unref();

if (state.jobs.every((j) => j.done)) {
  // A restart after the end: nothing left to do (the framework was torn down).
  process.stdout.write('chaos scheduler: all jobs finished\n');
  process.exit(0);
}
void driver.start().then(() => process.stdout.write(`chaos scheduler subscribed as ${state.frameworkId}\n`));
