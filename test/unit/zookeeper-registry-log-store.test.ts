/**
 * The registry in ZooKeeper as chunked snapshot plus log, against an
 * in-memory ZooKeeper: record and group encoding (tables), chunking under
 * the request limit, split groups, torn states after crashes, fencing of a
 * deposed leader, migration from the single-znode layout.
 */
import { MemoryZooKeeper } from '../harness/memory-zookeeper';
import {
  ZooKeeperRegistryLogStore, assembleGroups, decodeRecord, encodeHeader, encodeRecord, parseHeader, splitGroup, type LogRecord,
} from '../../master/registry/zookeeper-registry-log-store';
import { Registrar, type RegistrarOptions } from '../../master/registry/registrar';
import { RegistryError, admitAgent, emptyRegistry, putFramework, serializeRegistry, type RegistryMutation } from '../../master/registry/registry-state';
import type { Logger } from '@meseta/runtime/log';

const ROOT = '/m/registry-store';

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = {
    lines,
    error: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    info: (m: string) => lines.push(m),
    debug: () => undefined,
    child: () => log,
  };
  return log;
}

function store(zk: MemoryZooKeeper, options: { chunkBytes?: number; deleteBatch?: number; readOnly?: boolean; log?: Logger } = {}): ZooKeeperRegistryLogStore {
  return new ZooKeeperRegistryLogStore(zk, '/m', { chunkBytes: 2048, log: quietLog(), ...options });
}

async function registrar(zk: MemoryZooKeeper, options: Parameters<typeof store>[1] & RegistrarOptions = {}): Promise<{ registrar: Registrar; store: ZooKeeperRegistryLogStore }> {
  const s = store(zk, options);
  const r = new Registrar(s, () => undefined, { minCompactBytes: 1 << 30, ...options });
  await r.recover();
  return { registrar: r, store: s };
}

const admit = (i: number, hostname = `host-${i}`): RegistryMutation => admitAgent(`agent-${i}`, { hostname, port: 5051 }, i);
const agentIds = (r: Registrar): string[] => [...r.current.agents.keys()].sort();
const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `agent-${from + i}`).sort();
const record = (part: number, parts: number, text: string): { name: string; record: LogRecord } => ({
  name: `r${part}-${parts}-${text}`,
  record: { part, parts, payload: Buffer.from(text) },
});

