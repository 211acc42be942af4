/**
 * Agent recovery with real processes: an agent killed with SIGKILL and
 * started again on the same work dir carries on as the same agent, and one
 * started with other resources registers as a new agent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState, httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { SchedulerDriver, compileTask } from '@meseta/sdk';
import type { Offer, TaskStatus } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { uuidKey } from '@meseta/proto/ids';
import { metaDir, taskFile } from '../../agent/checkpoint-layout';
import { silentLogger, type Logger } from '@meseta/runtime/log';

const stateName = (s: TaskStatus): string => pb.TaskState[s.state ?? 0];

/** A scheduler that acknowledges only when told, and notes the re-sends the SDK drops. */
class Scheduler {
  readonly offers: Offer[] = [];
  readonly updates: TaskStatus[] = [];
  /** `taskId uuid` of every re-sent update (the SDK drops them as duplicates). */
  readonly resent: string[] = [];
  readonly driver: SchedulerDriver;
  private readonly used = new Set<string>();

  constructor(master: string, name: string) {
    const logger: Logger = {
      ...silentLogger,
      debug: (message, fields) => {
        if (message === 'duplicate update') this.resent.push(`${String(fields?.taskId)} ${String(fields?.uuid)}`);
      },
      child: () => logger,
    };
    this.driver = new SchedulerDriver({
      master,
      logger,
      autoAcknowledge: false,
      framework: { name, failoverTimeoutSeconds: 300, checkpoint: true },
      handlers: {
        offers: (offers) => {
          this.offers.push(...offers);
        },
        update: (status) => {
          this.updates.push(status);
        },
      },
    });
  }

  async takeOffer(): Promise<Offer> {
    const offer = await waitFor(() => this.offers.find((o) => !this.used.has(o.id!.value!)), 15_000, 'an offer');
    this.used.add(offer.id!.value!);
    return offer;
  }

  states(taskId: string): string[] {
    return this.updates.filter((u) => u.task_id?.value === taskId).map(stateName);
  }

  waitState(taskId: string, state: string, timeoutMs = 20_000): Promise<TaskStatus> {
    return waitFor(
      () => this.updates.find((u) => u.task_id?.value === taskId && stateName(u) === state),
      timeoutMs,
      `task ${taskId} to reach ${state} (saw ${this.states(taskId).join(', ') || 'nothing'})`,
    );
  }
}

interface AgentTaskJson {
  id: string;
  state: string;
  pid?: number;
}

async function agentTasks(address: string): Promise<AgentTaskJson[]> {
  const response = await httpGet(address, '/state');
  return (JSON.parse(response.body) as { tasks: AgentTaskJson[] }).tasks;
}

/** Running, or at least not yet ended (a zombie counts as ended). */
function processRuns(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** The states of the unacknowledged updates in a task's checkpoint file (none while it is not there). */
function checkpointedStates(file: string): string[] {
  let json: { updates?: Array<{ status?: { state?: string | number } }> };
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof json;
  } catch {
    return [];
  }
  return (json.updates ?? []).map((u) => {
    const state = u.status?.state ?? 0;
    return typeof state === 'number' ? pb.TaskState[state] : state;
  });
}

