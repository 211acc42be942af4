/**
 * A containerizer that starts no processes: each task is a timer steered by
 * its labels or environment (like Nomad's mock driver), for fast cluster
 * tests and benchmarks.
 *
 * Steering keys, read from the task's labels first, then from
 * `command.environment`:
 * - `run_for`: how long the task runs (`0`, `250ms`, `2s`); absent: until killed.
 * - `exit_code`: the code it exits with after `run_for` (default 0).
 * - `start_error`: launching fails with this message.
 * - `start_delay`: launching takes this long.
 * - `ignore_term`: `true` makes it ignore SIGTERM (only SIGKILL ends it).
 */
import type { ContainerInfo, TaskInfo } from '@meseta/proto/wire';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import type { Containerizer, LaunchedContainer, LaunchSpec, Termination } from './containerizer';
import { terminationMessage } from './containerizer';
import { commandEnvironment } from './task-environment';
import { type Clock, systemClock, type TimerHandle } from '@meseta/runtime/clock';

/** How a fake task behaves. */
export interface FakeBehaviour {
  /** Milliseconds it runs; undefined: until killed. */
  runForMs?: number;
  exitCode: number;
  startError?: string;
  startDelayMs: number;
  ignoreTerm: boolean;
}

function steeringValue(task: TaskInfo, key: string): string | undefined {
  const label = task.labels?.labels?.find((l) => l.key === key);
  if (label) return label.value ?? '';
  const env = commandEnvironment(task.command);
  return key in env ? env[key] : undefined;
}

function durationMs(key: string, text: string): number {
  try {
    return parseDurationSeconds(text) * 1000;
  } catch (e) {
    throw new Error(`${key}: ${(e as Error).message}`);
  }
}

/** Read the steering keys of a task. Throws a message naming a bad key. */
export function fakeBehaviour(task: TaskInfo): FakeBehaviour {
  const runFor = steeringValue(task, 'run_for');
  const exitCode = steeringValue(task, 'exit_code');
  const startDelay = steeringValue(task, 'start_delay');
  const code = exitCode === undefined || exitCode === '' ? 0 : Number(exitCode);
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new Error(`exit_code: "${exitCode}" is not an exit code (0-255)`);
  const startError = steeringValue(task, 'start_error');
  return {
    runForMs: runFor === undefined || runFor === '' ? undefined : durationMs('run_for', runFor),
    exitCode: code,
    startError: startError === undefined || startError === '' ? undefined : startError,
    startDelayMs: startDelay === undefined || startDelay === '' ? 0 : durationMs('start_delay', startDelay),
    ignoreTerm: steeringValue(task, 'ignore_term') === 'true',
  };
}

interface FakeContainer {
  behaviour: FakeBehaviour;
  timer?: TimerHandle;
  ended: boolean;
  end(termination: Termination): void;
  termination: Promise<Termination>;
}

/** Runs every kind of container as a timer. */
export class FakeContainerizer implements Containerizer {
  readonly name = 'fake';
  /** Fake containers write nothing: no sandbox directories (fast for benchmarks). */
  readonly usesSandbox = false;
  private readonly containers = new Map<string, FakeContainer>();
  private readonly clock: Clock;

  /** @param options.clock the clock of `run_for` and `start_delay` (any length works). @default systemClock */
  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  supports(_container: ContainerInfo | null | undefined): boolean {
    return true;
  }

  async launch(spec: LaunchSpec): Promise<LaunchedContainer> {
    if (this.containers.has(spec.containerId)) throw new Error(`container ${spec.containerId} already exists`);
    const behaviour = fakeBehaviour(spec.task);
    if (behaviour.startDelayMs > 0) await new Promise<void>((r) => this.clock.after(behaviour.startDelayMs, r));
    if (behaviour.startError) throw new Error(behaviour.startError);
    let resolve!: (t: Termination) => void;
    const container: FakeContainer = {
      behaviour,
      ended: false,
      termination: new Promise<Termination>((r) => (resolve = r)),
      end: (termination) => {
        if (container.ended) return;
        container.ended = true;
        container.timer?.cancel();
        resolve(termination);
      },
    };
    if (behaviour.runForMs !== undefined) {
      container.timer = this.clock.after(behaviour.runForMs, () =>
        container.end({ exitCode: behaviour.exitCode, message: terminationMessage(behaviour.exitCode, undefined) }),
      );
    }
    this.containers.set(spec.containerId, container);
    return { containerId: spec.containerId };
  }

  wait(containerId: string): Promise<Termination> {
    const container = this.containers.get(containerId);
    if (!container) return Promise.resolve({ message: `container ${containerId} is unknown to the fake containerizer` });
    return container.termination;
  }

  kill(containerId: string, signal: NodeJS.Signals): void {
    const container = this.containers.get(containerId);
    if (!container || container.ended) return;
    if (signal === 'SIGTERM' && container.behaviour.ignoreTerm) return;
    container.end({ signal, message: terminationMessage(undefined, signal) });
  }

  async destroy(containerId: string): Promise<void> {
    const container = this.containers.get(containerId);
    if (!container) return;
    container.end({ signal: 'SIGKILL', message: terminationMessage(undefined, 'SIGKILL') });
    this.containers.delete(containerId);
  }

  release(): void {
    for (const c of this.containers.values()) c.timer?.cancel();
    this.containers.clear();
  }
}
