/**
 * The agent against an in-test master over a real AgentLink stream:
 * register, run, status updates in order with acknowledgements, resends,
 * reconnection, kills and framework shutdown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameworkInfo, MasterToAgent, TaskInfo } from '@meseta/proto/wire';
import { pb, Reason, Source, TaskState } from '@meseta/proto/wire';
import { idOf, uuidKey } from '@meseta/proto/ids';
import { silentLogger } from '@meseta/runtime/log';
import { startAgent, type AgentOptions, type RunningAgent } from '../../agent';
import { MasterLink } from '../../agent/master-link';
import { FakeMaster } from './fixtures/agent-fake-master';

const Capability = pb.FrameworkInfo.Capability.Type;

let workDir: string;
let master: FakeMaster;
let agent: RunningAgent | undefined;

beforeEach(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-link-'));
  master = await FakeMaster.start();
});

afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await master.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function start(options: Partial<AgentOptions> = {}): Promise<RunningAgent> {
  agent = await startAgent({
    master: master.address,
    port: 0,
    workDir,
    hostname: 'agent-host',
    resources: 'cpus:4;mem:1024;disk:1000;ports:[31000-31009]',
    attributes: 'rack:a;zone:1',
    logger: silentLogger,
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
    ...options,
  });
  await agent.registered();
  return agent;
}

function run(taskId: string, task: Partial<TaskInfo> = {}, framework: FrameworkInfo = { id: { value: 'fw' }, name: 'test' }): MasterToAgent {
  return {
    run: [
      {
        framework,
        task: {
          name: taskId,
          task_id: { value: taskId },
          resources: [{ name: 'cpus', type: 0, scalar: { value: 0.1 }, allocation_role: '*' }],
          command: { value: 'true' },
          ...task,
        },
      },
    ],
  };
}

/** Starts a MasterLink that resends an unanswered register after 30 ms; `registered` collects the ids it is given. */
function startResendingLink(): { link: MasterLink; registered: string[] } {
  const registered: string[] = [];
  const link = new MasterLink(
    { master: master.address, reconnectMinMs: 20, reconnectMaxMs: 50, logger: silentLogger, registrationTimeoutMs: 30 },
    {
      registration: () => ({ agent_info: { hostname: 'h', port: 1 } }),
      onRegistered: (r) => registered.push(idOf(r.agent_id)),
      onMessage: () => undefined,
      onRefused: () => undefined,
      onDisconnected: () => undefined,
    },
  );
  link.start();
  return { link, registered };
}

