/**
 * The life of a custom executor on the agent (agent/executors.ts), with the
 * fake containerizer and a manual clock: what waits for the SUBSCRIBE, the
 * registration timeout, SHUTDOWN and its grace period, a broken stream, and
 * the executor's resources held once. (Its sandbox is made in a temp dir.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb, type ExecutorInfo, type Resource, type TaskInfo, type v1 } from '@meseta/proto/wire';
import { ManualClock } from '@meseta/runtime/clock';
import { silentLogger } from '@meseta/runtime/log';
import { NoSecretStore } from '../../agent/secret-store';
import { FakeContainerizer } from '../../agent/fake-containerizer';
import type { Termination } from '../../agent/containerizer';
import { waitFor } from '../harness/wait-for';
import { type AgentExecutor, Executors, type ExecutorStream, isCustomExecutor } from '../../agent/executors';

const E = pb.executor.Event.Type;
const R = pb.TaskStatus.Reason;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-executors-unit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function bed(options: { registrationMs?: number; graceMs?: number } = {}) {
  const clock = new ManualClock(1_000_000);
  const held: Resource[][] = [];
  const released: Resource[][] = [];
  const ended: Array<{ executor: AgentExecutor; termination: Termination }> = [];
  const executors = new Executors({
    workDir: dir,
    endpoint: '127.0.0.1:5051',
    containerizers: [new FakeContainerizer({ clock })],
    clock,
    logger: silentLogger,
    agentId: () => 'agent-1',
    agentInfo: () => ({ hostname: 'h', id: { value: 'agent-1' } }),
    framework: (id) => ({ id: { value: id }, name: 'fw' }),
    access: { switchUser: false, agentIsRoot: false, users: { lookup: async () => undefined }, secrets: new NoSecretStore() },
    registrationTimeoutMs: options.registrationMs ?? 60_000,
    shutdownGraceMs: options.graceMs ?? 5_000,
    recoveryTimeoutMs: 900_000,
    hold: (r) => held.push(r ?? []),
    release: (r) => released.push(r ?? []),
    onEnded: (executor, termination) => ended.push({ executor, termination }),
  });
  return { clock, executors, held, released, ended };
}

function recorder(): ExecutorStream & { events: v1.executor.IEvent[]; closed: boolean } {
  const stream = {
    events: [] as v1.executor.IEvent[],
    closed: false,
    send(event: v1.executor.IEvent) {
      stream.events.push(event);
    },
    close() {
      stream.closed = true;
    },
  };
  return stream;
}

const info = (id = 'e'): ExecutorInfo => ({ executor_id: { value: id }, command: { value: './run-executor' }, resources: [{ name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 32 } }] });
const task = (id: string): TaskInfo => ({ name: id, task_id: { value: id } });

/** Let the executor's start (sandbox, launch) finish. */
async function started(executor: AgentExecutor): Promise<void> {
  await waitFor(() => executor.phase !== 'launching', 10_000, `executor ${executor.executorId} to start (its sandbox is made on disk)`);
}

