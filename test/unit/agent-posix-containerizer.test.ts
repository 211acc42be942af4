import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TaskInfo } from '@meseta/proto/wire';
import type { LaunchSpec } from '../../agent/containerizer';
import { killWithGrace } from '../../agent/kill-policy';
import { PosixContainerizer, processCommand } from '../../agent/posix-containerizer';
import { createSandbox } from '../../agent/sandbox';
import { taskEnvironment } from '../../agent/task-environment';
import { processAlive as alive } from '../harness/process-alive';

let workDir: string;
let containerizer: PosixContainerizer;
let counter = 0;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-posix-'));
});

beforeEach(() => {
  containerizer = new PosixContainerizer();
});

afterEach(async () => {
  for (const id of containerizer.containerIds()) await containerizer.destroy(id);
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function spec(task: TaskInfo): Promise<LaunchSpec> {
  const containerId = `c${++counter}`;
  const taskId = task.task_id?.value ?? 't';
  const sandbox = await createSandbox(workDir, 'fw', taskId, containerId);
  return {
    containerId,
    frameworkId: 'fw',
    taskId,
    task,
    sandboxDir: sandbox.dir,
    stdoutPath: sandbox.stdoutPath,
    stderrPath: sandbox.stderrPath,
    environment: taskEnvironment({ frameworkId: 'fw', taskId, containerId, sandboxDir: sandbox.dir, resources: task.resources }),
  };
}

function shellTask(value: string, extra: Partial<TaskInfo> = {}): TaskInfo {
  return { task_id: { value: `t${counter + 1}` }, name: 'test', command: { value }, ...extra };
}


describe('the command a task runs', () => {
  it.each([
    ['a shell command by default', { value: 'echo hi' }, { file: '/bin/sh', args: ['-c', 'echo hi'] }],
    ['a shell command when shell is true', { value: 'ls', shell: true }, { file: '/bin/sh', args: ['-c', 'ls'] }],
    [
      'a program with its argv when shell is false',
      { value: '/bin/echo', shell: false, arguments: ['echo', 'a', 'b'] },
      { file: '/bin/echo', args: ['a', 'b'], argv0: 'echo' },
    ],
    ['a program without arguments', { value: '/bin/true', shell: false }, { file: '/bin/true', args: [], argv0: undefined }],
  ])('is %s', (_name, command, expected) => {
    expect(processCommand(command)).toEqual(expected);
  });

  it.each([
    ['no command at all', undefined, 'task.command: required'],
    ['an empty shell command', { value: '  ' }, 'task.command.value: required'],
    ['no program when shell is false', { shell: false, arguments: ['x'] }, 'task.command.value: required when shell is false'],
  ])('is refused for %s', (_name, command, message) => {
    expect(() => processCommand(command)).toThrow(message);
  });
});

describe('the posix containerizer', () => {
  it('runs echo hi with its output in the sandbox stdout and exit code 0', async () => {
    const s = await spec(shellTask('echo hi; echo oops >&2'));
    await containerizer.launch(s);
    const termination = await containerizer.wait(s.containerId);
    expect(termination).toEqual({ exitCode: 0, signal: undefined, message: 'Command exited with status 0' });
    expect(fs.readFileSync(s.stdoutPath, 'utf8')).toBe('hi\n');
    expect(fs.readFileSync(s.stderrPath, 'utf8')).toBe('oops\n');
  });

  it('captures a non-zero exit code', async () => {
    const s = await spec(shellTask('exit 3'));
    await containerizer.launch(s);
    await expect(containerizer.wait(s.containerId)).resolves.toMatchObject({ exitCode: 3, message: 'Command exited with status 3' });
  });

  it('runs a program with arguments without a shell', async () => {
    const s = await spec(shellTask('', { command: { value: '/bin/echo', shell: false, arguments: ['echo', 'a b', '$HOME'] } }));
    await containerizer.launch(s);
    await containerizer.wait(s.containerId);
    expect(fs.readFileSync(s.stdoutPath, 'utf8')).toBe('a b $HOME\n');
  });

  it('runs in the sandbox with the agent variables, ports and the task environment', async () => {
    const s = await spec(
      shellTask('pwd; echo $MESOS_SANDBOX; echo $MESETA_TASK_ID; echo $PORT0,$PORT1; echo $GREETING', {
        command: {
          value: 'pwd; echo $MESOS_SANDBOX; echo $MESETA_TASK_ID; echo $PORT0,$PORT1; echo $GREETING',
          environment: { variables: [{ name: 'GREETING', value: 'hello' }] },
        },
        resources: [{ name: 'ports', type: 1, ranges: { range: [{ begin: 31005, end: 31006 }] } }],
      }),
    );
    await containerizer.launch(s);
    await containerizer.wait(s.containerId);
    const real = fs.realpathSync(s.sandboxDir);
    expect(fs.readFileSync(s.stdoutPath, 'utf8').split('\n')).toEqual([real, s.sandboxDir, s.taskId, '31005,31006', 'hello', '']);
  });

  it('rejects a program that does not exist, naming it', async () => {
    const s = await spec(shellTask('', { command: { value: '/no/such/program', shell: false } }));
    await expect(containerizer.launch(s)).rejects.toThrow('/no/such/program');
  });

  it('puts the task in its own process group and kills what the main process leaves behind', async () => {
    const s = await spec(shellTask('sleep 30 & echo $!'));
    const launched = await containerizer.launch(s);
    await containerizer.wait(s.containerId);
    const orphan = Number(fs.readFileSync(s.stdoutPath, 'utf8').trim());
    expect(orphan).toBeGreaterThan(0);
    expect(launched.pid).toBeGreaterThan(0);
    await waitFor(() => !alive(orphan));
  });

  it('ends a cooperative task on SIGTERM within the grace period', async () => {
    const s = await spec(shellTask('trap "exit 0" TERM; while true; do sleep 0.05; done'));
    await containerizer.launch(s);
    await new Promise((r) => setTimeout(r, 200)); // let the trap be installed
    const started = Date.now();
    const termination = await killWithGrace(containerizer, s.containerId, 5000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(termination.signal === 'SIGTERM' || termination.exitCode === 0).toBe(true);
  });

  it('SIGKILLs a task that ignores SIGTERM once the grace period is over', async () => {
    const s = await spec(shellTask("trap '' TERM; sleep 30"));
    const launched = await containerizer.launch(s);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const termination = await killWithGrace(containerizer, s.containerId, 500);
    const took = Date.now() - started;
    expect(termination.signal).toBe('SIGKILL');
    expect(termination.message).toBe('Command terminated with signal SIGKILL');
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(3000);
    await waitFor(() => !alive(launched.pid as number));
  });

  it('treats signals and waits for unknown containers as harmless', async () => {
    containerizer.kill('nope', 'SIGTERM');
    await containerizer.destroy('nope');
    await expect(containerizer.wait('nope')).resolves.toMatchObject({ message: expect.stringContaining('unknown') });
  });

  it('recovers a container whose process group outlived the agent, and sees it end (more in agent-recovery-posix)', async () => {
    const orphan = spawn('/bin/sh', ['-c', 'sleep 30'], { detached: true, stdio: 'ignore' });
    orphan.unref();
    const pid = orphan.pid as number;
    const startTime = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
    const found = await containerizer.recover([
      { containerId: 'survivor', data: { pid, start_time: startTime } },
      { containerId: 'dead', data: { pid: 999_999_999, start_time: 1 } },
    ]);
    expect(found).toEqual([
      { containerId: 'survivor', state: 'running', pid },
      { containerId: 'dead', state: 'ended', termination: expect.objectContaining({ message: expect.stringContaining('not recorded') }) },
    ]);
    const ended = containerizer.wait('survivor');
    containerizer.kill('survivor', 'SIGKILL');
    await expect(ended).resolves.toMatchObject({ message: expect.stringContaining('not recorded') });
    await waitFor(() => !alive(pid));
  });

  it('runs a debug session next to a running task: its environment and sandbox, stdin in, output and exit code out', async () => {
    const s = await spec(shellTask('sleep 30'));
    await containerizer.launch(s);
    const session = await containerizer.exec(s.containerId, { args: ['sh', '-c', 'echo "$MESOS_TASK_ID $(pwd) $EXTRA"; cat; exit 3'], env: { EXTRA: 'x1' } });
    const out: Buffer[] = [];
    session.stdout.on('data', (b: Buffer) => out.push(b));
    session.stdin.end('from stdin\n');
    const exit = await session.exited;
    expect(Buffer.concat(out).toString()).toBe(`${s.taskId} ${s.sandboxDir} x1\nfrom stdin\n`);
    expect(exit).toMatchObject({ exitCode: 3 });
  });

  it('ends a debug session with its task, and refuses one for a task that is not running', async () => {
    const s = await spec(shellTask('sleep 30'));
    await containerizer.launch(s);
    const session = await containerizer.exec(s.containerId, { args: ['sleep', '30'] });
    await containerizer.destroy(s.containerId);
    await expect(session.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    await expect(containerizer.exec(s.containerId, { args: ['true'] })).rejects.toThrow(`container ${s.containerId} is not running`);
  });

  it("kills what a debug session's shell started, not only the shell", async () => {
    const s = await spec(shellTask('sleep 30'));
    await containerizer.launch(s);
    // dash runs `sleep` as a child here (two commands), so a kill of the shell alone would leave it holding stdout.
    const session = await containerizer.exec(s.containerId, { args: ['sh', '-c', 'sleep 300 & echo $!; wait'] });
    const firstLine = new Promise<string>((resolve) => session.stdout.once('data', (b: Buffer) => resolve(b.toString().trim())));
    const sleeper = Number(await firstLine);
    expect(alive(sleeper)).toBe(true);
    session.kill('SIGKILL');
    await expect(session.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    await waitFor(() => !alive(sleeper));
    await containerizer.destroy(s.containerId);
  });

  it('destroy kills a running container and forgets it', async () => {
    const s = await spec(shellTask('sleep 30'));
    const launched = await containerizer.launch(s);
    await containerizer.destroy(s.containerId);
    expect(containerizer.containerIds()).not.toContain(s.containerId);
    await waitFor(() => !alive(launched.pid as number));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
