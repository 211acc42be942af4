#!/usr/bin/env node
/**
 * `meseta-jobs`: run the jobs framework (`serve`) and talk to it: `job
 * add job.json`, `job run <id>`, `job status <id>`, `run status <id>`,
 * `queue create queue.json [--items file]`, `queue add <id> --items file`,
 * `queue status <id>`, `queue results <id>`. Client commands find the
 * framework with `--url` or MESETA_JOBS_URL. Exit codes: 0 success,
 * 1 failure, 2 bad usage.
 */
import * as fs from 'node:fs';
import { Command } from 'commander';
import { addServeCommand, printJson, readJsonFile, runCli, type ServeCommandSpec } from '../common/cli-support';
import { requestJson } from '../common/http-client';
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

function url(o: { url?: string }): string {
  return o.url ?? process.env.MESETA_JOBS_URL ?? DEFAULT_JOBS_URL;
}

/** Items from a file: one per non-empty line. */
function readItemsFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

/** The command tree. */
export function buildJobsProgram(): Command {
  const program = new Command('meseta-jobs').description('Batch work on Meseta: jobs with retries and cron schedules, work queues.');
  addServeCommand(program, JOBS_SERVE, (options) => startJobsFramework(options));

  const client = (parent: Command, name: string, description: string): Command =>
    parent.command(name).description(description).option('--url <url>', `framework API (default $MESETA_JOBS_URL or ${DEFAULT_JOBS_URL})`);

  const job = program.command('job').description('run-to-completion jobs');
  client(job, 'add', 'define (or replace) a job from a JSON file')
    .argument('<file>')
    .action(async (file: string, o: { url?: string }) => printJson(await requestJson(url(o), 'POST', '/v1/jobs', readJsonFile(file))));
  client(job, 'run', 'start a run of a job now')
    .argument('<job>')
    .action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'POST', `/v1/jobs/${encodeURIComponent(id)}/runs`)));
  client(job, 'status', 'a job and its runs')
    .argument('<job>')
    .action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'GET', `/v1/jobs/${encodeURIComponent(id)}`)));
  client(job, 'remove', 'remove a job (its active runs are killed)')
    .argument('<job>')
    .action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'DELETE', `/v1/jobs/${encodeURIComponent(id)}`)));
  const run = program.command('run').description('runs of jobs');
  client(run, 'status', 'one run').argument('<run>').action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'GET', `/v1/runs/${encodeURIComponent(id)}`)));
  client(run, 'cancel', 'cancel a run').argument('<run>').action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'DELETE', `/v1/runs/${encodeURIComponent(id)}`)));

  const queue = program.command('queue').description('work queues');
  client(queue, 'create', 'create a queue from a JSON file')
    .argument('<file>')
    .option('--items <file>', 'items, one per line')
    .action(async (file: string, o: { url?: string; items?: string }) => {
      const definition = readJsonFile(file) as Record<string, unknown>;
      if (o.items) definition.items = [...((definition.items as string[] | undefined) ?? []), ...readItemsFile(o.items)];
      printJson(await requestJson(url(o), 'POST', '/v1/queues', definition));
    });
  client(queue, 'add', 'add items to a queue')
    .argument('<queue>')
    .requiredOption('--items <file>', 'items, one per line')
    .action(async (id: string, o: { url?: string; items: string }) =>
      printJson(await requestJson(url(o), 'POST', `/v1/queues/${encodeURIComponent(id)}/items`, { items: readItemsFile(o.items) })),
    );
  client(queue, 'status', 'counts and workers').argument('<queue>').action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'GET', `/v1/queues/${encodeURIComponent(id)}`)));
  client(queue, 'results', 'recorded results').argument('<queue>').action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'GET', `/v1/queues/${encodeURIComponent(id)}/results`)));
  client(queue, 'delete', 'delete a queue (workers killed)').argument('<queue>').action(async (id: string, o: { url?: string }) => printJson(await requestJson(url(o), 'DELETE', `/v1/queues/${encodeURIComponent(id)}`)));
  return program;
}

if (require.main === module) void runCli(buildJobsProgram(), process.argv);
