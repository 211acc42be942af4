/**
 * An agent started again on the work dir of a previous run, against an
 * in-test master: same id, same tasks, same pending updates (same uuids),
 * containers adopted; or a new agent when it is not the same one.
 *
 * The previous run is stopped with `killTasks: false` (its tasks keep
 * running, nothing is reported): what it leaves on disk is what a SIGKILL
 * leaves, since every change is checkpointed before it is sent. The real
 * `kill -9` is in test/integration/agent-recovery.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameworkInfo, MasterToAgent, TaskInfo } from '@meseta/proto/wire';
import { pb, Reason, TaskState } from '@meseta/proto/wire';
import { idOf, uuidKey } from '@meseta/proto/ids';
import { createLogger, silentLogger } from '@meseta/runtime/log';
import { startAgent, type AgentOptions, type RunningAgent } from '../../agent';
import { taskFile } from '../../agent/checkpoint-layout';
import { FakeMaster } from './fixtures/agent-fake-master';
import { processAlive as alive } from '../harness/process-alive';

let workDir: string;
let master: FakeMaster;
let agent: RunningAgent | undefined;
let logLines: string[];

const RESOURCES = 'cpus:4;mem:1024;disk:1000;ports:[31000-31009]';
const FRAMEWORK: FrameworkInfo = {
  id: { value: 'fw' },
  name: 'keeper',
  capabilities: [{ type: pb.FrameworkInfo.Capability.Type.TASK_KILLING_STATE }],
};

beforeEach(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-recovery-'));
  master = await FakeMaster.start();
  logLines = [];
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
    resources: RESOURCES,
    logger: createLogger('agent', 'info', (line) => logLines.push(line)),
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
    statusUpdateRetrySeconds: 60,
    ...options,
  });
  await agent.registered();
  return agent;
}

/** Stop the agent as a crash would leave things: tasks running, nothing reported. */
async function crash(): Promise<void> {
  await agent?.stop({ killTasks: false });
  agent = undefined;
}

function run(taskId: string, command: string, extra: Partial<TaskInfo> = {}): MasterToAgent {
  return {
    run: [
      {
        framework: FRAMEWORK,
        task: {
          name: taskId,
          task_id: { value: taskId },
          resources: [{ name: 'cpus', type: 0, scalar: { value: 0.1 }, allocation_role: '*' }],
          command: { value: command },
          ...extra,
        },
      },
    ],
  };
}

async function agentState(a: RunningAgent): Promise<{ tasks: Array<{ id: string; state: string; pid?: number }>; pending_status_updates: number }> {
  const response = await fetch(`http://127.0.0.1:${a.port}/state`);
  return (await response.json()) as { tasks: Array<{ id: string; state: string; pid?: number }>; pending_status_updates: number };
}


describe('an agent started again on its work dir', () => {
  it('re-registers with its old id and tasks, adopts the running one and resends pending updates with their uuids', async () => {
    await start();
    master.send(run('long', 'sleep 30'));
    master.send(run('short', 'sleep 0.5; exit 3'));
    const longRunning = await master.waitForState('long', 'TASK_RUNNING');
    const shortRunning = await master.waitForState('short', 'TASK_RUNNING');
    master.acknowledge(longRunning);
    const before = await agentState(agent!);
    const longPid = before.tasks.find((t) => t.id === 'long')!.pid!;
    await master.waitFor(async () => (await agentState(agent!)).pending_status_updates === 1, 'the ack of long');
    await crash();
    await new Promise((r) => setTimeout(r, 1000)); // short ends meanwhile

    const received = master.updates.length;
    await start();
    const register = master.registrations[1];
    expect(idOf(register.agent_info?.id)).toBe('agent-1');
    expect(register.frameworks?.map((f) => f.name)).toEqual(['keeper']);
    const tasks = new Map(register.tasks?.map((t) => [idOf(t.task_id), t]));
    expect(TaskState[tasks.get('long')?.state as number]).toBe('TASK_RUNNING');
    expect(TaskState[tasks.get('short')?.state as number]).toBe('TASK_FAILED');
    expect(uuidKey(tasks.get('short')?.status_update_uuid)).toBe(uuidKey(shortRunning.status?.uuid));

    const resent = await master.waitForState('short', 'TASK_RUNNING', 2);
    expect(uuidKey(resent.status?.uuid)).toBe(uuidKey(shortRunning.status?.uuid));
    master.acknowledge(resent);
    const failed = await master.waitForState('short', 'TASK_FAILED');
    expect(failed.status).toMatchObject({ exit_code: 3, message: 'Command exited with status 3' });
    expect(master.updates.slice(received).filter((u) => idOf(u.status?.task_id) === 'long')).toEqual([]);

    const after = await agentState(agent!);
    expect(after.tasks.find((t) => t.id === 'long')).toMatchObject({ state: 'TASK_RUNNING', pid: longPid });
    expect(alive(longPid)).toBe(true);

    master.send({ kill: [{ framework_id: { value: 'fw' }, task_id: { value: 'long' } }] });
    const killing = await master.waitForState('long', 'TASK_KILLING');
    master.acknowledge(killing);
    const killed = await master.waitForState('long', 'TASK_KILLED');
    expect(killed.status?.signal).toBe(os.constants.signals.SIGTERM);
    expect(alive(longPid)).toBe(false);
  });

  it('keeps nothing in its checkpoint for a task once its last update is acknowledged', async () => {
    master.autoAck = true;
    await start();
    master.send(run('done', 'true'));
    await master.waitForState('done', 'TASK_FINISHED');
    await master.waitFor(async () => (await agentState(agent!)).tasks.length === 0, 'the task to be forgotten');
    await crash();
    const meta = path.join(workDir, 'meta');
    expect(fs.readdirSync(meta).sort()).toEqual(['agent.json', 'frameworks', 'runs']);
    expect(fs.readdirSync(path.join(meta, 'frameworks'))).toEqual([]);
    expect(fs.readdirSync(path.join(meta, 'runs'))).toEqual([]);
  });

  it('finds a task whose launch was not yet checkpointed, by its container id, and reports it running', async () => {
    await start();
    master.send(run('early', 'sleep 30'));
    const running = await master.waitForState('early', 'TASK_RUNNING');
    master.acknowledge(running);
    await master.waitFor(async () => (await agentState(agent!)).pending_status_updates === 0, 'the ack');
    const pid = (await agentState(agent!)).tasks[0].pid!;
    await crash();
    // As if the agent died between starting the container and checkpointing it.
    const file = path.join(workDir, 'meta', taskFile('fw', 'early'));
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { task: Record<string, unknown> };
    record.task.phase = 'launching';
    delete record.task.container;
    delete record.task.containerizer;
    fs.writeFileSync(file, JSON.stringify(record));
    await start();
    const again = await master.waitForState('early', 'TASK_RUNNING', 2);
    expect(uuidKey(again.status?.uuid)).not.toBe(uuidKey(running.status?.uuid));
    expect((await agentState(agent!)).tasks[0]).toMatchObject({ state: 'TASK_RUNNING', pid });
  });
});

