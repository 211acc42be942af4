/**
 * The DNS servers as real processes: the master's own (`--dns-port`) and
 * `meseta dns --stale-after 1s` (fed by the watch API).
 *
 * - Over TCP: `dig +tcp`, and a query written by hand on a TCP socket
 *   (two-byte length, then the message), get the same SRV records as the
 *   framework's own endpoints.
 * - `meseta dns` answers SERVFAIL once the master has been gone longer
 *   than `--stale-after` (the process stays up), and answers again once a
 *   master is back.
 *
 * Waits for convergence, never times it. Needs `dig` (Debian
 * bind9-dnsutils: installed if missing, else the test fails naming it).
 */
import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import { spawnCli } from '../harness/cli';
import type { MesetaProcess } from '../harness/meseta-process';
import { ensurePackages } from '../setup/packages';
import { waitFor } from '../harness/wait-for';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { requestJson } from '../../frameworks/common/http-client';
import { startServicesFramework } from '../../frameworks/services/server';
import type { Endpoint } from '../../frameworks/services/services-api';
import { nodeCommand, writeTestPrograms, type TestPrograms } from './services-fixtures';

/** Ask `question` over TCP on 127.0.0.1:`port`; the decoded answer. */
function askOverTcp(port: number, question: dnsPacket.Question): Promise<dnsPacket.Packet> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(dnsPacket.streamEncode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [question] })));
    let got = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.streamDecode(got));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`the DNS server on TCP port ${port} closed with ${got.length} bytes read`)));
  });
}

describe('discovery: DNS over TCP, and meseta dns once the master is gone', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-discovery-dns-',
    cluster: { agents: 1, name: 'discovery-dns', masterFlags: ['--allocation-interval', '100ms', '--dns-port', '0', '--dns-ttl', '1s'] },
    component: 'services',
    start: (options) => startServicesFramework({ ...options, offerRefuseSeconds: 1 }),
  });
  let programs: TestPrograms;
  let masterDns = 0;
  let dnsProcess: MesetaProcess | undefined;
  let outsideDns = 0;
  beforeAll(async () => {
    ensurePackages([{ binary: 'dig', package: 'bind9-dnsutils' }]);
    programs = writeTestPrograms();
    masterDns = Number((await bed.cluster.master.meseta.waitForLine(/^meseta master dns on [^:]+:(\d+)/, 10_000, 'the master\'s DNS port'))[1]);
    dnsProcess = spawnCli(['dns', '--master', bed.cluster.masterAddress, '--port', '0', '--ttl', '1s', '--stale-after', '1s']);
    outsideDns = Number((await dnsProcess.waitForLine(/^meseta dns listening on [^:]+:(\d+)/, 20_000, '"meseta dns listening on ..."'))[1]);
  });
  afterAll(async () => {
    await dnsProcess?.stop();
    programs?.remove();
  });

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const truth = async (): Promise<string[]> => (await api<{ endpoints: Endpoint[] }>('GET', '/v1/apps/web/endpoints')).endpoints.map((e) => e.address).sort();
  const dig = (port: number, ...args: string[]): string => execFileSync('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=2', ...args], { encoding: 'utf8' });
  const digTcpPorts = (port: number, name: string): string[] =>
    dig(port, '+tcp', '+short', 'SRV', name).trim().split('\n').filter(Boolean).map((line) => `127.0.0.1:${line.split(' ')[2]}`).sort();

  it('answers over TCP as over UDP: dig +tcp and a hand-written TCP query', async () => {
    await api('POST', '/v1/apps', {
      id: 'web', instances: 2, cpus: 0.1, mem: 32, ports: 1, command: nodeCommand(programs.web),
      discovery: { ports: ['http'] },
      healthCheck: { protocol: 'HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 3, intervalSeconds: 0.5, timeoutSeconds: 1, maxConsecutiveFailures: 2 },
    });
    await waitFor(async () => (await truth()).length === 2, 60_000, 'the 2 healthy instances', 100);
    // The services framework's name, meseta-services, is its DNS label.
    const label = 'meseta-services';
    const name = `_http._tcp.web.${label}.meseta.`;
    for (const port of [masterDns, outsideDns]) {
      await waitFor(async () => JSON.stringify(digTcpPorts(port, name)) === JSON.stringify(await truth()), 10_000, `dig +tcp on port ${port} to see the 2 instances`, 100);
      const out = dig(port, '+tcp', 'SRV', name);
      expect(out).toMatch(/\(TCP\)/);
      const answer = await askOverTcp(port, { type: 'SRV', name: name.slice(0, -1) });
      expect((answer as dnsPacket.Packet & { rcode?: string }).rcode).toBe('NOERROR');
      const ports = (answer.answers ?? []).map((a) => `127.0.0.1:${(a as dnsPacket.SrvAnswer).data.port}`).sort();
      expect(ports).toEqual(await truth());
      const a = await askOverTcp(port, { type: 'A', name: `web.${label}.meseta` });
      expect((a.answers ?? []).map((r) => (r as dnsPacket.StringAnswer).data)).toEqual(['127.0.0.1']);
    }
  });

  it('meseta dns answers SERVFAIL once the master has been gone longer than --stale-after, and answers again when it is back', async () => {
    const status = (): string | undefined => /status: ([A-Z]+)/.exec(dig(outsideDns, 'SOA', 'meseta.'))?.[1];
    expect(status()).toBe('NOERROR');
    await bed.cluster.master.stop();
    await waitFor(() => status() === 'SERVFAIL', 30_000, 'meseta dns to answer SERVFAIL with the master gone', 200);
    // Over TCP as well; and the process is still up, answering.
    expect(dig(outsideDns, '+tcp', 'SOA', 'meseta.')).toMatch(/status: SERVFAIL/);
    expect(dnsProcess!.running).toBe(true);
    await bed.cluster.master.restart();
    await waitFor(() => status() === 'NOERROR', 30_000, 'meseta dns to answer again with the master back', 200);
  });
});
