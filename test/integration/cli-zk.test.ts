/**
 * The read-only verbs with several masters: given `zk://` they find the
 * leader in ZooKeeper (loading the ZooKeeper client only then), and given a
 * standby master's address they follow its HTTP redirect to the leader.
 */
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { useZooKeeper } from '../setup/zookeeper';

describe('meseta agents and version with two masters in ZooKeeper', () => {
  const zookeeper = useZooKeeper();
  let cluster: Cluster | undefined;

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('find the leader through zk:// and through a standby master', async () => {
    cluster = await startCluster({ agents: 1, masters: 2, zk: zookeeper.server.url('/cli-zk'), name: 'zk' });
    const leader = await waitFor(() => cluster!.leader(), 20_000, 'a leading master');
    const standby = cluster.masters.find((m) => m !== leader)!;
    const agentRow = new RegExp(`^${cluster.agents[0].agentId}\\s+127\\.0\\.0\\.1\\s+\\S+\\s+ACTIVE\\s`, 'm');

    const viaZk = await runCli(['agents', '--master', cluster.masterAddress]);
    expect(viaZk.stderr).toBe('');
    expect(viaZk.stdout).toMatch(agentRow);

    const viaStandby = await runCli(['agents', '--master', standby.address]);
    expect(viaStandby.code).toBe(0);
    expect(viaStandby.stdout).toMatch(agentRow);

    const version = await runCli(['version', '--master', cluster.masterAddress]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^master ${cluster.masterAddress.replace(/[/.]/g, '\\$&')}: meseta \\S+$`, 'm'));
  }, 120_000);
});