describe('an agent that is not the one checkpointed', () => {
  it('registers as a new agent when its resources changed, kills the old tasks and says why', async () => {
    await start();
    master.send(run('old', 'sleep 30'));
    await master.waitForState('old', 'TASK_RUNNING');
    const pid = (await agentState(agent!)).tasks[0].pid!;
    await crash();
    master.agentId = 'agent-2';
    await start({ resources: 'cpus:2;mem:1024;disk:1000;ports:[31000-31009]' });
    expect(master.registrations[1].agent_info?.id).toBeFalsy();
    expect(master.registrations[1].tasks).toEqual([]);
    expect(agent!.agentId()).toBe('agent-2');
    expect(logLines.join('\n')).toMatch(/WARN agent\.recovery starting as a new agent reason="resources changed .*previous_agent_id=agent-1/);
    expect(alive(pid)).toBe(false);
    await master.waitFor(() => JSON.parse(fs.readFileSync(path.join(workDir, 'meta', 'agent.json'), 'utf8')).agent_id === 'agent-2', 'the new id on disk');
  });

  it('registers as a new agent when its work dir was wiped', async () => {
    await start();
    await crash();
    fs.rmSync(path.join(workDir, 'meta'), { recursive: true });
    master.agentId = 'agent-2';
    await start();
    expect(master.registrations[1].agent_info?.id).toBeFalsy();
    expect(logLines.join('\n')).toContain('starting as a new agent reason="no checkpoint (first start, or the work dir was wiped)"');
  });

  it.each([
    ['not JSON', '{"format": 1, "agent_id": "agent-', 'is not valid JSON'],
    ['from a newer agent', JSON.stringify({ format: 99, agent_id: 'agent-1' }), 'format: 99 is newer than this agent understands'],
  ])('refuses to start when agent.json is %s, naming the file and the way out', async (_name, content, problem) => {
    fs.mkdirSync(path.join(workDir, 'meta'), { recursive: true });
    const file = path.join(workDir, 'meta', 'agent.json');
    fs.writeFileSync(file, content);
    await expect(start()).rejects.toThrow(`checkpoint ${file} `);
    await expect(start()).rejects.toThrow(problem);
    await expect(start()).rejects.toThrow('to start as a new agent');
    expect(master.registrations).toEqual([]);
  });

  it('skips a corrupt task file with an error naming it, and recovers the rest', async () => {
    await start();
    master.send(run('good', 'sleep 30'));
    master.send(run('bad', 'sleep 30'));
    await master.waitForState('good', 'TASK_RUNNING');
    await master.waitForState('bad', 'TASK_RUNNING');
    const badPid = (await agentState(agent!)).tasks.find((t) => t.id === 'bad')!.pid!;
    await crash();
    const file = path.join(workDir, 'meta', taskFile('fw', 'bad'));
    fs.writeFileSync(file, '{"format": 1, "framework_id": "fw", "task_id": "bad", "task": {');
    await start();
    expect(master.registrations[1].tasks?.map((t) => idOf(t.task_id))).toEqual(['good']);
    expect(logLines.join('\n')).toContain(`ERROR agent.recovery corrupt checkpoint file skipped (renamed .corrupt); its task will be reported lost by the master file=${file}`);
    expect(fs.existsSync(`${file}.corrupt`)).toBe(true);
    process.kill(-badPid, 'SIGKILL'); // nobody knows it any more
  });

  it('forgets its checkpoint when the master says it was removed', async () => {
    master.autoAck = true;
    await start();
    master.send(run('doomed', 'sleep 30'));
    await master.waitForState('doomed', 'TASK_RUNNING');
    master.agentId = 'agent-2';
    master.send({ error: { message: 'agent agent-1 was removed', shutdown: true } });
    await master.waitFor(() => master.registrations.length >= 2, 'a fresh registration');
    await master.waitFor(() => JSON.parse(fs.readFileSync(path.join(workDir, 'meta', 'agent.json'), 'utf8')).agent_id === 'agent-2', 'the new id on disk');
    expect(fs.existsSync(path.join(workDir, 'meta', taskFile('fw', 'doomed')))).toBe(false);
  });
});

