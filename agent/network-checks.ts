/**
 * The network health checks (HTTP GET, TCP connect) and running one inside
 * a task's own network namespace: as Mesos's checker enters the task's
 * net namespace, a task on a CNI network is checked from in there, on its
 * own address, by a short-lived probe process (`nsenter --net=<ns>` then
 * `netns-probe-main.js`; Node cannot change its own namespace). No proto
 * imports: the probe loads only this file.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { type Clock, systemClock } from '@meseta/runtime/clock';

/** The outcome of one check. */
export interface CheckResult {
  ok: boolean;
  /** What happened, for the status message: `HTTP GET /health answered 500`. */
  message: string;
}

/** One HTTP check. */
export function checkHttp(
  host: string,
  port: number,
  path: string,
  statuses: readonly number[],
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<CheckResult> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: path || '/', agent: false }, (res) => {
      timer.cancel();
      res.resume();
      const status = res.statusCode ?? 0;
      const ok = statuses.length > 0 ? statuses.includes(status) : status >= 200 && status < 400;
      resolve({ ok, message: `HTTP GET ${path || '/'} on port ${port} answered ${status}` });
    });
    const timer = clock.after(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => {
      timer.cancel();
      resolve({ ok: false, message: `HTTP GET ${path || '/'} on port ${port} failed: ${e.message}` });
    });
  });
}

/** One TCP check. */
export function checkTcp(host: string, port: number, timeoutMs: number, clock: Clock = systemClock): Promise<CheckResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: CheckResult): void => {
      timer.cancel();
      socket.destroy();
      resolve(result);
    };
    const timer = clock.after(timeoutMs, () => done({ ok: false, message: `TCP connect to port ${port}: no answer within ${timeoutMs} ms` }));
    socket.once('connect', () => done({ ok: true, message: `TCP connect to port ${port} succeeded` }));
    socket.once('error', (e) => done({ ok: false, message: `TCP connect to port ${port} failed: ${e.message}` }));
  });
}

/** One network check as the probe process takes it (JSON in its argv). */
export type ProbeSpec =
  | { kind: 'http'; host: string; port: number; path: string; statuses: number[]; timeoutMs: number }
  | { kind: 'tcp'; host: string; port: number; timeoutMs: number };

/** Run one probe spec here (in whatever namespace this process is in). */
export function runProbe(spec: ProbeSpec): Promise<CheckResult> {
  return spec.kind === 'http' ? checkHttp(spec.host, spec.port, spec.path, spec.statuses, spec.timeoutMs) : checkTcp(spec.host, spec.port, spec.timeoutMs);
}

/** The compiled probe program. */
const PROBE_SCRIPT = path.join(__dirname, 'netns-probe-main.js');

/**
 * Run `spec` inside the network namespace at `netns` (`nsenter --net`,
 * which needs the agent's privileges): the probe prints its result as one
 * JSON line. Killed after the check's timeout plus a second for the
 * probe's own start.
 */
export function checkInNetns(netns: string, spec: ProbeSpec, clock: Clock = systemClock): Promise<CheckResult> {
  return new Promise((resolve) => {
    const child = spawn('nsenter', [`--net=${netns}`, '--', process.execPath, PROBE_SCRIPT, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve(result);
    };
    const timer = clock.after(spec.timeoutMs + 1000, () => {
      child.kill('SIGKILL');
      finish({ ok: false, message: `${spec.kind.toUpperCase()} check in the task's network namespace: no result within ${spec.timeoutMs} ms` });
    });
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', (e) => {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      finish({ ok: false, message: missing ? 'cannot enter the task\'s network namespace: "nsenter" was not found (apt-get install util-linux)' : `cannot enter the task's network namespace: ${e.message}` });
    });
    child.once('close', (code) => {
      try {
        const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as CheckResult;
        if (typeof parsed.ok === 'boolean' && typeof parsed.message === 'string') return finish({ ok: parsed.ok, message: `${parsed.message} (on ${spec.host}, in the task's network namespace)` });
      } catch {
        // no result line: fall through
      }
      finish({ ok: false, message: `cannot enter the task's network namespace ${netns}: nsenter exited ${code}${stderr.trim() ? `: ${stderr.trim().slice(0, 200)}` : ''}` });
    });
  });
}
