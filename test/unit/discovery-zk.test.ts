import { createLogger } from '@meseta/runtime/log';
import { ZkCallError } from '../../master/registry/zookeeper-surface';
import { EndpointIndex } from '../../master/discovery/endpoint-index';
import type { EndpointChange } from '../../master/discovery/endpoint-index';
import type { DiscoveryInstance } from '../../master/discovery/discovery-instance';
import { endpointZnodeData, endpointZnodePath, znodeName, znodeStep } from '../../master/discovery/zk-endpoint-node';
import { type EndpointZooKeeper, ZkEndpointPublisher } from '../../master/discovery/zk-publisher';
import type { WatchSource } from '../../master/discovery/watch-session';
import { masterOptionsFrom } from '../../cli/commands/master';
import { startMaster } from '../../master/index';

function inst(taskId: string, over: Partial<DiscoveryInstance> = {}): DiscoveryInstance {
  return {
    id: `f1/${taskId}`, service: 'web', framework: 'shop', frameworkId: 'f1', taskId, agentId: 'a1', host: 'agent-1', ip: '192.0.2.7',
    ports: [{ number: 31000, name: 'http', protocol: 'tcp' }], visibility: 'CLUSTER', ...over,
  };
}

/** ZooKeeper in memory with sessions: ephemeral nodes belong to one and go with it. */
class SessionZooKeeper {
  readonly nodes = new Map<string, { data: string; owner?: number }>([['/', { data: '' }]]);
  private next = 1;
  /** Calls refused while set (a lost connection). */
  down = false;

  session(): EndpointZooKeeper & { id: number; close(): void } {
    const id = this.next++;
    const check = (): void => {
      if (this.down) throw new ZkCallError('OTHER', 'connection loss');
    };
    const parent = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
    return {
      id,
      close: () => {
        for (const [p, n] of this.nodes) if (n.owner === id) this.nodes.delete(p);
      },
      children: async (p) => {
        check();
        if (!this.nodes.has(p)) return [];
        return [...this.nodes.keys()].filter((k) => k !== p && parent(k) === p).map((k) => k.slice(p.length + 1));
      },
      mkdirp: async (p) => {
        check();
        let at = '';
        for (const part of p.split('/').filter(Boolean)) {
          at += `/${part}`;
          if (!this.nodes.has(at)) this.nodes.set(at, { data: '' });
        }
      },
      createEphemeral: async (p, data) => {
        check();
        if (this.nodes.has(p)) throw new ZkCallError('NODE_EXISTS', `${p} exists`);
        if (!this.nodes.has(parent(p))) throw new ZkCallError('NO_NODE', `no parent of ${p}`);
        this.nodes.set(p, { data: data.toString(), owner: id });
      },
      setData: async (p, data) => {
        check();
        const n = this.nodes.get(p);
        if (!n) throw new ZkCallError('NO_NODE', `no ${p}`);
        n.data = data.toString();
      },
      remove: async (p) => {
        check();
        if (!this.nodes.has(p)) throw new ZkCallError('NO_NODE', `no ${p}`);
        this.nodes.delete(p);
      },
    };
  }

  /** Endpoint znodes (ephemeral ones) as path → [owner, data]. */
  endpoints(): Record<string, [number, unknown]> {
    return Object.fromEntries([...this.nodes].filter(([, n]) => n.owner !== undefined).map(([p, n]) => [p, [n.owner!, JSON.parse(n.data)]]).sort());
  }
}

