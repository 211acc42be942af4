/**
 * Fuzz: at least 100,000 random and mutated calls and requests at a real
 * `meseta master` and a real agent, over real sockets, concurrently:
 *
 * - gRPC (raw HTTP/2 streams): every method of every service (Scheduler
 *   Subscribe/Call, AgentLink Connect, Operator Call/Exec, AgentDebug Exec)
 *   and unknown paths, with valid messages mutated (bytes flipped, cut,
 *   inserted, repeated), random bytes, truncated frames, frames that claim
 *   to be compressed or gigabytes long, wrong content types;
 * - HTTP/1.1: random methods, paths (real endpoints and junk, encoded and
 *   not), query strings, headers and bodies;
 * - raw garbage on the port: random bytes, corrupted HTTP, the HTTP/2
 *   preface followed by junk.
 *
 * Then: zero crashes (both processes alive and answering /health), a
 * framework still launches a task to its end (`meseta run`), and each
 * daemon's resident memory comes back under its start + {@link RSS_BOUND_MB}.
 *
 * Bounded and seeded: `MESETA_FUZZ_SEED=<n>` replays a run (each worker draws
 * from its own generator seeded from it; how the workers interleave still
 * depends on timing). The seed is printed at the start and in every failure.
 * `MESETA_FUZZ_OPERATIONS` changes the count (default 100,000).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as http2 from 'node:http2';
import { pb } from '@meseta/proto/wire';
import { startCluster, type Cluster } from '../harness/cluster';
import { httpGet } from '../harness/operator';
import { runCli } from '../harness/cli';
import { waitFor } from '../harness/wait-for';
import { processAlive as alive } from '../harness/process-alive';

const SEED = process.env.MESETA_FUZZ_SEED !== undefined ? Number(process.env.MESETA_FUZZ_SEED) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
const OPERATIONS = Number(process.env.MESETA_FUZZ_OPERATIONS ?? 100_000);
const WORKERS = 64;
/** Resident memory of each daemon after the run may exceed its resident memory before it by at most this. */
const RSS_BOUND_MB = 200;

jest.setTimeout(600_000);

const replay = `fuzz seed ${SEED}; replay with MESETA_FUZZ_SEED=${SEED}`;
process.stderr.write(`\n[fuzz] ${replay}\n`);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`${what} (${replay})`);
}

/** Random bytes drawn once from the seed; `Rng.bytes` slices it (generating bytes one by one cost the test more CPU than the daemons spent). */
let bytePool: Buffer | undefined;

/** mulberry32: small, fast, good enough to pick inputs. */
function generator(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    bytes: (n) => {
      const pool = (bytePool ??= poolOf(SEED));
      const at = Math.floor(next() * (pool.length - n));
      return pool.subarray(at, at + n); // read-only: mutate() copies before it edits
    },
  };
}

function poolOf(seed: number): Buffer {
  const pool = Buffer.allocUnsafe(1 << 20);
  let a = (seed ^ 0x5eed5eed) >>> 0;
  for (let i = 0; i < pool.length; i += 4) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    pool.writeUInt32LE(a, i);
  }
  return pool;
}

interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
}

// ---------------------------------------------------------------- inputs

const WEIRD_NUMBERS = [0, -1, 1, 0.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 64, 1e308, -0, 65535, 65536];
const WEIRD_TEXT = ['', '.', '..', '/', '../../etc/passwd', 'a\nb', '\u0000', 'é', '😀', 'x'.repeat(300), '%00', '*', ' '];

function text(r: Rng): string {
  return r.chance(0.5) ? r.pick(WEIRD_TEXT) : r.bytes(r.int(12)).toString('base64url');
}

function num(r: Rng): number {
  return r.chance(0.5) ? r.pick(WEIRD_NUMBERS) : r.next() * 10 ** r.int(12);
}

function resources(r: Rng): object[] {
  return Array.from({ length: r.int(4) }, () =>
    r.pick([
      () => ({ name: r.pick(['cpus', 'mem', 'disk', text(r)]), type: 0, scalar: { value: num(r) } }),
      () => ({ name: 'ports', type: 1, ranges: { range: [{ begin: Math.abs(num(r)) || 0, end: Math.abs(num(r)) || 0 }] } }),
      () => ({ name: text(r), type: r.int(5), set: { item: [text(r), text(r)] } }),
    ])(),
  );
}

