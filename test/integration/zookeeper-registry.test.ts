/**
 * Leader election, leader detection and the registry on a real ZooKeeper.
 */
import { useZooKeeper } from '../setup/zookeeper';
import { ZooKeeperContender } from '../../master/leader/zookeeper-contender';
import { ZooKeeperMasterDetector } from '@meseta/runtime/master-detector';
import { ZooKeeperRegistryStore } from '../../master/registry/zookeeper-registry-store';
import { Registrar } from '../../master/registry/registrar';
import { admitAgent, putFramework } from '../../master/registry/registry-state';
import { waitFor } from '../harness/wait-for';

describe('ZooKeeper: election, detection, registry', () => {
  const zookeeper = useZooKeeper();

  it('elects the first contender, lets detectors find it, and hands over when it leaves', async () => {
    const url = zookeeper.server.url('/election-test');
    const a = new ZooKeeperContender(url);
    const b = new ZooKeeperContender(url);
    const detector = new ZooKeeperMasterDetector(url);
    try {
      await a.contend({ id: 'a', hostname: '127.0.0.1', port: 1111, address: { ip: '127.0.0.1', port: 1111 } });
      let bLeads = false;
      void b.contend({ id: 'b', hostname: '127.0.0.1', port: 2222, address: { ip: '127.0.0.1', port: 2222 } }).then(() => (bLeads = true));
      expect(await detector.leader(10_000)).toBe('127.0.0.1:1111');
      // b has its election node and has read the election: it knows a leads, so it is not the leader.
      await waitFor(() => b.leader()?.id === 'a', 20_000, 'the second contender to see the first lead');
      expect(bLeads).toBe(false);
      await a.close();
      await waitFor(() => bLeads, 20_000, 'the second contender to lead after the first left');
      await waitFor(() => detector.current() === '127.0.0.1:2222', 20_000, 'the detector to follow the new leader');
    } finally {
      detector.close();
      await a.close();
      await b.close();
    }
  });

  it('keeps every committed registry write across a new reader, and refuses a stale writer', async () => {
    const url = zookeeper.server.url('/registry-test');
    const c = new ZooKeeperContender(url);
    const d = new ZooKeeperContender(url);
    try {
      await c.contend({ id: 'c', hostname: '127.0.0.1', port: 1 });
      const first = new Registrar(new ZooKeeperRegistryStore(c.zkClient, c.path));
      await first.recover();
      await Promise.all([
        first.apply(admitAgent('agent-1', { hostname: 'h1', port: 5051 }, 1)),
        first.apply(putFramework('fw-1', { name: 'fw', user: 'u', failover_timeout: 60 }, 2)),
      ]);
      void d.contend({ id: 'd', hostname: '127.0.0.1', port: 2 });
      await waitFor(() => { try { return !!d.zkClient; } catch { return false; } }, 10_000, 'the second session');
      const second = new Registrar(new ZooKeeperRegistryStore(d.zkClient, d.path));
      const state = await second.recover();
      expect([...state.agents.keys()]).toEqual(['agent-1']);
      expect(state.frameworks.get('fw-1')?.info.failover_timeout).toBe(60);
      await second.apply(admitAgent('agent-2', { hostname: 'h2', port: 5051 }, 3));
      // The first writer's view is now stale: its write is refused.
      await expect(first.apply(admitAgent('agent-3', { hostname: 'h3', port: 5051 }, 4))).rejects.toThrow(/no longer the leader/);
    } finally {
      await c.close();
      await d.close();
    }
  });
});
