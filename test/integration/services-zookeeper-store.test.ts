/**
 * The frameworks' ZooKeeper state store on a real ZooKeeper: parents created
 * on the first write, replaced after, read back from a new session; the
 * node limit and an unreachable server are named.
 */
import { useZooKeeper } from '../setup/zookeeper';
import { ZooKeeperStateStore, parseZooKeeperUrl } from '../../frameworks/common/zookeeper-store';

describe('ZooKeeper state store', () => {
  const zookeeper = useZooKeeper();

  it('creates the node with its parents on the first write, replaces it after, and reads it from a new session', async () => {
    const url = zookeeper.server.url('/meseta/services/state');
    const store = ZooKeeperStateStore.fromUrl(url);
    expect(store.location).toBe(url);
    expect(await store.read()).toBeUndefined();
    await store.write('{"n":1}');
    await store.write('{"n":2}');
    await store.close();
    const again = ZooKeeperStateStore.fromUrl(url);
    expect(await again.read()).toBe('{"n":2}');
    await again.close();
  });

  it('refuses a document above the node limit before sending it', async () => {
    const store = ZooKeeperStateStore.fromUrl(zookeeper.server.url('/big'));
    await expect(store.write('x'.repeat(2 * 1024 * 1024))).rejects.toThrow(/above ZooKeeper's node limit/);
    await store.close();
  });

  it('says which servers did not answer', async () => {
    const store = ZooKeeperStateStore.fromUrl('zk://127.0.0.1:1/x', undefined, 1500);
    await expect(store.read()).rejects.toThrow(/no ZooKeeper server answered \(127.0.0.1:1\)/);
    await store.close();
  });

  it.each<[string, string]>([
    ['zk://127.0.0.1:2181', 'is not a ZooKeeper URL'],
    ['http://127.0.0.1:2181/x', 'is not a ZooKeeper URL'],
    ['zk://127.0.0.1:2181/', 'a path is required'],
  ])('refuses the URL %s', (url, message) => {
    expect(() => parseZooKeeperUrl(url)).toThrow(message);
  });
});