function id(r: Rng): { value: string } {
  return { value: text(r) };
}

function taskInfo(r: Rng): object {
  return {
    name: text(r),
    task_id: id(r),
    agent_id: id(r),
    resources: resources(r),
    command: r.chance(0.8) ? { value: r.pick(['true', 'sleep 1000', text(r)]), shell: r.chance(0.8), arguments: [text(r)], environment: { variables: [{ name: text(r), value: text(r) }] } } : undefined,
    labels: { labels: [{ key: text(r), value: text(r) }] },
  };
}

/** A valid message of the method, with random (often absurd) content, encoded. */
function validMessage(r: Rng, path: string): Buffer {
  const frameworkId = id(r);
  switch (path) {
    case '/meseta.v1.Scheduler/Subscribe':
    case '/meseta.v1.Scheduler/Call': {
      const type = path.endsWith('Subscribe') ? 1 : r.int(16);
      // The field of the call's type (sometimes another one: a mismatch is input too).
      const parts: Record<string, () => object> = {
        subscribe: () => ({ framework_info: { name: text(r) || 'fuzz', user: text(r), roles: [r.pick(['*', 'a', text(r)])], capabilities: [{ type: 6 /* MULTI_ROLE */ }], failover_timeout: r.pick([0, 0, 1, num(r)]) } }),
        accept: () => ({ offer_ids: [id(r)], operations: [{ type: r.pick([1, 6, r.int(10)]), launch: { task_infos: [taskInfo(r)] }, launch_group: { task_group: { tasks: [taskInfo(r)] }, executor: { executor_id: id(r) } } }], filters: { refuse_seconds: num(r) } }),
        decline: () => ({ offer_ids: [id(r)], filters: { refuse_seconds: num(r) }, refusals: [{ name: text(r), message: text(r) }] }),
        kill: () => ({ task_id: id(r), agent_id: id(r) }),
        acknowledge: () => ({ task_id: id(r), agent_id: id(r), uuid: r.bytes(r.int(20)) }),
        reconcile: () => ({ tasks: [{ task_id: id(r) }] }),
        message: () => ({ agent_id: id(r), executor_id: id(r), data: r.bytes(r.int(64)) }),
        revive: () => ({ roles: [text(r)] }),
        suppress: () => ({ roles: [text(r)] }),
      };
      const byType = ['', 'subscribe', 'teardown', 'accept', 'decline', 'revive', 'kill', 'shutdown', 'acknowledge', 'reconcile', 'message', 'request', 'suppress', '', '', ''];
      const field = r.chance(0.9) && parts[byType[type]] ? byType[type] : r.pick(Object.keys(parts));
      const call = { type, framework_id: r.chance(0.9) ? frameworkId : undefined, [field]: parts[field]() };
      return Buffer.from(pb.Call.encode(pb.Call.fromObject(call)).finish());
    }
    case '/meseta.v1.AgentLink/Connect': {
      const msg = r.chance(0.5)
        ? { register: { agent_info: { hostname: text(r), ip: r.pick(['127.0.0.1', text(r)]), port: r.int(70000), resources: resources(r), id: r.chance(0.5) ? id(r) : undefined }, version: text(r) } }
        : { heartbeat: { timestamp: num(r) }, updates: [{ status: { task_id: id(r), state: r.int(20), uuid: r.bytes(16), message: text(r) }, framework_id: frameworkId }] };
      return Buffer.from(pb.AgentToMaster.encode(pb.AgentToMaster.fromObject(msg)).finish());
    }
    case '/meseta.v1.Operator/Call':
      return Buffer.from(pb.OperatorCall.encode(pb.OperatorCall.fromObject({ type: r.int(14) })).finish());
    case '/meseta.v1.Operator/Exec':
    case '/meseta.v1.AgentDebug/Exec':
      return Buffer.from(pb.ExecInput.encode(pb.ExecInput.fromObject({ start: { framework_id: frameworkId, task_id: id(r), command: [r.pick(['sh', 'true', text(r)])] }, stdin: r.bytes(r.int(32)) })).finish());
    default:
      return r.bytes(r.int(64));
  }
}

