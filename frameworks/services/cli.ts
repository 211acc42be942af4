#!/usr/bin/env node
/**
 * `meseta-services`: run the services framework (`serve`) and talk to it
 * (`deploy app.json`, `scale`, `restart`, `destroy`, `status`, `endpoints`,
 * `deployments`, `watch`, `cancel`, `kill`). Client commands find the
 * framework with `--url` or MESETA_SERVICES_URL. Exit codes: 0 success,
 * 1 failure (refused definition, unreachable framework), 2 bad usage.
 */
import * as fs from 'node:fs';
import { Command } from 'commander';
import { createLogger } from '../../proto/src/log';
import { numberFlag, printJson, runCli, serveUntilSignalled } from '../common/cli-support';
import { stateStoreFor } from '../common/framework-connection';
import { followJsonLines, requestJson } from '../common/http-client';
import { startServicesFramework } from './server';
import type { AppView, ChangeResult, Endpoint } from './services-api';
import type { DeploymentRecord } from './services-state';

/** Default API address of the framework. */
export const DEFAULT_SERVICES_URL = 'http://127.0.0.1:8080';

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
  program
    .command('serve')
    .description('run the services framework')
    .option('--master <host:port>', 'master address', '127.0.0.1:5050')
    .option('--port <port>', 'HTTP API port on 127.0.0.1 (0 picks one)', '8080')
    .option('--state-file <path>', 'where the state is kept', 'meseta-services.state.json')
    .option('--zk <url>', 'keep the state in ZooKeeper instead: zk://host:port/path')
    .option('--name <name>', 'framework name', 'meseta-services')
    .option('--failover-timeout <seconds>', 'how long the master keeps tasks while this framework is away', String(7 * 24 * 3600))
    .option('--offer-refuse <seconds>', 'seconds an offer is refused while instances are still wanted', '2')
    .option('--stable-after <ms>', 'an instance without health check running this long resets back-off', '5000')
    .action(async (o: { master: string; port: string; stateFile: string; zk?: string; name: string; failoverTimeout: string; offerRefuse: string; stableAfter: string }) => {
      const logger = createLogger('services');
      const running = await startServicesFramework({
        master: o.master,
        store: stateStoreFor({ stateFile: o.stateFile, zk: o.zk, logger }),
        port: numberFlag('--port', o.port, 8080),
        name: o.name,
        failoverTimeoutSeconds: numberFlag('--failover-timeout', o.failoverTimeout, 604800),
        offerRefuseSeconds: numberFlag('--offer-refuse', o.offerRefuse, 2),
        stableAfterMs: numberFlag('--stable-after', o.stableAfter, 5000),
        logger,
        waitForSubscription: false,
      });
      process.stdout.write(`meseta-services listening on 127.0.0.1:${running.port}\n`);
      serveUntilSignalled(() => running.stop());
      await new Promise(() => undefined);
    });

  const client = (name: string, description: string): Command =>
    program.command(name).description(description).option('--url <url>', `framework API (default $MESETA_SERVICES_URL or ${DEFAULT_SERVICES_URL})`).option('--json', 'print JSON');

  client('deploy', 'create or change an app from a JSON definition file')
    .argument('<file>', 'app definition (JSON)')
    .option('--watch', 'follow the deployment until it ends')
    .action(async (file: string, o: { url?: string; json?: boolean; watch?: boolean }) => {
      let definition: unknown;
      try {
        definition = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
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
