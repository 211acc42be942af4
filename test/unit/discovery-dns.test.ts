import * as dnsPacket from 'dns-packet';
import type { RecordType } from 'dns-packet';
import { DnsZone } from '../../master/discovery/dns-zone';
import { respond } from '../../master/discovery/dns-server';
import type { DiscoveryInstance } from '../../master/discovery/discovery-instance';

function inst(task: string, ip: string, ports: Array<[number, string, string?]>, service = 'web', framework = 'shop'): DiscoveryInstance {
  return {
    id: `f1/${task}`, service, framework, frameworkId: 'f1', taskId: task, agentId: 'a', host: 'h', ip,
    ports: ports.map(([number, name, protocol]) => ({ number, name, protocol: protocol ?? 'tcp' })), visibility: 'CLUSTER',
  };
}

function zone(): DnsZone {
  const z = new DnsZone({ ttl: 5 });
  z.set(inst('web-1', '192.0.2.1', [[31000, 'http'], [31001, 'admin']]));
  z.set(inst('web-2', '192.0.2.2', [[31010, 'http'], [31011, '', 'udp']]));
  z.set(inst('db-1', '192.0.2.3', [[31020, 'pg']], 'db'));
  z.set(inst('name-only', 'node7', [[31030, 'http']], 'nameonly'));
  return z;
}

const ask = (name: string, type: string) => zone().answer({ name, type: type as RecordType });
const summary = (name: string, type: string): string => {
  const a = ask(name, type);
  const rr = (list: typeof a.answers) => list.map((r) => `${r.type} ${'data' in r ? (typeof r.data === 'string' ? r.data : JSON.stringify(r.data)) : ''}`).sort();
  return [a.rcode, ...rr(a.answers), ...(a.authorities.length ? [`auth:${a.authorities[0].type}`] : []), ...rr(a.additionals).map((x) => `add:${x}`)].join(' | ');
};

describe('DNS zone', () => {
  it.each<[string, string, string, string]>([
    ['A of a service', 'web.shop.meseta.', 'A', 'NOERROR | A 192.0.2.1 | A 192.0.2.2'],
    ['case does not matter', 'WEB.Shop.Meseta', 'A', 'NOERROR | A 192.0.2.1 | A 192.0.2.2'],
    ['A of one task', 'web-2.web.shop.meseta.', 'A', 'NOERROR | A 192.0.2.2'],
    ['SRV of a named port, targets in the additional section', '_http._tcp.web.shop.meseta.', 'SRV',
      'NOERROR | SRV {"priority":0,"weight":1,"port":31000,"target":"web-1.web.shop.meseta"} | SRV {"priority":0,"weight":1,"port":31010,"target":"web-2.web.shop.meseta"} | add:A 192.0.2.1 | add:A 192.0.2.2'],
    ['SRV of every tcp port, Mesos-DNS form', '_db._tcp.shop.meseta.', 'SRV', 'NOERROR | SRV {"priority":0,"weight":1,"port":31020,"target":"db-1.db.shop.meseta"} | add:A 192.0.2.3'],
    ['SRV of the udp ports', '_web._udp.shop.meseta.', 'SRV', 'NOERROR | SRV {"priority":0,"weight":1,"port":31011,"target":"web-2.web.shop.meseta"} | add:A 192.0.2.2'],
    ['an unknown service', 'nope.shop.meseta.', 'A', 'NXDOMAIN | auth:SOA'],
    ['an unknown port name', '_grpc._tcp.web.shop.meseta.', 'SRV', 'NXDOMAIN | auth:SOA'],
    ['AAAA of a service that exists: no data, not NXDOMAIN', 'web.shop.meseta.', 'AAAA', 'NOERROR | auth:SOA'],
    ['A of an SRV name: no data', '_http._tcp.web.shop.meseta.', 'A', 'NOERROR | auth:SOA'],
    ['a framework name alone exists', 'shop.meseta.', 'A', 'NOERROR | auth:SOA'],
    ['an unknown framework', 'other.meseta.', 'A', 'NXDOMAIN | auth:SOA'],
    ['a host name that is no IPv4: no A record', 'nameonly.shop.meseta.', 'A', 'NOERROR | auth:SOA'],
    ['the zone SOA', 'meseta.', 'SOA', 'NOERROR | SOA {"mname":"ns.meseta","rname":"root.ns.meseta","serial":5,"refresh":60,"retry":30,"expire":86400,"minimum":5}'],
    ['a name outside the zone', 'example.org.', 'A', 'REFUSED'],
  ])('%s', (_n, name, type, want) => expect(summary(name, type)).toBe(want));

  it('follows removals, and forgets a service whose last endpoint goes', () => {
    const z = zone();
    z.remove('f1/db-1');
    expect(z.answer({ name: 'db.shop.meseta', type: 'A' }).rcode).toBe('NXDOMAIN');
    z.reset([inst('web-9', '192.0.2.9', [[1, 'http']])]);
    expect(z.size).toBe(1);
    expect(z.answer({ name: 'web.shop.meseta', type: 'A' }).answers.map((a) => (a as { data: string }).data)).toEqual(['192.0.2.9']);
  });

  it('answers with the TTL it was given', () => {
    expect(ask('web.shop.meseta', 'A').answers.every((a) => (a as { ttl: number }).ttl === 5)).toBe(true);
  });
});

