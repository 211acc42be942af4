#!/usr/bin/env node
/**
 * `meseta-services`: run the services framework (`serve`) and talk to it
 * (`deploy app.json`, `scale`, `restart`, `destroy`, `status`, `endpoints`,
 * `deployments`, `watch`, `cancel`, `kill`). Client commands find the
 * framework with `--url` or MESETA_SERVICES_URL. Exit codes: 0 success,
 * 1 failure (refused definition, unreachable framework), 2 bad usage.
 */
import { Command } from 'commander';
import { addServeCommand, numberFlag, printJson, readJsonFile, runCli, type ServeCommandSpec, type ServeFlags } from '../common/cli-support';
import { followJsonLines, requestJson } from '../common/http-client';
import { startServicesFramework } from './server';
import type { AppView, ChangeResult, Endpoint } from './services-api';
import type { DeploymentRecord } from './services-state';

/** Default API address of the framework. */
export const DEFAULT_SERVICES_URL = 'http://127.0.0.1:8080';

const SERVICES_SERVE: ServeCommandSpec = {
  name: 'meseta-services',
  component: 'services',
  port: 8080,
  offerRefuseSeconds: 2,
  offerRefuseHelp: 'seconds an offer is refused while instances are still wanted',
};

function url(options: { url?: string }): string {
  return options.url ?? process.env.MESETA_SERVICES_URL ?? DEFAULT_SERVICES_URL;
}

function describeDeployment(d: DeploymentRecord): string {
  const last = d.events[d.events.length - 1]?.message ?? '';
  const healthy = d.lowestHealthy !== undefined ? ` lowest healthy ${d.lowestHealthy}/${d.minHealthy ?? '?'} floor` : '';
  return `${d.id} ${d.kind} ${d.appId} → ${d.toVersion} ${d.status}${healthy}: ${last}`;
}

async function watch(base: string, deploymentId: string): Promise<DeploymentRecord | undefined> {
  let last: DeploymentRecord | undefined;
  let printed = 0;
  await followJsonLines(base, `/v1/deployments/${encodeURIComponent(deploymentId)}?watch=true`, (event) => {
    last = event as DeploymentRecord;
    for (const e of last.events.slice(printed)) process.stdout.write(`${new Date(e.at).toISOString()} ${e.message}\n`);
    printed = last.events.length;
  });
  if (last) process.stdout.write(`deployment ${last.id}: ${last.status}\n`);
  return last;
}

function appLine(a: AppView): string {
  const extra = [a.deployment ? `deploying ${a.deployment.toVersion}` : '', a.unplaced ? `UNPLACED: ${a.unplaced.reason}` : '', a.leader ? `leader ${a.leader}` : '']
    .filter(Boolean)
    .join('; ');
  return `${a.id}\t${a.version}\t${a.healthy}/${a.instances} healthy\t${a.running} running${extra ? `\t${extra}` : ''}`;
}