describe('ZooKeeper registry log records', () => {
  it.each([
    ['a small group', 2048, '[{"op":"a"}]', 1],
    ['a group of many ops over the limit', 256, JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ op: 'admit', id: `agent-${i}` }))), 7],
    ['one op over the limit', 256, JSON.stringify([{ op: 'admit', id: 'x'.repeat(1000) }]), 5],
    ['small ops around one op over the limit', 256, JSON.stringify([{ id: 'a' }, { id: 'x'.repeat(1000) }, { id: 'b' }]), 7],
    ['bytes that are not a JSON array', 256, 'y'.repeat(1000), 5],
  ])('splits %s into records within the limit that join back to the same ops', (_name, limit, text, expected) => {
    const records = splitGroup(Buffer.from(text), limit);
    expect(records.length).toBe(expected);
    for (const r of records) expect(r.length).toBeLessThanOrEqual(limit);
    const { groups, dropped } = assembleGroups(records.map((r, i) => ({ name: `r${i}`, record: decodeRecord(r, 'test') })));
    expect(dropped).toEqual([]);
    if (text.startsWith('[')) expect(groups.flatMap((g) => JSON.parse(g.toString()) as unknown[])).toEqual(JSON.parse(text));
    else expect(Buffer.concat(groups).toString()).toBe(text);
  });

  it.each([
    ['another kind of data', Buffer.from('hello world, not a record'), /not a registry log record/],
    ['a flipped payload byte', (() => { const b = encodeRecord(1, 1, Buffer.from('[1,2,3]')); b[b.length - 2] ^= 1; return b; })(), /fails its checksum/],
    ['part 0', encodeRecord(0, 1, Buffer.from('[]')), /no valid part number/],
    ['part 3 of 2', encodeRecord(3, 2, Buffer.from('[]')), /no valid part number/],
  ])('refuses a record with %s, naming the znode', (_name, bytes, message) => {
    expect(() => decodeRecord(bytes, 'zk:/m/x/r1')).toThrow(RegistryError);
    expect(() => decodeRecord(bytes, 'zk:/m/x/r1')).toThrow(message);
    expect(() => decodeRecord(bytes, 'zk:/m/x/r1')).toThrow(/zk:\/m\/x\/r1/);
  });

  it.each([
    ['whole records', [record(1, 1, 'A'), record(1, 1, 'B')], ['A', 'B'], []],
    ['the parts of one op', [record(1, 2, 'A'), record(2, 2, 'B')], ['AB'], []],
    ['parts cut short at the end', [record(1, 1, 'A'), record(1, 3, 'B'), record(2, 3, 'C')], ['A'], ['r1-3-B', 'r2-3-C']],
    ['parts cut short before a whole record', [record(1, 2, 'A'), record(1, 1, 'B')], ['B'], ['r1-2-A']],
    ['a continuation without its beginning', [record(2, 2, 'A'), record(1, 1, 'B')], ['B'], ['r2-2-A']],
    ['a part out of order', [record(1, 3, 'A'), record(3, 3, 'C'), record(1, 1, 'D')], ['D'], ['r1-3-A', 'r3-3-C']],
  ])('assembles %s', (_name, records, groups, dropped) => {
    const out = assembleGroups(records);
    expect(out.groups.map((g) => g.toString())).toEqual(groups);
    expect(out.dropped).toEqual(dropped);
  });

  it.each([
    ['not JSON', Buffer.from('{'), /header is not valid JSON/],
    ['another format', Buffer.from('{"format":"x"}'), /not a Meseta registry header/],
    ['a newer header', Buffer.from('{"format":"meseta-registry-zk","version":9}'), /from a newer Meseta \(header version 9/],
    ['a negative chunk count', Buffer.from('{"format":"meseta-registry-zk","version":1,"generation":1,"chunks":-1,"bytes":0,"crc32":0}'), /header field "chunks" is -1/],
  ])('refuses a header that is %s', (_name, bytes, message) => {
    expect(() => parseHeader(bytes, 'zk:/m/registry-store/header')).toThrow(message);
  });

  it('reads back the header it writes', () => {
    const header = { generation: 7, chunks: 3, bytes: 600_000, crc32: 0xdeadbeef };
    expect(parseHeader(encodeHeader(header), 'h')).toEqual(header);
  });
});

