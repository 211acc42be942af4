/**
 * A port bound before the daemon's modules load (`runtime/early-listener.ts`),
 * over real sockets on 127.0.0.1: a client that connects and writes before
 * the hand-over is neither refused nor loses a byte; the one-port server
 * (`listenDual`) serves such a port, plaintext and TLS; the real `meseta master` binds its port
 * before loading the master (from the CLI entry's first lines) and answers on it.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { bindEarly, type EarlyListener } from '@meseta/runtime/early-listener';
import { listenDual } from '@meseta/runtime/serve';
import { spawnCli } from '../harness/cli';
import type { MesetaProcess } from '../harness/meseta-process';
import { waitFor } from '../harness/wait-for';
import { ensureClusterCa, issueCertificate } from '../../cli/certificates';
import { ensurePackages } from '../setup/packages';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
    open.push({ close: () => socket.destroy() });
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('bindEarly', () => {
  it('accepts connections before the hand-over and gives them, bytes intact, to the handler after it', async () => {
    const early = await bindEarly({ host: '127.0.0.1', port: 0 });
    open.push(early);
    const client = await connect(early.port);
    client.write('hello ');
    await waitFor(() => early.waiting === 1, 10_000, 'the connection to be accepted and kept');
    const echoed = new Promise<string>((resolve) => {
      let got = '';
      client.on('data', (c: Buffer) => {
        got += c.toString();
        if (got.endsWith('world')) resolve(got);
      });
    });
    early.handOver((socket) => socket.on('data', (c: Buffer) => socket.write(c)));
    client.write('world');
    await expect(echoed).resolves.toBe('hello world');
    expect(early.waiting).toBe(0);
    // A connection after the hand-over goes straight to the handler.
    const later = await connect(early.port);
    const answer = new Promise<string>((resolve) => later.once('data', (c: Buffer) => resolve(c.toString())));
    later.write('again');
    await expect(answer).resolves.toBe('again');
    expect(() => early.handOver(() => undefined)).toThrow(/handed over already/);
  });

  it('hands over a connection its client closed while it waited; the handler sees it end', async () => {
    const early = await bindEarly({ host: '127.0.0.1', port: 0 });
    open.push(early);
    const client = await connect(early.port);
    await waitFor(() => early.waiting === 1, 10_000, 'the connection to be kept');
    client.destroy();
    let closed = 0;
    early.handOver((s) => s.on('close', () => closed++));
    await waitFor(() => closed === 1, 10_000, 'the handed-over connection to close');
  });

  it('rejects with the bind error when the port is taken', async () => {
    const first = await bindEarly({ host: '127.0.0.1', port: 0 });
    open.push(first);
    await expect(bindEarly({ host: '127.0.0.1', port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('listenDual on a port bound early', () => {
  it('answers an HTTP request sent before it took the port over', async () => {
    const early: EarlyListener = await bindEarly({ host: '127.0.0.1', port: 0 });
    const asked = httpGet(early.port, '/hello');
    await waitFor(() => early.waiting === 1, 10_000, 'the request to wait on the early port');
    const dual = await listenDual({
      port: 0,
      bound: early,
      grpc: new grpc.Server(),
      onHttpRequest: (req, res) => res.end(`served ${req.url}`),
    });
    open.push(dual);
    expect(dual.port).toBe(early.port);
    await expect(asked).resolves.toEqual({ status: 200, body: 'served /hello' });
  });

  it('serves TLS on it: a client that connected before the hand-over finishes its handshake after', async () => {
    ensurePackages([{ binary: 'openssl', package: 'openssl' }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-early-tls-'));
    open.push({ close: () => fs.rmSync(dir, { recursive: true, force: true }) });
    const ca = await ensureClusterCa(path.join(dir, 'ca'));
    const daemon = await issueCertificate(ca, path.join(dir, 'ca'), { name: 'daemon', commonName: 'meseta-master', kind: 'daemon' });
    const early = await bindEarly({ host: '127.0.0.1', port: 0 });
    const asked = new Promise<{ status: number; body: string }>((resolve, reject) => {
      https.get({ host: '127.0.0.1', port: early.port, path: '/tls', ca: fs.readFileSync(ca.cert), agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
    await waitFor(() => early.waiting === 1, 10_000, 'the TLS client to wait on the early port');
    const dual = await listenDual({
      port: 0,
      bound: early,
      grpc: new grpc.Server(),
      onHttpRequest: (req, res) => res.end(`served ${req.url}`),
      tls: { cert: fs.readFileSync(daemon.cert), key: fs.readFileSync(daemon.key) },
    });
    open.push(dual);
    await expect(asked).resolves.toEqual({ status: 200, body: 'served /tls' });
  });
});

describe('meseta master', () => {
  let master: MesetaProcess | undefined;
  afterEach(async () => {
    await master?.stop();
    master = undefined;
  });

  /** Start `meseta master` with these flags in a fresh work dir; its port and its log once it says it started. */
  async function startedMaster(flags: string[]): Promise<{ port: number; log: string }> {
    const workDir = fs.mkdtempSync('/tmp/meseta-early-listen-');
    open.push({ close: () => fs.rmSync(workDir, { recursive: true, force: true }) });
    master = spawnCli(['master', ...flags, '--work-dir', workDir]);
    const match = await master.waitForLine(/listening on 127\.0\.0\.1:(\d+)/, 60_000);
    const stderr = master.stderrPath;
    const log = await waitFor(() => {
      const text = fs.readFileSync(stderr, 'utf8');
      return text.includes('master started') ? text : undefined;
    }, 30_000, 'the master started log line');
    return { port: Number(match[1]), log };
  }

  it('binds its port before loading the master, then serves on it', async () => {
    const { port, log } = await startedMaster(['--port', '0']);
    const bound = log.indexOf(`port bound before loading the master address=127.0.0.1:${port}`);
    expect(bound).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('master started')).toBeGreaterThan(bound);
    expect(log).toMatch(/master started .*port_bound_early=true/);
    // Bound by the CLI entry's first lines (cli/early-master-bind.ts), before commander and the flag parsers load.
    expect(log).toMatch(/port bound before loading the master [^\n]*by=[^\n]*CLI entry/);
    await expect(httpGet(port, '/health')).resolves.toMatchObject({ status: 200 });
  });

  it('binds early for --port=N and --ip on loopback too, and answers on that port', async () => {
    const { port, log } = await startedMaster(['--ip', '127.0.0.1', '--port=0']);
    expect(log).toMatch(new RegExp(`port bound before loading the master address=127\\.0\\.0\\.1:${port}[^\\n]*by=[^\\n]*CLI entry`));
    await expect(httpGet(port, '/health')).resolves.toMatchObject({ status: 200 });
  });
});
