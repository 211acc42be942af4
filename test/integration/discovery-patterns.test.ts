/**
 * The ambassador and adapter examples (examples/ambassador.ts,
 * examples/adapter.ts) run for real as pod members of services-framework
 * apps on a real cluster: the ambassador routes keys to the shards of a
 * `kv` service it follows through the master's watch API (and follows a
 * shard added later); the adapter turns its main container's `name=value`
 * stats into Prometheus text.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '../harness/wait-for';
import { REPO_ROOT } from '../harness/paths';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { requestJson } from '../../frameworks/common/http-client';
import { startServicesFramework } from '../../frameworks/services/server';
import type { AppView } from '../../frameworks/services/services-api';
import { httpGet, nodeCommand } from './services-fixtures';

/** A shard: on $PORT0, answers each connection's first line with `<instance> <line>`. */
const SHARD = `
require('net').createServer((s) => {
  let buf = '';
  s.on('data', (c) => {
    buf += c;
    const nl = buf.indexOf('\\n');
    if (nl >= 0) s.end(process.env.MESETA_INSTANCE_ID + ' ' + buf.slice(0, nl) + '\\n');
  });
}).listen(Number(process.env.PORT0), '127.0.0.1');
`;

/** A main container with its own metric format: name=value lines at /stats on $PORT0. */
const STATS = `
let n = 0;
require('http').createServer((req, res) => {
  if (req.url === '/stats') { n++; res.end('requests_total=' + n + '\\nqueue depth=3\\nstatus=ok\\n'); return; }
  res.end('hello');
}).listen(Number(process.env.PORT0), '127.0.0.1');
`;

function askThrough(port: number, key: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`${key}\n`));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (c: string) => (out += c));
    s.on('end', () => resolve(out.trim()));
    s.on('error', reject);
  });
}

describe('patterns: ambassador and adapter as pod members', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-patterns-',
    cluster: { agents: 2, name: 'discovery-patterns', masterFlags: ['--allocation-interval', '100ms'] },
    component: 'services',
    start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1 }),
  });
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-patterns-programs-'));
    fs.writeFileSync(path.join(dir, 'shard.js'), SHARD);
    fs.writeFileSync(path.join(dir, 'stats.js'), STATS);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const example = (name: string): string => path.join(REPO_ROOT, 'dist', 'examples', `${name}.js`);
  const running = (id: string, n: number): Promise<AppView> =>
    waitFor(async () => {
      const v = await api<AppView>('GET', `/v1/apps/${id}`);
      return v.running === n ? v : undefined;
    }, 60_000, `${id} with ${n} running`, 100);

  it('the ambassador routes each key to one shard found through the watch API, and follows a new shard', async () => {
    await api('POST', '/v1/apps', { id: 'kv', instances: 2, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(path.join(dir, 'shard.js')), discovery: { ports: ['kv'] } });
    const kv = await running('kv', 2);
    await api('POST', '/v1/apps', {
      id: 'front', instances: 1,
      pod: {
        containers: [
          { name: 'main', command: 'sleep 3600', cpus: 0.1, mem: 16, ports: 0 },
          { name: 'ambassador', command: `${nodeCommand(example('ambassador'))} --master ${bed.cluster.masterAddress} --service kv --port-name kv`, cpus: 0.1, mem: 64, ports: 1 },
        ],
      },
    });
    const front = await running('front', 1);
    const port = front.tasks[0].ports[0];
    const shards = new Set(kv.tasks.map((t) => t.instanceId));
    const answers = new Map<string, string>();
    await waitFor(async () => {
      try {
        return (await askThrough(port, 'warm-up')).split(' ')[1] === 'warm-up';
      } catch {
        return false;
      }
    }, 20_000, 'the ambassador answering', 100);
    for (let i = 0; i < 20; i++) {
      const key = `key-${i}`;
      const [instance, echoed] = (await askThrough(port, key)).split(' ');
      expect(echoed).toBe(key);
      expect(shards.has(instance)).toBe(true);
      answers.set(key, instance);
    }
    // Both shards get keys, and a key always goes to the same shard.
    expect(new Set(answers.values()).size).toBe(2);
    expect((await askThrough(port, 'key-3')).split(' ')[0]).toBe(answers.get('key-3'));
    // A third shard: the ambassador sees it without a restart.
    await api('POST', '/v1/apps/kv/scale', { instances: 3 });
    const kv3 = await running('kv', 3);
    await waitFor(async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 30; i++) seen.add((await askThrough(port, `k${i}`)).split(' ')[0]);
      return seen.size === 3 && [...seen].every((s) => kv3.tasks.some((t) => t.instanceId === s));
    }, 20_000, 'keys reaching the third shard', 200);
  });

  it('the adapter serves the main container\'s stats as Prometheus text', async () => {
    await api('POST', '/v1/apps', {
      id: 'stats', instances: 1,
      pod: {
        containers: [
          { name: 'main', command: nodeCommand(path.join(dir, 'stats.js')), cpus: 0.1, mem: 32, ports: 1 },
          { name: 'adapter', command: `${nodeCommand(example('adapter'))} --prefix shop`, cpus: 0.1, mem: 32, ports: 1 },
        ],
      },
    });
    const view = await running('stats', 1);
    const [, adapterPort] = view.tasks[0].ports;
    const body = await waitFor(async () => {
      try {
        const r = await httpGet(`http://127.0.0.1:${adapterPort}/metrics`);
        return r.status === 200 ? r.body : undefined;
      } catch {
        return undefined;
      }
    }, 20_000, 'the adapter answering', 100);
    expect(body).toMatch(/^# TYPE shop_requests_total counter\nshop_requests_total \d+$/m);
    expect(body).toMatch(/^# TYPE shop_queue_depth gauge\nshop_queue_depth 3$/m);
    expect(body).not.toMatch(/shop_status/);
    expect(body).toMatch(/^shop_up 1$/m);
  });
});