describe('DNS packets', () => {
  const query = (name: string, type: RecordType, extra: Partial<dnsPacket.Packet> = {}) =>
    dnsPacket.encode({ type: 'query', id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type }], ...extra });
  const decode = (b: Buffer | undefined) => dnsPacket.decode(b!) as dnsPacket.DecodedPacket & { rcode: string };

  it('answers a query authoritatively with its id and question, RD echoed', () => {
    const r = decode(respond(zone(), query('web.shop.meseta', 'A'), true));
    expect([r.id, r.rcode, r.flag_aa, r.flag_rd, r.answers?.length, r.questions?.[0].name]).toEqual([4242, 'NOERROR', true, true, 2, 'web.shop.meseta']);
  });

  it.each<[string, () => Buffer, boolean, string | undefined]>([
    ['SERVFAIL while the zone is not current', () => query('web.shop.meseta', 'A'), false, 'SERVFAIL'],
    ['FORMERR for two questions', () => dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'a.meseta', type: 'A' }, { name: 'b.meseta', type: 'A' }] }), true, 'FORMERR'],
    ['FORMERR for a packet cut short', () => query('web.shop.meseta', 'A').subarray(0, 20), true, 'FORMERR'],
    ['NOTIMP for another opcode', () => { const b = query('web.shop.meseta', 'A'); b.writeUInt16BE(b.readUInt16BE(2) | (2 << 11), 2); return b; }, true, 'NOTIMP'],
    ['nothing for fewer than 12 bytes', () => Buffer.from([1, 2, 3]), true, undefined],
    ['nothing for a response', () => dnsPacket.encode({ type: 'response', id: 1, questions: [{ name: 'a.meseta', type: 'A' }] }), true, undefined],
  ])('%s', (_n, packet, ready, rcode) => {
    const out = respond(zone(), packet(), ready);
    expect(out === undefined ? undefined : decode(out).rcode).toBe(rcode);
  });

  it('truncates a UDP answer past 512 bytes without EDNS, and fits it with EDNS', () => {
    const z = new DnsZone();
    for (let i = 0; i < 20; i++) z.set(inst(`t${i}`, `192.0.2.${i + 1}`, [[30000 + i, 'http']]));
    const small = decode(respond(z, query('_http._tcp.web.shop.meseta', 'SRV'), true, 65507));
    expect([small.flag_tc, small.answers?.length]).toEqual([true, 0]);
    const edns = decode(respond(z, query('_http._tcp.web.shop.meseta', 'SRV', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096 } as never] }), true, 65507));
    expect([edns.flag_tc, edns.answers?.length]).toEqual([false, 20]);
  });
});