/** Let pending promise callbacks (a destroyed container's wait) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('isCustomExecutor', () => {
  it.each<[string, ExecutorInfo | undefined, boolean]>([
    ['a command, no type', { command: { value: 'x' } }, true],
    ['a command, CUSTOM', { type: pb.ExecutorInfo.Type.CUSTOM, command: { value: 'x' } }, true],
    ['a command, DEFAULT', { type: pb.ExecutorInfo.Type.DEFAULT, command: { value: 'x' } }, false],
    ['no command', { executor_id: { value: 'e' } }, false],
    ['none', undefined, false],
  ])('%s: %p', (_name, executor, custom) => {
    expect(isCustomExecutor(executor)).toBe(custom);
  });
});

describe('Executors', () => {
  it('starts the executor once, keeps launches until it subscribes, then sends SUBSCRIBED and them in order', async () => {
    const { executors, held } = bed();
    expect(executors.launch('f', info(), [task('a')], false)).toBeUndefined();
    expect(executors.launch('f', info(), [task('b')], false)).toBeUndefined();
    const executor = executors.get('f', 'e')!;
    await started(executor);
    expect(executor.phase).toBe('registering');
    expect(held).toHaveLength(1); // its resources, once
    expect(fs.existsSync(path.join(dir, 'frameworks/f/executors/e/runs', executor.containerId, 'stdout'))).toBe(true);
    const stream = recorder();
    executors.subscribe(executor, stream);
    expect(stream.events.map((e) => e.type)).toEqual([E.SUBSCRIBED, E.LAUNCH, E.LAUNCH]);
    expect(stream.events[0].subscribed).toMatchObject({ framework_info: { id: { value: 'f' } }, agent_info: { id: { value: 'agent-1' } }, container_id: { value: executor.containerId } });
    expect(stream.events.slice(1).map((e) => e.launch?.task?.task_id?.value)).toEqual(['a', 'b']);
    executors.launch('f', info(), [task('g1'), task('g2')], true);
    expect(stream.events[3]).toMatchObject({ type: E.LAUNCH_GROUP, launch_group: { task_group: { tasks: [task('g1'), task('g2')] } } });
    expect(executors.isToken(executor.token)).toBe(true);
  });

  it('takes back a launch still waiting when its task is killed; a delivered one gets KILL', async () => {
    const { executors } = bed();
    executors.launch('f', info(), [task('a')], false);
    executors.launch('f', info(), [task('b')], false);
    const executor = executors.get('f', 'e')!;
    expect(executors.kill(executor, 'a')).toBe('withdrawn');
    await started(executor);
    const stream = recorder();
    executors.subscribe(executor, stream);
    expect(stream.events.map((e) => e.launch?.task?.task_id?.value ?? null)).toEqual([null, 'b']);
    expect(executors.kill(executor, 'b', { grace_period: { nanoseconds: 1 } })).toBe('sent');
    expect(stream.events[2]).toEqual({ type: E.KILL, kill: { task_id: { value: 'b' }, kill_policy: { grace_period: { nanoseconds: 1 } } } });
  });

  it('destroys an executor that does not subscribe in time, and its end carries the reason and the timeout', async () => {
    const { executors, clock, ended, released } = bed({ registrationMs: 2_000 });
    executors.launch('f', info(), [task('a')], false);
    const executor = executors.get('f', 'e')!;
    await started(executor);
    clock.advance(1_999);
    await settle();
    expect(ended).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(ended).toHaveLength(1);
    expect(ended[0].termination.reason).toBe(R.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
    expect(ended[0].termination.message).toMatch(/^executor "e" did not subscribe within 2 s \(Command terminated with signal SIGKILL\)$/);
    expect(released).toHaveLength(1);
    expect(executors.get('f', 'e')).toBeUndefined();
    expect(executors.isToken(executor.token)).toBe(false);
  });

  it('shuts a subscribed executor down with SHUTDOWN, and destroys it after the grace period', async () => {
    const { executors, clock, ended } = bed({ graceMs: 5_000 });
    executors.launch('f', info(), [task('a')], false);
    const executor = executors.get('f', 'e')!;
    await started(executor);
    const stream = recorder();
    executors.subscribe(executor, stream);
    executors.shutdown(executor, R.REASON_FRAMEWORK_REMOVED, 'the framework was removed');
    executors.shutdown(executor, R.REASON_FRAMEWORK_REMOVED, 'again'); // a no-op
    expect(stream.events.filter((e) => e.type === E.SHUTDOWN)).toHaveLength(1);
    expect(executors.launch('f', info(), [task('late')], false)).toBe('executor "e" is being shut down on this agent');
    clock.advance(4_999);
    await settle();
    expect(ended).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(ended).toHaveLength(1);
    expect(ended[0].termination.reason).toBe(R.REASON_FRAMEWORK_REMOVED);
    expect(stream.closed).toBe(true);
  });

  it('gives a disconnected executor the registration timeout to subscribe again; one that does keeps running', async () => {
    const { executors, clock, ended } = bed({ registrationMs: 3_000 });
    executors.launch('f', info(), [task('a')], false);
    const executor = executors.get('f', 'e')!;
    await started(executor);
    const first = recorder();
    executors.subscribe(executor, first);
    executors.streamClosed(executor, first);
    executors.kill(executor, 'a'); // waits for the next subscription
    clock.advance(2_000);
    const second = recorder();
    executors.subscribe(executor, second);
    expect(second.events.map((e) => e.type)).toEqual([E.SUBSCRIBED, E.KILL]);
    clock.advance(10_000);
    await settle();
    expect(ended).toHaveLength(0);

    executors.streamClosed(executor, second);
    clock.advance(3_000);
    await settle();
    expect(ended).toHaveLength(1);
    expect(ended[0].termination.reason).toBe(R.REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
  });

  it('drops a framework message for an executor that is not connected (no guarantee, as Mesos)', async () => {
    const { executors } = bed();
    expect(executors.message('f', 'nobody', new Uint8Array([1]))).toBe(false);
    executors.launch('f', info(), [task('a')], false);
    const executor = executors.get('f', 'e')!;
    await started(executor);
    expect(executors.message('f', 'e', new Uint8Array([1]))).toBe(false);
    const stream = recorder();
    executors.subscribe(executor, stream);
    expect(executors.message('f', 'e', new Uint8Array([2]))).toBe(true);
    expect(stream.events[stream.events.length - 1]).toEqual({ type: E.MESSAGE, message: { data: new Uint8Array([2]) } });
  });

  it('ends every executor on destroyAll (agent stop)', async () => {
    const { executors, ended } = bed();
    executors.launch('f', info('e1'), [task('a')], false);
    executors.launch('f', info('e2'), [task('b')], false);
    await started(executors.get('f', 'e1')!);
    await started(executors.get('f', 'e2')!);
    await executors.destroyAll();
    expect(ended.map((x) => x.executor.executorId).sort()).toEqual(['e1', 'e2']);
    expect(ended.every((x) => x.termination.reason === R.REASON_EXECUTOR_TERMINATED)).toBe(true);
  });
});
