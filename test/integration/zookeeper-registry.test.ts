/**
 * Leader election, leader detection and the registry (chunked snapshot plus
 * log, fencing, migration from the single-znode layout) on a real ZooKeeper.
 */
import { useZooKeeper } from '../setup/zookeeper';
import { ZooKeeperContender } from '../../master/leader/zookeeper-contender';
import { ZooKeeperMasterDetector } from '@meseta/runtime/master-detector';
import { ZooKeeperRegistryLogStore } from '../../master/registry/zookeeper-registry-log-store';
import { zooKeeperSurface } from '../../master/registry/zookeeper-surface';
import { Registrar } from '../../master/registry/registrar';
import { admitAgent, emptyRegistry, putFramework, serializeRegistry } from '../../master/registry/registry-state';
import { ZkCreateMode, connectZooKeeper, create, getChildren, getData, mkdirp } from '@meseta/runtime/zk-client';
import { parseZooKeeperUrl } from '@meseta/runtime/zk-url';
import { waitFor } from '../harness/wait-for';
import { sampleAgentInfo } from '../support/sample-agent-info';

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

  it('keeps every committed registry write across a new leader, and refuses the old leader after the new one loaded', async () => {
    const url = zookeeper.server.url('/registry-test');
    const c = new ZooKeeperContender(url);
    const d = new ZooKeeperContender(url);
    try {
      await c.contend({ id: 'c', hostname: '127.0.0.1', port: 1 });
      let fatal: Error | undefined;
      const first = new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(c.zkClient), c.path), (e) => (fatal = e));
      await first.recover();
      await Promise.all([
        first.apply(admitAgent('agent-1', { hostname: 'h1', port: 5051 }, 1)),
        first.apply(putFramework('fw-1', { name: 'fw', user: 'u', failover_timeout: 60 }, 2)),
      ]);
      await first.apply(admitAgent('agent-0', { hostname: 'h0', port: 5051 }, 2));
      void d.contend({ id: 'd', hostname: '127.0.0.1', port: 2 });
      await waitFor(() => { try { return !!d.zkClient; } catch { return false; } }, 10_000, 'the second session');
      const second = new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(d.zkClient), d.path));
      const state = await second.recover();
      expect([...state.agents.keys()].sort()).toEqual(['agent-0', 'agent-1']);
      expect(state.frameworks.get('fw-1')?.info.failover_timeout).toBe(60);
      await second.apply(admitAgent('agent-2', { hostname: 'h2', port: 5051 }, 3));
      // The first master's append, fenced by ZooKeeper, is refused: it is no longer the leader.
      await expect(first.apply(admitAgent('agent-3', { hostname: 'h3', port: 5051 }, 4))).rejects.toThrow(/this master is no longer the leader/);
      expect(fatal?.message).toMatch(/registry write refused by ZooKeeper/);
      const third = new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(d.zkClient), d.path, { readOnly: true }));
      expect([...(await third.recover()).agents.keys()].sort()).toEqual(['agent-0', 'agent-1', 'agent-2']);
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('holds a registry of 20,000 agents in chunks under the znode limit, and a restarted master knows every agent', async () => {
    const url = zookeeper.server.url('/registry-20k');
    const { connectionString, path } = parseZooKeeperUrl(url);
    const agentInfo = sampleAgentInfo;
    const before = await connectZooKeeper(connectionString);
    let store: ZooKeeperRegistryLogStore | undefined;
    try {
      store = new ZooKeeperRegistryLogStore(zooKeeperSurface(before), path);
      // A small compaction threshold, so the registry ends as snapshots (several generations) plus a log;
      // waves of 500 would count as registration storms and defer compaction, so they do not here.
      const registrar = new Registrar(store, () => undefined, { minCompactBytes: 2 * 1024 * 1024, stormCallers: 1_000_000 });
      await registrar.recover();
      // Admissions arrive in waves, as registrations do: many share one durable write.
      for (let wave = 0; wave < 40; wave++) {
        await Promise.all(Array.from({ length: 500 }, (_, k) => registrar.apply(admitAgent(`agent-${wave * 500 + k}`, agentInfo(wave * 500 + k), wave))));
      }
      expect(registrar.compactions).toBeGreaterThan(1);
      await store.settled();
    } finally {
      before.close();
    }
    const after = await connectZooKeeper(connectionString);
    try {
      // Every znode of the registry is under the 256 KiB chunk limit.
      const root = `${path}/registry-store`;
      const header = JSON.parse((await getData(after, `${root}/header`))!.data.toString()) as { generation: number; chunks: number; bytes: number };
      expect(header.chunks).toBeGreaterThan(10);
      const generation = `${root}/g${String(header.generation).padStart(10, '0')}`;
      for (const dir of [`${generation}/snapshot`, `${generation}/log`]) {
        for (const name of await getChildren(after, dir)) expect((await getData(after, `${dir}/${name}`))!.data.length).toBeLessThanOrEqual(256 * 1024);
      }
      expect((await getChildren(after, `${generation}/log`)).length).toBeGreaterThan(0);
      expect((await getChildren(after, root)).filter((n) => n.startsWith('g'))).toHaveLength(1);
      const restarted = new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(after), path));
      const state = await restarted.recover();
      expect(state.agents.size).toBe(20_000);
      const missing = Array.from({ length: 20_000 }, (_, i) => `agent-${i}`).filter((id) => state.agents.get(id)?.info.hostname !== agentInfo(Number(id.slice(6))).hostname);
      expect(missing).toEqual([]);
      expect(state.agents.get('agent-19999')?.info.resources?.[3].ranges?.range?.[0].end).toBe(32000);
      // The restarted master writes on.
      await restarted.apply(admitAgent('agent-20000', agentInfo(20_000), 99));
    } finally {
      after.close();
    }
  }, 120_000);

  it('reports which operation of a multi failed, as the store reads it to tell a fence refusal from other failures', async () => {
    const { connectionString, path } = parseZooKeeperUrl(zookeeper.server.url('/multi-errors'));
    const client = await connectZooKeeper(connectionString);
    try {
      const zk = zooKeeperSurface(client);
      await zk.mkdirp(`${path}/dir`);
      const version = await zk.setData(`${path}/dir`, Buffer.from('x'));
      const created = await zk.multi([
        { kind: 'check', path: `${path}/dir`, version },
        { kind: 'create', path: `${path}/dir/r`, data: Buffer.from('a'), sequential: true },
      ]);
      expect(created[1]).toMatch(new RegExp(`^${path}/dir/r\\d{10}$`));
      await expect(zk.multi([
        { kind: 'check', path: `${path}/dir`, version: version + 1 },
        { kind: 'create', path: `${path}/dir/other`, data: Buffer.alloc(0) },
      ])).rejects.toMatchObject({ code: 'BAD_VERSION', index: 0 });
      await expect(zk.multi([
        { kind: 'check', path: `${path}/dir`, version },
        { kind: 'create', path: `${path}/dir/x`, data: Buffer.alloc(0) },
        { kind: 'create', path: `${path}/dir/x`, data: Buffer.alloc(0) },
      ])).rejects.toMatchObject({ code: 'NODE_EXISTS', index: 2 });
      // Nothing of a refused multi stays.
      expect((await zk.getChildren(`${path}/dir`))!.filter((n) => n === 'x' || n === 'other')).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('carries a registry of the single-znode layout over on load, and removes the old znode', async () => {
    const url = zookeeper.server.url('/registry-migration');
    const { connectionString, path } = parseZooKeeperUrl(url);
    const client = await connectZooKeeper(connectionString);
    try {
      // What the earlier store wrote: the whole registry as JSON in <path>/registry.
      const legacy = emptyRegistry();
      for (let i = 0; i < 1000; i++) admitAgent(`agent-${i}`, { hostname: `h${i}`, port: 5051 }, i)(legacy);
      putFramework('fw-1', { name: 'fw', user: 'u', failover_timeout: 60 }, 1)(legacy);
      await mkdirp(client, path);
      await create(client, `${path}/registry`, serializeRegistry(legacy), ZkCreateMode.PERSISTENT);
      const registrar = new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(client), path));
      const state = await registrar.recover();
      expect(state.agents.size).toBe(1000);
      expect(state.frameworks.get('fw-1')?.info.failover_timeout).toBe(60);
      expect(await getData(client, `${path}/registry`)).toBeUndefined();
      await registrar.apply(admitAgent('agent-1000', { hostname: 'h1000', port: 5051 }, 1000));
      const again = await new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(client), path)).recover();
      expect(again.agents.size).toBe(1001);
    } finally {
      client.close();
    }
  });
});
