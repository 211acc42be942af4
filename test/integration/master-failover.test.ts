/**
 * Master high availability on a real ZooKeeper: three masters, two agents
 * and a scheduler all following the leader through ZooKeeper. The leader is
 * killed with SIGKILL; a new one is elected, rebuilds its state from the
 * registry and the re-registering agents, and nothing is launched twice.
 */
import type { Cluster } from '../harness/cluster';
import { nextLeader, startZooKeeperCluster, type ZooKeeperCluster } from '../harness/zk-cluster';
import { waitFor } from '../harness/wait-for';
import { getState, httpGet } from '../harness/operator';
import { compileTask } from '@meseta/sdk';
import { Recorder } from '../support/recorder';
import { launchesOf } from '../support/sandbox-census';

describe('master failover on ZooKeeper', () => {
  let bed: ZooKeeperCluster | undefined;
  let cluster: Cluster;
  let scheduler: Recorder | undefined;

  beforeAll(async () => {
    bed = await startZooKeeperCluster({ name: 'master-failover', zkPath: '/meseta', masters: 3, agents: 2 });
    cluster = bed.cluster;
  }, 120_000);

  afterAll(async () => {
    await scheduler?.driver.teardown().catch(() => undefined);
    await bed?.stop();
  });

  it('elects a new leader after SIGKILL; agents and the scheduler follow it and no task runs twice', async () => {
    const leader = await waitFor(() => cluster.leader(), 20_000, 'a leading master');
    const standby = cluster.masters.find((m) => m !== leader)!;
    // A master that does not lead redirects HTTP to the leader.
    const redirect = await httpGet(standby.address, '/state');
    expect(redirect.status).toBe(307);

    scheduler = new Recorder(cluster.masterAddress, { name: 'ha', failoverTimeoutSeconds: 300 });
    const frameworkId = await scheduler.driver.start();
    await waitFor(() => scheduler!.open().length >= 2, 20_000, 'an offer from each agent');
    const taskIds: string[] = [];
    for (const offer of scheduler.open().slice(0, 2)) {
      scheduler.used.add(offer.id!.value!);
      const ids = [0, 1].map((i) => `ha-${offer.agent_id!.value!.slice(0, 8)}-${i}`);
      const tasks = ids.map((id) => compileTask({ name: 'ha', taskId: id, command: 'sleep 300', cpus: 0.1, mem: 16 }, offer));
      await scheduler.driver.launch([offer.id!.value!], tasks);
      taskIds.push(...ids);
    }
    for (const id of taskIds) await scheduler.waitState(id, 'TASK_RUNNING');

    leader!.kill('SIGKILL');
    const next = await nextLeader(cluster, leader);
    // The agents re-register with the new leader and bring their tasks.
    await waitFor(
      async () => {
        const state = await getState(next.address);
        const active = (state.agents ?? []).filter((a) => a.status === 'ACTIVE').length;
        const running = (state.tasks ?? []).filter((t) => t.state === 'TASK_RUNNING').length;
        return active === 2 && running === taskIds.length;
      },
      40_000,
      'both agents and all tasks on the new leader',
    );
    // The scheduler followed: same framework id, a second subscription.
    await waitFor(() => scheduler!.subscribedCount >= 2, 40_000, 'the scheduler to re-subscribe with the new leader');
    const state = await getState(next.address);
    const fw = (state.frameworks ?? []).find((f) => f.framework_info?.id?.value === frameworkId);
    expect(fw?.connected).toBe(true);
    // Nothing ran twice.
    for (const id of taskIds) {
      const launches = cluster.agents.map((a) => launchesOf(a.workDir, id)).reduce((x, y) => x + y, 0);
      expect(launches).toBe(1);
    }
    // And the new leader can still kill them.
    for (const id of taskIds) await scheduler.driver.kill(id);
    for (const id of taskIds) await scheduler.waitState(id, 'TASK_KILLED', 30_000);
  }, 180_000);
});
