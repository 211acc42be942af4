/**
 * Ambassador: a pod member that gives the main container one local address
 * for a sharded backend. It listens on 127.0.0.1; a client sends one line,
 * the key, then whatever it wants; the ambassador picks the shard that owns
 * the key (a hash of the key over the shards, in id order) among the
 * endpoints of `--service` it follows through the master's watch API, and
 * pipes the connection there, key line included. The main container never
 * learns where the shards are, nor that they moved.
 *
 *   node dist/examples/ambassador.js --master 127.0.0.1:5050 --service kv --port-name kv --listen $PORT0
 *
 * `--master` defaults to $MESETA_MASTER, else the client config. With no
 * shard up, a client gets `no shard of <service>\n` and the connection closes.
 */
import * as net from 'node:net';
import { createHash } from 'node:crypto';
import { addressOf, watchService, type ServiceEndpoint } from '@meseta/sdk';

function flag(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const master = flag('master', process.env.MESETA_MASTER ?? '127.0.0.1:5050')!;
const service = flag('service', 'kv')!;
const portName = flag('port-name', '')!;
const listen = Number(flag('listen', process.env.PORT0 ?? '0'));

/** The shard owning `key`: a stable hash of the key over the shards in id order. */
export function shardFor(key: string, shards: readonly ServiceEndpoint[]): ServiceEndpoint | undefined {
  if (shards.length === 0) return undefined;
  const h = createHash('sha256').update(key).digest().readUInt32BE(0);
  return shards[h % shards.length];
}

const watch = watchService({ master, service, security: process.env.MESETA_TOKEN ? { token: process.env.MESETA_TOKEN } : undefined });
watch.onChange((list) => process.stdout.write(`ambassador: ${service} has ${list.length} shard(s): ${list.map((e) => e.taskId).join(', ')}\n`));
watch.onError((e) => process.stderr.write(`ambassador: watch: ${e.message}\n`));

const server = net.createServer((client) => {
  let head = Buffer.alloc(0);
  client.on('error', () => client.destroy());
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(10);
    if (nl < 0) {
      if (head.length > 4096) client.end('key line longer than 4096 bytes\n');
      return;
    }
    client.off('data', onData);
    client.pause();
    const key = head.subarray(0, nl).toString('utf8').trim();
    const shard = shardFor(key, watch.list().filter((e) => addressOf(e, portName)));
    const address = shard && addressOf(shard, portName);
    if (!address) {
      client.end(`no shard of ${service}\n`);
      return;
    }
    const upstream = net.connect(address.port, address.host, () => {
      upstream.write(head);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', (e) => client.end(`shard ${shard.taskId} unreachable: ${e.message}\n`));
  };
  client.on('data', onData);
});

void watch.ready().then(() => {
  server.listen(listen, '127.0.0.1', () => {
    process.stdout.write(`ambassador listening on 127.0.0.1:${(server.address() as net.AddressInfo).port} for ${service}\n`);
  });
});
const stop = (): void => {
  watch.close();
  server.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
