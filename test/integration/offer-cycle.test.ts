/**
 * The whole offer cycle with real processes on loopback: a master and two
 * agents (`node dist/cli/meseta.js`), and schedulers written with the SDK.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { getCounter, getState } from '../harness/operator';
import { SchedulerDriver, compileTask, type SchedulerDriverOptions } from '@meseta/sdk';
import { OperationType } from '@meseta/proto/wire';
import { Recorder } from '../support/recorder';

describe('offer cycle on a real cluster', () => {
  let cluster: Cluster;
  const drivers: SchedulerDriver[] = [];

  beforeAll(async () => {
    cluster = await startCluster({
      agents: 2,
      name: 'offer-cycle',
      masterFlags: ['--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '3', '--allocation-interval', '200ms'],
    });
  });

  afterEach(async () => {
    // A failed test must not leave its framework holding offers for the next one.
    for (const d of drivers.splice(0)) await d.teardown().catch(() => undefined);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  function framework(name: string, extra: Partial<SchedulerDriverOptions['framework']> = {}, options: Partial<SchedulerDriverOptions> = {}): Recorder {
    const r = new Recorder(cluster.masterAddress, { name, ...extra }, options);
    drivers.push(r.driver);
    return r;
  }

  it('offers both agents, runs tasks to TASK_FINISHED and keeps their output in the sandbox', async () => {
    const fw = framework('runner');
    await fw.driver.start();
    await waitFor(() => fw.open().length >= 2, 10_000, 'an offer from each agent');
    const agentIds = new Set(fw.open().map((o) => o.agent_id!.value));
    expect(agentIds.size).toBe(2);
    const offer = fw.take();
    const task = compileTask({ name: 'hello', taskId: 'hello-1', command: 'echo hello from meseta', cpus: 0.1, mem: 32 }, offer);
    await fw.driver.launch([offer.id!.value!], [task]);
    await fw.waitState('hello-1', 'TASK_FINISHED');
    expect(fw.states('hello-1')).toEqual(expect.arrayContaining(['TASK_RUNNING', 'TASK_FINISHED']));
    const agent = cluster.agents.find((a) => a.agentId === offer.agent_id!.value)!;
    const stdout = findFile(agent.workDir, 'stdout', 'hello-1');
    expect(fs.readFileSync(stdout, 'utf8')).toContain('hello from meseta');
    const state = await getState(cluster.masterAddress);
    expect(JSON.stringify(state.completed_tasks)).toContain('hello-1');
    await fw.driver.teardown();
  });

  it('kills a task that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const fw = framework('killer', { capabilities: ['TASK_KILLING_STATE'] });
    await fw.driver.start();
    await waitFor(() => fw.open().length > 0, 10_000, 'an offer');
    const offer = fw.take();
    const task = compileTask(
      { name: 'stubborn', taskId: 'stubborn-1', command: "trap '' TERM; while true; do sleep 0.2; done", cpus: 0.1, mem: 32, killGracePeriodSeconds: 1 },
      offer,
    );
    await fw.driver.launch([offer.id!.value!], [task]);
    await fw.waitState('stubborn-1', 'TASK_RUNNING');
    await fw.driver.kill('stubborn-1', offer.agent_id!.value!);
    const killing = await fw.waitState('stubborn-1', 'TASK_KILLING');
    const killed = await fw.waitState('stubborn-1', 'TASK_KILLED');
    // SIGTERM was ignored: SIGKILL ended it, and only once the grace period had passed on
    // the agent's own clock (the timestamps it put on the two updates).
    expect(killed.message).toBe('Command terminated with signal SIGKILL');
    expect(killed.timestamp! - killing.timestamp!).toBeGreaterThanOrEqual(1);
    await fw.driver.teardown();
  });

  it('refuses bad launches with messages that name the problem, and malformed calls with the field', async () => {
    const fw = framework('careless');
    await fw.driver.start();
    await waitFor(() => fw.open().length > 0, 10_000, 'an offer');
    const offer = fw.take();
    const cpus = Number(offer.resources!.find((r) => r.name === 'cpus')!.scalar!.value);
    const big = compileTask({ name: 'big', taskId: 'big-1', command: 'true', cpus: 0.1, mem: 32 }, offer);
    big.resources = big.resources!.map((r) => (r.name === 'cpus' ? { ...r, scalar: { value: cpus + 4 } } : r));
    await fw.driver.launch([offer.id!.value!], [big]);
    const error = await fw.waitState('big-1', 'TASK_ERROR');
    expect(error.message).toContain(`cpus: asked ${cpus + 4}, offer holds ${cpus}`);

    const again = compileTask({ name: 'late', taskId: 'late-1', command: 'true', cpus: 0.1, mem: 32 }, offer);
    await fw.driver.launch([offer.id!.value!], [again]);
    const dropped = await fw.waitState('late-1', 'TASK_DROPPED');
    expect(dropped.message).toContain('unknown, expired or rescinded');

    // Malformed on the wire: the master answers INVALID_ARGUMENT naming the field.
    await expect(fw.driver.accept(['any-offer'], [{ type: OperationType.LAUNCH }])).rejects.toThrow(
      /INVALID_ARGUMENT.*accept\.operations\[0\]\.launch: required for a LAUNCH operation/,
    );
    await expect(fw.driver.accept([], [])).rejects.toThrow(/accept.offer_ids: required/);
    // The master is still fine.
    const state = await getState(cluster.masterAddress);
    expect(state.agents?.length).toBe(2);
    await fw.driver.teardown();
  });

  it('does not re-offer declined agents to that framework within refuse_seconds, and revive lifts it', async () => {
    const fw = framework('decliner');
    await fw.driver.start();
    await waitFor(() => fw.open().length >= 2, 10_000, 'an offer from each agent');
    const ids = fw.open().map((o) => o.id!.value!);
    ids.forEach((id) => fw.used.add(id));
    await fw.driver.decline(ids, { refuseSeconds: 3600, refusals: [{ name: 'cpus', requested: 64, available: 2, message: 'cpus: asked 64, offer holds 2' }] });
    const before = fw.offers.length;
    // Let the allocator run three more passes: each could have offered the declined agents
    // again. The master's own record says it did not: no outstanding offer for the framework.
    const runs = await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total');
    await waitFor(async () => (await getCounter(cluster.masterAddress, 'meseta_master_allocation_runs_total')) >= runs + 3, 10_000, 'three allocation passes after the decline');
    const state = await getState(cluster.masterAddress);
    const me = state.frameworks!.find((f) => f.framework_info?.name === 'decliner') as unknown as {
      offers?: unknown[];
      recent_declines?: Array<{ refusals?: Array<{ message?: string }> }>;
    };
    expect(me.offers ?? []).toEqual([]);
    expect(fw.offers.length).toBe(before);
    expect(JSON.stringify(me.recent_declines)).toContain('cpus: asked 64, offer holds 2');
    await fw.driver.revive();
    await waitFor(() => fw.offers.length > before, 10_000, 'offers again after REVIVE');
    await fw.driver.teardown();
  });

  it('lets a restarted scheduler resubscribe with its framework id and reconcile its running task', async () => {
    const first = framework('phoenix', { failoverTimeoutSeconds: 120 });
    const frameworkId = await first.driver.start();
    await waitFor(() => first.open().length > 0, 10_000, 'an offer');
    const offer = first.take();
    await first.driver.launch([offer.id!.value!], [compileTask({ name: 'long', taskId: 'long-1', command: 'sleep 60', cpus: 0.1, mem: 32 }, offer)]);
    await first.waitState('long-1', 'TASK_RUNNING');
    await first.driver.stop();

    const second = framework('phoenix', { failoverTimeoutSeconds: 120, id: frameworkId });
    expect(await second.driver.start()).toBe(frameworkId);
    await second.driver.reconcile();
    const status = await second.waitState('long-1', 'TASK_RUNNING');
    expect(status.agent_id!.value).toBe(offer.agent_id!.value);
    await second.driver.kill('long-1');
    await second.waitState('long-1', 'TASK_KILLED');
    await second.driver.teardown();
  });

  it('reports TASK_UNREACHABLE and rescinds offers when an agent is killed with SIGKILL', async () => {
    const fw = framework('watcher', { capabilities: ['PARTITION_AWARE', 'TASK_KILLING_STATE', 'MULTI_ROLE'] });
    await fw.driver.start();
    await waitFor(() => fw.open().length >= 2, 10_000, 'an offer from each agent');
    const victim = cluster.agents[1];
    const offerOnVictim = fw.open().find((o) => o.agent_id!.value === victim.agentId)!;
    fw.used.add(offerOnVictim.id!.value!);
    // Launch with part of the offer; the rest comes back as a new offer.
    await fw.driver.launch([offerOnVictim.id!.value!], [compileTask({ name: 'doomed', taskId: 'doomed-1', command: 'sleep 60', cpus: 0.1, mem: 32 }, offerOnVictim)], { refuseSeconds: 0 });
    await fw.waitState('doomed-1', 'TASK_RUNNING');
    const outstanding = await waitFor(() => fw.open().find((o) => o.agent_id!.value === victim.agentId), 10_000, 'a new offer on the victim agent');
    victim.kill('SIGKILL');
    const unreachable = await fw.waitState('doomed-1', 'TASK_UNREACHABLE', 20_000);
    expect(unreachable.message).toContain('unreachable');
    await waitFor(() => fw.rescinded.includes(outstanding.id!.value!), 10_000, 'the offer on the killed agent to be rescinded');
    const state = await getState(cluster.masterAddress);
    const agent = state.agents!.find((a) => a.agent_info?.id?.value === victim.agentId)!;
    expect(agent.status).toBe('UNREACHABLE');
    await fw.driver.teardown();
  });
});

/** Find a file named `name` under `root` whose path mentions `mustContain`. */
function findFile(root: string, name: string, mustContain: string): string {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name === name && full.includes(mustContain)) return full;
    }
  }
  throw new Error(`no ${name} under ${root} for ${mustContain}`);
}

