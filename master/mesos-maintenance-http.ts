/**
 * Mesos's pre-v1 maintenance endpoints, for tools that still use them:
 * `GET|POST /maintenance/schedule` (the schedule as JSON; a POST replaces
 * it), `GET /maintenance/status` (draining machines with the frameworks'
 * answers, DOWN machines), `POST /machine/down` and `POST /machine/up`
 * (a JSON list of machines). Each also answers under `/master/`. The
 * guard asks for an operator credential as on `/api/v1`; the actions check
 * `update_maintenance` (`maintenance-actions.ts`). Refusals are text
 * naming the field: 400 bad input, 403 an ACL, 405 a wrong method, 413 a
 * body over 1 MiB, 503 a failed registry write.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import type { Master } from './master';
import { authorityOf } from './auth/request-authority';
import { OperatorActionError } from './operator-actions';
import { maintenanceScheduleOf, maintenanceStatusOf, startMaintenance, stopMaintenance, updateMaintenanceSchedule } from './maintenance-actions';
import { readBody, sendMesosError } from './mesos-operator-exchange';
import { pb } from '@meseta/proto/wire';

/** The paths, with and without `/master`. */
export const MAINTENANCE_PATHS: ReadonlySet<string> = new Set(
  ['/maintenance/schedule', '/maintenance/status', '/machine/down', '/machine/up'].flatMap((p) => [p, `/master${p}`]),
);

const STATUS_OF = { invalid: 400, not_found: 404, denied: 403, conflict: 409, failed: 503 } as const;

function sendJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function jsonBody(req: IncomingMessage, what: string): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MesosHttpError(400, `body: must be JSON ${what}: ${(e as Error).message}`);
  }
}

/** The status as Mesos's JSON writes it (enum names). */
function statusJson(master: Master): unknown {
  const status = maintenanceStatusOf(master);
  return {
    draining_machines: status.draining_machines.map((d) => ({ ...d, statuses: d.statuses.map((s) => ({ ...s, status: pb.InverseOfferStatus.Status[s.status] })) })),
    down_machines: status.down_machines,
  };
}

async function route(master: Master, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const endpoint = path.replace(/^\/master/, '');
  const allowed = endpoint === '/maintenance/schedule' ? ['GET', 'POST'] : endpoint === '/maintenance/status' ? ['GET'] : ['POST'];
  if (!allowed.includes(req.method ?? '')) {
    req.resume();
    res.writeHead(405, { allow: allowed.join(', '), 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${path}: method ${req.method} is not allowed; use ${allowed.join(' or ')}\n`);
    return;
  }
  const authority = authorityOf(req);
  if (req.method === 'GET') {
    req.resume();
    return sendJson(res, endpoint === '/maintenance/schedule' ? maintenanceScheduleOf(master) : statusJson(master));
  }
  try {
    if (endpoint === '/maintenance/schedule') {
      const body = await jsonBody(req, 'schedule {"windows": [...]}');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new MesosHttpError(400, 'body: must be a schedule object {"windows": [...]}');
      await updateMaintenanceSchedule(master, authority, body as never, 'schedule');
    } else {
      const body = await jsonBody(req, 'list of machines [{"hostname": ..., "ip": ...}]');
      if (!Array.isArray(body)) throw new MesosHttpError(400, 'body: must be a list of machines [{"hostname": ..., "ip": ...}]');
      if (endpoint === '/machine/down') await startMaintenance(master, authority, body, 'machines');
      else await stopMaintenance(master, authority, body, 'machines');
    }
  } catch (e) {
    if (e instanceof OperatorActionError) throw new MesosHttpError(STATUS_OF[e.kind], e.message);
    throw e;
  }
  res.writeHead(200, { 'content-length': '0' });
  res.end();
}

/** Answer one of {@link MAINTENANCE_PATHS}. */
export async function maintenanceHttp(master: Master, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await route(master, path, req, res);
  } catch (e) {
    sendMesosError(res, e instanceof MesosHttpError ? e : new MesosHttpError(500, (e as Error).message));
  }
}
