/**
 * Job and work-queue definitions as operators write them, checked (every
 * problem named with its field) and completed with defaults. Pure.
 */
import { type DefinitionProblem, FieldReader, isObject } from '../common/definition-reader';
import { CronError, parseCron } from './cron';
import type { ConcurrencyPolicy } from './cron-trigger';
import type { RetryPolicy } from './job-retry';

/** A run-to-completion job. */
export interface JobDefinition {
  id: string;
  command: string;
  cpus: number;
  mem: number;
  env: Record<string, string>;
  retries: RetryPolicy;
  /** A run not finished this long after it was created fails (its task is killed). */
  deadlineSeconds?: number;
  /** Cron schedule (5 fields, or 6 with seconds) and what to do when a run is still active. */
  schedule?: { cron: string; concurrencyPolicy: ConcurrencyPolicy };
}

/** A work queue: items fanned out to `workers` worker tasks that run `command` per item. */
export interface QueueDefinition {
  id: string;
  /** Shell command run once per item, with the item in $ITEM; its stdout is the result. */
  command: string;
  workers: number;
  cpus: number;
  mem: number;
  env: Record<string, string>;
  /** A leased item not answered this long goes to another worker. @default 60 */
  leaseSeconds: number;
  /** Attempts before an item is recorded as failed. @default 3 */
  maxAttempts: number;
}

/** Outcome of a check. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: DefinitionProblem[] };

const ID = /^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$/;

function readId(r: FieldReader): string {
  const id = r.string('id', true) ?? '';
  if (id && !ID.test(id)) r.problem('id', `"${id}" must be lower-case letters, digits, - and . (at most 64)`);
  return id;
}

/** Check a job definition. */
export function validateJob(input: unknown): Checked<JobDefinition> {
  const problems: DefinitionProblem[] = [];
  if (!isObject(input)) return { ok: false, problems: [{ field: '(job)', message: 'must be a JSON object' }] };
  const r = new FieldReader(input, '', problems);
  r.onlyKnown(['id', 'command', 'cpus', 'mem', 'env', 'retries', 'deadlineSeconds', 'schedule']);
  const job: JobDefinition = {
    id: readId(r),
    command: r.string('command', true) ?? '',
    cpus: r.number('cpus', 0.1, { above: 0 }),
    mem: r.number('mem', 32, { above: 0 }),
    env: r.stringMap('env'),
    retries: { maxRetries: 0, backoffSeconds: 1, backoffFactor: 2, maxBackoffSeconds: 60 },
  };
  const retries = r.child('retries');
  if (retries) {
    retries.onlyKnown(['maxRetries', 'backoffSeconds', 'backoffFactor', 'maxBackoffSeconds']);
    job.retries = {
      maxRetries: retries.number('maxRetries', 0, { integer: true, min: 0 }),
      backoffSeconds: retries.number('backoffSeconds', 1, { min: 0 }),
      backoffFactor: retries.number('backoffFactor', 2, { min: 1 }),
      maxBackoffSeconds: retries.number('maxBackoffSeconds', 60, { min: 0 }),
    };
  }
  if (input.deadlineSeconds !== undefined) job.deadlineSeconds = r.number('deadlineSeconds', 0, { above: 0 });
  const schedule = r.child('schedule');
  if (schedule) {
    schedule.onlyKnown(['cron', 'concurrencyPolicy']);
    const cron = schedule.string('cron', true) ?? '';
    if (cron) {
      try {
        parseCron(cron);
      } catch (e) {
        if (e instanceof CronError) schedule.problem('cron', e.message);
        else throw e;
      }
    }
    const policy = (schedule.string('concurrencyPolicy', false) ?? 'allow').toLowerCase();
    if (!['allow', 'forbid', 'replace'].includes(policy)) schedule.problem('concurrencyPolicy', `must be allow, forbid or replace, got "${policy}"`);
    job.schedule = { cron, concurrencyPolicy: policy as ConcurrencyPolicy };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: job };
}

/** Check a queue definition; `items` (strings) may come along and are returned apart. */
export function validateQueue(input: unknown): Checked<{ queue: QueueDefinition; items: string[] }> {
  const problems: DefinitionProblem[] = [];
  if (!isObject(input)) return { ok: false, problems: [{ field: '(queue)', message: 'must be a JSON object' }] };
  const r = new FieldReader(input, '', problems);
  r.onlyKnown(['id', 'command', 'workers', 'cpus', 'mem', 'env', 'leaseSeconds', 'maxAttempts', 'items']);
  const queue: QueueDefinition = {
    id: readId(r),
    command: r.string('command', true) ?? '',
    workers: r.number('workers', 1, { integer: true, min: 1 }),
    cpus: r.number('cpus', 0.1, { above: 0 }),
    mem: r.number('mem', 32, { above: 0 }),
    env: r.stringMap('env'),
    leaseSeconds: r.number('leaseSeconds', 60, { above: 0 }),
    maxAttempts: r.number('maxAttempts', 3, { integer: true, min: 1 }),
  };
  const items = readItems(input.items, 'items', problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { queue, items } };
}

/** A list of string items (or undefined → empty), problems named under `field`. */
export function readItems(raw: unknown, field: string, problems: DefinitionProblem[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    problems.push({ field, message: 'must be a list of strings' });
    return [];
  }
  return raw as string[];
}