/** Valid messages per method, built once per worker and reused (encoding a fresh one each time is most of the test's CPU); one in five is still fresh. */
function corpusMessage(r: Rng, corpus: Map<string, Buffer[]>, path: string): Buffer {
  let list = corpus.get(path);
  if (!list) corpus.set(path, (list = []));
  if (list.length < 64 || r.chance(0.2)) {
    const fresh = validMessage(r, path);
    if (list.length < 64) list.push(fresh);
    return fresh;
  }
  return r.pick(list);
}

/** `input` with a few random edits. */
function mutate(r: Rng, input: Buffer): Buffer {
  let b = Buffer.from(input);
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    const at = b.length === 0 ? 0 : r.int(b.length);
    switch (r.int(6)) {
      case 0:
        if (b.length) b[at] ^= 1 << r.int(8);
        break;
      case 1:
        if (b.length) b[at] = r.int(256);
        break;
      case 2:
        b = b.subarray(0, at);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(8)), b.subarray(at)]);
        break;
      case 4:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + 1 + r.int(16)), b.subarray(at)]);
        break;
      default:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + r.int(8))]);
    }
  }
  return b;
}

function grpcFrame(payload: Buffer, compressed = false, declaredLength = payload.length): Buffer {
  const head = Buffer.alloc(5);
  head[0] = compressed ? 1 : 0;
  head.writeUInt32BE(declaredLength >>> 0, 1);
  return Buffer.concat([head, payload]);
}

const MASTER_METHODS = ['/meseta.v1.Scheduler/Subscribe', '/meseta.v1.Scheduler/Call', '/meseta.v1.AgentLink/Connect', '/meseta.v1.Operator/Call', '/meseta.v1.Operator/Exec'];
const AGENT_METHODS = ['/meseta.v1.AgentDebug/Exec'];
const HTTP_PATHS = ['/', '/health', '/state', '/state.json', '/master/state', '/metrics', '/version', '/api/v1/events', '/api/v1/snapshot', '/api/v1/tasks/f/t', '/files/browse', '/files/read', '/agents/x/files/read', '/index.html', '/assets/x.js'];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'BREW', 'CONNECT'];

function gRpcBody(r: Rng, corpus: Map<string, Buffer[]>, path: string): Buffer {
  const valid = corpusMessage(r, corpus, path);
  switch (r.int(8)) {
    case 0:
      return grpcFrame(valid);
    case 1:
    case 2:
      return grpcFrame(mutate(r, valid));
    case 3: {
      const frame = grpcFrame(mutate(r, valid));
      return frame.subarray(0, r.int(frame.length)); // truncated frame
    }
    case 4:
      return grpcFrame(r.bytes(r.int(256)), r.chance(0.5)); // random bytes, maybe "compressed"
    case 5:
      return grpcFrame(valid.subarray(0, 8), false, r.pick([0x7fffffff, 0xffffffff, 64 * 1024 * 1024 + 1, valid.length + 100]));
    case 6:
      return Buffer.concat([grpcFrame(valid), grpcFrame(mutate(r, valid)), r.bytes(r.int(16))]);
    default:
      return mutate(r, grpcFrame(valid));
  }
}

function httpPath(r: Rng): string {
  let path = r.chance(0.6) ? r.pick(HTTP_PATHS) : '/' + Array.from({ length: 1 + r.int(4) }, () => encodeURIComponent(text(r))).join('/');
  if (r.chance(0.2)) path = path.replace(/\//g, r.pick(['//', '/./', '/../', '/%2e%2e/']));
  if (r.chance(0.5)) {
    const pairs = Array.from({ length: 1 + r.int(4) }, () => `${r.pick(['path', 'offset', 'length', 'since', text(r)])}=${r.chance(0.5) ? String(num(r)) : encodeURIComponent(text(r))}`);
    path += '?' + pairs.join('&');
  }
  return path;
}

/** A random HTTP request as raw bytes, sometimes corrupted. */
function httpRequest(r: Rng): Buffer {
  const body = r.chance(0.3) ? r.bytes(r.int(2048)) : Buffer.alloc(0);
  const headers = [`Host: ${r.pick(['127.0.0.1', 'x', text(r)])}`];
  for (let i = r.int(5); i > 0; i--) headers.push(`${r.pick(['Accept', 'Cookie', 'Authorization', 'X-' + r.int(100), 'Range', 'Accept-Encoding', 'If-None-Match'])}: ${text(r).replace(/[\r\n]/g, '')}`);
  if (body.length) headers.push(r.chance(0.8) ? `Content-Length: ${r.chance(0.9) ? body.length : r.int(100_000)}` : 'Transfer-Encoding: chunked');
  const chunked = headers[headers.length - 1] === 'Transfer-Encoding: chunked';
  const head = `${r.pick(METHODS)} ${httpPath(r)} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`;
  const payload = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
  const request = Buffer.concat([Buffer.from(head), payload]);
  return r.chance(0.1) ? mutate(r, request) : request;
}

function garbage(r: Rng): Buffer {
  switch (r.int(4)) {
    case 0:
      return r.bytes(1 + r.int(1024));
    case 1:
      return mutate(r, httpRequest(r));
    case 2:
      return Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), r.bytes(r.int(512))]);
    default:
      return Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'.slice(0, r.int(24)));
  }
}