/** A feed by hand: stage, commit, tell. */
class HandFeed implements WatchSource {
  readonly index = new EndpointIndex('m1');
  private readonly listeners = new Set<(c: EndpointChange) => void>();
  whenReady(reader: (index: EndpointIndex) => void): () => void {
    reader(this.index);
    return () => undefined;
  }
  subscribe(l: (c: EndpointChange) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  apply(stage: Array<[string, DiscoveryInstance | undefined]>): void {
    for (const [id, i] of stage) this.index.stage(id, i);
    const c = this.index.commit();
    if (c) for (const l of this.listeners) l(c);
  }
}

const quiet = createLogger('test', 'error', () => undefined);

describe('discovery in ZooKeeper: znodes', () => {
  it.each<[string, string, string]>([
    ['plain ids stay', 'web.1-a_b:c', 'web.1-a_b:c'],
    ['a slash is encoded', 'a/b', 'a%2Fb'],
    ['a percent is encoded', '50%', '50%25'],
    ['control characters are encoded', 'a\nb', 'a%0Ab'],
    ['"." is not a name', '.', '%2E'],
    ['".." is not a name', '..', '%2E%2E'],
    ['other letters stay', 'tâche', 'tâche'],
  ])('znodeName: %s', (_n, text, name) => expect(znodeName(text)).toBe(name));

  it('puts an endpoint under <root>/<framework>/<service>/<task id>', () => {
    expect(endpointZnodePath('/meseta/services', inst('web.1/x'))).toBe('/meseta/services/shop/web/web.1%2Fx');
  });

  it.each<[string, Partial<DiscoveryInstance>, object]>([
    ['named ports by name', {}, { host: '192.0.2.7', hostname: 'agent-1', ports: { http: 31000 } }],
    [
      'unnamed ports by place, UDP listed, labels kept',
      { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }, { number: 31001, name: '', protocol: 'tcp' }, { number: 31002, name: 'dns', protocol: 'udp' }], labels: { tier: 'front' } },
      { ports: { http: 31000, port1: 31001, dns: 31002 }, udp: ['dns'], labels: { tier: 'front' } },
    ],
    ['a repeated name keeps the first', { ports: [{ number: 1, name: 'a', protocol: 'tcp' }, { number: 2, name: 'a', protocol: 'tcp' }] }, { ports: { a: 1 } }],
  ])('endpointZnodeData: %s', (_n, over, expected) => {
    const data = endpointZnodeData(inst('t1', over));
    expect(data).toMatchObject(expected);
    expect(data).toMatchObject({ framework: 'shop', service: 'web', frameworkId: 'f1', taskId: 't1', agentId: 'a1', visibility: 'CLUSTER' });
    if (!('udp' in expected)) expect(data.udp).toBeUndefined();
  });

  it.each<[string, string | undefined, string | undefined, ReturnType<typeof znodeStep>]>([
    ['new endpoint', 'x', undefined, 'create'],
    ['changed endpoint', 'y', 'x', 'set'],
    ['same endpoint', 'x', 'x', undefined],
    ['gone endpoint', undefined, 'x', 'remove'],
    ['never written, not wanted', undefined, undefined, undefined],
  ])('znodeStep: %s', (_n, desired, written, step) => expect(znodeStep(desired, written)).toBe(step));
});