describe('registering', () => {
  it('registers with hostname, port, resources and attributes, and learns its id', async () => {
    const a = await start();
    expect(a.agentId()).toBe('agent-1');
    const register = master.registrations[0];
    expect(register.agent_info).toMatchObject({ hostname: 'agent-host', port: a.port });
    expect(register.agent_info?.id).toBeFalsy();
    expect(register.agent_info?.resources?.map((r) => r.name).sort()).toEqual(['cpus', 'disk', 'mem', 'ports']);
    expect(register.agent_info?.attributes?.map((x) => x.name)).toEqual(['rack', 'zone']);
    expect(register.version).toBeTruthy();
  });

  it('keeps trying until the master answers', async () => {
    master.answerRegister = false;
    agent = await startAgent({ master: master.address, port: 0, workDir, logger: silentLogger, resources: 'cpus:1;mem:10;disk:10' });
    await master.waitFor(() => master.registrations.length >= 1, 'a register');
    master.answerRegister = true;
    master.dropStream();
    await expect(agent.registered()).resolves.toBe('agent-1');
  });

  it('sends an unanswered register again on the same stream twice, then reconnects; the answer ends the resends', async () => {
    master.answerRegister = false;
    const { link, registered } = startResendingLink();
    try {
      await master.waitFor(() => master.registrations.length >= 4, 'four registers');
      // 30 ms, then 60 and 120 ms: three registers on stream 1, then stream 2.
      expect(master.registrationStreams.slice(0, 4)).toEqual([1, 1, 1, 2]);
      master.answerRegister = true;
      master.send({ registered: { agent_id: { value: 'agent-9' }, heartbeat_interval_seconds: 15 } });
      await master.waitFor(() => registered.length === 1, 'registered');
      const seen = master.registrations.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(master.registrations.length).toBe(seen);
      expect(registered).toEqual(['agent-9']);
    } finally {
      await link.stop();
    }
  });

  it('keeps waiting on the same stream past the resends when the master said it holds the register (a heartbeat)', async () => {
    master.answerRegister = false;
    const { link, registered } = startResendingLink();
    try {
      await master.waitFor(() => master.registrations.length >= 2, 'a resent register');
      // What a busy master answers a resend with: its first register is still being admitted.
      master.send({ heartbeat: { timestamp: 1 } });
      await master.waitFor(() => master.registrations.length >= 5, 'five registers');
      expect(master.registrationStreams.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
      master.answerRegister = true;
      master.send({ registered: { agent_id: { value: 'agent-7' }, heartbeat_interval_seconds: 15 } });
      await master.waitFor(() => registered.length === 1, 'registered');
      expect(registered).toEqual(['agent-7']);
      expect(link.isRegistered()).toBe(true);
    } finally {
      await link.stop();
    }
  });

  it('refuses to start with bad --resources text, naming the entry', async () => {
    await expect(startAgent({ master: master.address, port: 0, workDir, resources: 'cpus:4;mem:lots', logger: silentLogger })).rejects.toThrow(
      /--resources.*mem:lots/,
    );
  });

  it.each([
    ['a master without a port', { master: 'localhost' }, '--master'],
    ['bad attributes', { attributes: 'rack' }, '--attributes'],
    ['an unknown containerizer', { containerizers: ['lxc'] }, '--containerizers'],
  ])('refuses to start with %s', async (_name, options, flag) => {
    await expect(startAgent({ master: master.address, port: 0, workDir, logger: silentLogger, ...options })).rejects.toThrow(flag);
  });

  it('answers the master heartbeat', async () => {
    await start();
    master.send({ heartbeat: { timestamp: 1 } });
    await master.waitFor(() => master.heartbeats.length >= 1, 'a heartbeat reply');
  });

  it('keeps sending its own heartbeat every interval to a master that does not ping', async () => {
    master.heartbeatSeconds = 0.2;
    await start();
    // The fake master never pings: every heartbeat it reads is one the agent sent on its own.
    await master.waitFor(() => master.heartbeats.length >= 3, 'three heartbeats of the agent\'s own');
  });
});

describe('running a task', () => {
  it('reports TASK_RUNNING then TASK_FINISHED, the second only after the first is acknowledged', async () => {
    await start({ statusUpdateRetrySeconds: 30 });
    master.send(run('echo', { command: { value: 'echo hi' } }));
    const running = await master.waitForState('echo', 'TASK_RUNNING');
    expect(running.framework_id?.value).toBe('fw');
    expect(running.status).toMatchObject({
      task_id: { value: 'echo' },
      state: TaskState.TASK_RUNNING,
      source: Source.SOURCE_EXECUTOR,
      agent_id: { value: 'agent-1' },
    });
    expect(running.status?.uuid).toHaveLength(16);
    expect(running.status?.timestamp).toBeGreaterThan(0);
    expect(running.status?.container_id?.value).toBeTruthy();

    // The process has long finished, but its update waits behind the unacknowledged one.
    await new Promise((r) => setTimeout(r, 300));
    expect(master.statesFor('echo')).toEqual(['TASK_RUNNING']);

    master.acknowledge(running);
    const finished = await master.waitForState('echo', 'TASK_FINISHED');
    expect(finished.status).toMatchObject({ exit_code: 0, message: 'Command exited with status 0' });
    master.acknowledge(finished);

    const state = await waitForState(agentPort(), (s) => (s.completed_tasks as unknown[]).length === 1);
    const completed = (state.completed_tasks as Array<Record<string, unknown>>)[0];
    expect(completed).toMatchObject({ id: 'echo', state: 'TASK_FINISHED' });
    expect(fs.readFileSync(path.join(workDir, completed.sandbox as string, 'stdout'), 'utf8')).toBe('hi\n');
  });

  it('reports a non-zero exit as TASK_FAILED with the exit code', async () => {
    master.autoAck = true;
    await start();
    master.send(run('fails', { command: { value: 'exit 4' } }));
    const failed = await master.waitForState('fails', 'TASK_FAILED');
    expect(failed.status).toMatchObject({ exit_code: 4, message: 'Command exited with status 4', source: Source.SOURCE_EXECUTOR });
  });

  it('resends an unacknowledged update with the same uuid', async () => {
    await start({ statusUpdateRetrySeconds: 0.1 });
    master.send(run('resend', { command: { value: 'sleep 5' } }));
    const first = await master.waitForState('resend', 'TASK_RUNNING');
    const again = await master.waitForState('resend', 'TASK_RUNNING', 3);
    expect(uuidKey(again.status?.uuid)).toBe(uuidKey(first.status?.uuid));
    master.acknowledge(first);
    const count = master.updatesFor('resend').length;
    await new Promise((r) => setTimeout(r, 400));
    expect(master.updatesFor('resend').length).toBe(count);
  });

  it('reports a launch failure as TASK_FAILED with REASON_CONTAINER_LAUNCH_FAILED', async () => {
    master.autoAck = true;
    await start();
    master.send(run('nope', { command: { value: '/no/such/program', shell: false } }));
    const failed = await master.waitForState('nope', 'TASK_FAILED');
    expect(failed.status).toMatchObject({ reason: Reason.REASON_CONTAINER_LAUNCH_FAILED, source: Source.SOURCE_AGENT });
    expect(failed.status?.message).toContain('/no/such/program');
  });

  it('launches each task of a group with its own statuses and the executor id', async () => {
    master.autoAck = true;
    await start();
    master.send({
      run: [
        {
          framework: { id: { value: 'fw' } },
          executor: { executor_id: { value: 'pod-exec' }, framework_id: { value: 'fw' } },
          task_group: {
            tasks: [
              { task_id: { value: 'main' }, command: { value: 'exit 0' } },
              { task_id: { value: 'side' }, command: { value: 'exit 1' } },
            ],
          },
        },
      ],
    });
    const main = await master.waitForState('main', 'TASK_FINISHED');
    const side = await master.waitForState('side', 'TASK_FAILED');
    expect(main.status?.executor_id?.value).toBe('pod-exec');
    expect(side.executor_id?.value).toBe('pod-exec');
  });
});

describe('killing', () => {
  it('sends TASK_KILLING to frameworks that asked for it, then TASK_KILLED', async () => {
    master.autoAck = true;
    await start();
    const framework = { id: { value: 'fw' }, capabilities: [{ type: Capability.TASK_KILLING_STATE }] };
    master.send(run('long', { command: { value: 'sleep 30' } }, framework));
    await master.waitForState('long', 'TASK_RUNNING');
    master.send({ kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'long' } }] });
    const killed = await master.waitForState('long', 'TASK_KILLED');
    expect(master.statesFor('long')).toEqual(['TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
    expect(killed.status?.message).toBe('Command terminated with signal SIGTERM');
  });

  it('goes straight to TASK_KILLED for other frameworks, SIGKILLing after the kill grace period', async () => {
    master.autoAck = true;
    await start();
    master.send(run('stubborn', { command: { value: "trap '' TERM; sleep 30" } }));
    await master.waitForState('stubborn', 'TASK_RUNNING');
    await new Promise((r) => setTimeout(r, 100));
    master.send({
      kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'stubborn' }, kill_policy: { grace_period: { nanoseconds: 200e6 } } }],
    });
    const killed = await master.waitForState('stubborn', 'TASK_KILLED');
    expect(master.statesFor('stubborn')).toEqual(['TASK_RUNNING', 'TASK_KILLED']);
    expect(killed.status?.signal).toBe(9);
  });

  it('answers a kill for an unknown task with TASK_LOST, REASON_TASK_UNKNOWN', async () => {
    master.autoAck = true;
    await start();
    master.send({ kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'ghost' } }] });
    const lost = await master.waitForState('ghost', 'TASK_LOST');
    expect(lost.status).toMatchObject({ reason: Reason.REASON_TASK_UNKNOWN, source: Source.SOURCE_AGENT });
    expect(lost.status?.message).toContain('ghost');
  });

  it('kills every task of a framework that is shut down, and forgets the framework', async () => {
    master.autoAck = true;
    await start({ containerizers: ['fake'] });
    master.send(run('s1', {}, { id: { value: 'doomed' } }));
    master.send(run('s2', {}, { id: { value: 'doomed' } }));
    master.send(run('keep', {}, { id: { value: 'kept' } }));
    await master.waitForState('s1', 'TASK_RUNNING');
    await master.waitForState('s2', 'TASK_RUNNING');
    await master.waitForState('keep', 'TASK_RUNNING');
    master.send({ shutdown_frameworks: [{ framework_id: { value: 'doomed' } }] });
    const killed = await master.waitForState('s1', 'TASK_KILLED');
    expect(killed.status?.reason).toBe(Reason.REASON_FRAMEWORK_REMOVED);
    await master.waitForState('s2', 'TASK_KILLED');
    const state = await waitForState(agentPort(), (s) => (s.frameworks as unknown[]).length === 1);
    expect((state.frameworks as Array<{ id: string }>).map((f) => f.id)).toEqual(['kept']);
    expect(master.statesFor('keep')).toEqual(['TASK_RUNNING']);
  });
});

