/**
 * Endpoints published in a real ZooKeeper (`meseta master --discovery-zk`):
 * two masters contend in ZooKeeper; the services framework scales an app
 * up and down and the ephemeral znodes `<root>/<framework>/web/<task id>`
 * follow what the framework holds; the standby publishes nothing; after
 * the leader is killed with SIGKILL the new leader publishes the same
 * endpoints under its own session (the old session's nodes gone), and
 * watch API watchers (following ZooKeeper, or given the standby's address)
 * get the new leader's whole set, as does a watcher that comes back later
 * with the old leader's resume token; `meseta dns --master zk://…` answers
 * from the new leader. Waits
 * for convergence, never times it. Needs Debian's `zookeeper` (installed
 * if missing, else the test fails naming it).
 */
import { startZooKeeper, type ZooKeeperServer } from '../setup/zookeeper';
import { connectZooKeeper, getChildren, type ZkClient } from '@meseta/runtime/zk-client';
import { startFrameworkTestBed, type FrameworkTestBed } from '../support/framework-test-bed';
import { startServicesFramework, type RunningServicesFramework } from '../../frameworks/services/server';
import type { Endpoint } from '../../frameworks/services/services-api';
import { requestJson } from '../../frameworks/common/http-client';
import { waitFor } from '../harness/wait-for';
import type { ClusterMaster } from '../harness/cluster';
import { watchService, type ServiceWatch } from '@meseta/sdk';
import { execFileSync } from 'node:child_process';
import { spawnCli } from '../harness/cli';
import type { MesetaProcess } from '../harness/meseta-process';
import { ensurePackages } from '../setup/packages';
import { nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

const ROOT = '/discovery';

/** One endpoint znode as read. */
interface Published {
  path: string;
  owner: string;
  data: { host: string; hostname: string; ports: Record<string, number>; labels?: Record<string, string>; service: string; taskId: string };
}

function readNode(client: ZkClient, path: string): Promise<Published | undefined> {
  return new Promise((resolve, reject) =>
    client.getData(path, (error, data, stat) => {
      if (error) {
        if ((error as { getCode?: () => number }).getCode?.() === -101) resolve(undefined);
        else reject(error);
        return;
      }
      resolve({ path, owner: (stat.ephemeralOwner as unknown as Buffer).toString('hex'), data: JSON.parse(data!.toString('utf8')) });
    }),
  );
}

async function childrenOrNone(client: ZkClient, path: string): Promise<string[]> {
  try {
    return await getChildren(client, path);
  } catch (e) {
    if ((e as { getCode?: () => number }).getCode?.() === -101) return [];
    throw e;
  }
}

describe('discovery: endpoints as ephemeral znodes in ZooKeeper', () => {
  let zk: ZooKeeperServer | undefined;
  let bed: FrameworkTestBed<RunningServicesFramework> | undefined;
  let programs: TestPrograms | undefined;
  let reader: ZkClient | undefined;
  const watches: ServiceWatch[] = [];
  let dnsProcess: MesetaProcess | undefined;

  beforeAll(async () => {
    programs = writeTestPrograms();
    zk = await startZooKeeper();
    bed = await startFrameworkTestBed({
      dirPrefix: 'meseta-discovery-zk-',
      cluster: {
        name: 'discovery-zookeeper', zk: zk.url('/meseta'), masters: 2, agents: 2,
        masterFlags: ['--discovery-zk', zk.url(ROOT), '--zk-session-timeout', '2s', '--allocation-interval', '100ms', '--agent-ping-timeout', '1s', '--agent-reregister-timeout', '30s'],
      },
      component: 'services',
      start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1 }),
    });
    reader = await connectZooKeeper(zk.connectionString);
    ensurePackages([{ binary: 'dig', package: 'bind9-dnsutils' }]);
  }, 180_000);

  afterAll(async () => {
    for (const w of watches) w.close();
    await dnsProcess?.stop();
    reader?.close();
    await bed?.stop();
    await zk?.stop();
    programs?.remove();
  });

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed!.framework.url, method, p, body);
  /** The framework's own healthy endpoints, `ip:port`. */
  const truth = async (): Promise<string[]> => (await api<{ endpoints: Endpoint[] }>('GET', '/v1/apps/web/endpoints')).endpoints.map((e) => e.address).sort();
  /** Every endpoint znode of the `web` service, whatever the framework level is called. */
  const published = async (): Promise<Published[]> => {
    const out: Published[] = [];
    for (const framework of await childrenOrNone(reader!, ROOT)) {
      for (const task of await childrenOrNone(reader!, `${ROOT}/${framework}/web`)) {
        const node = await readNode(reader!, `${ROOT}/${framework}/web/${task}`);
        if (node) out.push(node);
      }
    }
    return out;
  };
  const addresses = (nodes: Published[]): string[] => nodes.map((n) => `${n.data.host}:${n.data.ports.http}`).sort();
  /** The znodes when they hold exactly the framework's `n` healthy endpoints, else undefined. */
  const inStep = async (n: number): Promise<Published[] | undefined> => {
    const want = await truth();
    const nodes = await published();
    return want.length === n && JSON.stringify(addresses(nodes)) === JSON.stringify(want) ? nodes : undefined;
  };
  /** The znodes once they hold exactly the framework's `n` healthy endpoints. */
  const following = (n: number, what: string): Promise<Published[]> => waitFor(() => inStep(n), 60_000, what, 100);

  it('follows the app scaled up and down, one ephemeral znode per healthy endpoint, from the leader only', async () => {
    await api('POST', '/v1/apps', {
      id: 'web', instances: 2, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs!.web),
      discovery: { ports: ['http'] },
      healthCheck: { protocol: 'HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 3, intervalSeconds: 0.5, timeoutSeconds: 1, maxConsecutiveFailures: 2 },
    });
    const two = await following(2, 'znodes for the 2 healthy instances');
    for (const n of two) {
      expect(n.owner).not.toBe('0000000000000000'); // ephemeral
      expect(n.path).toBe(`${ROOT}/${n.path.split('/')[2]}/web/${n.data.taskId}`);
      expect(n.data).toMatchObject({ service: 'web', ports: { http: expect.any(Number) } });
    }
    // One session writes them all: the leader's (the standby publishes nothing).
    expect(new Set(two.map((n) => n.owner)).size).toBe(1);

    await api('POST', '/v1/apps/web/scale', { instances: 3 });
    const three = await following(3, 'znodes for the 3 healthy instances');
    expect(three.map((n) => n.path)).toEqual(expect.arrayContaining(two.map((n) => n.path)));
    await api('POST', '/v1/apps/web/scale', { instances: 1 });
    const one = await following(1, 'the znode of the 1 instance left');
    expect(new Set([...three, ...one].map((n) => n.owner)).size).toBe(1);
  });

  it('after the leader is killed, the new leader publishes the endpoints under its own session, and watchers resume on it', async () => {
    await api('POST', '/v1/apps/web/scale', { instances: 2 });
    const before = await following(2, 'znodes for the 2 healthy instances');
    const oldOwner = before[0].owner;
    const leader = await waitFor(() => bed!.cluster.leader(), 20_000, 'a leading master');
    const standby = bed!.cluster.masters.find((m) => m !== leader)!;
    // Watchers of the watch API: one follows the leader through ZooKeeper, one
    // was given the standby (redirected to the leader now, back to it once the leader is gone).
    const watch = (master: string): ServiceWatch => {
      const w = watchService({ master, service: 'web' });
      watches.push(w);
      return w;
    };
    const viaZk = watch(bed!.cluster.masterAddress);
    const viaStandby = watch(standby.address);
    const seen = (w: ServiceWatch): string[] => w.list().map((e) => `${e.ip}:${e.ports.find((p) => p.name === 'http')?.number}`).sort();
    await Promise.all([viaZk.ready(), viaStandby.ready()]);
    await waitFor(async () => JSON.stringify(seen(viaZk)) === JSON.stringify(await truth()) && JSON.stringify(seen(viaStandby)) === JSON.stringify(await truth()), 20_000, 'both watchers to hold the 2 endpoints', 100);
    // meseta dns following the leader through ZooKeeper as well.
    dnsProcess = spawnCli(['dns', '--master', bed!.cluster.masterAddress, '--port', '0', '--ttl', '1s']);
    const dnsPort = Number((await dnsProcess.waitForLine(/^meseta dns listening on [^:]+:(\d+)/, 20_000, '"meseta dns listening on ..."'))[1]);
    const digPorts = (): string[] =>
      execFileSync('dig', ['@127.0.0.1', '-p', String(dnsPort), '+short', '+tries=1', '+time=2', 'SRV', '_http._tcp.web.meseta-services.meseta.'], { encoding: 'utf8' })
        .trim().split('\n').filter(Boolean).map((line) => `127.0.0.1:${line.split(' ')[2]}`).sort();
    await waitFor(async () => JSON.stringify(digPorts()) === JSON.stringify(await truth()), 20_000, 'meseta dns (--master zk://) to answer the 2 endpoints', 100);
    const oldToken = viaZk.token;
    const keptSet = viaZk.list();
    leader.kill('SIGKILL');
    await waitFor(async () => {
      const m: ClusterMaster | undefined = await bed!.cluster.leader();
      return m && m !== leader ? m : undefined;
    }, 30_000, 'a new leading master');
    // The same endpoints come back, every one owned by the new leader's session.
    const after = await waitFor(async () => {
      const nodes = await inStep(2);
      return nodes?.every((n) => n.owner !== oldOwner) ? nodes : undefined;
    }, 60_000, 'the 2 endpoints published by the new leader', 200);
    expect(new Set(after.map((n) => n.owner)).size).toBe(1);
    expect(after.map((n) => n.path).sort()).toEqual(before.map((n) => n.path).sort());
    // Both watchers reconnected to the new leader, which could not honour the old
    // leader's token and sent the whole set: they hold what the framework holds.
    const want = addresses(after);
    await waitFor(() => viaZk.snapshots >= 2 && viaStandby.snapshots >= 2 && viaZk.connected && viaStandby.connected, 60_000, 'both watchers to get the new leader\'s whole set', 100);
    expect(seen(viaZk)).toEqual(want);
    expect(seen(viaStandby)).toEqual(want);
    // A watcher coming back later with the old leader's token gets the whole set too, not a partial one.
    const late = watchService({ master: standby.address, service: 'web', resumeFrom: { token: oldToken, endpoints: keptSet } });
    watches.push(late);
    await late.ready();
    expect(late.snapshots).toBe(1);
    expect(seen(late)).toEqual(want);
    // A change after the failover follows too, in ZooKeeper and in the watchers.
    await api('POST', '/v1/apps/web/scale', { instances: 3 });
    const three = await following(3, 'znodes for the 3 healthy instances under the new leader');
    expect(new Set(three.map((n) => n.owner))).toEqual(new Set([after[0].owner]));
    await waitFor(() => [viaZk, viaStandby, late].every((w) => JSON.stringify(seen(w)) === JSON.stringify(addresses(three))), 20_000, 'the watchers to see the third instance', 100);
    await waitFor(() => JSON.stringify(digPorts()) === JSON.stringify(addresses(three)), 20_000, 'meseta dns to answer the 3 endpoints from the new leader', 100);
  });
});
