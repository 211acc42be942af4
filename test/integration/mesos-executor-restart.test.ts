/**
 * A custom executor survives an agent restart (real master and agent,
 * in-process, over real sockets on 127.0.0.1; the executor is the raw-HTTP
 * fixture, `test/fixtures/raw-http-executor.js`):
 *
 * - the agent stops leaving its work running (`killTasks: false`) and
 *   starts again on the same port and work dir;
 * - it takes the checkpointed executor over, the executor SUBSCRIBEs again
 *   (MESOS_CHECKPOINT=1), its task is still TASK_RUNNING (no terminal
 *   update), a KILL and a framework message reach it through the new agent;
 * - an executor whose process died while the agent was away is not taken
 *   over: its task ends, naming the restart, and its resources come back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchedulerDriver, type FrameworkMessage } from '@meseta/sdk';
import type { ExecutorInfo, Offer, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { createLogger, silentLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';
import { startAgent, type AgentOptions, type RunningAgent } from '../../agent/index';
import { waitFor } from '../harness/wait-for';
import { freePort } from '../harness/free-port';
import { processAlive } from '../harness/process-alive';

const FIXTURE = path.resolve(__dirname, '../fixtures/raw-http-executor.js');

let dir: string;
let master: RunningMaster;
let agent: RunningAgent | undefined;
let agentOptions: AgentOptions;
let driver: SchedulerDriver;
const agentLog: string[] = [];
const offers: Offer[] = [];
const used = new Set<string>();
const updates: TaskStatus[] = [];
const messages: FrameworkMessage[] = [];
const startedPids: number[] = [];

const stateName = (s: TaskStatus): string => pb.TaskState[s.state ?? 0];
const states = (taskId: string): string[] => updates.filter((u) => u.task_id?.value === taskId).map(stateName);
const waitState = (taskId: string, state: string): Promise<TaskStatus> =>
  waitFor(() => updates.find((u) => u.task_id?.value === taskId && stateName(u) === state), 30_000, `task ${taskId} to reach ${state} (saw ${states(taskId).join(', ') || 'nothing'})`);

function executorInfo(id: string): ExecutorInfo {
  return {
    executor_id: { value: id },
    command: { value: `exec ${process.execPath} ${FIXTURE}` },
    resources: [{ name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 32 } }],
  };
}

async function launch(id: string, executor: ExecutorInfo, data: string): Promise<void> {
  await waitFor(() => offers.find((o) => !used.has(o.id!.value!)), 20_000, 'an offer');
  const open = offers.filter((o) => !used.has(o.id!.value!));
  for (const o of open) used.add(o.id!.value!);
  const t: TaskInfo = {
    name: id,
    task_id: { value: id },
    agent_id: open[0].agent_id,
    executor,
    data: Buffer.from(data),
    resources: [{ name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 16 } }],
  };
  await driver.launch(open.map((o) => o.id!.value!), [t], { refuseSeconds: 0 });
}

/** Pids of the fixture processes this test's agent started (their cwd is under `dir`). */
function executorPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cwd.startsWith(dir) && cmdline.includes('raw-http-executor.js') && !cmdline.startsWith('/bin/sh')) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function executorPidOf(executorId: string): number | undefined {
  return executorPids().find((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`MESOS_EXECUTOR_ID=${executorId}`);
    } catch {
      return false;
    }
  });
}

beforeAll(async () => {
  if (!fs.existsSync(FIXTURE)) throw new Error(`the executor fixture ${FIXTURE} is missing`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-executor-restart-'));
  master = await startMaster({ port: 0, logger: silentLogger });
  fs.mkdirSync(path.join(dir, 'agent'));
  agentOptions = {
    master: master.address,
    port: await freePort(),
    workDir: path.join(dir, 'agent'),
    resources: 'cpus:2;mem:512;disk:512',
    executorRegistrationTimeoutSeconds: 20,
    logger: createLogger('agent', 'debug', (l) => agentLog.push(l)),
  };
  agent = await startAgent(agentOptions);
  await agent.registered();
  driver = new SchedulerDriver({
    master: master.address,
    logger: silentLogger,
    framework: { name: 'executor-restart-test', user: os.userInfo().username, checkpoint: true, failoverTimeoutSeconds: 60 },
    handlers: {
      offers: (o) => {
        offers.push(...o);
      },
      rescind: (id) => {
        used.add(id);
      },
      update: (status) => {
        updates.push(status);
      },
      message: (m) => {
        messages.push(m);
      },
    },
  });
  await driver.start();
}, 60_000);

afterAll(async () => {
  await driver?.teardown().catch(() => undefined);
  await driver?.stop().catch(() => undefined);
  await agent?.stop();
  await master?.stop();
  for (const pid of [...startedPids, ...executorPids()]) {
    if (processAlive(pid)) process.kill(pid, 'SIGKILL'); // only if a check above failed: the executors are this test's
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.MESETA_TEST_DEBUG) console.log(agentLog.join('\n'));
}, 60_000);

it('takes a running executor over after a restart: it subscribes again and keeps its task; a dead one is reported', async () => {
  await launch('t-keep', executorInfo('keeper'), 'run');
  await waitState('t-keep', 'TASK_RUNNING');
  await launch('t-dies', executorInfo('dier'), 'run');
  await waitState('t-dies', 'TASK_RUNNING');
  const keeper = await waitFor(() => executorPidOf('keeper'), 10_000, 'the keeper executor');
  const dier = await waitFor(() => executorPidOf('dier'), 10_000, 'the dier executor');
  startedPids.push(keeper, dier);

  await agent!.stop({ killTasks: false });
  agent = undefined;
  expect(processAlive(keeper)).toBe(true);
  process.kill(dier, 'SIGKILL'); // dies while the agent is away
  await waitFor(() => !processAlive(dier), 10_000, 'the dier executor to die');

  agent = await startAgent(agentOptions);
  await agent.registered();
  await waitFor(() => agentLog.filter((l) => l.includes('executor subscribed') && l.includes('executor_id=keeper')).length === 2, 30_000, 'the keeper executor to subscribe again');
  expect(agentLog.join('\n')).toMatch(/executor of the previous run taken over.*executor_id=keeper/);

  // The dead one's task ends, naming the restart.
  const lost = await waitState('t-dies', 'TASK_FAILED');
  expect(lost.message).toMatch(/agent restarted/);
  // The kept one has had no terminal update, and answers through the new agent.
  expect(states('t-keep')).toEqual(['TASK_RUNNING']);
  const agentId = updates.find((u) => u.task_id?.value === 't-keep')!.agent_id!.value!;
  await driver.message(agentId, 'keeper', Buffer.from('ping:after-restart'));
  await waitFor(() => messages.find((m) => Buffer.from(m.data).toString() === 'pong:after-restart'), 20_000, 'the executor\'s answer after the restart');
  await driver.kill('t-keep');
  const killed = await waitState('t-keep', 'TASK_KILLED');
  expect(killed.message).toBe('killed by the executor');
  expect(processAlive(keeper)).toBe(true); // the executor stays (as Mesos), until its framework goes
}, 120_000);
