/**
 * Health checks run by the agent, per the task's `HealthCheck`: HTTP (GET
 * on 127.0.0.1:port/path; healthy on 2xx/3xx or the listed statuses), TCP
 * (a connection opens) or COMMAND (a shell command exits 0: inside the
 * task's container, through its containerizer's debug sessions, when the
 * task has an image; else in its sandbox and environment on the host).
 *
 * Timing follows Mesos: the first check runs `delay_seconds` after the task
 * started, then one every `interval_seconds`, each given `timeout_seconds`.
 * Failures inside `grace_period_seconds` (from the start) are ignored until
 * the first success. A change of health is reported (TASK_RUNNING with
 * `healthy` set); `consecutive_failures` failures in a row make the task
 * unhealthy: reported so, then killed.
 *
 * Every duration works at any value a task may give (a delay, interval or
 * timeout of weeks): the timers are the project Clock's, which chain past
 * `setTimeout`'s 24.8-day limit instead of firing at once.
 */
import { spawn } from 'node:child_process';
import type { HealthCheck } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { AgentTask } from './task-book';
import type { Containerizer } from './containerizer';
import { hasImage } from '@meseta/proto/container-validation';
import { commandEnvironment, taskEnvironment } from './task-environment';
import { type Clock, secondsToMs, systemClock, type TimerHandle } from '@meseta/runtime/clock';
import { type CheckResult, checkHttp, checkInNetns, checkTcp } from './network-checks';

export { type CheckResult, checkHttp, checkTcp } from './network-checks';

/** The proto's defaults, applied where a field is unset. */
export const HEALTH_CHECK_DEFAULTS = {
  delaySeconds: 15,
  intervalSeconds: 10,
  timeoutSeconds: 20,
  consecutiveFailures: 3,
  gracePeriodSeconds: 10,
} as const;

/** A health check's timing with defaults filled in. */
export interface HealthTiming {
  delayMs: number;
  intervalMs: number;
  timeoutMs: number;
  consecutiveFailures: number;
  gracePeriodMs: number;
}

/** The timing of a check, defaults applied; NaN and negatives count as 0, infinity as the longest finite time. */
export function healthTiming(check: HealthCheck): HealthTiming {
  const ms = (v: number | null | undefined, fallback: number): number => secondsToMs(v === null || v === undefined ? fallback : Number(v));
  return {
    delayMs: ms(check.delay_seconds, HEALTH_CHECK_DEFAULTS.delaySeconds),
    intervalMs: Math.max(10, ms(check.interval_seconds, HEALTH_CHECK_DEFAULTS.intervalSeconds)),
    timeoutMs: Math.max(10, ms(check.timeout_seconds, HEALTH_CHECK_DEFAULTS.timeoutSeconds)),
    consecutiveFailures: Math.max(1, Number(check.consecutive_failures ?? HEALTH_CHECK_DEFAULTS.consecutiveFailures)),
    gracePeriodMs: ms(check.grace_period_seconds, HEALTH_CHECK_DEFAULTS.gracePeriodSeconds),
  };
}

/** What is wrong with a check, or undefined (the message names the field). */
export function healthCheckProblem(check: HealthCheck): string | undefined {
  switch (check.type) {
    case pb.HealthCheck.Type.HTTP:
      return check.http?.port ? undefined : 'health_check.http.port: required';
    case pb.HealthCheck.Type.TCP:
      return check.tcp?.port ? undefined : 'health_check.tcp.port: required';
    case pb.HealthCheck.Type.COMMAND:
      return check.command?.value ? undefined : 'health_check.command.value: required';
    default:
      return `health_check.type: must be COMMAND, HTTP or TCP, got ${check.type ?? 'none'}`;
  }
}

/** One COMMAND check: `/bin/sh -c command` in `cwd` with `env`, as `user` when given (the task's); the whole process group is killed on timeout. */
export function checkCommand(
  command: string,
  cwd: string | undefined,
  env: Record<string, string>,
  timeoutMs: number,
  clock: Clock = systemClock,
  user?: { uid: number; gid: number },
): Promise<CheckResult> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: cwd || undefined, env: { ...process.env, ...env }, detached: true, stdio: 'ignore', ...(user ? { uid: user.uid, gid: user.gid } : {}) });
    let settled = false;
    const finish = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve(result);
    };
    const timer = clock.after(timeoutMs, () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      finish({ ok: false, message: `command health check timed out after ${timeoutMs} ms` });
    });
    child.once('error', (e) => finish({ ok: false, message: `command health check could not start: ${e.message}` }));
    child.once('exit', (code, signal) =>
      finish({ ok: code === 0, message: code === 0 ? 'command health check exited 0' : `command health check ${signal ? `ended by ${signal}` : `exited ${code}`}` }),
    );
  });
}

