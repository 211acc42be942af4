#!/usr/bin/env node
/**
 * `meseta-jobs`: run the jobs framework (`serve`) and talk to it: `job
 * add job.json`, `job run <id>`, `job status <id>`, `run status <id>`,
 * `queue create queue.json [--items file]`, `queue add <id> --items file`,
 * `queue status <id>`, `queue results <id>`. Client commands find the
 * framework with `--url` or MESETA_JOBS_URL. Read verbs print tables
 * (jobs-views.ts) or, with `--json`, the API's answer whole; `job run
 * --watch` follows the run. Exit codes: 0 success, 1 failure (a watched
 * run that did not succeed too), 2 bad usage.
 */
import * as fs from 'node:fs';
import { Command } from 'commander';
import { addServeCommand, printJson, readJsonFile, runCli, type CliHints, type ServeCommandSpec } from '../common/cli-support';
import { ProgressLine, tableText } from '../common/cli-output';
import { requestJson } from '../common/http-client';
import type { RunRecord } from './jobs-state';
import {
  attemptsView,
  type JobDetail,
  type JobListing,
  jobSummaryText,
  jobsView,
  type QueueListing,
  queuesView,
  runActive,
  runOutcomeLine,
  runProgress,
  runsView,
  runSummaryText,
} from './jobs-views';
import { startJobsFramework } from './server';

/** Default API address of the framework. */
export const DEFAULT_JOBS_URL = 'http://127.0.0.1:8081';

const JOBS_SERVE: ServeCommandSpec = {
  name: 'meseta-jobs',
  component: 'jobs',
  port: 8081,
  offerRefuseSeconds: 1,
  offerRefuseHelp: 'seconds an offer is refused while work is waiting',
};

/** What errors add so they carry the fix. */
export const JOBS_HINTS: CliHints = {
  unreachable: `start it with: meseta-jobs serve --master HOST:PORT (it listens on ${DEFAULT_JOBS_URL}), or point at it with --url or MESETA_JOBS_URL`,
  notFound: 'see what exists with: meseta-jobs job list, meseta-jobs job runs <job> or meseta-jobs queue list',
};

/** How often `job run --watch` looks at the run. */
const WATCH_POLL_MS = 500;

function url(o: { url?: string }): string {
  return o.url ?? process.env.MESETA_JOBS_URL ?? DEFAULT_JOBS_URL;
}

/** Items from a file: one per non-empty line. */
function readItemsFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

/** Follow a run until it ends: one progress line, then its outcome; resolves with the final run. */
async function watchRun(base: string, run: RunRecord, json: boolean): Promise<RunRecord> {
  const line = new ProgressLine();
  for (;;) {
    if (!runActive(run)) break;
    if (!json) line.update(runProgress(run, Date.now()));
    await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
    run = await requestJson<RunRecord>(base, 'GET', `/v1/runs/${encodeURIComponent(run.id)}`);
  }
  if (json) printJson(run);
  else line.finish(runOutcomeLine(run, Date.now()));
  return run;
}

type ReadFlags = { url?: string; json?: boolean };

