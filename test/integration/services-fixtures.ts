/**
 * Shared pieces of the services integration tests: the tiny node programs
 * the test apps run (an HTTP server with health, metric, role and pid
 * endpoints; a pod sidecar; a leader-elected singleton), a file logger for
 * in-process frameworks, and small HTTP helpers.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLogger, type Logger } from '../../proto/src/log';

/** An HTTP server on $PORT0: /health (500 when $UNHEALTHY=1), /metrics (JSON from $METRIC_FILE), /pid, / (who am I). */
const WEB_APP = `
const http = require('http');
const fs = require('fs');
const port = Number(process.env.PORT0);
http.createServer((req, res) => {
  if (req.url === '/health') { res.writeHead(process.env.UNHEALTHY === '1' ? 500 : 200); res.end(); return; }
  if (req.url === '/metrics') {
    let load = 0;
    try { load = Number(fs.readFileSync(process.env.METRIC_FILE, 'utf8')); } catch {}
    res.end(JSON.stringify({ load }));
    return;
  }
  if (req.url === '/pid') { res.end(String(process.pid)); return; }
  res.end(JSON.stringify({ instance: process.env.MESETA_INSTANCE_ID, version: process.env.MESETA_APP_VERSION, label: process.env.LABEL || '' }));
}).listen(port, '127.0.0.1');
`;

/** A pod sidecar: serves on its own port what the main container answers on 127.0.0.1:$POD_MAIN_PORT0. */
const SIDECAR_APP = `
const http = require('http');
http.createServer((req, res) => {
  http.get({ host: '127.0.0.1', port: Number(process.env.POD_MAIN_PORT0), path: '/' }, (r) => {
    let body = '';
    r.on('data', (c) => (body += c));
    r.on('end', () => res.end('sidecar saw: ' + body));
  }).on('error', (e) => { res.writeHead(502); res.end('sidecar could not reach main: ' + e.message); });
}).listen(Number(process.env.PORT0), '127.0.0.1');
`;

/**
 * A leader-elected instance: asks for the lease every 200 ms and believes it
 * leads until the lease it was granted runs out (measured from when it
 * asked). Serves /role → leader | follower on $PORT0.
 */
const LEADER_APP = `
const http = require('http');
let leaderUntil = 0;
function ask() {
  const sent = Date.now();
  const body = JSON.stringify({ instanceId: process.env.MESETA_INSTANCE_ID });
  const req = http.request(process.env.MESETA_LEASE_URL, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => {
      try {
        const a = JSON.parse(text);
        if (a.leader) leaderUntil = sent + a.expiresInSeconds * 1000;
      } catch {}
    });
  });
  req.on('error', () => {});
  req.end(body);
}
setInterval(ask, 200);
ask();
http.createServer((req, res) => {
  if (req.url === '/pid') { res.end(String(process.pid)); return; }
  res.end(Date.now() < leaderUntil ? 'leader' : 'follower');
}).listen(Number(process.env.PORT0), '127.0.0.1');
`;

/** Where the test programs are written, and their paths. */
export interface TestPrograms {
  dir: string;
  web: string;
  sidecar: string;
  leader: string;
  /** Remove the directory. */
  remove(): void;
}

/** Write the test programs into a fresh temporary directory. */
export function writeTestPrograms(): TestPrograms {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-services-test-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  return {
    dir,
    web: write('web.js', WEB_APP),
    sidecar: write('sidecar.js', SIDECAR_APP),
    leader: write('leader.js', LEADER_APP),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `exec node <file>` with the test's own node binary. */
export function nodeCommand(file: string): string {
  return `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(file)}`;
}

/** A logger writing to a file (framework logs of in-process tests). */
export function fileLogger(file: string, component: string): Logger {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return createLogger(component, 'debug', (line) => fs.appendFileSync(file, line + '\n'));
}

/** GET a URL; resolves with status and body, or rejects on connection errors. */
export function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** A framework CLI (`dist/frameworks/<name>/cli.js`) run as a child process, stopped by pid. */
export interface FrameworkProcess {
  readonly pid: number;
  /** Resolves with the port from its `listening on 127.0.0.1:PORT` line. */
  readonly port: Promise<number>;
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Run `node dist/frameworks/<framework>/cli.js ...args`, its output appended to `<logDir>/<label>.log`. */
export function spawnFrameworkCli(framework: 'services' | 'jobs', args: string[], logDir: string, label: string): FrameworkProcess {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const bin = path.join(__dirname, '..', '..', 'dist', 'frameworks', framework, 'cli.js');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npx tsc -p . (or npm run build) first`);
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `${label}.log`), 'a');
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`${label} exited (${code}) before listening; see ${logDir}/${label}.log`)));
  });
  port.catch(() => undefined);
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    pid: child.pid!,
    port,
    exited,
    kill: (signal) => {
      if (!ended) process.kill(child.pid!, signal);
    },
    stop: async () => {
      if (ended) return;
      process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => !ended && process.kill(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Run a framework CLI client command to its end; resolves with exit code and output. */
export function runFrameworkCli(framework: 'services' | 'jobs', args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  const bin = path.join(__dirname, '..', '..', 'dist', 'frameworks', framework, 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}
