/**
 * Reservations across a leader's death on a real ZooKeeper (issue 14): two
 * masters keep the registry in ZooKeeper; a framework reserves through the
 * leader in an ACCEPT (OPERATION_FINISHED: durable) and an operator reserves
 * with the CLI; the leader is killed with SIGKILL; the new leader applies
 * both reservations to the re-registering agent and offers them to the
 * framework's role.
 */
import type { Cluster } from '../harness/cluster';
import { nextLeader, startZooKeeperCluster, type ZooKeeperCluster } from '../harness/zk-cluster';
import { waitFor } from '../harness/wait-for';
import { runCli } from '../harness/cli';
import { getState } from '../harness/operator';
import { Recorder } from '../support/recorder';
import { OperationType, pb, type Offer, type Resource } from '@meseta/proto/wire';

const cpus = (value: number, principal: string): Resource => ({
  name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value }, reservations: [{ type: 2, role: 'eng', principal }], allocation_role: 'eng',
});
/** Cpus reserved for eng in a resource list, by the principal that reserved them. */
const reservedBy = (resources: ReadonlyArray<{ name?: string | null; scalar?: { value?: number | null } | null; reservations?: ReadonlyArray<{ role?: string | null; principal?: string | null }> | null }> | null | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of resources ?? []) {
    const top = r.reservations?.[r.reservations.length - 1];
    if (r.name !== 'cpus' || top?.role !== 'eng') continue;
    out[top.principal ?? ''] = (out[top.principal ?? ''] ?? 0) + (r.scalar?.value ?? 0);
  }
  return out;
};

describe('reservations across a master failover on ZooKeeper', () => {
  let bed: ZooKeeperCluster | undefined;
  let cluster: Cluster;
  let eng: Recorder | undefined;

  beforeAll(async () => {
    bed = await startZooKeeperCluster({ name: 'reservations-zookeeper', zkPath: '/meseta-reservations', masters: 2, agents: 1 });
    cluster = bed.cluster;
  }, 120_000);

  afterAll(async () => {
    await eng?.driver.teardown().catch(() => undefined);
    await bed?.stop();
  });

  it('a reservation made through the leader is in the new leader\'s offers after the leader is killed', async () => {
    const leader = await waitFor(() => cluster.leader(), 20_000, 'a leading master');
    const agentId = cluster.agents[0].agentId;

    // The operator reserves through the leader (the CLI follows ZooKeeper); answered once durable.
    const byOps = await runCli(['reserve', agentId, 'cpus:0.25', '--role', 'eng', '--principal', 'ops', '--master', cluster.masterAddress]);
    expect([byOps.code, byOps.stderr]).toEqual([0, '']);

    // A framework reserves in an ACCEPT; OPERATION_FINISHED says it is durable.
    eng = new Recorder(cluster.masterAddress, { name: 'zk-eng', roles: ['eng'], principal: 'fw', failoverTimeoutSeconds: 300 });
    await eng.driver.start();
    const offer = await waitFor(() => eng!.open()[0], 20_000, 'an offer to the eng framework');
    eng.used.add(offer.id!.value!);
    await eng.driver.accept([offer.id!.value!], [{ type: OperationType.RESERVE, id: { value: 'zk-res' }, reserve: { resources: [cpus(0.5, 'fw')] } }]);
    const finished = await waitFor(() => eng!.operationStatuses.find((s) => s.operation_id?.value === 'zk-res'), 15_000, 'OPERATION_FINISHED of zk-res');
    expect(pb.OperationState[finished.state ?? 0]).toBe('OPERATION_FINISHED');

    leader!.kill('SIGKILL');
    const next = await nextLeader(cluster, leader);
    // The agent re-registers with its plain --resources; the new leader applies the registry's reservations.
    await waitFor(
      async () => {
        const state = await getState(next.address);
        const agent = (state.agents ?? []).find((a) => a.agent_info?.id?.value === agentId && a.status === 'ACTIVE');
        const held = reservedBy(agent?.total_resources as never);
        return held.fw === 0.5 && held.ops === 0.25;
      },
      40_000,
      'the agent on the new leader with both reservations',
    );
    // The framework follows the new leader and is offered what is reserved for its role.
    const subscribedBefore = eng.subscribedCount;
    await waitFor(() => eng!.subscribedCount > subscribedBefore || eng!.subscribedCount >= 2, 40_000, 'the framework to re-subscribe with the new leader');
    const offered: Offer = await waitFor(
      () => eng!.open().find((o) => {
        const held = reservedBy(o.resources);
        return held.fw === 0.5 && held.ops === 0.25;
      }),
      40_000,
      'an offer from the new leader holding both reservations',
    );
    expect(offered.agent_id?.value).toBe(agentId);
  }, 180_000);
});