/** The command tree. */
export function buildJobsProgram(): Command {
  const program = new Command('meseta-jobs').description('Batch work on Meseta: jobs with retries and cron schedules, work queues.');
  addServeCommand(program, JOBS_SERVE, (options) => startJobsFramework(options));

  const client = (parent: Command, name: string, description: string): Command =>
    parent
      .command(name)
      .description(description)
      .option('--url <url>', `framework API (default $MESETA_JOBS_URL or ${DEFAULT_JOBS_URL})`)
      .option('--json', "print the API's JSON answer");
  const say = (o: ReadFlags, answer: unknown, line: string): void => {
    if (o.json) printJson(answer);
    else process.stdout.write(line + '\n');
  };

  const job = program.command('job').description('run-to-completion jobs');
  client(job, 'list', 'jobs: schedule, last run and its outcome, next run').action(async (o: ReadFlags) => {
    const { jobs } = await requestJson<{ jobs: JobListing[] }>(url(o), 'GET', '/v1/jobs');
    if (o.json) return printJson(jobs);
    process.stdout.write(tableText(jobsView(jobs, Date.now())));
  });
  client(job, 'add', 'define (or replace) a job from a JSON file')
    .argument('<file>')
    .action(async (file: string, o: ReadFlags) => {
      const answer = await requestJson<{ job: { id: string }; nextFireAt: number | null }>(url(o), 'POST', '/v1/jobs', readJsonFile(file));
      say(o, answer, `job ${answer.job.id} saved${answer.nextFireAt !== null ? `; next run ${new Date(answer.nextFireAt).toISOString()}` : ''}`);
    });
  client(job, 'run', 'start a run of a job now')
    .argument('<job>')
    .option('--watch', 'follow the run until it ends (one progress line, then the outcome; exit 1 unless it succeeds)')
    .action(async (id: string, o: ReadFlags & { watch?: boolean }) => {
      const run = await requestJson<RunRecord>(url(o), 'POST', `/v1/jobs/${encodeURIComponent(id)}/runs`);
      if (!o.watch) return say(o, run, `run ${run.id} of ${id} started`);
      if (!o.json) process.stdout.write(`run ${run.id} of ${id} started\n`);
      const end = await watchRun(url(o), run, !!o.json);
      if (end.status !== 'succeeded') process.exitCode = 1;
    });
  client(job, 'status', 'a job and its runs')
    .argument('<job>')
    .action(async (id: string, o: ReadFlags) => {
      const detail = await requestJson<JobDetail>(url(o), 'GET', `/v1/jobs/${encodeURIComponent(id)}`);
      if (o.json) return printJson(detail);
      const now = Date.now();
      process.stdout.write(jobSummaryText(detail, now) + '\n' + tableText(runsView(detail.runs, now)));
    });
  client(job, 'runs', 'the runs of a job, newest first: outcome and reason')
    .argument('<job>')
    .action(async (id: string, o: ReadFlags) => {
      const detail = await requestJson<JobDetail>(url(o), 'GET', `/v1/jobs/${encodeURIComponent(id)}`);
      if (o.json) return printJson(detail.runs);
      process.stdout.write(tableText(runsView(detail.runs, Date.now())));
    });
  client(job, 'remove', 'remove a job (its active runs are killed)')
    .argument('<job>')
    .action(async (id: string, o: ReadFlags) => say(o, await requestJson(url(o), 'DELETE', `/v1/jobs/${encodeURIComponent(id)}`), `job ${id} removed`));

  const run = program.command('run').description('runs of jobs');
  client(run, 'status', 'one run and its attempts')
    .argument('<run>')
    .action(async (id: string, o: ReadFlags) => {
      const answer = await requestJson<RunRecord>(url(o), 'GET', `/v1/runs/${encodeURIComponent(id)}`);
      if (o.json) return printJson(answer);
      const now = Date.now();
      process.stdout.write(runSummaryText(answer, now) + '\n' + tableText(attemptsView(answer, now)));
    });
  client(run, 'watch', 'follow a run until it ends; exit 1 unless it succeeds')
    .argument('<run>')
    .action(async (id: string, o: ReadFlags) => {
      const start = await requestJson<RunRecord>(url(o), 'GET', `/v1/runs/${encodeURIComponent(id)}`);
      const end = await watchRun(url(o), start, !!o.json);
      if (end.status !== 'succeeded') process.exitCode = 1;
    });
  client(run, 'cancel', 'cancel a run')
    .argument('<run>')
    .action(async (id: string, o: ReadFlags) => say(o, await requestJson(url(o), 'DELETE', `/v1/runs/${encodeURIComponent(id)}`), `run ${id} cancelled`));

  const queue = program.command('queue').description('work queues');
  client(queue, 'list', 'queues with their counts').action(async (o: ReadFlags) => {
    const { queues } = await requestJson<{ queues: QueueListing[] }>(url(o), 'GET', '/v1/queues');
    if (o.json) return printJson(queues);
    process.stdout.write(tableText(queuesView(queues)));
  });
  client(queue, 'create', 'create a queue from a JSON file')
    .argument('<file>')
    .option('--items <file>', 'items, one per line')
    .action(async (file: string, o: ReadFlags & { items?: string }) => {
      const definition = readJsonFile(file) as Record<string, unknown>;
      if (o.items) definition.items = [...((definition.items as string[] | undefined) ?? []), ...readItemsFile(o.items)];
      const answer = await requestJson<QueueListing>(url(o), 'POST', '/v1/queues', definition);
      say(o, answer, `queue ${answer.id} created with ${answer.counts.total ?? 0} item(s)`);
    });
  client(queue, 'add', 'add items to a queue')
    .argument('<queue>')
    .requiredOption('--items <file>', 'items, one per line')
    .action(async (id: string, o: ReadFlags & { items: string }) => {
      const answer = await requestJson<{ added: number }>(url(o), 'POST', `/v1/queues/${encodeURIComponent(id)}/items`, { items: readItemsFile(o.items) });
      say(o, answer, `${answer.added} item(s) added to ${id}`);
    });
  client(queue, 'status', 'counts and workers')
    .argument('<queue>')
    .action(async (id: string, o: ReadFlags) => {
      const answer = await requestJson<QueueListing>(url(o), 'GET', `/v1/queues/${encodeURIComponent(id)}`);
      if (o.json) return printJson(answer);
      process.stdout.write(tableText(queuesView([answer])));
    });
  client(queue, 'results', 'recorded results (JSON: results by item id, errors, counts)')
    .argument('<queue>')
    .action(async (id: string, o: ReadFlags) => printJson(await requestJson(url(o), 'GET', `/v1/queues/${encodeURIComponent(id)}/results`)));
  client(queue, 'delete', 'delete a queue (workers killed)')
    .argument('<queue>')
    .action(async (id: string, o: ReadFlags) => say(o, await requestJson(url(o), 'DELETE', `/v1/queues/${encodeURIComponent(id)}`), `queue ${id} deleting`));
  return program;
}

if (require.main === module) void runCli(buildJobsProgram(), process.argv, JOBS_HINTS);
