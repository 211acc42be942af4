/**
 * The jobs framework's HTTP API:
 *
 * | method | path | what |
 * |---|---|---|
 * | GET, POST | /v1/jobs | list (each with `nextFireAt`, `lastRun`, `activeRuns`); define (or replace) a job |
 * | GET, DELETE | /v1/jobs/:id | a job with its runs; remove it (active runs are killed) |
 * | POST | /v1/jobs/:id/runs | start a run now |
 * | GET, DELETE | /v1/runs/:id | a run; cancel it |
 * | GET, POST | /v1/queues | list; create a queue (`items` may come along) |
 * | GET, DELETE | /v1/queues/:id | counts and workers; delete (workers killed) |
 * | POST | /v1/queues/:id/items | add `{ items: [...] }` |
 * | GET | /v1/queues/:id/results | `{ results: { itemId: result } }` (`?detail=true`: status, attempts, lease holder and recording worker per item) |
 * | POST | /v1/queues/:id/lease | a worker asks for an item (`{ worker }`) |
 * | POST | /v1/queues/:id/items/:item/result | a worker's result (`{ worker, result }`) |
 * | POST | /v1/queues/:id/items/:item/failure | a worker could not process it (`{ worker, error }`) |
 *
 * A worker whose task the framework counts as ended is answered 410 Gone:
 * it stops, and its items have already gone to others.
 */
import { HttpError, JsonRouter } from '../common/http-server';
import { formatProblems } from '../common/definition-reader';
import { isEndedState } from '../common/ended-task-state';
import { validateJob, validateQueue, readItems } from './job-definition';
import type { JobsScheduler } from './jobs-scheduler';
import { isActiveRun, type RunRecord } from './jobs-state';
import { addItems, emptyQueueBook, failItem, leaseItem, queueCounts, queueFinished, recordResult } from './work-queue';

function problemsError(problems: Array<{ field: string; message: string }>, what: string): HttpError {
  return new HttpError(422, `invalid ${what}: ${formatProblems(problems.slice(0, 1))}`, { problems });
}

/** Items given as strings get ids by position: `000001`, ... after those already there. */
function numbered(start: number, items: string[]): Array<{ id: string; payload: string }> {
  return items.map((payload, i) => ({ id: String(start + i + 1).padStart(6, '0'), payload }));
}

