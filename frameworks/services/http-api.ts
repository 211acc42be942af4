/**
 * The services framework's HTTP API:
 *
 * | method | path | what |
 * |---|---|---|
 * | GET | /v1/apps | every app with its status |
 * | POST | /v1/apps | deploy (create or change) an app definition |
 * | GET, PUT, DELETE | /v1/apps/:id | status, deploy, destroy |
 * | POST | /v1/apps/:id/scale | `{ "instances": n }` |
 * | POST | /v1/apps/:id/restart | rolling restart |
 * | GET | /v1/apps/:id/endpoints | host:port of healthy instances |
 * | DELETE | /v1/apps/:id/tasks/:instanceId | kill one instance (it is replaced) |
 * | GET, POST | /v1/apps/:id/leader | current leader; ask for / renew the lease (`{ "instanceId" }`) |
 * | GET | /v1/deployments | deployments (`?running=true`) |
 * | GET | /v1/deployments/:id | one deployment; `?watch=true` streams it as JSON lines until it ends |
 * | DELETE | /v1/deployments/:id | cancel: roll back |
 * | GET | /health | `{ ok, kind: "services", subscribed, frameworkId }` |
 */
import { JsonRouter, HttpError, sendJson } from '../common/http-server';
import type { ServicesApi } from './services-api';
import type { DeploymentLog } from './deployment-log';
import type { DeploymentRecord } from './services-state';

/** The routes over an API object. */
export function servicesRouter(api: ServicesApi, deployments: DeploymentLog, health: () => Record<string, unknown>): JsonRouter {
  const router = new JsonRouter();
  router
    .on('GET', '/health', () => ({ body: { ok: true, kind: 'services', ...health() } }))
    .on('GET', '/v1/apps', () => ({ body: { apps: api.apps() } }))
    .on('POST', '/v1/apps', async (r) => ({ status: 201, body: await api.deploy(r.body) }))
    .on('GET', '/v1/apps/:id', (r) => ({ body: api.appById(r.params.id) }))
    .on('PUT', '/v1/apps/:id', async (r) => {
      const body = r.body as Record<string, unknown> | undefined;
      if (body && typeof body === 'object' && body.id !== undefined && body.id !== r.params.id) {
        throw new HttpError(422, `id: "${String(body.id)}" differs from the path's "${r.params.id}"`);
      }
      return { body: await api.deploy({ ...(body ?? {}), id: r.params.id }) };
    })
    .on('DELETE', '/v1/apps/:id', async (r) => ({ body: await api.destroy(r.params.id) }))
    .on('POST', '/v1/apps/:id/scale', async (r) => ({ body: await api.scale(r.params.id, (r.body as { instances?: unknown } | undefined)?.instances) }))
    .on('POST', '/v1/apps/:id/restart', async (r) => ({ body: await api.restart(r.params.id) }))
    .on('GET', '/v1/apps/:id/endpoints', (r) => {
      const endpoints = api.endpoints(r.params.id);
      if (r.query.get('format') === 'text') return { text: endpoints.map((e) => e.address).join('\n') + (endpoints.length ? '\n' : '') };
      return { body: { endpoints } };
    })
    .on('DELETE', '/v1/apps/:id/tasks/:instanceId', async (r) => ({ body: await api.killInstance(r.params.id, r.params.instanceId) }))
    .on('GET', '/v1/apps/:id/leader', (r) => ({ body: { leader: api.appById(r.params.id).leader ?? null } }))
    .on('POST', '/v1/apps/:id/leader', (r) => {
      const body = r.body as { instanceId?: unknown } | undefined;
      return { body: api.acquireLease(r.params.id, body?.instanceId ?? r.query.get('instanceId')) };
    })
    .on('GET', '/v1/deployments', (r) => ({ body: { deployments: api.deployments(r.query.get('running') === 'true') } }))
    .on('GET', '/v1/deployments/:id', (r) => {
      const deployment = api.deployment(r.params.id);
      if (r.query.get('watch') !== 'true') return { body: deployment };
      watchDeployment(deployment, deployments, r.response);
      return { streamed: true };
    })
    .on('DELETE', '/v1/deployments/:id', async (r) => ({ body: await api.cancelDeployment(r.params.id) }));
  return router;
}

/** Stream a deployment as JSON lines (the record after each change) until it ends. */
function watchDeployment(deployment: DeploymentRecord, log: DeploymentLog, res: import('node:http').ServerResponse): void {
  if (deployment.status !== 'running') {
    sendJson(res, 200, deployment);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  let lastEvents = -1;
  let lastHealthy = -2;
  const write = (d: DeploymentRecord): void => {
    const healthy = d.lowestHealthy ?? -1;
    if (d.events.length === lastEvents && healthy === lastHealthy && d.status === 'running') return;
    lastEvents = d.events.length;
    lastHealthy = healthy;
    res.write(JSON.stringify(d) + '\n');
  };
  const onChange = (d: DeploymentRecord): void => {
    if (d.id !== deployment.id) return;
    write(d);
    if (d.status !== 'running') finish();
  };
  const finish = (): void => {
    log.off('change', onChange);
    res.end();
  };
  log.on('change', onChange);
  res.on('close', () => log.off('change', onChange));
  write(deployment);
}
