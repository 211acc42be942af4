/**
 * Shared pieces of the services integration tests: the tiny node programs
 * the test apps run (an HTTP server with health, metric, role and pid
 * endpoints; a pod sidecar; a leader-elected singleton) and a small HTTP
 * helper. Framework processes and the in-process test bed are in
 * test/support/framework-process.ts and test/support/framework-test-bed.ts.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

/** An HTTP server on $PORT0: /health (500 when $UNHEALTHY=1), /metrics (JSON from $METRIC_FILE; a dot appended to $METRIC_READS per read), /pid, / (who am I). */
const WEB_APP = `
const http = require('http');
const fs = require('fs');
const port = Number(process.env.PORT0);
http.createServer((req, res) => {
  if (req.url === '/health') { res.writeHead(process.env.UNHEALTHY === '1' ? 500 : 200); res.end(); return; }
  if (req.url === '/metrics') {
    if (process.env.METRIC_READS) fs.appendFileSync(process.env.METRIC_READS, '.');
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
