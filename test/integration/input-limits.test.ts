/**
 * The one port's input limits against a real `meseta master` and agent over
 * real sockets (runtime/http-limits.ts, runtime/connection-guard.ts,
 * runtime/grpc-limits.ts): silent and slow clients are cut off, heads and
 * bodies over their limits are refused, connections over the per-address
 * limit are closed at once, a gRPC message over its method's limit ends the
 * call with RESOURCE_EXHAUSTED naming the method, HTTP/2 garbage only ends
 * its own connection, and the event stream outlives every timeout.
 *
 * The limits are set small by flag so that the timeouts fire in a few
 * seconds; nothing asserts how long anything took.
 */
import * as net from 'node:net';
import * as http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import * as http2 from 'node:http2';
import { AgentLinkClient, CHANNEL_OPTIONS } from '@meseta/proto/services';
import type { MasterToAgent } from '@meseta/proto/wire';
import { startCluster, type Cluster } from '../harness/cluster';
import { httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

jest.setTimeout(120_000);

const PER_ADDRESS = 40;
const LIMIT_FLAGS = [
  '--http-first-bytes-timeout', '1s',
  '--http-headers-timeout', '2s',
  '--http-request-timeout', '3s',
  '--http-idle-timeout', '1s',
  '--http-max-header-bytes', '4096',
  '--http-max-body-bytes', '1000',
  '--max-connections-per-address', String(PER_ADDRESS),
];

let cluster: Cluster;
const opened: net.Socket[] = [];

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, masterFlags: LIMIT_FLAGS, agentFlags: LIMIT_FLAGS, name: 'input-limits' });
});

afterEach(() => {
  for (const s of opened.splice(0)) s.destroy();
});

afterAll(async () => {
  await cluster?.stop();
});

/** A raw connection that records what it receives and when it closes. */
interface Raw {
  socket: net.Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

function raw(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    opened.push(socket);
    const chunks: Buffer[] = [];
    let closedFlag = false;
    const closed = new Promise<void>((done) => socket.once('close', () => ((closedFlag = true), done())));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks).toString('latin1'), closed, isClosed: () => closedFlag }));
    socket.once('error', reject);
  });
}

const masterPort = (): number => cluster.masterPort;
const agentPort = (): number => cluster.agents[0].port;

describe.each([
  ['master', masterPort],
  ['agent', agentPort],
])('the %s', (_name, port) => {
  test('closes a connection that sends nothing', async () => {
    const c = await raw(port());
    await c.closed;
    expect(c.received()).toBe('');
  });

  test('closes a connection that starts the HTTP/2 preface and stops', async () => {
    const c = await raw(port());
    c.socket.write('PRI * HT');
    await c.closed;
  });

  test('closes a slowloris client that sends a header byte at a time', async () => {
    const c = await raw(port());
    const head = 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(10_000);
    let i = 0;
    const timer = setInterval(() => {
      if (!c.isClosed() && i < head.length) c.socket.write(head[i++]);
    }, 100);
    await c.closed;
    clearInterval(timer);
    expect(i).toBeLessThan(head.length); // cut off before it finished, not after
  });

  test('closes a request whose body never ends', async () => {
    const c = await raw(port());
    c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\nabc');
    const timer = setInterval(() => !c.isClosed() && c.socket.write('x'), 200);
    await c.closed;
    clearInterval(timer);
  });

  test('refuses headers over the limit with 431', async () => {
    const c = await raw(port());
    c.socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(8000)}\r\n\r\n`);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 431/);
  });

  test('refuses a body over the limit with 413 naming the limit', async () => {
    const c = await raw(port());
    c.socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n${'z'.repeat(5000)}`);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 413/);
    expect(c.received()).toContain('content-length 5000 bytes, the limit for /health is 1000');
  });

  test('refuses a chunked body that grows past the limit', async () => {
    const c = await raw(port());
    c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `${(600).toString(16)}\r\n${'c'.repeat(600)}\r\n`;
    const timer = setInterval(() => !c.isClosed() && c.socket.write(chunk), 50);
    await c.closed;
    clearInterval(timer);
  });

  test('closes connections over the per-address limit at once and keeps the others', async () => {
    const sockets = await Promise.all(Array.from({ length: PER_ADDRESS + 10 }, () => raw(port())));
    // Some of them (those past the limit, counting the daemons' own links) are closed without a byte.
    await waitFor(() => sockets.filter((s) => s.isClosed()).length >= 10, 20_000, 'connections past the limit closed');
    const refused = sockets.filter((s) => s.isClosed());
    expect(refused.every((s) => s.received() === '')).toBe(true);
    const kept = sockets.find((s) => !s.isClosed())!;
    kept.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => kept.received().includes('\r\n\r\n'), 10_000, 'an answer on a kept connection');
    expect(kept.received()).toMatch(/^HTTP\/1\.1 200/);
    for (const s of sockets) s.socket.destroy();
    await Promise.all(sockets.map((s) => s.closed));
    // Freed slots are usable again.
    await waitFor(async () => (await httpGet(`127.0.0.1:${port()}`, '/health').catch(() => ({ status: 0 }))).status === 200, 10_000, '/health after the flood');
  });

  test('answers 400 to request targets that are not URLs (the fuzz test found //%2F crashing the master)', async () => {
    for (const target of ['//%2F', '//', 'http://[']) {
      const c = await raw(port());
      c.socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 400/);
      expect(c.received()).toContain('is not a valid URL');
    }
    expect((await httpGet(`127.0.0.1:${port()}`, '/health')).status).toBe(200);
  });

  test('survives random bytes after the HTTP/2 preface', async () => {
    for (let i = 0; i < 20; i++) {
      const c = await raw(port());
      const garbage = Buffer.alloc(512);
      for (let j = 0; j < garbage.length; j++) garbage[j] = (i * 131 + j * 17) & 0xff;
      c.socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), garbage]));
      await c.closed;
    }
    expect((await httpGet(`127.0.0.1:${port()}`, '/health')).status).toBe(200);
  });
});