describe('an agent killed with SIGKILL and started again', () => {
  let cluster: Cluster;
  let scheduler: Scheduler | undefined;

  beforeEach(async () => {
    cluster = await startCluster({ agents: 1, name: 'agent-recovery', masterFlags: ['--allocation-interval', '200ms'] });
  });

  afterEach(async () => {
    await scheduler?.driver.teardown().catch(() => undefined);
    scheduler = undefined;
    await cluster?.stop();
  });

  it('keeps its running task, reports the one that exited meanwhile with its exit code, and resends what was queued', async () => {
    const agent = cluster.agents[0];
    const oldId = agent.agentId;
    scheduler = new Scheduler(cluster.masterAddress, 'recovering');
    const frameworkId = await scheduler.driver.start();
    const offer = await scheduler.takeOffer();
    const tasks = [
      compileTask({ name: 'long', taskId: 'long', command: 'sleep 120', cpus: 0.1, mem: 16 }, offer),
      // Ends (exit 3) when the test drops `go` in its sandbox: while the agent is down, whatever the load.
      compileTask({ name: 'exits', taskId: 'exits', command: 'until [ -e go ]; do sleep 0.05; done; exit 3', cpus: 0.1, mem: 16 }, offer),
      compileTask({ name: 'queued', taskId: 'queued', command: 'sleep 1', cpus: 0.1, mem: 16 }, offer),
    ];
    await scheduler.driver.launch([offer.id!.value!], tasks);
    const longRunning = await scheduler.waitState('long', 'TASK_RUNNING');
    const exitsRunning = await scheduler.waitState('exits', 'TASK_RUNNING');
    const queuedRunning = await scheduler.waitState('queued', 'TASK_RUNNING');
    scheduler.driver.acknowledge(longRunning);
    scheduler.driver.acknowledge(exitsRunning);
    // `queued` ends while its TASK_RUNNING is unacknowledged: TASK_FINISHED waits behind it.
    const before = await waitFor(
      async () => {
        const list = await agentTasks(agent.address);
        return list.find((t) => t.id === 'queued')?.state === 'TASK_FINISHED' ? list : undefined;
      },
      10_000,
      'queued to finish on the agent',
    );
    // Its checkpoint is written in the next batch: wait for TASK_FINISHED to be on disk.
    const queuedCheckpoint = path.join(metaDir(agent.workDir), taskFile(frameworkId, 'queued'));
    await waitFor(() => checkpointedStates(queuedCheckpoint).includes('TASK_FINISHED'), 10_000, "queued's TASK_FINISHED in its checkpoint");
    const longPid = before.find((t) => t.id === 'long')!.pid!;
    const exitsPid = before.find((t) => t.id === 'exits')!.pid!;
    expect(processRuns(longPid)).toBe(true);

    expect(processRuns(exitsPid)).toBe(true);

    agent.kill('SIGKILL');
    await agent.meseta.exited;
    fs.writeFileSync(path.join(agent.workDir, 'frameworks', frameworkId, 'tasks', 'exits', 'runs', 'latest', 'go'), '');
    await waitFor(() => !processRuns(exitsPid), 10_000, '"exits" to end while the agent is down');
    expect(scheduler.states('exits')).toEqual(['TASK_RUNNING']);

    await agent.restart();
    expect(agent.agentId).toBe(oldId);
    expect(agent.meseta.stderr()).toContain('recovered agent');

    const failed = await scheduler.waitState('exits', 'TASK_FAILED');
    expect(failed.exit_code).toBe(3);
    expect(failed.message).toBe('Command exited with status 3');
    scheduler.driver.acknowledge(failed);

    // The TASK_RUNNING queued before the kill comes again with its uuid; TASK_FINISHED only after its acknowledgement.
    await waitFor(() => scheduler!.resent.includes(`queued ${uuidKey(queuedRunning.uuid)}`), 15_000, 'TASK_RUNNING of queued resent');
    expect(scheduler.states('queued')).toEqual(['TASK_RUNNING']);
    scheduler.driver.acknowledge(queuedRunning);
    const finished = await scheduler.waitState('queued', 'TASK_FINISHED');
    scheduler.driver.acknowledge(finished);
    expect(scheduler.states('queued')).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);

    // The long task was not relaunched: same process, no new update.
    const after = await agentTasks(agent.address);
    expect(after.find((t) => t.id === 'long')).toMatchObject({ state: 'TASK_RUNNING', pid: longPid });
    expect(processRuns(longPid)).toBe(true);
    expect(scheduler.states('long')).toEqual(['TASK_RUNNING']);
    const master = await getState(cluster.masterAddress);
    expect(master.tasks?.find((t) => t.task_id.value === 'long')?.state).toBe('TASK_RUNNING');

    // And it is still the agent's to kill.
    await scheduler.driver.kill('long', oldId);
    scheduler.driver.acknowledge(await scheduler.waitState('long', 'TASK_KILLING'));
    const killed = await scheduler.waitState('long', 'TASK_KILLED');
    expect(killed.message).toBe('Command terminated with signal SIGTERM');
    // The kill's updates are the next ones: nothing about `long` came in between since the restart.
    // (An unacknowledged TASK_KILLED may be resent later; the first three are the point.)
    expect(scheduler.states('long').slice(0, 3)).toEqual(['TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
    await waitFor(() => !processRuns(longPid), 10_000, 'the long task to be gone');
  });

  it('registers as a new agent when restarted with other resources, and kills what the old one ran', async () => {
    const agent = cluster.agents[0];
    const oldId = agent.agentId;
    scheduler = new Scheduler(cluster.masterAddress, 'abandoned');
    await scheduler.driver.start();
    const offer = await scheduler.takeOffer();
    await scheduler.driver.launch([offer.id!.value!], [compileTask({ name: 'old', taskId: 'old', command: 'sleep 120', cpus: 0.1, mem: 16 }, offer)]);
    await scheduler.waitState('old', 'TASK_RUNNING');
    const pid = (await agentTasks(agent.address)).find((t) => t.id === 'old')!.pid!;

    agent.kill('SIGKILL');
    await agent.meseta.exited;
    await agent.launch(['--port', String(agent.port), '--resources', 'cpus:1;mem:1024;disk:4096;ports:[31000-31999]']);
    expect(agent.agentId).not.toBe(oldId);
    expect(agent.meseta.stderr()).toMatch(/starting as a new agent .*resources changed/);
    await waitFor(() => !processRuns(pid), 10_000, "the old agent's task to be killed");
    const state = await getState(cluster.masterAddress);
    const fresh = state.agents?.find((a) => a.agent_info.id?.value === agent.agentId);
    expect(fresh?.agent_info.resources?.find((r) => r.name === 'cpus')?.scalar?.value).toBe(1);
    expect((await agentTasks(agent.address)).map((t) => t.id)).toEqual([]);
  });
});