describe('losing the master', () => {
  it('re-registers with its id and tasks, and redelivers what was not acknowledged', async () => {
    await start({ containerizers: ['fake'], statusUpdateRetrySeconds: 60 });
    master.send(run('survivor', {}, { id: { value: 'fw' }, name: 'keeper' }));
    const running = await master.waitForState('survivor', 'TASK_RUNNING');
    master.dropStream();
    await master.waitFor(() => master.registrations.length >= 2, 'a re-registration');
    const again = master.registrations[1];
    expect(idOf(again.agent_info?.id)).toBe('agent-1');
    expect(again.tasks?.map((t) => [idOf(t.task_id), TaskState[t.state as number]])).toEqual([['survivor', 'TASK_RUNNING']]);
    expect(uuidKey(again.tasks?.[0].status_update_uuid)).toBe(uuidKey(running.status?.uuid));
    expect(again.frameworks?.map((f) => f.name)).toEqual(['keeper']);
    const redelivered = await master.waitForState('survivor', 'TASK_RUNNING', 2);
    expect(uuidKey(redelivered.status?.uuid)).toBe(uuidKey(running.status?.uuid));
  });

  it('finds a master that comes up late, or comes back on the same port', async () => {
    const port = master.port;
    await master.stop();
    agent = await startAgent({
      master: `127.0.0.1:${port}`,
      port: 0,
      workDir,
      logger: silentLogger,
      resources: 'cpus:1;mem:10;disk:10',
      reconnectMinMs: 50,
      reconnectMaxMs: 300,
    });
    await new Promise((r) => setTimeout(r, 2500)); // many failed attempts
    master = await FakeMaster.start(port);
    const started = Date.now();
    await agent.registered();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reconnects when the master falls silent for five heartbeat intervals', async () => {
    master.heartbeatSeconds = 0.05;
    await start();
    // The fake master never sends heartbeats.
    await master.waitFor(() => master.registrations.length >= 2, 'a reconnection after silence', 5000);
  });

  it('starts over as a new agent when the master says it was removed', async () => {
    master.autoAck = true;
    const a = await start();
    master.send(run('orphan', { command: { value: 'sleep 30' } }));
    await master.waitForState('orphan', 'TASK_RUNNING');
    master.agentId = 'agent-2';
    master.send({ error: { message: 'agent agent-1 was removed', shutdown: true } });
    await master.waitFor(() => master.registrations.length >= 2, 'a fresh registration');
    const fresh = master.registrations[1];
    expect(fresh.agent_info?.id).toBeFalsy();
    expect(fresh.tasks ?? []).toEqual([]);
    await master.waitFor(() => a.agentId() === 'agent-2', 'the new id');
  });
});

