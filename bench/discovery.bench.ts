/**
 * Service discovery at 10,000 endpoints (`--endpoints`), in one run:
 *
 * 1. DNS answers per second: random A queries for the 1,000 services
 *    (10 endpoints each) from a UDP client keeping `--inflight` queries
 *    out, for `--seconds`, against our DNS server (DnsZone + dns-server on
 *    dns-packet) and against dnsmasq serving the same names and addresses
 *    from a hosts file (Debian `dnsmasq`, on 127.0.0.1, a free port,
 *    started and stopped by pid).
 * 2. Watch fan-out: `--watchers` SSE clients (every service) on one HTTP
 *    server serving the watch API over an index of the endpoints; then
 *    `--rounds` changes of 100 endpoints each are committed, and the time
 *    from the commit to the last watcher having the change is measured.
 *
 * What is real: the DNS servers, the UDP and HTTP traffic over loopback,
 * the watch API's code (`openWatch`, `handleDiscoveryWatch`). What is
 * simulated: the endpoints (no master, no tasks; addresses from
 * 198.18.0.0/15, the benchmarking range); the watchers and the DNS client
 * run in this one process, so their own work counts in the figures.
 *
 *   npm run build && node dist/bench/discovery.bench.js [--endpoints 10000] [--watchers 1000] [--seconds 5] [--inflight 64] [--rounds 5]
 */
import { spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as dnsPacket from 'dns-packet';
import { EndpointIndex, type EndpointChange } from '../master/discovery/endpoint-index';
import type { DiscoveryInstance } from '../master/discovery/discovery-instance';
import { DnsZone } from '../master/discovery/dns-zone';
import { startDnsServer } from '../master/discovery/dns-server';
import { handleDiscoveryWatch } from '../master/discovery/http-watch';
import { SseParser } from '@meseta/sdk';
import { arg, median } from './support/bench-args';

const ENDPOINTS = arg('endpoints', 10_000);
const WATCHERS = arg('watchers', 1000);
const SECONDS = arg('seconds', 5);
const INFLIGHT = arg('inflight', 64);
const ROUNDS = arg('rounds', 5);
const PER_SERVICE = 10;

function address(i: number): string {
  return `198.18.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`;
}

function endpoint(i: number, generation = 0): DiscoveryInstance {
  return {
    id: `f1/t${i}`, service: `svc${Math.floor(i / PER_SERVICE)}`, framework: 'bench', frameworkId: 'f1', taskId: `t${i}`, agentId: 'a',
    host: 'h', ip: address(i), ports: [{ number: 31000 + generation, name: 'http', protocol: 'tcp' }], visibility: 'CLUSTER',
  };
}

/** Answers per second from the DNS server on `port`. */
async function dnsRate(port: number, services: number): Promise<{ rate: number; errors: number }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  let answered = 0;
  let errors = 0;
  let id = 0;
  const end = performance.now() + SECONDS * 1000;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  let outstanding = 0;
  const send = (): void => {
    if (performance.now() >= end) {
      if (outstanding === 0) done();
      return;
    }
    outstanding++;
    id = (id + 1) & 0xffff;
    const name = `svc${Math.floor(Math.random() * services)}.bench.meseta`;
    socket.send(dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] }), port, '127.0.0.1');
  };
  socket.on('message', (msg) => {
    outstanding--;
    const rcode = msg.readUInt16BE(2) & 0xf;
    const count = msg.readUInt16BE(6);
    if (rcode === 0 && count === PER_SERVICE) answered++;
    else errors++;
    send();
  });
  const started = performance.now();
  for (let i = 0; i < INFLIGHT; i++) send();
  // A lost datagram would stall one slot: refill slots every 200 ms until the end.
  const refill = setInterval(() => {
    while (outstanding < INFLIGHT && performance.now() < end) send();
  }, 200);
  await Promise.race([finished, new Promise((r) => setTimeout(r, SECONDS * 1000 + 2000))]);
  clearInterval(refill);
  const elapsed = (performance.now() - started) / 1000;
  socket.close();
  return { rate: Math.round(answered / elapsed), errors };
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function withDnsmasq<T>(hostsFile: string, body: (port: number) => Promise<T>): Promise<T | string> {
  const port = await freeUdpPort();
  const child = spawn('dnsmasq', ['-k', '-C', '/dev/null', '--no-resolv', '--no-hosts', `--addn-hosts=${hostsFile}`, '--listen-address=127.0.0.1', '--bind-interfaces', `--port=${port}`, '--cache-size=0', '--pid-file', '--user=root', '--log-facility=-'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    // Ready when it answers a name from the file.
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) return `dnsmasq exited: ${stderr.trim()}`;
      const probe = await dnsRate.call(null, port, 1).catch(() => ({ rate: 0, errors: 1 }));
      if (probe.rate > 0 || Date.now() > deadline) break;
    }
    return await body(port);
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
  }
}