/** A raw-bytes client of one gRPC method. */
function rawUnary(port: number, path: string, body: Buffer): Promise<grpc.ServiceError | undefined> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': 64 * 1024 * 1024 });
  return new Promise((resolve) => {
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, body, (error) => {
      client.close();
      resolve(error ?? undefined);
    });
  });
}

test('a gRPC message over its method limit ends the call with RESOURCE_EXHAUSTED naming the method', async () => {
  const error = await rawUnary(masterPort(), '/meseta.v1.Operator/Call', Buffer.alloc(2 * 1024 * 1024));
  expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  expect(error?.details).toBe('/meseta.v1.Operator/Call: message of 2097152 bytes, the limit for this method is 1048576');
  // The same size is fine where the method allows more: it reaches the handler (and is refused there for what it says).
  const allowed = await rawUnary(masterPort(), '/meseta.v1.Scheduler/Call', Buffer.alloc(2 * 1024 * 1024));
  expect(allowed?.code).not.toBe(grpc.status.RESOURCE_EXHAUSTED);
});

test.each([
  ['master', masterPort],
  ['agent', agentPort],
])('the %s tells HTTP/2 clients it takes at most 1000 concurrent streams per connection', async (_name, port) => {
  const session = http2.connect(`http://127.0.0.1:${port()}`);
  session.on('error', () => undefined);
  try {
    await new Promise<void>((resolve) => session.once('remoteSettings', () => resolve()));
    expect(session.remoteSettings.maxConcurrentStreams).toBe(1000);
  } finally {
    session.destroy();
  }
});

test('an agent registering NaN cpus is refused, told the field, and never admitted', async () => {
  const client = new AgentLinkClient(`127.0.0.1:${masterPort()}`, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const stream = (client as unknown as { connect(): grpc.ClientDuplexStream<object, MasterToAgent> }).connect();
  const answer = new Promise<MasterToAgent>((resolve, reject) => {
    stream.once('data', resolve);
    stream.once('error', reject);
  });
  stream.write({ register: { agent_info: { hostname: 'rogue', ip: '127.0.0.1', port: 1, resources: [{ name: 'cpus', type: 0, scalar: { value: NaN } }] } } });
  const message = await answer;
  stream.cancel();
  client.close();
  expect(message.error?.message).toBe('registration refused: register.agent_info.resources[0].scalar.value: NaN, allowed: a finite number from 0 to 9007199254740');
  expect(message.error?.shutdown).toBe(true);
  const state = JSON.parse((await httpGet(`127.0.0.1:${masterPort()}`, '/state')).body) as { agents?: Array<{ hostname?: string }> };
  expect((state.agents ?? []).some((a) => a.hostname === 'rogue')).toBe(false);
});

test('the event stream outlives the request and idle timeouts', async () => {
  const events: string[] = [];
  const req = http.get({ host: '127.0.0.1', port: masterPort(), path: '/api/v1/events' });
  const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
  expect(res.statusCode).toBe(200);
  let ended = false;
  res.on('data', (c: Buffer) => events.push(c.toString()));
  res.once('close', () => (ended = true));
  await waitFor(() => events.join('').includes('event: snapshot'), 10_000, 'the first snapshot');
  // A slowloris connection opened now is cut off by the headers timeout, which
  // is shorter than the request timeout: once it is closed, both have had
  // their chance to end the event stream too.
  const slow = await raw(masterPort());
  slow.socket.write('GET /health HTTP/1.1\r\n');
  const trickle = setInterval(() => !slow.isClosed() && slow.socket.write('X-A: b\r\n'), 500);
  await slow.closed;
  clearInterval(trickle);
  const idle = await raw(masterPort());
  idle.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  await idle.closed; // the idle keep-alive timeout ended it after its answer
  const before = events.join('').length;
  await cluster.addAgent();
  await waitFor(() => events.join('').length > before, 20_000, 'an event about the new agent on the old stream');
  expect(ended).toBe(false);
  req.destroy();
});