describe('bad input never stops the agent', () => {
  it('answers each bad run with a status update naming the problem and keeps running good ones', async () => {
    master.autoAck = true;
    await start({ containerizers: ['fake'] });
    master.send(run('no-command', { command: undefined }));
    master.send(run('too-big', { resources: [{ name: 'cpus', type: 0, scalar: { value: 64 } }] }));
    master.send(run('bad/id'));
    master.send({ run: [{ task: { task_id: { value: 'no-framework' }, command: { value: 'true' } } }] });
    master.send({ run: [{ framework: { id: { value: 'fw' } } }] });
    master.send(run('dup', { labels: { labels: [] } }));
    await master.waitForState('dup', 'TASK_RUNNING');
    master.send(run('dup'));

    const noCommand = await master.waitForState('no-command', 'TASK_ERROR');
    expect(noCommand.status).toMatchObject({ reason: Reason.REASON_TASK_INVALID, source: Source.SOURCE_AGENT });
    expect(noCommand.status?.message).toContain('task.command');

    const tooBig = await master.waitForState('too-big', 'TASK_DROPPED');
    expect(tooBig.status?.message).toContain('cpus: asked 64, agent holds 4');

    const badId = await master.waitForState('bad/id', 'TASK_ERROR');
    expect(badId.status?.message).toContain('slash');

    const dup = await master.waitForState('dup', 'TASK_ERROR');
    expect(dup.status?.message).toContain('already TASK_RUNNING');

    // Still alive: a good task runs and the first "dup" was not disturbed.
    master.send(run('fine', { labels: { labels: [{ key: 'run_for', value: '10ms' }] } }));
    await master.waitForState('fine', 'TASK_FINISHED');
    expect(master.statesFor('no-framework')).toEqual([]);
    const state = await fetchJson(agentPort(), '/state');
    const dupTask = (state.tasks as Array<Record<string, unknown>>).find((t) => t.id === 'dup');
    expect(dupTask?.state).toBe('TASK_RUNNING');
  });

  it('counts running tasks against the agent resources', async () => {
    master.autoAck = true;
    await start({ containerizers: ['fake'] });
    const three = [{ name: 'cpus', type: 0, scalar: { value: 3 }, reservations: [{ type: 2, role: 'web' }], allocation_role: 'web' }];
    master.send(run('first', { resources: three }));
    await master.waitForState('first', 'TASK_RUNNING');
    master.send(run('second', { resources: three }));
    const dropped = await master.waitForState('second', 'TASK_DROPPED');
    expect(dropped.status?.message).toContain('cpus: asked 3, agent holds 1');
  });

  it('kills a task still launching with TASK_KILLED, REASON_TASK_KILLED_DURING_LAUNCH', async () => {
    master.autoAck = true;
    await start({ containerizers: ['fake'] });
    master.send(run('slow', { labels: { labels: [{ key: 'start_delay', value: '300ms' }] } }));
    master.send({ kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'slow' } }] });
    const killed = await master.waitForState('slow', 'TASK_KILLED');
    expect(killed.status?.reason).toBe(Reason.REASON_TASK_KILLED_DURING_LAUNCH);
    await new Promise((r) => setTimeout(r, 500));
    expect(master.statesFor('slow')).toEqual(['TASK_KILLED']);
  });

  it('answers reconciliation by resending a pending update at once, with its uuid', async () => {
    await start({ containerizers: ['fake'], statusUpdateRetrySeconds: 600 });
    master.send(run('pending'));
    const first = await master.waitForState('pending', 'TASK_RUNNING');
    master.send({ reconcile: [{ framework_id: { value: 'fw' } }] });
    const again = await master.waitForState('pending', 'TASK_RUNNING', 2);
    expect(uuidKey(again.status?.uuid)).toBe(uuidKey(first.status?.uuid));
  });

  it('answers reconciliation without uuids', async () => {
    master.autoAck = true;
    await start({ containerizers: ['fake'] });
    master.send(run('known'));
    await master.waitForState('known', 'TASK_RUNNING');
    master.send({ reconcile: [{ framework_id: { value: 'fw' }, task_ids: [{ value: 'known' }, { value: 'unknown' }] }] });
    const known = await master.waitForState('known', 'TASK_RUNNING', 2);
    expect(known.status?.reason).toBe(Reason.REASON_RECONCILIATION);
    expect(known.status?.uuid?.length ?? 0).toBe(0);
    const unknown = await master.waitForState('unknown', 'TASK_LOST');
    expect(unknown.status?.uuid?.length ?? 0).toBe(0);
  });
});