/**
 * One COMMAND check inside a container: `/bin/sh -c command` as a debug
 * session of its containerizer (the task's namespaces, root filesystem and
 * cgroup), killed on timeout.
 */
export async function checkCommandInContainer(
  containerizer: Pick<Containerizer, 'exec'>,
  containerId: string,
  command: string,
  env: Record<string, string>,
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<CheckResult> {
  if (!containerizer.exec) return { ok: false, message: 'command health check: the containerizer cannot run commands in the container' };
  let session: Awaited<ReturnType<NonNullable<Containerizer['exec']>>>;
  try {
    session = await containerizer.exec(containerId, { args: ['/bin/sh', '-c', command], env });
  } catch (e) {
    return { ok: false, message: `command health check could not start: ${(e as Error).message}` };
  }
  session.stdin.end();
  session.stdout.resume();
  session.stderr.resume();
  let timer: TimerHandle | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = clock.after(timeoutMs, () => {
      session.kill('SIGKILL');
      resolve({ ok: false, message: `command health check timed out after ${timeoutMs} ms` });
    });
  });
  const ended = session.exited.then((exit): CheckResult => {
    if (exit.exitCode === 0 && !exit.signal) return { ok: true, message: 'command health check exited 0' };
    return { ok: false, message: `command health check ${exit.signal ? `ended by ${exit.signal}` : `exited ${exit.exitCode ?? 'unknown'}`}` };
  });
  try {
    return await Promise.race([ended, timedOut]);
  } finally {
    timer?.cancel();
  }
}

/** What a checker tells its owner. */
export interface HealthCheckEvents {
  /** Health changed (first success, or the failure limit was reached). */
  changed(healthy: boolean, message: string): void;
  /** The failure limit was reached: the task should be killed. */
  unhealthy(message: string): void;
}

/** The health-check state machine of one task, with the check itself injected (pure apart from timers). */
export class HealthChecker {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private healthy: boolean | undefined;
  private everSucceeded = false;
  private failures = 0;
  private readonly startedAt: number;

  constructor(
    private readonly timing: HealthTiming,
    private readonly runCheck: () => Promise<CheckResult>,
    private readonly events: HealthCheckEvents,
    private readonly clock: Clock = systemClock,
  ) {
    this.startedAt = clock.now();
  }

  /** Schedule the first check after the delay. */
  start(): void {
    this.schedule(this.timing.delayMs);
  }

  /** No more checks. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Feed one result (exported for tests; the timer calls it). */
  record(result: CheckResult): void {
    if (this.stopped) return;
    if (result.ok) {
      this.failures = 0;
      this.everSucceeded = true;
      if (this.healthy !== true) {
        this.healthy = true;
        this.events.changed(true, result.message);
      }
      return;
    }
    if (!this.everSucceeded && this.clock.now() - this.startedAt < this.timing.gracePeriodMs) return;
    this.failures++;
    if (this.failures >= this.timing.consecutiveFailures && this.healthy !== false) {
      this.healthy = false;
      const message = `health check failed ${this.failures} time(s) in a row: ${result.message}`;
      this.events.changed(false, message);
      this.events.unhealthy(message);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.after(ms, () => void this.tick());
  }

  private async tick(): Promise<void> {
    let result: CheckResult;
    try {
      result = await this.runCheck();
    } catch (e) {
      result = { ok: false, message: (e as Error).message };
    }
    this.record(result);
    this.schedule(this.timing.intervalMs);
  }
}

/** How the agent reacts to its tasks' health. */
export interface TaskHealthHooks {
  /** Send TASK_RUNNING with `healthy` set. */
  report(task: AgentTask, healthy: boolean, message: string): void;
  /** Kill the task: it failed its health check too often. */
  kill(task: AgentTask, message: string): void;
}

/** The health checkers of every running task on an agent. */
export class TaskHealthChecks {
  private readonly checkers = new Map<AgentTask, HealthChecker>();