// ---------------------------------------------------------------- senders

/** HTTP/2 sessions to a daemon, reopened when one is lost. */
class SessionPool {
  private readonly sessions: Array<http2.ClientHttp2Session | undefined>;

  constructor(
    private readonly port: number,
    size: number,
  ) {
    this.sessions = new Array(size).fill(undefined);
  }

  get(r: Rng): http2.ClientHttp2Session {
    const i = r.int(this.sessions.length);
    let s = this.sessions[i];
    if (!s || s.closed || s.destroyed) {
      s = http2.connect(`http://127.0.0.1:${this.port}`);
      s.on('error', () => undefined);
      s.unref();
      this.sessions[i] = s;
    }
    return s;
  }

  close(): void {
    for (const s of this.sessions) s?.destroy();
  }
}

/** One gRPC-shaped HTTP/2 stream; resolves when the server ends it (or after 250 ms, cancelled: streaming methods stay open). */
function sendGrpc(r: Rng, corpus: Map<string, Buffer[]>, pool: SessionPool, methods: readonly string[]): Promise<void> {
  const path = r.chance(0.95) ? r.pick(methods) : r.pick(['/meseta.v1.Nope/Call', '/', '/meseta.v1.Scheduler/', '/' + text(r)]);
  const headers: http2.OutgoingHttpHeaders = {
    ':method': r.chance(0.97) ? 'POST' : r.pick(['GET', 'PUT']),
    ':path': path,
    'content-type': r.chance(0.95) ? 'application/grpc' : r.pick(['text/plain', 'application/grpc+json', '']),
    te: 'trailers',
  };
  if (r.chance(0.1)) headers['grpc-encoding'] = r.pick(['gzip', 'deflate', 'snappy', text(r)]);
  if (r.chance(0.1)) headers['grpc-timeout'] = r.pick(['1S', '0m', '99999999H', 'x', '-1S']);
  const body = gRpcBody(r, corpus, path);
  return new Promise((resolve) => {
    let stream: http2.ClientHttp2Stream;
    try {
      stream = pool.get(r).request(headers);
    } catch {
      resolve();
      return;
    }
    const timer = setTimeout(() => stream.close(http2.constants.NGHTTP2_CANCEL), 250);
    stream.on('error', () => undefined);
    stream.on('data', () => {
      // a streaming method answered: enough
      if (r.chance(0.5)) stream.close(http2.constants.NGHTTP2_CANCEL);
    });
    stream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.end(body);
  });
}

/** One connection carrying 1-9 pipelined HTTP requests; returns how many. */
async function sendHttp(r: Rng, port: number): Promise<number> {
  const count = 1 + r.int(9);
  const data = Buffer.concat(Array.from({ length: count }, () => httpRequest(r)));
  await rawExchange(port, data, 300); // long enough for answers; the event stream never ends by itself
  return count;
}

function rawExchange(port: number, data: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('connect', () => socket.end(data));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// ---------------------------------------------------------------- the test

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, name: 'fuzz' });
});

afterAll(async () => {
  await cluster?.stop();
});

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second on Linux)
}


