#!/usr/bin/env node
/**
 * `meseta-services`: run the services framework (`serve`) and talk to it
 * (`deploy app.json`, `scale`, `restart`, `destroy`, `status`, `endpoints`,
 * `deployments`, `watch`, `cancel`, `kill`). Client commands find the
 * framework with `--url` or MESETA_SERVICES_URL. Read verbs print tables
 * (services-views.ts) or, with `--json`, the API's answer whole; every
 * change takes `--watch`. Exit codes: 0 success, 1 failure (refused
 * definition, unreachable framework, a watched deployment that did not
 * succeed), 2 bad usage.
 */
import { Command } from 'commander';
import { addServeCommand, numberFlag, printJson, readJsonFile, runCli, UsageProblem, type CliHints, type ServeCommandSpec, type ServeFlags } from '../common/cli-support';
import { ProgressLine, tableText } from '../common/cli-output';
import { ApiError, followJsonLines, requestJson } from '../common/http-client';
import { startServicesFramework } from './server';
import type { AppView, ChangeResult, Endpoint } from './services-api';
import type { DeploymentRecord } from './services-state';
import { appSummaryText, appsView, deploymentOutcomeLine, deploymentProgress, deploymentsView, endedView, endpointsView, instancesView, residentsView } from './services-views';

/** Default API address of the framework. */
export const DEFAULT_SERVICES_URL = 'http://127.0.0.1:8080';

const SERVICES_SERVE: ServeCommandSpec = {
  name: 'meseta-services',
  component: 'services',
  port: 8080,
  offerRefuseSeconds: 2,
  offerRefuseHelp: 'seconds an offer is refused while instances are still wanted',
};

/** What errors add so they carry the fix. */
export const SERVICES_HINTS: CliHints = {
  unreachable: `start it with: meseta-services serve --master HOST:PORT (it listens on ${DEFAULT_SERVICES_URL}), or point at it with --url or MESETA_SERVICES_URL`,
  notFound: 'see what exists with: meseta-services status (apps) or meseta-services deployments',
};

function url(options: { url?: string }): string {
  return options.url ?? process.env.MESETA_SERVICES_URL ?? DEFAULT_SERVICES_URL;
}

/**
 * Follow a deployment until it ends, showing one progress line; the last
 * line is its outcome. Resolves with the final record.
 */
async function watch(base: string, deploymentId: string, json: boolean): Promise<DeploymentRecord | undefined> {
  let last: DeploymentRecord | undefined;
  const line = new ProgressLine();
  await followJsonLines(base, `/v1/deployments/${encodeURIComponent(deploymentId)}?watch=true`, (event) => {
    last = event as DeploymentRecord;
    if (!json && last.status === 'running') line.update(deploymentProgress(last, Date.now()));
  });
  if (last) {
    if (json) printJson(last);
    else line.finish(deploymentOutcomeLine(last));
  }
  return last;
}

/** Watch (with `--watch`) the deployment a change started; a deployment that does not succeed exits 1. */
async function afterChange(o: { url?: string; json?: boolean; watch?: boolean }, result: ChangeResult, said: string): Promise<void> {
  if (!o.watch || !result.deploymentId) {
    if (o.json) printJson(result);
    else process.stdout.write(said + '\n');
    return;
  }
  if (!o.json) process.stdout.write(said + '\n');
  const end = await watch(url(o), result.deploymentId, !!o.json);
  if (!end || end.status !== 'succeeded') process.exitCode = 1;
}