describe('the HTTP endpoints', () => {
  it('serve /health, /state and the sandbox files, refusing what lies outside', async () => {
    master.autoAck = true;
    const a = await start();
    master.send(run('web', { command: { value: 'echo served; sleep 30' } }));
    await master.waitForState('web', 'TASK_RUNNING');

    const health = await fetch(`http://127.0.0.1:${a.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');

    const state = await fetchJson(a.port, '/state');
    expect(state).toMatchObject({ id: 'agent-1', hostname: 'agent-host', registered: true, attributes: { rack: 'a', zone: 1 } });
    expect(state.resources).toMatchObject({ cpus: 4, mem: 1024, ports: '[31000-31009]' });
    const task = (state.tasks as Array<Record<string, unknown>>).find((t) => t.id === 'web') as Record<string, unknown>;
    expect(task).toMatchObject({ state: 'TASK_RUNNING', framework_id: 'fw' });

    const stdoutPath = `${task.sandbox as string}/stdout`;
    await waitFor(async () => (await fetchJson(a.port, `/files/read?path=${encodeURIComponent(stdoutPath)}`)).data === 'served\n');
    const listing = (await fetchJson(a.port, `/files/browse?path=${encodeURIComponent(task.sandbox as string)}`)) as unknown as Array<{
      name: string;
    }>;
    expect(listing.map((e) => e.name)).toEqual(['stderr', 'stdout']);

    for (const [url, status] of [
      ['/files/read', 400],
      ['/files/read?path=../../etc/passwd', 403],
      ['/files/read?path=/etc/passwd', 403],
      [`/files/read?path=${encodeURIComponent(`${task.sandbox as string}/../../../../../../etc/passwd`)}`, 403],
      [`/files/read?path=${encodeURIComponent(`${task.sandbox as string}/missing`)}`, 404],
      [`/files/read?path=${encodeURIComponent(stdoutPath)}&offset=abc`, 400],
      ['/nothing-here', 404],
    ] as Array<[string, number]>) {
      const res = await fetch(`http://127.0.0.1:${a.port}${url}`);
      expect([url, res.status]).toEqual([url, status]);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    const post = await fetch(`http://127.0.0.1:${a.port}/state`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

function agentPort(): number {
  if (!agent) throw new Error('no agent');
  return agent.port;
}

async function fetchJson(port: number, url: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`);
  return (await res.json()) as Record<string, unknown>;
}

async function waitForState(port: number, condition: (state: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  let last: Record<string, unknown> = {};
  await waitFor(async () => condition((last = await fetchJson(port, '/state'))));
  return last;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 30));
  }
}
