/**
 * The worker program of a work queue, run as a task: it asks the jobs
 * framework for an item, runs $MESETA_WORK_COMMAND with the item in $ITEM
 * (and its id in $ITEM_ID), posts the command's stdout as the result (or
 * the failure), and asks again, until the queue is done or the framework
 * says this worker is no longer live (410). A framework that does not
 * answer (restarting) is retried with back-off.
 */
import { spawn } from 'node:child_process';
import { ApiError, requestJson } from '../common/http-client';

const base = process.env.MESETA_JOBS_URL ?? '';
const queueId = process.env.MESETA_QUEUE_ID ?? '';
const worker = process.env.MESETA_TASK_ID ?? '';
const command = process.env.MESETA_WORK_COMMAND ?? '';
const queuePath = `/v1/queues/${encodeURIComponent(queueId)}`;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A request retried while the framework does not answer; 410 ends the worker. */
async function call<T>(method: string, path: string, body: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestJson<T>(base, method, path, body, 10_000);
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        process.stderr.write(`worker ${worker}: ${e.message}; stopping\n`);
        process.exit(0);
      }
      if (e instanceof ApiError && e.status < 500) throw e;
      if (attempt > 200) throw e;
      await sleep(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
    }
  }
}

function run(item: { id: string; payload: string }): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { env: { ...process.env, ITEM: item.payload, ITEM_ID: item.id }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-2000)));
    child.on('error', (e) => resolve({ ok: false, stdout, stderr: e.message }));
    child.on('close', (code) => resolve({ ok: code === 0, stdout: stdout.replace(/\n$/, ''), stderr: stderr || `exited ${code}` }));
  });
}

async function main(): Promise<void> {
  if (!base || !queueId || !worker || !command) {
    process.stderr.write('queue worker: MESETA_JOBS_URL, MESETA_QUEUE_ID, MESETA_TASK_ID and MESETA_WORK_COMMAND are required\n');
    process.exit(2);
  }
  for (;;) {
    const answer = await call<{ item: { id: string; payload: string } | null; done?: boolean }>('POST', `${queuePath}/lease`, { worker });
    if (!answer.item) {
      if (answer.done) return;
      await sleep(200);
      continue;
    }
    const item = answer.item;
    const outcome = await run(item);
    const itemPath = `${queuePath}/items/${encodeURIComponent(item.id)}`;
    if (outcome.ok) await call('POST', `${itemPath}/result`, { worker, result: outcome.stdout });
    else await call('POST', `${itemPath}/failure`, { worker, error: outcome.stderr });
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`queue worker failed: ${e.message}\n`);
    process.exit(1);
  },
);
