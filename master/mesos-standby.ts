/**
 * What a master that does not lead answers itself of Mesos's endpoints
 * (everything else is redirected to the leader by the gate): 
 * `/master/redirect` (307 to `//leader:port`, 503 while no leader is
 * known, as Mesos) and `/metrics/snapshot` (`master/elected: 0`, uptime and
 * the host's figures, so an exporter scraping every master learns which
 * leads). The snapshot takes an operator credential on an authenticated
 * cluster, as on the leader.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSystemFigures } from '@meseta/runtime/system-figures';
import type { LeaderGate } from './leader-gate';
import type { MasterTrust } from './auth/trust';
import { isRefusal } from './auth/trust';
import { presentedByRequest } from './auth/request-identity';
import { MESOS_REDIRECT_PATHS, redirectLocation } from './mesos-http';
import { standbyMetricsSnapshot } from './mesos-metrics';
import { AUTHENTICATE_CHALLENGES } from './mesos-scheduler-http';
import { sendJson } from './http-json';


/** The standby's answers, for `gatedHttp`'s `standby` argument; `startTime` in seconds since the epoch. */
export function mesosStandbyHttp(gate: LeaderGate, trust: MasterTrust, startTime: number) {
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (MESOS_REDIRECT_PATHS.has(pathname)) {
      if (gate.leader) res.writeHead(307, { location: redirectLocation(gate.leader), 'content-length': '0' }).end();
      else sendJson(res, 503, { error: 'no leading master is elected yet' });
      return true;
    }
    if (pathname !== '/metrics/snapshot') return false;
    if (trust.enabled) {
      const who = trust.identify(presentedByRequest(req), pathname, ['operator']);
      if (isRefusal(who)) {
        if (who.refused === 'unauthenticated') sendJson(res, 401, { error: who.message }, { 'www-authenticate': AUTHENTICATE_CHALLENGES.join(', ') });
        else sendJson(res, 403, { error: who.message });
        return true;
      }
    }
    sendJson(res, 200, standbyMetricsSnapshot(startTime, Date.now() / 1000, readSystemFigures()));
    return true;
  };
}