  constructor(
    private readonly hooks: TaskHealthHooks,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Start checking a task that just became running (no-op without a health check). */
  start(task: AgentTask, context: { agentId?: string; hostname?: string }): void {
    const check = task.info.health_check;
    if (!check || this.checkers.has(task)) return;
    const problem = healthCheckProblem(check);
    if (problem) {
      this.logger.warn('health check ignored', { task_id: task.taskId, problem });
      return;
    }
    const timing = healthTiming(check);
    const env = {
      ...taskEnvironment({
        frameworkId: task.frameworkId,
        taskId: task.taskId,
        containerId: task.containerId,
        sandboxDir: task.sandbox?.dir ?? '',
        agentId: context.agentId,
        executorId: task.executorId,
        hostname: context.hostname,
        resources: task.info.resources,
      }),
      ...commandEnvironment(task.info.command),
    };
    const run = (): Promise<CheckResult> => {
      // A task on a CNI network is checked from inside its network namespace, on its own address (as Mesos enters the task's net namespace).
      const address = cniAddress(task);
      const netns = address ? task.containerizer?.networkNamespace?.(task.containerId) : undefined;
      switch (check.type) {
        case pb.HealthCheck.Type.HTTP: {
          const spec = { kind: 'http' as const, host: address ?? '127.0.0.1', port: Number(check.http?.port), path: check.http?.path ?? '/', statuses: (check.http?.statuses ?? []).map(Number), timeoutMs: timing.timeoutMs };
          if (address && !netns) return Promise.resolve(noNamespace(task));
          return netns ? checkInNetns(netns, spec, this.clock) : checkHttp(spec.host, spec.port, spec.path, spec.statuses, spec.timeoutMs, this.clock);
        }
        case pb.HealthCheck.Type.TCP: {
          const spec = { kind: 'tcp' as const, host: address ?? '127.0.0.1', port: Number(check.tcp?.port), timeoutMs: timing.timeoutMs };
          if (address && !netns) return Promise.resolve(noNamespace(task));
          return netns ? checkInNetns(netns, spec, this.clock) : checkTcp(spec.host, spec.port, spec.timeoutMs, this.clock);
        }
        default: {
          const containerizer = task.containerizer;
          if (containerizer?.exec && task.info.container && hasImage(task.info.container)) {
            return checkCommandInContainer(containerizer, task.containerId, check.command?.value ?? 'true', commandEnvironment(check.command), timing.timeoutMs, this.clock);
          }
          return checkCommand(check.command?.value ?? 'true', task.sandbox?.dir, { ...env, ...commandEnvironment(check.command) }, timing.timeoutMs, this.clock, task.user);
        }
      }
    };
    const checker = new HealthChecker(timing, run, {
      changed: (healthy, message) => {
        if (task.phase !== 'running') return this.stop(task);
        this.logger.info(healthy ? 'task healthy' : 'task unhealthy', { task_id: task.taskId, message });
        this.hooks.report(task, healthy, message);
      },
      unhealthy: (message) => {
        this.stop(task);
        if (task.phase === 'running') this.hooks.kill(task, message);
      },
    }, this.clock);
    this.checkers.set(task, checker);
    checker.start();
  }

  /** Stop checking a task (it is being killed or has ended). */
  stop(task: AgentTask): void {
    this.checkers.get(task)?.stop();
    this.checkers.delete(task);
  }

  /** Stop every checker. */
  stopAll(): void {
    for (const checker of this.checkers.values()) checker.stop();
    this.checkers.clear();
  }

  /** Tasks being checked. */
  get size(): number {
    return this.checkers.size;
  }
}

/** The IPv4 address of a task on a CNI network (as its agent reports it), else undefined. */
export function cniAddress(task: Pick<AgentTask, 'networkInfos'>): string | undefined {
  for (const info of task.networkInfos ?? []) {
    if (!info.name) continue;
    const addresses = (info.ip_addresses ?? []).map((a) => a.ip_address ?? '').filter((a) => a !== '');
    const ip = addresses.find((a) => !a.includes(':')) ?? addresses[0];
    if (ip) return ip;
  }
  return undefined;
}

function noNamespace(task: Pick<AgentTask, 'containerId'>): CheckResult {
  return { ok: false, message: `the task is on a CNI network, and its containerizer does not tell its network namespace (container ${task.containerId})` };
}

