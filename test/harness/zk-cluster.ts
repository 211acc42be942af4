/**
 * Several masters and agents following each other through a real ZooKeeper,
 * set for fast failovers, and the wait for a new leader after the old one
 * is killed. For integration tests of master high availability.
 */
import { startCluster, type Cluster, type ClusterMaster } from './cluster';
import { startZooKeeper, type ZooKeeperServer } from '../setup/zookeeper';
import { waitFor } from './wait-for';

/** Master flags for a quick failover: a 2 s ZooKeeper session, agents pinged every second, 30 s to re-register. */
export const FAILOVER_MASTER_FLAGS: readonly string[] = ['--zk-session-timeout', '2s', '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5', '--agent-reregister-timeout', '30s', '--allocation-interval', '200ms'];

/** A ZooKeeper server and the cluster that keeps its registry and leader election in it. */
export interface ZooKeeperCluster {
  zk: ZooKeeperServer;
  cluster: Cluster;
  /** Stops the cluster, then ZooKeeper. */
  stop(): Promise<void>;
}

/**
 * Starts ZooKeeper, then `masters` masters (with FAILOVER_MASTER_FLAGS) and
 * `agents` agents under the ZooKeeper path `zkPath`. Stops ZooKeeper again
 * when the cluster does not start.
 */
export async function startZooKeeperCluster(opts: { name: string; zkPath: string; masters: number; agents: number }): Promise<ZooKeeperCluster> {
  const zk = await startZooKeeper();
  let cluster: Cluster;
  try {
    cluster = await startCluster({ name: opts.name, zk: zk.url(opts.zkPath), masters: opts.masters, agents: opts.agents, masterFlags: [...FAILOVER_MASTER_FLAGS] });
  } catch (err) {
    await zk.stop();
    throw err;
  }
  return {
    zk,
    cluster,
    stop: async () => {
      await cluster.stop();
      await zk.stop();
    },
  };
}

/** Waits (up to 30 s) for a master other than `old` to lead, and returns it. */
export function nextLeader(cluster: Cluster, old: ClusterMaster | undefined): Promise<ClusterMaster> {
  return waitFor(
    async () => {
      const m = await cluster.leader();
      return m && m !== old ? m : undefined;
    },
    30_000,
    'a new leading master',
  );
}