async function fanOut(index: EndpointIndex): Promise<number[]> {
  const listeners = new Set<(c: EndpointChange) => void>();
  const source = { index, subscribe: (l: (c: EndpointChange) => void) => (listeners.add(l), () => listeners.delete(l)) };
  const server = http.createServer((req, res) => handleDiscoveryWatch(source as never, req, res, new URL(req.url ?? '/', 'http://x'), undefined));
  server.maxConnections = WATCHERS + 10;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const revisions: number[] = new Array(WATCHERS).fill(0);
  const requests: http.ClientRequest[] = [];
  let waiting: { revision: number; resolve: () => void; left: number } | undefined;
  await Promise.all(
    Array.from({ length: WATCHERS }, (_, w) => new Promise<void>((ready) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/discovery/watch', agent }, (res) => {
        const parser = new SseParser();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const e of parser.push(chunk)) {
            const rev = (JSON.parse(e.data) as { revision: number }).revision;
            revisions[w] = rev;
            if (e.event === 'snapshot') ready();
            if (waiting && rev >= waiting.revision && --waiting.left === 0) waiting.resolve();
          }
        });
      });
      req.on('error', () => undefined);
      requests.push(req);
    })),
  );
  const latencies: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 0; i < 100; i++) index.stage(`f1/t${(round * 100 + i) % ENDPOINTS}`, endpoint((round * 100 + i) % ENDPOINTS, round));
    const started = performance.now();
    const change = index.commit()!;
    const all = new Promise<void>((resolve) => (waiting = { revision: change.revision, resolve, left: WATCHERS }));
    for (const l of listeners) l(change);
    await all;
    latencies.push(performance.now() - started);
  }
  for (const r of requests) r.destroy();
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return latencies;
}

async function main(): Promise<void> {
  const services = Math.ceil(ENDPOINTS / PER_SERVICE);
  const index = new EndpointIndex('bench');
  const zone = new DnsZone({ ttl: 5 });
  for (let i = 0; i < ENDPOINTS; i++) {
    const e = endpoint(i);
    index.stage(e.id, e);
    zone.set(e);
  }
  index.commit();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-dns-bench-'));
  const hosts = path.join(dir, 'hosts');
  fs.writeFileSync(hosts, Array.from({ length: ENDPOINTS }, (_, i) => `${address(i)} svc${Math.floor(i / PER_SERVICE)}.bench.meseta`).join('\n') + '\n');
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  try {
    const ours = await startDnsServer({ zone, port: 0 });
    const oursRate = await dnsRate(ours.port, services);
    await ours.close();
    const theirs = await withDnsmasq(hosts, (port) => dnsRate(port, services));
    const latencies = await fanOut(index);
    console.log(`endpoints ${ENDPOINTS} in ${services} services; ${os.cpus().length} cpus; load before ${load}, after ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`| server | A answers/s (${INFLIGHT} in flight, ${SECONDS} s) | errors |`);
    console.log(`| meseta dns (dns-packet) | ${oursRate.rate} | ${oursRate.errors} |`);
    console.log(typeof theirs === 'string' ? `| dnsmasq | (${theirs}) | |` : `| dnsmasq (hosts file) | ${theirs.rate} | ${theirs.errors} |`);
    console.log(`watch fan-out: ${WATCHERS} watchers, 100 changed endpoints per commit, commit → last watcher: median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${latencies.map((l) => l.toFixed(0)).join(', ')})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