/** The routes. */
export function jobsRouter(scheduler: JobsScheduler, health: () => Record<string, unknown>): JsonRouter {
  const state = (): typeof scheduler.state => scheduler.state;
  const job = (id: string) => {
    const j = state().jobs[id];
    if (!j) throw new HttpError(404, `no job ${id}`);
    return j;
  };
  const queue = (id: string) => {
    const q = state().queues[id];
    if (!q) throw new HttpError(404, `no queue ${id}`);
    return q;
  };
  const queueView = (id: string) => {
    const q = queue(id);
    return {
      id,
      definition: q.definition,
      counts: queueCounts(q.book),
      recorded: q.book.recorded,
      duplicates: q.book.duplicates,
      finished: q.finishedAt !== undefined,
      workers: Object.values(q.workers),
    };
  };
  const liveWorker = (queueId: string, worker: unknown): string => {
    if (typeof worker !== 'string' || !worker) throw new HttpError(400, 'worker: required (the worker task id)');
    const w = queue(queueId).workers[worker];
    if (!w || isEndedState(w.state)) throw new HttpError(410, `worker ${worker} is not a live worker of queue ${queueId}`);
    return worker;
  };
  const body = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});

  return new JsonRouter()
    .on('GET', '/health', () => ({ body: { ok: true, kind: 'jobs', ...health() } }))
    .on('GET', '/v1/jobs', () => {
      // Each job with its next fire, its newest run and how many are active (one pass over the runs).
      const newest = new Map<string, RunRecord>();
      const active = new Map<string, number>();
      for (const run of Object.values(state().runs)) {
        const known = newest.get(run.jobId);
        if (!known || run.createdAt > known.createdAt) newest.set(run.jobId, run);
        if (isActiveRun(run)) active.set(run.jobId, (active.get(run.jobId) ?? 0) + 1);
      }
      const jobs = Object.values(state().jobs).map((j) => ({
        ...j,
        nextFireAt: scheduler.cron.nextFireAt(j.definition.id) ?? null,
        lastRun: newest.get(j.definition.id) ?? null,
        activeRuns: active.get(j.definition.id) ?? 0,
      }));
      return { body: { jobs } };
    })
    .on('POST', '/v1/jobs', async (r) => {
      const checked = validateJob(r.body);
      if (!checked.ok) throw problemsError(checked.problems, 'job');
      const def = checked.value;
      const existing = state().jobs[def.id];
      state().jobs[def.id] = { definition: def, createdAt: existing?.createdAt ?? scheduler.now(), skippedFires: existing?.skippedFires ?? 0, ...(existing?.lastFireAt ? { lastFireAt: existing.lastFireAt } : {}) };
      if (def.schedule) scheduler.cron.schedule(def.id, def.schedule.cron, def.schedule.concurrencyPolicy);
      else scheduler.cron.unschedule(def.id);
      await scheduler.commit();
      return { status: existing ? 200 : 201, body: { job: def, nextFireAt: scheduler.cron.nextFireAt(def.id) ?? null } };
    })
    .on('GET', '/v1/jobs/:id', (r) => {
      const j = job(r.params.id);
      const runs = Object.values(state().runs).filter((x) => x.jobId === r.params.id).sort((a, b) => a.createdAt - b.createdAt);
      return { body: { ...j, nextFireAt: scheduler.cron.nextFireAt(r.params.id) ?? null, runs } };
    })
    .on('DELETE', '/v1/jobs/:id', async (r) => {
      job(r.params.id);
      scheduler.cron.unschedule(r.params.id);
      for (const run of Object.values(state().runs)) if (run.jobId === r.params.id) scheduler.cancelRun(run.id, 'the job was removed');
      delete state().jobs[r.params.id];
      await scheduler.commit();
      return { body: { removed: r.params.id } };
    })
    .on('POST', '/v1/jobs/:id/runs', async (r) => {
      job(r.params.id);
      const run = scheduler.startRun(r.params.id, 'manual');
      await scheduler.commit();
      return { status: 201, body: run };
    })
    .on('GET', '/v1/runs/:id', (r) => {
      const run = state().runs[r.params.id];
      if (!run) throw new HttpError(404, `no run ${r.params.id}`);
      return { body: run };
    })
    .on('DELETE', '/v1/runs/:id', async (r) => {
      const run = state().runs[r.params.id];
      if (!run) throw new HttpError(404, `no run ${r.params.id}`);
      if (!isActiveRun(run)) throw new HttpError(409, `run ${run.id} is already ${run.status}`);
      scheduler.cancelRun(run.id, 'cancelled by an operator');
      await scheduler.commit();
      return { body: run };
    })
    .on('GET', '/v1/queues', () => ({ body: { queues: Object.keys(state().queues).map(queueView) } }))
    .on('POST', '/v1/queues', async (r) => {
      const checked = validateQueue(r.body);
      if (!checked.ok) throw problemsError(checked.problems, 'queue');
      const { queue: def, items } = checked.value;
      if (state().queues[def.id]) throw new HttpError(409, `queue ${def.id} exists; add items with POST /v1/queues/${def.id}/items`);
      const book = emptyQueueBook();
      addItems(book, numbered(0, items));
      state().queues[def.id] = { definition: def, book, workers: {}, createdAt: scheduler.now() };
      await scheduler.commit();
      scheduler.kick();
      return { status: 201, body: queueView(def.id) };
    })
    .on('GET', '/v1/queues/:id', (r) => ({ body: queueView(r.params.id) }))
    .on('DELETE', '/v1/queues/:id', async (r) => {
      queue(r.params.id).deleting = true;
      scheduler.killWorkers(r.params.id);
      await scheduler.commit();
      return { body: { deleting: r.params.id } };
    })
    .on('POST', '/v1/queues/:id/items', async (r) => {
      const q = queue(r.params.id);
      const problems: Array<{ field: string; message: string }> = [];
      const items = readItems(body(r.body).items, 'items', problems);
      if (problems.length > 0) throw problemsError(problems, 'items');
      const added = addItems(q.book, numbered(q.book.order.length, items));
      if (added > 0) delete q.finishedAt;
      await scheduler.commit();
      scheduler.kick();
      return { body: { added, counts: queueCounts(q.book) } };
    })
    .on('GET', '/v1/queues/:id/results', (r) => {
      const q = queue(r.params.id);
      const results: Record<string, string | null> = {};
      const errors: Record<string, string> = {};
      for (const id of q.book.order) {
        const item = q.book.items[id];
        if (item.status === 'done') results[id] = item.result ?? '';
        if (item.status === 'failed') errors[id] = item.error ?? '';
      }
      const body: Record<string, unknown> = { results, errors, recorded: q.book.recorded, duplicates: q.book.duplicates };
      if (r.query.get('detail') === 'true') {
        body.items = q.book.order.map((id) => {
          const item = q.book.items[id];
          return { id, status: item.status, attempts: item.attempts, leasedBy: item.leasedBy ?? null, recordedBy: item.recordedBy ?? null };
        });
      }
      return { body };
    })
    .on('POST', '/v1/queues/:id/lease', async (r) => {
      const q = queue(r.params.id);
      const worker = liveWorker(r.params.id, body(r.body).worker);
      const item = leaseItem(q.book, worker, scheduler.now(), q.definition.leaseSeconds * 1000);
      if (!item) return { body: { item: null, done: queueFinished(q.book) || q.deleting === true } };
      // A lease is soft state: the worker is answered without waiting for the write. If the framework
      // dies before a later commit carries it, the item waits again and may run twice, which the queue
      // already allows (a result is recorded once, from whichever worker posts first).
      scheduler.commitInBackground({ queue: q.definition.id, leased: item.id });
      return { body: { item: { id: item.id, payload: item.payload, attempt: item.attempts } } };
    })
    .on('POST', '/v1/queues/:id/items/:item/result', async (r) => {
      const q = queue(r.params.id);
      const b = body(r.body);
      if (typeof b.worker !== 'string') throw new HttpError(400, 'worker: required');
      if (typeof b.result !== 'string') throw new HttpError(400, 'result: required (a string)');
      // A result is accepted from any worker that had the item, live or not: the first one wins.
      const outcome = recordResult(q.book, r.params.item, b.worker, b.result, scheduler.now());
      if (outcome === 'unknown-item') throw new HttpError(404, `queue ${r.params.id} has no item ${r.params.item}`);
      await scheduler.commit();
      scheduler.kick();
      return { body: { outcome } };
    })
    .on('POST', '/v1/queues/:id/items/:item/failure', async (r) => {
      const q = queue(r.params.id);
      const b = body(r.body);
      const worker = liveWorker(r.params.id, b.worker);
      const item = failItem(q.book, r.params.item, worker, String(b.error ?? 'failed'), q.definition.maxAttempts);
      await scheduler.commit();
      return { body: { status: item?.status ?? 'not leased by this worker' } };
    });
}