/** The command tree. */
export function buildServicesProgram(): Command {
  const program = new Command('meseta-services').description('Long-running services on Meseta: apps, rolling deployments, health checks, autoscaling.');
  addServeCommand(program, SERVICES_SERVE, (options, flags: ServeFlags & { stableAfter: string }) =>
    startServicesFramework({ ...options, stableAfterMs: numberFlag('--stable-after', flags.stableAfter, 5000) }),
  ).option('--stable-after <ms>', 'an instance without health check running this long resets back-off', '5000');

  const client = (name: string, description: string): Command =>
    program.command(name).description(description).option('--url <url>', `framework API (default $MESETA_SERVICES_URL or ${DEFAULT_SERVICES_URL})`).option('--json', 'print JSON');

  client('deploy', 'create or change an app from a JSON definition file')
    .argument('<file>', 'app definition (JSON)')
    .option('--watch', 'follow the deployment until it ends')
    .action(async (file: string, o: { url?: string; json?: boolean; watch?: boolean }) => {
      const definition = readJsonFile(file);
      const result = await requestJson<ChangeResult>(url(o), 'POST', '/v1/apps', definition);
      if (o.json) printJson(result);
      else process.stdout.write(`${result.app?.id ?? (definition as { id?: string }).id} ${result.version}${result.deploymentId ? ` deployment ${result.deploymentId}` : ' unchanged'}\n`);
      if (o.watch && result.deploymentId) {
        const end = await watch(url(o), result.deploymentId);
        if (end && end.status !== 'succeeded') process.exitCode = 1;
      }
    });
  client('scale', 'change the instance count')
    .argument('<app>')
    .argument('<instances>')
    .action(async (app: string, instances: string, o: { url?: string; json?: boolean }) => {
      const result = await requestJson<ChangeResult>(url(o), 'POST', `/v1/apps/${encodeURIComponent(app)}/scale`, { instances: Number(instances) });
      if (o.json) printJson(result);
      else process.stdout.write(`${app} scaling to ${instances}: deployment ${result.deploymentId}\n`);
    });
  client('restart', 'replace every instance, rolling')
    .argument('<app>')
    .action(async (app: string, o: { url?: string; json?: boolean }) => {
      const result = await requestJson<ChangeResult>(url(o), 'POST', `/v1/apps/${encodeURIComponent(app)}/restart`);
      if (o.json) printJson(result);
      else process.stdout.write(`${app} restarting as ${result.version}: deployment ${result.deploymentId}\n`);
    });
  client('destroy', 'stop every instance and forget the app')
    .argument('<app>')
    .action(async (app: string, o: { url?: string; json?: boolean }) => {
      const result = await requestJson<ChangeResult>(url(o), 'DELETE', `/v1/apps/${encodeURIComponent(app)}`);
      if (o.json) printJson(result);
      else process.stdout.write(`${app} destroying: deployment ${result.deploymentId}\n`);
    });
  client('status', 'apps and their instances')
    .argument('[app]')
    .action(async (app: string | undefined, o: { url?: string; json?: boolean }) => {
      if (app) {
        const view = await requestJson<AppView>(url(o), 'GET', `/v1/apps/${encodeURIComponent(app)}`);
        if (o.json) return printJson(view);
        process.stdout.write(appLine(view) + '\n');
        for (const t of view.tasks) process.stdout.write(`  ${t.instanceId}\t${t.version}\t${t.host}:${t.ports.join(',')}\t${t.phase}${t.healthy ? ' healthy' : ''}${t.killReason ? ` (killing: ${t.killReason})` : ''}\n`);
        return;
      }
      const { apps } = await requestJson<{ apps: AppView[] }>(url(o), 'GET', '/v1/apps');
      if (o.json) return printJson(apps);
      for (const a of apps) process.stdout.write(appLine(a) + '\n');
    });
  client('endpoints', 'host:port of the healthy instances')
    .argument('<app>')
    .action(async (app: string, o: { url?: string; json?: boolean }) => {
      const { endpoints } = await requestJson<{ endpoints: Endpoint[] }>(url(o), 'GET', `/v1/apps/${encodeURIComponent(app)}/endpoints`);
      if (o.json) return printJson(endpoints);
      for (const e of endpoints) process.stdout.write(`${e.address}\n`);
    });
  client('deployments', 'deployments, newest first')
    .option('--running', 'only running ones')
    .action(async (o: { url?: string; json?: boolean; running?: boolean }) => {
      const { deployments } = await requestJson<{ deployments: DeploymentRecord[] }>(url(o), 'GET', `/v1/deployments${o.running ? '?running=true' : ''}`);
      if (o.json) return printJson(deployments);
      for (const d of deployments) process.stdout.write(describeDeployment(d) + '\n');
    });
  client('watch', 'follow a deployment until it ends')
    .argument('<deployment>')
    .action(async (id: string, o: { url?: string }) => {
      const end = await watch(url(o), id);
      if (end && end.status !== 'succeeded') process.exitCode = 1;
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

if (require.main === module) void runCli(buildServicesProgram(), process.argv);
