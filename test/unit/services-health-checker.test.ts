import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { HealthChecker, checkCommand, checkCommandInContainer, checkHttp, checkTcp, healthCheckProblem, healthTiming, type CheckResult } from '../../agent/health-checker';
import { childExecSession } from '../../agent/containerizers/exec-session';
import { pb } from '@meseta/proto/wire';
import { ManualClock, MAX_TIMER_MS } from '@meseta/runtime/clock';

const timing = { delayMs: 0, intervalMs: 1000, timeoutMs: 500, consecutiveFailures: 3, gracePeriodMs: 10_000 };
const ok: CheckResult = { ok: true, message: 'ok' };
const bad: CheckResult = { ok: false, message: 'bad' };

function run(results: Array<[number, CheckResult]>, t = timing): string[] {
  const clock = new ManualClock();
  const events: string[] = [];
  const checker = new HealthChecker(t, async () => ok, {
    changed: (healthy) => events.push(healthy ? 'healthy' : 'unhealthy'),
    unhealthy: () => events.push('kill'),
  }, clock);
  for (const [at, result] of results) {
    clock.set(at);
    checker.record(result);
  }
  return events;
}

describe('health checker state machine', () => {
  it.each<[string, Array<[number, CheckResult]>, string[]]>([
    ['a first success reports healthy once', [[1000, ok], [2000, ok]], ['healthy']],
    ['failures inside the grace period are ignored before the first success', [[1000, bad], [2000, bad], [3000, bad], [4000, bad]], []],
    ['failures after the grace period count', [[11_000, bad], [12_000, bad], [13_000, bad]], ['unhealthy', 'kill']],
    ['after a success the grace period no longer shields', [[1000, ok], [2000, bad], [3000, bad], [4000, bad]], ['healthy', 'unhealthy', 'kill']],
    ['a success resets the count', [[1000, ok], [2000, bad], [3000, bad], [4000, ok], [5000, bad], [6000, bad]], ['healthy']],
  ])('%s', (_name, results, events) => {
    expect(run(results)).toEqual(events);
  });

  it.each<[string, Record<string, unknown>, Partial<ReturnType<typeof healthTiming>>]>([
    ['defaults as the proto says', {}, { delayMs: 15_000, intervalMs: 10_000, timeoutMs: 20_000, consecutiveFailures: 3, gracePeriodMs: 10_000 }],
    ['given values', { delay_seconds: 0, interval_seconds: 0.5, timeout_seconds: 1, consecutive_failures: 2, grace_period_seconds: 3 }, { delayMs: 0, intervalMs: 500, timeoutMs: 1000, consecutiveFailures: 2, gracePeriodMs: 3000 }],
    ['a 30-day interval and delay stay 30 days', { delay_seconds: 30 * 86_400, interval_seconds: 30 * 86_400 }, { delayMs: 30 * 86_400_000, intervalMs: 30 * 86_400_000 }],
    ['negative and NaN durations count as 0 (the interval at least 10 ms)', { delay_seconds: -5, interval_seconds: Number.NaN, grace_period_seconds: -1 }, { delayMs: 0, intervalMs: 10, gracePeriodMs: 0 }],
    ['an infinite timeout is the longest finite one', { timeout_seconds: Infinity }, { timeoutMs: Number.MAX_SAFE_INTEGER }],
  ])('timing: %s', (_name, check, expected) => {
    expect(healthTiming(check)).toMatchObject(expected);
  });

  it('runs checks 30 days apart on a 30-day interval, past the 24.8 days a Node timer holds', async () => {
    const day = 86_400_000;
    const clock = new ManualClock();
    let checks = 0;
    const t = { ...timing, delayMs: 30 * day, intervalMs: 30 * day };
    expect(t.intervalMs).toBeGreaterThan(MAX_TIMER_MS);
    const checker = new HealthChecker(t, async () => (checks++, ok), { changed: () => undefined, unhealthy: () => undefined }, clock);
    checker.start();
    clock.advance(30 * day - 1);
    expect(checks).toBe(0);
    clock.advance(1);
    expect(checks).toBe(1);
    await Promise.resolve(); // the check's result comes back, the next is scheduled
    await Promise.resolve();
    clock.advance(30 * day - 1);
    expect(checks).toBe(1);
    clock.advance(1);
    expect(checks).toBe(2);
    checker.stop();
    expect(clock.pending).toBe(0);
  });

  it.each<[Record<string, unknown>, string | undefined]>([
    [{ type: pb.HealthCheck.Type.HTTP, http: { port: 80 } }, undefined],
    [{ type: pb.HealthCheck.Type.HTTP }, 'health_check.http.port: required'],
    [{ type: pb.HealthCheck.Type.TCP }, 'health_check.tcp.port: required'],
    [{ type: pb.HealthCheck.Type.COMMAND }, 'health_check.command.value: required'],
    [{}, 'health_check.type: must be COMMAND, HTTP or TCP, got none'],
  ])('problem of %j', (check, problem) => {
    expect(healthCheckProblem(check)).toBe(problem);
  });
});

describe('health checks against real endpoints', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(req.url === '/ok' ? 200 : req.url === '/teapot' ? 418 : 500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each<[string, number[], boolean]>([
    ['/ok', [], true],
    ['/broken', [], false],
    ['/teapot', [418], true],
  ])('HTTP %s (statuses %j) is ok=%s', async (path, statuses, expected) => {
    expect((await checkHttp('127.0.0.1', port, path, statuses, 1000)).ok).toBe(expected);
  });

  it('TCP succeeds on a listening port and fails on a closed one', async () => {
    expect((await checkTcp('127.0.0.1', port, 1000)).ok).toBe(true);
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await checkTcp('127.0.0.1', closedPort, 1000)).ok).toBe(false);
  });

  it.each<[string, boolean, RegExp]>([
    ['test "$WANT" = yes', true, /exited 0/],
    ['exit 3', false, /exited 3/],
    ['sleep 5', false, /timed out after 200 ms/],
  ])('command %s', async (command, expected, message) => {
    const result = await checkCommand(command, undefined, { WANT: 'yes' }, 200);
    expect(result.ok).toBe(expected);
    expect(result.message).toMatch(message);
  });

  /** Debug sessions as a containerizer gives them, here plain processes. */
  const sessions = {
    exec: async (_containerId: string, request: { args: string[]; env?: Record<string, string> }) =>
      childExecSession(spawn(request.args[0], request.args.slice(1), { env: { ...process.env, ...request.env }, stdio: 'pipe' }), 'the check'),
  };

  it.each<[string, boolean, RegExp]>([
    ['test "$WANT" = yes && echo some output', true, /exited 0/],
    ['exit 3', false, /exited 3/],
    ['sleep 5', false, /timed out after 200 ms/],
  ])('command %s inside a container', async (command, expected, message) => {
    const result = await checkCommandInContainer(sessions, 'c1', command, { WANT: 'yes' }, 200);
    expect(result.ok).toBe(expected);
    expect(result.message).toMatch(message);
  });

  it('fails a command check whose container cannot start it, saying why', async () => {
    const refusing = { exec: () => Promise.reject(new Error('container c1 is not running')) };
    await expect(checkCommandInContainer(refusing, 'c1', 'true', {}, 200)).resolves.toEqual({ ok: false, message: 'command health check could not start: container c1 is not running' });
  });
});
