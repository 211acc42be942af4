/**
 * The ZooKeeper state store against a small in-process stand-in that
 * speaks the same jute framing (connect, create, getData, setData, ping,
 * close): creation of parents on the first write, replacement afterwards,
 * reading back from a new session, and the errors it names.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { JuteReader, JuteWriter, PacketSplitter, parseHosts } from '../../frameworks/common/zookeeper-client';
import { ZooKeeperStateStore, parseZooKeeperUrl } from '../../frameworks/common/zookeeper-store';

/** A ZooKeeper stand-in: persistent nodes in a map, one session per connection. */
function fakeZooKeeper(): Promise<{ port: number; nodes: Map<string, Buffer>; ops: string[]; close(): Promise<void> }> {
  const nodes = new Map<string, Buffer>([['/', Buffer.alloc(0)]]);
  const ops: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const splitter = new PacketSplitter();
    let session = false;
    socket.on('data', (chunk: Buffer) => {
      for (const packet of splitter.push(chunk)) {
        const r = new JuteReader(packet);
        if (!session) {
          session = true;
          r.int();
          r.long();
          const timeout = r.int();
          socket.write(new JuteWriter().int(0).int(timeout).long(42n).buffer(Buffer.alloc(16)).bool(false).toBuffer(true));
          continue;
        }
        const xid = r.int();
        const op = r.int();
        const reply = (err: number, body = new JuteWriter()): void => {
          socket.write(new JuteWriter().buffer(Buffer.concat([new JuteWriter().int(xid).long(1n).int(err).toBuffer(), body.toBuffer()])).toBuffer());
        };
        const stat = (w: JuteWriter): JuteWriter => {
          for (let i = 0; i < 4; i++) w.long(0n);
          w.int(0).int(0).int(0).long(0n).int(0).int(0).long(0n);
          return w;
        };
        if (op === 11) { reply(0); continue; }
        if (op === -11) { reply(0); socket.end(); continue; }
        const path = r.string();
        ops.push(`${op}:${path}`);
        const parent = path.slice(0, path.lastIndexOf('/')) || '/';
        if (op === 4) {
          const data = nodes.get(path);
          if (!data) reply(-101);
          else reply(0, stat(new JuteWriter().buffer(data)));
        } else if (op === 5) {
          const data = r.buffer() ?? Buffer.alloc(0);
          if (!nodes.has(path)) reply(-101);
          else {
            nodes.set(path, Buffer.from(data));
            reply(0, stat(new JuteWriter()));
          }
        } else if (op === 1) {
          const data = r.buffer() ?? Buffer.alloc(0);
          if (nodes.has(path)) reply(-110);
          else if (!nodes.has(parent)) reply(-101);
          else {
            nodes.set(path, Buffer.from(data));
            reply(0, new JuteWriter().string(path));
          }
        } else {
          reply(-6);
        }
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        nodes,
        ops,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    ),
  );
}

describe('ZooKeeper state store', () => {
  it('creates the node with its parents on the first write, replaces it after, and reads it from a new session', async () => {
    const zk = await fakeZooKeeper();
    try {
      const url = `zk://127.0.0.1:${zk.port}/meseta/services/state`;
      const store = ZooKeeperStateStore.fromUrl(url);
      expect(store.location).toBe(url);
      expect(await store.read()).toBeUndefined();
      await store.write('{"n":1}');
      await store.write('{"n":2}');
      await store.close();
      expect([...zk.nodes.keys()].sort()).toEqual(['/', '/meseta', '/meseta/services', '/meseta/services/state']);
      const again = ZooKeeperStateStore.fromUrl(url);
      expect(await again.read()).toBe('{"n":2}');
      await again.close();
      expect(zk.ops.filter((o) => o.startsWith('1:'))).toEqual(['1:/meseta', '1:/meseta/services', '1:/meseta/services/state']);
    } finally {
      await zk.close();
    }
  });

  it('refuses a document above the node limit before sending it', async () => {
    const zk = await fakeZooKeeper();
    try {
      const store = ZooKeeperStateStore.fromUrl(`zk://127.0.0.1:${zk.port}/big`);
      await expect(store.write('x'.repeat(2 * 1024 * 1024))).rejects.toThrow(/above ZooKeeper's node limit/);
      await store.close();
    } finally {
      await zk.close();
    }
  });

  it('says which servers did not answer', async () => {
    const zk = await fakeZooKeeper();
    const port = zk.port;
    await zk.close();
    const store = ZooKeeperStateStore.fromUrl(`zk://127.0.0.1:${port}/x`);
    await expect(store.read()).rejects.toThrow(new RegExp(`no ZooKeeper server answered \\(127.0.0.1:${port}\\)`));
    await store.close();
  });

  it.each<[string, string]>([
    ['zk://127.0.0.1:2181', 'is not zk://host:port[,host:port]/path'],
    ['http://127.0.0.1:2181/x', 'is not zk://host:port[,host:port]/path'],
    ['zk://127.0.0.1:2181/', 'needs a node path'],
  ])('refuses the URL %s', (url, message) => {
    expect(() => parseZooKeeperUrl(url)).toThrow(message);
  });

  it('reads several hosts with default ports', () => {
    expect(parseHosts('a:1,b')).toEqual([{ host: 'a', port: 1 }, { host: 'b', port: 2181 }]);
  });
});