describe('ZooKeeperRegistryLogStore', () => {
  it('keeps the snapshot in chunks within the limit and every request under jute.maxbuffer, and reads it all back', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: first } = await registrar(zk);
    await Promise.all(Array.from({ length: 300 }, (_, i) => first.apply(admit(i))));
    // A mutation without an op makes the registrar write a snapshot.
    await first.apply(Object.assign((s: ReturnType<typeof emptyRegistry>) => (s.weights.set('web', 2), true), {}));
    const chunks = zk.paths(`${ROOT}/g`).filter((p) => /\/snapshot\/c\d+$/.test(p));
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(zk.nodes.get(c)!.data.length).toBeLessThanOrEqual(2048);
    expect(zk.largestRequest).toBeLessThan(2048 + 512);
    const { registrar: second } = await registrar(zk);
    expect(agentIds(second)).toEqual(ids(0, 300));
    expect(second.current.weights.get('web')).toBe(2);
  });

  it('splits a group larger than a record over several records and replays them all', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: first } = await registrar(zk);
    await first.apply(admit(0));
    const before = zk.multis;
    await Promise.all(Array.from({ length: 100 }, (_, i) => first.apply(admit(i + 1))));
    expect(zk.multis - before).toBeGreaterThan(3);
    // One agent whose info alone is larger than a record: cut into parts.
    await first.apply(admit(101, 'h'.repeat(9000)));
    const { registrar: second } = await registrar(zk);
    expect(agentIds(second)).toEqual(ids(0, 102));
    expect(second.current.agents.get('agent-101')?.info.hostname).toHaveLength(9000);
  });

  it('replays the records of a group written before a crash (durable, never answered), and rejects its callers', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: first } = await registrar(zk);
    await first.apply(admit(0));
    zk.crashAfter(1); // the first record of the next group is written, the rest are not
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => first.apply(admit(i + 1))));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    zk.recover();
    const { registrar: second } = await registrar(zk);
    const known = agentIds(second);
    expect(known).toContain('agent-0');
    expect(known.length).toBeGreaterThan(1);
    expect(known.length).toBeLessThan(101);
  });

  it('drops and deletes the parts of an op cut short by a crash', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: first } = await registrar(zk);
    await first.apply(admit(0));
    await first.apply(admit(5));
    zk.crashAfter(2);
    await expect(first.apply(admit(1, 'h'.repeat(9000)))).rejects.toThrow(/connection lost/);
    zk.recover();
    const log = quietLog();
    const { registrar: second } = await registrar(zk, { log });
    expect(agentIds(second)).toEqual(['agent-0', 'agent-5']);
    expect(log.lines.join('\n')).toMatch(/cut short/);
    const records = zk.paths(`${ROOT}/g`).filter((p) => /\/log\/r\d+$/.test(p));
    expect(records).toHaveLength(1);
    // The next leader appends after the dropped parts and reads its own writes back.
    await second.apply(admit(2));
    expect(agentIds((await registrar(zk)).registrar)).toEqual(['agent-0', 'agent-2', 'agent-5']);
  });

  it.each([
    ['cut short before the header switched: the old snapshot and log stay, the new generation is deleted', 2, undefined],
    ['cut short after the header switched: the new snapshot is read, the old generation is deleted', 3, 3],
  ])('compaction %s', async (_name, writesBeforeCrash, weight) => {
    const zk = new MemoryZooKeeper();
    const { registrar: first, store: firstStore } = await registrar(zk);
    await first.apply(admit(0));
    await first.apply(admit(1));
    await first.apply(admit(2));
    await firstStore.settled();
    expect(zk.paths(`${ROOT}/g`).filter((p) => /^\/m\/registry-store\/g\d+$/.test(p))).toHaveLength(1);
    // The compaction: folders (1 write), chunks (1 write: the registry is small), header (1), then deletes.
    zk.crashAfter(writesBeforeCrash);
    await first.apply(Object.assign((s: ReturnType<typeof emptyRegistry>) => (s.weights.set('web', 3), true), {})).catch(() => undefined);
    await firstStore.settled();
    zk.recover();
    const { registrar: second, store: secondStore } = await registrar(zk);
    expect(agentIds(second)).toEqual(['agent-0', 'agent-1', 'agent-2']);
    expect(second.current.weights.get('web')).toBe(weight);
    await secondStore.settled();
    const generations = zk.paths(ROOT).filter((p) => /^\/m\/registry-store\/g\d+$/.test(p));
    expect(generations).toHaveLength(1);
    const header = parseHeader(zk.nodes.get(`${ROOT}/header`)!.data, 'h');
    expect(generations[0]).toBe(`${ROOT}/g${String(header.generation).padStart(10, '0')}`);
    // Compaction works again at the generation that was cut short.
    await second.apply(Object.assign((s: ReturnType<typeof emptyRegistry>) => (s.weights.set('web', 4), true), {}));
    expect((await registrar(zk)).registrar.current.weights.get('web')).toBe(4);
  });

  it('starts empty after a first compaction cut short (no header yet), deleting its chunks', async () => {
    const zk = new MemoryZooKeeper();
    const first = store(zk);
    await first.loadLog();
    zk.crashAfter(2); // the generation's folders and its first chunk, not the header
    const big = Array.from({ length: 10 }, () => 'x'.repeat(1500));
    await expect(first.compact((async function* () { yield* big; })(), 1)).rejects.toThrow(/connection lost/);
    zk.recover();
    expect(zk.paths(`${ROOT}/g`).length).toBeGreaterThan(0);
    const log = quietLog();
    const { registrar: next } = await registrar(zk, { log });
    expect(next.current.agents.size).toBe(0);
    expect(zk.paths(`${ROOT}/g`)).toEqual([]);
    expect(log.lines.join('\n')).toMatch(/never committed/);
    await next.apply(admit(0));
    expect(agentIds((await registrar(zk)).registrar)).toEqual(['agent-0']);
  });

  it('deletes the old generation after a compaction, in batches, off the write path', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: r, store: s } = await registrar(zk, { deleteBatch: 3, minCompactBytes: 1000 });
    for (let i = 0; i < 80; i++) await r.apply(admit(i));
    await s.settled();
    expect(r.compactions).toBeGreaterThan(1);
    const generations = zk.paths(ROOT).filter((p) => /^\/m\/registry-store\/g\d+$/.test(p));
    expect(generations).toHaveLength(1);
    expect(agentIds((await registrar(zk)).registrar)).toEqual(ids(0, 80));
  });

  it.each([
    ['a log record fails its checksum', (zk: MemoryZooKeeper) => {
      const r = zk.paths(`${ROOT}/g`).find((p) => /\/log\/r\d+$/.test(p))!;
      zk.nodes.get(r)!.data[20] ^= 1;
    }, /log\/r\d+ is corrupt \(the log record fails its checksum\)/],
    ['a snapshot chunk is missing', (zk: MemoryZooKeeper) => {
      const c = zk.paths(`${ROOT}/g`).find((p) => /\/snapshot\/c\d+$/.test(p))!;
      const parent = zk.nodes.get(c.slice(0, c.lastIndexOf('/')))!;
      parent.children.delete(c.slice(c.lastIndexOf('/') + 1));
      zk.nodes.delete(c);
    }, /snapshot is incomplete \(chunk 0 of the 1/],
    ['a snapshot chunk fails the checksum', (zk: MemoryZooKeeper) => {
      const c = zk.paths(`${ROOT}/g`).find((p) => /\/snapshot\/c\d+$/.test(p))!;
      zk.nodes.get(c)!.data[5] ^= 1;
    }, /snapshot is corrupt \(the snapshot fails its checksum\)/],
  ])('refuses to start when %s', async (_name, damage, message) => {
    const zk = new MemoryZooKeeper();
    const { registrar: r } = await registrar(zk);
    await r.apply(admit(0));
    await r.apply(admit(1));
    damage(zk);
    await expect(registrar(zk)).rejects.toThrow(message);
    await expect(registrar(zk)).rejects.toThrow(/refusing to start rather than start empty/);
  });

  it('refuses every write of a master after another one loaded, and writes nothing for it', async () => {
    const zk = new MemoryZooKeeper();
    let fatal: Error | undefined;
    const oldStore = store(zk);
    const old = new Registrar(oldStore, (e) => (fatal = e), { minCompactBytes: 1 << 30 });
    await old.recover();
    await old.apply(admit(0));
    const { registrar: next } = await registrar(zk);
    expect(agentIds(next)).toEqual(['agent-0']);
    const before = zk.paths();
    await expect(old.apply(admit(1))).rejects.toThrow(/this master is no longer the leader/);
    expect(fatal?.message).toMatch(/fence .* is no longer at version/);
    await expect(oldStore.compact((async function* () { yield '{}'; })(), 9)).rejects.toThrow(/no longer the leader/);
    expect(zk.paths()).toEqual(before);
    await next.apply(admit(2));
    expect(agentIds((await registrar(zk)).registrar)).toEqual(['agent-0', 'agent-2']);
  });

  it('does not move the fence when opened read only, and refuses to write', async () => {
    const zk = new MemoryZooKeeper();
    const { registrar: leader } = await registrar(zk);
    await leader.apply(admit(0));
    const reader = new Registrar(store(zk, { readOnly: true }));
    expect([...(await reader.recover()).agents.keys()]).toEqual(['agent-0']);
    await leader.apply(admit(1));
    await expect(reader.apply(admit(2))).rejects.toThrow(/opened read only/);
  });

  it('carries a registry of the single-znode layout into the chunked one, then removes the old znode', async () => {
    const zk = new MemoryZooKeeper();
    const legacy = emptyRegistry();
    for (let i = 0; i < 50; i++) admit(i)(legacy);
    putFramework('fw-1', { name: 'fw', user: 'u', failover_timeout: 60 }, 1)(legacy);
    await zk.mkdirp('/m');
    await zk.create('/m/registry', serializeRegistry(legacy));
    const { registrar: first } = await registrar(zk);
    expect(agentIds(first)).toEqual(ids(0, 50));
    expect(first.current.frameworks.get('fw-1')?.info.failover_timeout).toBe(60);
    expect(zk.nodes.has('/m/registry')).toBe(false);
    expect(zk.nodes.has(`${ROOT}/header`)).toBe(true);
    await first.apply(admit(50));
    const { registrar: second } = await registrar(zk);
    expect(agentIds(second)).toEqual(ids(0, 51));
  });

  it('refuses to carry a corrupt single-znode registry over, naming it', async () => {
    const zk = new MemoryZooKeeper();
    await zk.mkdirp('/m');
    await zk.create('/m/registry', Buffer.from('{"format":"nope"}'));
    await expect(registrar(zk)).rejects.toThrow(/registry at zk:\/m\/registry is corrupt/);
    expect(zk.nodes.has('/m/registry')).toBe(true);
  });
});
