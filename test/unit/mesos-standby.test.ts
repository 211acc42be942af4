/** What a standby master answers itself of Mesos's endpoints (master/mesos-standby.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LeaderGate } from '../../master/leader-gate';
import { MasterTrust } from '../../master/auth/trust';
import { InMemoryAuthenticator } from '../../master/auth/authenticator';
import { mesosStandbyHttp } from '../../master/mesos-standby';

/** A response that keeps what was written. */
function response() {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown> = {}) {
      out.status = status;
      out.headers = headers;
      return res;
    },
    end(body = '') {
      out.body = body;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, out };
}

function request(headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: {} } as unknown as IncomingMessage;
}

const open = new MasterTrust();
const guarded = new MasterTrust({ authenticator: new InMemoryAuthenticator(new Map([['ops-token', { name: 'ops', kinds: ['operator'] }], ['fw-token', { name: 'fw', kinds: ['framework'] }]])) });

describe('a standby master', () => {
  it.each<[string, string | undefined, number, string | undefined]>([
    ['/master/redirect with a known leader', '127.0.0.1:5050', 307, '//127.0.0.1:5050'],
    ['/redirect with a known leader', '127.0.0.1:5050', 307, '//127.0.0.1:5050'],
    ['/master/redirect without a leader: 503', undefined, 503, undefined],
  ])('%s', (name, leader, status, location) => {
    const gate = new LeaderGate();
    gate.leader = leader;
    const { res, out } = response();
    expect(mesosStandbyHttp(gate, open, 100)(request(), res, name.split(' ')[0])).toBe(true);
    expect(out.status).toBe(status);
    expect(out.headers.location).toBe(location);
  });

  it('/metrics/snapshot: not elected, uptime; other paths left to the gate', () => {
    const { res, out } = response();
    expect(mesosStandbyHttp(new LeaderGate(), open, Date.now() / 1000 - 10)(request(), res, '/metrics/snapshot')).toBe(true);
    const body = JSON.parse(out.body) as Record<string, number>;
    expect(body['master/elected']).toBe(0);
    expect(body['master/uptime_secs']).toBeGreaterThanOrEqual(10);
    expect(mesosStandbyHttp(new LeaderGate(), open, 0)(request(), response().res, '/master/state')).toBe(false);
  });

  it.each<[string, Record<string, string>, number]>([
    ['no credential', {}, 401],
    ['a framework principal', { authorization: 'Bearer fw-token' }, 403],
    ['an operator', { authorization: 'Bearer ops-token' }, 200],
  ])('/metrics/snapshot on an authenticated cluster, %s: %d', (_name, headers, status) => {
    const { res, out } = response();
    mesosStandbyHttp(new LeaderGate(), guarded, 0)(request(headers), res, '/metrics/snapshot');
    expect(out.status).toBe(status);
  });
});
