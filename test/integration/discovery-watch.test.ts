/**
 * Service discovery end to end on a real cluster: the services framework
 * scales an app up and down while an SDK watcher (the master's watch API,
 * server-sent events), `dig` and Node's resolver follow it, against the
 * master's own DNS (`--dns-port`) and a `meseta dns` process; the watcher
 * is dropped and comes back with its resume token and misses nothing;
 * `/state` carries each task's discovery info. Convergence is waited
 * for, never timed. Needs `dig` (Debian bind9-dnsutils: installed if
 * missing, else the test fails naming it).
 */
import { execFileSync } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { spawnCli } from '../harness/cli';
import type { MesetaProcess } from '../harness/meseta-process';
import { ensurePackages } from '../setup/packages';
import { credentials, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, DiscoveryClient } from '@meseta/proto/services';
import type { v1 } from '@meseta/proto/wire';
import { waitFor } from '../harness/wait-for';
import { getState, httpGet as harnessGet } from '../harness/operator';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { requestJson } from '../../frameworks/common/http-client';
import { startServicesFramework } from '../../frameworks/services/server';
import type { ChangeResult, Endpoint } from '../../frameworks/services/services-api';
import { watchService, type ServiceWatch } from '@meseta/sdk';
import { httpGet, nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

describe('discovery: watch a service scaled up and down', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-discovery-',
    cluster: { agents: 2, name: 'discovery-watch', masterFlags: ['--allocation-interval', '100ms', '--dns-port', '0', '--dns-ttl', '1s'] },
    component: 'services',
    start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1 }),
  });
  let programs: TestPrograms;
  const watches: ServiceWatch[] = [];
  let masterDns = 0;
  let dnsProcess: MesetaProcess | undefined;
  let outsideDns = 0;
  beforeAll(async () => {
    ensurePackages([{ binary: 'dig', package: 'bind9-dnsutils' }]);
    programs = writeTestPrograms();
    masterDns = Number((await bed.cluster.master.meseta.waitForLine(/^meseta master dns on [^:]+:(\d+)/, 10_000, 'the master\'s DNS port'))[1]);
    dnsProcess = spawnCli(['dns', '--master', bed.cluster.masterAddress, '--port', '0', '--ttl', '1s']);
    outsideDns = Number((await dnsProcess.waitForLine(/^meseta dns listening on [^:]+:(\d+)/, 20_000, '"meseta dns listening on ..."'))[1]);
  });
  afterAll(async () => {
    for (const w of watches) w.close();
    await dnsProcess?.stop();
    programs?.remove();
  });

  /** The ports `dig` gets for `_http._tcp.web.<framework>.meseta` from the DNS server on `port`. */
  const digPorts = (port: number, framework: string): string[] => {
    const out = execFileSync('dig', ['@127.0.0.1', '-p', String(port), '+short', '+tries=1', '+time=2', 'SRV', `_http._tcp.web.${framework}.meseta.`], { encoding: 'utf8' });
    return out.trim().split('\n').filter(Boolean).map((line) => `127.0.0.1:${line.split(' ')[2]}`).sort();
  };
  /** The same through Node's resolver. */
  const nodePorts = async (port: number, framework: string): Promise<string[]> => {
    const r = new Resolver({ timeout: 2000, tries: 1 });
    r.setServers([`127.0.0.1:${port}`]);
    try {
      return (await r.resolveSrv(`_http._tcp.web.${framework}.meseta`)).map((s) => `127.0.0.1:${s.port}`).sort();
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOTFOUND') return [];
      throw e;
    }
  };
  /** True when dig and Node's resolver, on both DNS servers, give what the framework holds. */
  const dnsConverged = async (framework: string): Promise<boolean> => {
    const want = JSON.stringify(await truth());
    for (const port of [masterDns, outsideDns]) {
      if (JSON.stringify(digPorts(port, framework)) !== want) return false;
      if (JSON.stringify(await nodePorts(port, framework)) !== want) return false;
    }
    return true;
  };

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const watch = (options: Partial<Parameters<typeof watchService>[0]> = {}): ServiceWatch => {
    const w = watchService({ master: bed.cluster.masterAddress, service: 'web', ...options });
    watches.push(w);
    return w;
  };
  /** The framework's own view of its healthy endpoints, as `ip:port` strings. */
  const truth = async (): Promise<string[]> => {
    const { endpoints } = await api<{ endpoints: Endpoint[] }>('GET', '/v1/apps/web/endpoints');
    return endpoints.map((e) => e.address).sort();
  };
  const seen = (w: ServiceWatch): string[] => w.list().map((e) => `${e.ip}:${e.ports.find((p) => p.name === 'http')?.number}`).sort();
  const converged = async (w: ServiceWatch, n: number): Promise<boolean> => {
    const t = await truth();
    return t.length === n && JSON.stringify(seen(w)) === JSON.stringify(t);
  };

  it('follows the app as it deploys, scales up, loses a watcher connection and scales down', async () => {
    const w = watch();
    await w.ready();
    expect(w.list()).toEqual([]);
    const deployed = await api<ChangeResult>('POST', '/v1/apps', {
      id: 'web', instances: 2, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web),
      discovery: { ports: ['http'] },
      healthCheck: { protocol: 'HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 3, intervalSeconds: 0.5, timeoutSeconds: 1, maxConsecutiveFailures: 2 },
    });
    expect(deployed.version).toBeDefined();
    await waitFor(() => converged(w, 2), 60_000, 'the watcher to see the 2 healthy instances', 100);
    const framework = w.list()[0].framework;
    await waitFor(() => dnsConverged(framework), 10_000, 'dig and Node\'s resolver to see the 2 instances', 100);
    // Every endpoint the watcher gives answers on its address.
    for (const e of w.list()) {
      const http = e.ports.find((p) => p.name === 'http')!;
      expect(JSON.parse((await httpGet(`http://${e.ip}:${http.number}/`)).body).instance).toBeDefined();
      expect(e.service).toBe('web');
    }
    // The round-robin resolver takes turns.
    const rr = w.resolver('http');
    const picks = new Set([rr.pick()!.port, rr.pick()!.port]);
    expect(picks.size).toBe(2);
    // /state carries the discovery info on the tasks.
    const state = await getState(bed.cluster.masterAddress);
    const task = (state.tasks ?? []).find((t) => t.state === 'TASK_RUNNING') as { discovery?: { name?: string; ports?: { ports?: Array<{ name?: string }> } } };
    expect(task.discovery?.name).toBe('web');
    expect(task.discovery?.ports?.ports?.[0]?.name).toBe('http');

    // The watcher goes away; the app scales up meanwhile; it comes back with its token.
    const kept = { token: w.token, endpoints: w.list() };
    const before = seen(w);
    w.close();
    await api('POST', '/v1/apps/web/scale', { instances: 3 });
    await waitFor(async () => (await truth()).length === 3, 60_000, '3 healthy instances', 100);
    await waitFor(() => dnsConverged(framework), 10_000, 'dig and Node\'s resolver to see the 3 instances', 100);
    const back = watch({ resumeFrom: kept });
    await back.ready();
    // Given only the changes since its token (no whole set), it holds exactly what the framework holds.
    expect(back.snapshots).toBe(0);
    const afterResume = seen(back);
    expect(afterResume).toEqual(await truth());
    expect(afterResume).toEqual(expect.arrayContaining(before));

    // Scaled down: the watcher drops what is gone.
    await api('POST', '/v1/apps/web/scale', { instances: 1 });
    await waitFor(() => converged(back, 1), 60_000, 'the watcher to see the 1 instance left', 100);
    await waitFor(() => dnsConverged(framework), 10_000, 'dig and Node\'s resolver to see the 1 instance left', 100);
    // A name that does not exist is NXDOMAIN, as a resolver expects.
    const nx = execFileSync('dig', ['@127.0.0.1', '-p', String(masterDns), '+tries=1', '+time=2', 'A', `nothing.${framework}.meseta.`], { encoding: 'utf8' });
    expect(nx).toMatch(/status: NXDOMAIN/);
  });

  it('sends the whole set to a token from another master, and refuses a bad query naming the parameter', async () => {
    const w = watch({ resumeFrom: { token: 'another-master:3', endpoints: [] } });
    await w.ready();
    expect(w.snapshots).toBe(1);
    expect(seen(w)).toEqual(await truth());
    // The same over gRPC: the first event is the whole set.
    const client = new DiscoveryClient(bed.cluster.masterAddress, credentials.createInsecure(), CHANNEL_OPTIONS);
    try {
      const first = await new Promise<v1.IServiceWatchEvent>((resolve, reject) => {
        const stream = client.watch({ service: 'web' }) as ClientReadableStream<v1.IServiceWatchEvent>;
        stream.once('data', (e: v1.IServiceWatchEvent) => {
          resolve(e);
          stream.cancel();
        });
        stream.on('error', (e: ServiceError) => (e.code === 1 ? undefined : reject(e)));
      });
      expect(first.kind).toBe(0);
      expect((first.endpoints ?? []).map((e) => `${e.ip}:${e.ports?.find((p) => p.name === 'http')?.number}`).sort()).toEqual(await truth());
      const refused = await new Promise<ServiceError>((resolve) => {
        const stream = client.watch({ service: 'Web_1' }) as ClientReadableStream<v1.IServiceWatchEvent>;
        stream.on('error', resolve);
        stream.on('data', () => undefined);
      });
      expect([refused.code, refused.details]).toEqual([3, 'service: "Web_1" is not a DNS label (1-63 of a-z, 0-9 and inner "-")']);
    } finally {
      client.close();
    }
    const bad = await harnessGet(bed.cluster.masterAddress, '/api/v1/discovery/watch?service=Web_1');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^service: "Web_1" is not a DNS label/);
  });
});
