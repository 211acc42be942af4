/**
 * What a master that does not lead answers: every gRPC call fails with
 * UNAVAILABLE, a message naming the leader, and the leader's address in
 * the `meseta-leader` trailer; HTTP requests are redirected (307) to the
 * leader. Clients that follow ZooKeeper reconnect on their own; others can
 * read the address from the error.
 */
import { Metadata, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isEncryptedRequest } from '@meseta/runtime/peer-identity';

/** Mesos's Scheduler HTTP API path (`mesos-scheduler-http.ts`; not imported, to keep this module free of the master). */
const SCHEDULER_PATH = '/api/v1/scheduler';

/** Whether this master leads, and who does if not. */
export class LeaderGate {
  leading = false;
  /** `ip:port` of the leader when known. */
  leader?: string;

  /** The error a non-leading master answers with. */
  notLeaderError(): { code: status; details: string; metadata: Metadata } {
    const metadata = new Metadata();
    if (this.leader) metadata.set('meseta-leader', this.leader);
    const details = this.leader
      ? `this master is not the leader; the leading master is at ${this.leader}`
      : 'this master is not the leader and no leader is elected yet; retry shortly';
    return { code: status.UNAVAILABLE, details, metadata };
  }
}

type Handler = (call: { emit?: (event: string, value: unknown) => void; end?: () => void }, callback?: (error: unknown) => void) => void;

/** Wrap a service's handlers so they run only while the gate says this master leads. */
export function gated(impl: UntypedServiceImplementation, gate: LeaderGate): UntypedServiceImplementation {
  const out: UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(impl)) {
    out[name] = ((call: Parameters<Handler>[0], callback?: Parameters<Handler>[1]) => {
      if (gate.leading) return (handler as Handler)(call, callback);
      const error = gate.notLeaderError();
      if (callback) callback(error);
      else call.emit?.('error', error);
    }) as never;
  }
  return out;
}

/**
 * Wrap the HTTP handler: redirect to the leader, except `/health` and what
 * `standby` answers itself (it returns true when it did: Mesos's
 * `/master/redirect` and `/metrics/snapshot`, which a standby serves).
 */
export function gatedHttp(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  gate: LeaderGate,
  standby?: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (gate.leading) return handler(req, res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('standby\n');
      return;
    }
    if (standby?.(req, res, url.pathname)) return;
    if (url.pathname === SCHEDULER_PATH) {
      // Mesos's scheduler clients follow a scheme-relative Location to the leader.
      req.resume();
      if (gate.leader) res.writeHead(307, { location: `//${gate.leader}${SCHEDULER_PATH}`, 'content-length': '0' }).end();
      else res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('No leading master is elected yet; retry\n');
      return;
    }
    if (gate.leader) {
      res.writeHead(307, { location: `${isEncryptedRequest(req) ? 'https' : 'http'}://${gate.leader}${req.url ?? '/'}` }).end();
      return;
    }
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no leading master is elected yet' }));
  };
}
