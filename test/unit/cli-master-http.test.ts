import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../../cli/cli-error';
import { getMasterJson, redirectAddress } from '../../cli/master-http';

describe('redirectAddress', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['takes host and port from the leader\'s URL', 'http://127.0.0.3:5050/state', '127.0.0.3:5050'],
    ['defaults to port 80', 'http://leader/state', 'leader:80'],
    ['follows https too (a TLS cluster\'s leader redirects with https)', 'https://127.0.0.3:5050/state', '127.0.0.3:5050'],
    ['defaults to port 443 for https', 'https://leader/state', 'leader:443'],
    ['refuses another scheme', 'ftp://127.0.0.3:5050/state', undefined],
    ['refuses a relative location', '/state', undefined],
    ['refuses none', undefined, undefined],
  ])('%s', (_name, location, expected) => {
    expect(redirectAddress(location)).toBe(expected);
  });
});

describe('getMasterJson against a server on loopback', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });

  async function serve(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('parses the JSON answer', async () => {
    const address = await serve((req, res) => res.end(JSON.stringify({ path: req.url })));
    await expect(getMasterJson(address, '/state')).resolves.toEqual({ path: '/state' });
  });

  it('follows the standby master\'s redirect to the leader', async () => {
    const leader = await serve((_req, res) => res.end('{"leader":true}'));
    const standby = await serve((req, res) => res.writeHead(307, { location: `http://${leader}${req.url}` }).end());
    await expect(getMasterJson(standby, '/state')).resolves.toEqual({ leader: true });
  });

  it.each<[string, http.RequestListener, RegExp]>([
    ['an error status with a JSON error', (_q, s) => s.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"no leading master is elected yet"}'), /: \/state answered HTTP 503: no leading master is elected yet$/],
    ['a body that is not JSON', (_q, s) => s.end('<html>'), /answered \/state with text that is not JSON/],
    ['redirects without end', (q, s) => s.writeHead(307, { location: `http://${q.headers.host}${q.url}` }).end(), /still redirected after 3 hops/],
  ])('fails with one line for %s', async (_name, handler, message) => {
    const address = await serve(handler);
    const error = await getMasterJson(address, '/state').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(message);
  });

  it('gives up after the timeout when the master does not answer', async () => {
    const address = await serve(() => undefined);
    await expect(getMasterJson(address, '/state', { timeoutMs: 200 })).rejects.toThrow(`cannot reach master at ${address}: no answer within 200 ms`);
  });
});
