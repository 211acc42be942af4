/**
 * The posix containerizer across an agent restart, with real processes:
 * tasks run under the exit-status wrapper, a second containerizer (the
 * restarted agent's) finds them again by pid and start time and learns how
 * they ended although it is not their parent.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TaskInfo } from '@meseta/proto/wire';
import { Reason } from '@meseta/proto/wire';
import type { ContainerRecord, LaunchSpec } from '../../agent/containerizer';
import { killWithGrace } from '../../agent/kill-policy';
import { PosixContainerizer } from '../../agent/posix-containerizer';
import { EXIT_STATUS_FILE, readProcessStat } from '../../agent/recovery-posix';
import { createSandbox } from '../../agent/sandbox';
import { taskEnvironment } from '../../agent/task-environment';
import { processAlive as alive } from '../harness/process-alive';

let workDir: string;
let first: PosixContainerizer;
let second: PosixContainerizer;
let counter = 0;
const strays: number[] = [];

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-recovery-posix-'));
});

beforeEach(() => {
  first = new PosixContainerizer();
  second = new PosixContainerizer({ recoveryPollMs: 50 });
});

afterEach(async () => {
  for (const c of [first, second]) for (const id of c.containerIds()) await c.destroy(id);
  for (const pid of strays.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function spec(command: TaskInfo['command']): Promise<LaunchSpec> {
  const containerId = `c${++counter}`;
  const taskId = `t${counter}`;
  const sandbox = await createSandbox(workDir, 'fw', taskId, containerId);
  return {
    containerId,
    frameworkId: 'fw',
    taskId,
    task: { task_id: { value: taskId }, name: taskId, command },
    sandboxDir: sandbox.dir,
    stdoutPath: sandbox.stdoutPath,
    stderrPath: sandbox.stderrPath,
    runtimeDir: path.join(workDir, 'meta', 'runs', containerId),
    environment: taskEnvironment({ frameworkId: 'fw', taskId, containerId, sandboxDir: sandbox.dir }),
  };
}

/** Launch with the first containerizer, then let go of it as a dying agent would. */
async function launchAndLoseTheAgent(s: LaunchSpec): Promise<ContainerRecord & { pid: number }> {
  const launched = await first.launch(s);
  strays.push(launched.pid as number);
  const data = first.checkpoint(s.containerId);
  first.release();
  return { containerId: s.containerId, runtimeDir: s.runtimeDir, sandboxDir: s.sandboxDir, data, pid: launched.pid as number };
}


async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a task under the exit-status wrapper', () => {
  it('records its exit status in the runtime dir, and the agent that launched it reports the same', async () => {
    const s = await spec({ value: 'echo out; exit 3' });
    await first.launch(s);
    await expect(first.wait(s.containerId)).resolves.toEqual({ exitCode: 3, message: 'Command exited with status 3' });
    expect(fs.readFileSync(path.join(s.runtimeDir!, EXIT_STATUS_FILE), 'utf8')).toBe('exit_status=3\n');
    expect(fs.readFileSync(s.stdoutPath, 'utf8')).toBe('out\n');
  });

  it('checkpoints the pid and start time of the group leader', async () => {
    const s = await spec({ value: 'sleep 30' });
    const launched = await first.launch(s);
    expect(first.checkpoint(s.containerId)).toEqual({ pid: launched.pid, start_time: readProcessStat(launched.pid as number)!.startTime });
  });

  it('stays while the task handles SIGTERM, so the grace period holds and the ending is recorded', async () => {
    const s = await spec({ value: 'trap "sleep 0.3; exit 9" TERM; while true; do sleep 0.05; done' });
    await first.launch(s);
    await new Promise((r) => setTimeout(r, 200));
    const termination = await killWithGrace(first, s.containerId, 5000);
    expect(termination).toMatchObject({ exitCode: 9 });
  });

  it('reads a task killed by a signal as that signal', async () => {
    const s = await spec({ value: 'sleep', shell: false, arguments: ['sleep', '30'] });
    const launched = await first.launch(s);
    await waitFor(() => taskStarted(launched.pid as number));
    process.kill(findChild(launched.pid as number) as number, 'SIGKILL'); // the task only, not the wrapper
    await expect(first.wait(s.containerId)).resolves.toMatchObject({ signal: 'SIGKILL', message: 'Command terminated with signal SIGKILL' });
  });

  it('refuses a program that is not on PATH at launch, naming it', async () => {
    const s = await spec({ value: 'no-such-program-meseta', shell: false });
    await expect(first.launch(s)).rejects.toThrow('failed to start "no-such-program-meseta": not found on PATH');
  });
});