test(`${OPERATIONS} random and mutated calls and requests: no crash, a task still runs, memory comes back`, async () => {
  const masterPort = cluster.masterPort;
  const agentPort = cluster.agents[0].port;
  const masterPid = cluster.master.pid;
  const agentPid = cluster.agents[0].pid;
  // Warm both up so the start figure is a running daemon's, not a cold one's.
  for (let i = 0; i < 20; i++) {
    await httpGet(`127.0.0.1:${masterPort}`, '/state');
    await httpGet(`127.0.0.1:${agentPort}`, '/state');
  }
  const rssBefore = { master: rssMb(masterPid), agent: rssMb(agentPid) };
  const pools = { master: new SessionPool(masterPort, 4), agent: new SessionPool(agentPort, 2) };
  const counts = { grpc: 0, http: 0, garbage: 0 };
  let next = 0;
  const started = Date.now();
  const cpuBefore = { master: cpuSeconds(masterPid), agent: cpuSeconds(agentPid), test: process.cpuUsage() };
  const worker = async (w: number): Promise<void> => {
    const r = generator((SEED + Math.imul(w + 1, 0x9e3779b1)) >>> 0);
    const corpus = new Map<string, Buffer[]>();
    while (next < OPERATIONS) {
      next++;
      const toAgent = r.chance(0.3);
      const port = toAgent ? agentPort : masterPort;
      const kind = r.next();
      if (kind < 0.5) {
        counts.grpc++;
        await sendGrpc(r, corpus, toAgent ? pools.agent : pools.master, toAgent ? AGENT_METHODS : MASTER_METHODS);
      } else if (kind < 0.85) {
        // One connection, several pipelined requests: each counts.
        const n = await sendHttp(r, port);
        counts.http += n;
        next += n - 1;
      } else {
        counts.garbage++;
        await rawExchange(port, garbage(r), 300);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  pools.master.close();
  pools.agent.close();
  const seconds = (Date.now() - started) / 1000;
  const testCpu = process.cpuUsage(cpuBefore.test);
  process.stderr.write(
    `[fuzz] CPU: master ${(cpuSeconds(masterPid) - cpuBefore.master).toFixed(1)} s, agent ${(cpuSeconds(agentPid) - cpuBefore.agent).toFixed(1)} s, this test ${((testCpu.user + testCpu.system) / 1e6).toFixed(1)} s\n`,
  );
  process.stderr.write(`[fuzz] ${counts.grpc} gRPC streams, ${counts.http} HTTP requests, ${counts.garbage} garbage connections in ${seconds.toFixed(1)} s (${replay})\n`);
  check(counts.grpc + counts.http + counts.garbage >= OPERATIONS, `only ${counts.grpc + counts.http + counts.garbage} operations were sent`);

  check(alive(masterPid), 'the master process died');
  check(alive(agentPid), 'the agent process died');
  check((await httpGet(`127.0.0.1:${masterPort}`, '/health')).status === 200, 'the master does not answer /health');
  check((await httpGet(`127.0.0.1:${agentPort}`, '/health')).status === 200, 'the agent does not answer /health');

  const run = await runCli(['run', '--master', cluster.masterAddress, '--name', 'after-fuzz', '--command', 'echo still-here']);
  check(run.code === 0 && run.stdout.includes('TASK_FINISHED') && run.stdout.includes('still-here'), `a task could not run after the fuzz: exit ${run.code}, ${run.stdout} ${run.stderr}`);

  // Memory comes back: resident memory within RSS_BOUND_MB of where it started.
  let rssAfter = { master: 0, agent: 0 };
  try {
    await waitFor(
      () => {
        rssAfter = { master: rssMb(masterPid), agent: rssMb(agentPid) };
        return rssAfter.master <= rssBefore.master + RSS_BOUND_MB && rssAfter.agent <= rssBefore.agent + RSS_BOUND_MB;
      },
      60_000,
      'memory back under the bound',
    );
  } finally {
    process.stderr.write(
      `[fuzz] RSS master ${rssBefore.master.toFixed(0)} -> ${rssAfter.master.toFixed(0)} MB, agent ${rssBefore.agent.toFixed(0)} -> ${rssAfter.agent.toFixed(0)} MB (bound: start + ${RSS_BOUND_MB} MB; ${replay})\n`,
    );
  }
  check(rssAfter.master <= rssBefore.master + RSS_BOUND_MB, `master RSS ${rssAfter.master} MB, more than ${RSS_BOUND_MB} MB over its start ${rssBefore.master} MB`);
});