describe('discovery in ZooKeeper: the publisher', () => {
  const root = '/meseta/services';
  const paths = (zk: SessionZooKeeper): string[] => Object.keys(zk.endpoints());

  it('follows the feed: created, changed, moved to another service, removed', async () => {
    const zk = new SessionZooKeeper();
    const feed = new HandFeed();
    feed.apply([['f1/t1', inst('t1')]]);
    const p = new ZkEndpointPublisher(root, quiet);
    p.follow(feed);
    const s = zk.session();
    await p.attach(s);
    await p.idle();
    expect(zk.endpoints()).toEqual({ [`${root}/shop/web/t1`]: [s.id, endpointZnodeData(inst('t1'))] });
    feed.apply([['f1/t2', inst('t2')], ['f1/t1', inst('t1', { ip: '192.0.2.8' })]]);
    await p.idle();
    expect(zk.endpoints()[`${root}/shop/web/t1`][1]).toMatchObject({ host: '192.0.2.8' });
    expect(paths(zk)).toEqual([`${root}/shop/web/t1`, `${root}/shop/web/t2`]);
    feed.apply([['f1/t2', inst('t2', { service: 'api' })]]);
    await p.idle();
    expect(paths(zk)).toEqual([`${root}/shop/api/t2`, `${root}/shop/web/t1`]);
    feed.apply([['f1/t1', undefined], ['f1/t2', undefined]]);
    await p.idle();
    expect(paths(zk)).toEqual([]);
    // The service levels stay (persistent), so a child watch on them survives.
    expect(zk.nodes.has(`${root}/shop/web`)).toBe(true);
    p.stop();
  });

  it('publishes for the cluster audience: no FRAMEWORK endpoints; CLUSTER and EXTERNAL ones', async () => {
    const zk = new SessionZooKeeper();
    const feed = new HandFeed();
    feed.apply([['f1/t1', inst('t1', { visibility: 'FRAMEWORK' })], ['f1/t2', inst('t2')], ['f1/t3', inst('t3', { visibility: 'EXTERNAL' })]]);
    const p = new ZkEndpointPublisher(root, quiet);
    p.follow(feed);
    await p.attach(zk.session());
    await p.idle();
    expect(paths(zk)).toEqual([`${root}/shop/web/t2`, `${root}/shop/web/t3`]);
    p.stop();
  });

  it('a new session (a new leader) removes what another session left and publishes everything as its own', async () => {
    const zk = new SessionZooKeeper();
    const feed = new HandFeed();
    feed.apply([['f1/t1', inst('t1')], ['f1/t2', inst('t2')]]);
    const old = new ZkEndpointPublisher(root, quiet);
    old.follow(feed);
    const oldSession = zk.session();
    await old.attach(oldSession);
    await old.idle();
    old.stop();
    // The old leader died; its session has not expired yet. t2 ended meanwhile, t3 began.
    feed.apply([['f1/t2', undefined], ['f1/t3', inst('t3')]]);
    const next = new ZkEndpointPublisher(root, quiet);
    next.follow(feed);
    const s = zk.session();
    await next.attach(s);
    await next.idle();
    expect(Object.entries(zk.endpoints()).map(([path, [owner]]) => [path, owner])).toEqual([
      [`${root}/shop/web/t1`, s.id],
      [`${root}/shop/web/t3`, s.id],
    ]);
    // The old session's expiry takes nothing of the new leader's.
    oldSession.close();
    expect(paths(zk)).toEqual([`${root}/shop/web/t1`, `${root}/shop/web/t3`]);
    next.stop();
  });

  it('an expired session loses its nodes; the next one publishes them again, changes made meanwhile included', async () => {
    const zk = new SessionZooKeeper();
    const feed = new HandFeed();
    feed.apply([['f1/t1', inst('t1')]]);
    const p = new ZkEndpointPublisher(root, quiet);
    p.follow(feed);
    const first = zk.session();
    await p.attach(first);
    await p.idle();
    first.close();
    p.detach();
    feed.apply([['f1/t2', inst('t2')]]);
    expect(paths(zk)).toEqual([]);
    const second = zk.session();
    await p.attach(second);
    await p.idle();
    expect(paths(zk)).toEqual([`${root}/shop/web/t1`, `${root}/shop/web/t2`]);
    p.stop();
  });

  it('a write refused while the connection is lost is tried again, nothing lost', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const zk = new SessionZooKeeper();
      const feed = new HandFeed();
      const p = new ZkEndpointPublisher(root, quiet);
      p.follow(feed);
      await p.attach(zk.session());
      await p.idle();
      zk.down = true;
      feed.apply([['f1/t1', inst('t1')]]);
      const done = p.idle();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      expect(paths(zk)).toEqual([]);
      zk.down = false;
      await jest.advanceTimersByTimeAsync(1000);
      await done;
      expect(paths(zk)).toEqual([`${root}/shop/web/t1`]);
      p.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('discovery in ZooKeeper: the flag', () => {
  it.each<[string, string, RegExp]>([
    ['not a zk:// URL', '127.0.0.1:2181/meseta', /^--discovery-zk: "127.0.0.1:2181\/meseta" must look like zk:\/\/host:port\/path$/],
  ])('meseta master --discovery-zk refuses %s, naming the flag', (_n, value, message) => {
    expect(() => masterOptionsFrom({ discoveryZk: value })).toThrow(message);
  });

  it('takes a zk:// URL', () => {
    expect(masterOptionsFrom({ discoveryZk: 'zk://127.0.0.1:2181/meseta/services' }).discoveryZk).toBe('zk://127.0.0.1:2181/meseta/services');
  });

  it.each<[string, string, RegExp]>([
    ['no path', 'zk://127.0.0.1:2181', /^--discovery-zk: "zk:\/\/127.0.0.1:2181" is not a ZooKeeper URL/],
    ['only a slash as the path', 'zk://127.0.0.1:2181/', /^--discovery-zk: .*a path is required/],
    ['a host without a port', 'zk://127.0.0.1/meseta', /^--discovery-zk: .*must be host:port/],
  ])('startMaster refuses %s before it listens', async (_n, value, message) => {
    await expect(startMaster({ port: 0, discoveryZk: value, logger: quiet })).rejects.toThrow(message);
  });
});