/** The deployment to watch: an id, or an app's running deployment (else its latest one). */
async function deploymentOf(base: string, idOrApp: string): Promise<string> {
  try {
    return (await requestJson<DeploymentRecord>(base, 'GET', `/v1/deployments/${encodeURIComponent(idOrApp)}`)).id;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  let app: AppView;
  try {
    app = await requestJson<AppView>(base, 'GET', `/v1/apps/${encodeURIComponent(idOrApp)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(404, `no deployment or app ${idOrApp}`, e.body);
    throw e;
  }
  if (app.deployment) return app.deployment.id;
  // None running: the app's latest one, so `watch <app>` right after a change still tells how it ended.
  const { deployments } = await requestJson<{ deployments: DeploymentRecord[] }>(base, 'GET', '/v1/deployments');
  const latest = deployments.find((d) => d.appId === idOrApp);
  if (!latest) throw new Error(`app ${idOrApp} has no deployment kept; change it with meseta-services deploy, scale or restart`);
  return latest.id;
}

/** A role name from `--role`, or a usage error naming the flag. */
function roleFlag(text: string): string {
  if (!/^[A-Za-z0-9_*][A-Za-z0-9_.\-/]*$/.test(text) || text.includes('..') || text.endsWith('/')) {
    throw new UsageProblem(`--role: "${text}" is not a role name (letters, digits, _ . - and / between levels, e.g. db or eng/db)`);
  }
  return text;
}

/** A whole number >= 0 from an argument, or a usage error saying what is wanted. */
function instancesArgument(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageProblem(`instances: must be a whole number >= 0, got "${text}"`);
  return n;
}

/** The command tree. */
export function buildServicesProgram(): Command {
  const program = new Command('meseta-services').description('Long-running services on Meseta: apps, rolling deployments, health checks, autoscaling.');
  addServeCommand(program, SERVICES_SERVE, (options, flags: ServeFlags & { stableAfter: string; role?: string; principal?: string }) =>
    startServicesFramework({
      ...options,
      stableAfterMs: numberFlag('--stable-after', flags.stableAfter, 5000),
      ...(flags.role ? { role: roleFlag(flags.role) } : {}),
      ...(flags.principal ? { principal: flags.principal } : {}),
    }),
  )
    .option('--stable-after <ms>', 'an instance without health check running this long resets back-off', '5000')
    .option('--role <role>', 'the role to receive offers for; apps with volumes reserve their resources and volumes for it (needed for them: not "*")')
    .option('--principal <principal>', 'the principal the framework announces; its reservations and volumes carry it');

  const client = (name: string, description: string): Command =>
    program.command(name).description(description).option('--url <url>', `framework API (default $MESETA_SERVICES_URL or ${DEFAULT_SERVICES_URL})`).option('--json', 'print the API\'s JSON answer');
  type ChangeFlags = { url?: string; json?: boolean; watch?: boolean };
  const WATCH_HELP = 'follow the deployment until it ends (one progress line, then the outcome; exit 1 unless it succeeds)';

  client('deploy', 'create or change an app from a JSON definition file')
    .argument('<file>', 'app definition (JSON)')
    .option('--watch', WATCH_HELP)
    .action(async (file: string, o: ChangeFlags) => {
      const definition = readJsonFile(file);
      const result = await requestJson<ChangeResult>(url(o), 'POST', '/v1/apps', definition);
      const id = result.app?.id ?? (definition as { id?: string }).id;
      await afterChange(o, result, `${id} ${result.version}${result.deploymentId ? ` deployment ${result.deploymentId}` : ' unchanged'}`);
    });
  client('scale', 'change the instance count')
    .argument('<app>')
    .argument('<instances>')
    .option('--watch', WATCH_HELP)
    .action(async (app: string, instances: string, o: ChangeFlags) => {
      const result = await requestJson<ChangeResult>(url(o), 'POST', `/v1/apps/${encodeURIComponent(app)}/scale`, { instances: instancesArgument(instances) });
      await afterChange(o, result, `${app} scaling to ${instances}: deployment ${result.deploymentId}`);
    });
  client('restart', 'replace every instance, rolling')
    .argument('<app>')
    .option('--watch', WATCH_HELP)
    .action(async (app: string, o: ChangeFlags) => {
      const result = await requestJson<ChangeResult>(url(o), 'POST', `/v1/apps/${encodeURIComponent(app)}/restart`);
      await afterChange(o, result, `${app} restarting as ${result.version}: deployment ${result.deploymentId}`);
    });
  client('destroy', 'stop every instance and forget the app')
    .argument('<app>')
    .option('--watch', WATCH_HELP)
    .action(async (app: string, o: ChangeFlags) => {
      const result = await requestJson<ChangeResult>(url(o), 'DELETE', `/v1/apps/${encodeURIComponent(app)}`);
      await afterChange(o, result, `${app} destroying: deployment ${result.deploymentId}`);
    });
  client('status', 'apps; with an app: its instances (agent, state, health, reason) and recent failures')
    .argument('[app]')
    .action(async (app: string | undefined, o: { url?: string; json?: boolean }) => {
      if (app) {
        const view = await requestJson<AppView>(url(o), 'GET', `/v1/apps/${encodeURIComponent(app)}`);
        if (o.json) return printJson(view);
        const now = Date.now();
        process.stdout.write(appSummaryText(view, now) + '\n' + tableText(instancesView(view, now)));
        if (view.residents) process.stdout.write('\nvolumes\n' + tableText(residentsView(view)));
        if (view.ended.length > 0) process.stdout.write('\nrecently ended\n' + tableText(endedView(view, now)));
        return;
      }
      const { apps } = await requestJson<{ apps: AppView[] }>(url(o), 'GET', '/v1/apps');
      if (o.json) return printJson(apps);
      process.stdout.write(tableText(appsView(apps)));
    });
  client('endpoints', 'host:port of the healthy instances')
    .argument('<app>')
    .option('--plain', 'one host:port per line, no header (for scripts)')
    .action(async (app: string, o: { url?: string; json?: boolean; plain?: boolean }) => {
      const { endpoints } = await requestJson<{ endpoints: Endpoint[] }>(url(o), 'GET', `/v1/apps/${encodeURIComponent(app)}/endpoints`);
      if (o.json) return printJson(endpoints);
      if (o.plain) return void process.stdout.write(endpoints.map((e) => `${e.address}\n`).join(''));
      process.stdout.write(tableText(endpointsView(endpoints)));
    });
  client('deployments', 'deployments, newest first')
    .option('--running', 'only running ones')
    .action(async (o: { url?: string; json?: boolean; running?: boolean }) => {
      const { deployments } = await requestJson<{ deployments: DeploymentRecord[] }>(url(o), 'GET', `/v1/deployments${o.running ? '?running=true' : ''}`);
      if (o.json) return printJson(deployments);
      process.stdout.write(tableText(deploymentsView(deployments, Date.now())));
    });
  client('watch', 'follow a deployment (by id, or an app\'s running or latest one) until it ends; exit 1 unless it succeeds')
    .argument('<deployment-or-app>')
    .action(async (id: string, o: { url?: string; json?: boolean }) => {
      const end = await watch(url(o), await deploymentOf(url(o), id), !!o.json);
      if (!end || end.status !== 'succeeded') process.exitCode = 1;
    });
  client('cancel', 'cancel a deployment (rolls back)')
    .argument('<deployment>')
    .action(async (id: string, o: { url?: string; json?: boolean }) => {
      const result = await requestJson<{ cancelled: string; rollbackDeploymentId?: string }>(url(o), 'DELETE', `/v1/deployments/${encodeURIComponent(id)}`);
      if (o.json) return printJson(result);
      process.stdout.write(`cancelled ${id}${result.rollbackDeploymentId ? `; rollback ${result.rollbackDeploymentId}` : ''}\n`);
    });
  client('kill', 'kill one instance (the app replaces it)')
    .argument('<app>')
    .argument('<instance>')
    .action(async (app: string, instance: string, o: { url?: string; json?: boolean }) => {
      const result = await requestJson(url(o), 'DELETE', `/v1/apps/${encodeURIComponent(app)}/tasks/${encodeURIComponent(instance)}`);
      if (o.json) return printJson(result);
      process.stdout.write(`killing ${instance}\n`);
    });
  return program;
}

if (require.main === module) void runCli(buildServicesProgram(), process.argv, SERVICES_HINTS);