describe('recovering posix containers after an agent restart', () => {
  it('adopts a live task (same pid) and learns its real exit code when it ends', async () => {
    const s = await spec({ value: 'sleep 0.5; exit 7' });
    const record = await launchAndLoseTheAgent(s);
    const found = await second.recover([record]);
    expect(found).toEqual([{ containerId: s.containerId, state: 'running', pid: record.pid }]);
    await expect(second.wait(s.containerId)).resolves.toEqual({ exitCode: 7, message: 'Command exited with status 7' });
  });

  it('reports a task that ended while the agent was away with its exit code', async () => {
    const s = await spec({ value: 'exit 5' });
    const record = await launchAndLoseTheAgent(s);
    await waitFor(() => fs.existsSync(path.join(s.runtimeDir!, EXIT_STATUS_FILE)) && !alive(record.pid));
    const found = await second.recover([record]);
    expect(found).toEqual([{ containerId: s.containerId, state: 'ended', termination: { exitCode: 5, message: 'Command exited with status 5' } }]);
  });

  it('can kill an adopted task, as the agent that launched it could', async () => {
    const s = await spec({ value: 'sleep 30' });
    const record = await launchAndLoseTheAgent(s);
    await waitFor(() => taskStarted(record.pid));
    await second.recover([record]);
    const termination = await killWithGrace(second, s.containerId, 2000);
    expect(termination).toMatchObject({ signal: 'SIGTERM' });
    await waitFor(() => !alive(record.pid));
  });

  it('never adopts nor signals a recycled pid (start time differs)', async () => {
    const other = spawn('/bin/sh', ['-c', 'sleep 30'], { detached: true, stdio: 'ignore' });
    other.unref();
    const pid = other.pid as number;
    strays.push(pid);
    await waitFor(() => readProcessStat(pid) !== undefined);
    const startTime = readProcessStat(pid)!.startTime;
    const found = await second.recover([{ containerId: 'old', data: { pid, start_time: startTime - 1 } }]);
    expect(found).toEqual([
      {
        containerId: 'old',
        state: 'ended',
        termination: { reason: Reason.REASON_EXECUTOR_TERMINATED, message: expect.stringContaining(`pid ${pid} now belongs to another process`) },
      },
    ]);
    second.kill('old', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(true);
  });

  it('finds a task launched just before the agent died (no checkpointed pid) by its container id', async () => {
    const s = await spec({ value: 'sleep 30' });
    const record = await launchAndLoseTheAgent(s);
    const found = await second.recover([{ containerId: s.containerId, runtimeDir: s.runtimeDir }]);
    expect(found).toEqual([{ containerId: s.containerId, state: 'running', pid: record.pid }]);
  });

  it('says a container with no process and no recorded status is missing', async () => {
    const found = await second.recover([{ containerId: 'never-started', runtimeDir: path.join(workDir, 'meta', 'runs', 'never-started') }]);
    expect(found).toEqual([{ containerId: 'never-started', state: 'missing', message: expect.stringContaining('no process of container never-started') }]);
  });
});

/**
 * True once the wrapper's child has exec'd the task. Until then the child
 * still carries the wrapper's SIGTERM handler: a SIGTERM in that window is
 * lost (see recovery-posix.ts), and the kill ends with SIGKILL after the grace period.
 */
function taskStarted(wrapperPid: number): boolean {
  const child = findChild(wrapperPid);
  if (child === undefined) return false;
  try {
    return !fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('meseta-task');
  } catch {
    return false;
  }
}

/** A child of `pid` (the wrapper's task), from /proc. */
function findChild(pid: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcessStat(Number(entry));
    if (stat?.ppid === pid) return stat.pid;
  }
  return undefined;
}
