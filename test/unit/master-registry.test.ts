/** The registry: format, mutations, file store, registrar batching. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  RegistryError, admitAgent, emptyRegistry, markAgentGone, markAgentUnreachable, parseRegistry, putFramework, removeFramework,
  serializeRegistry, registryPieces, MAX_GONE_AGENTS,
} from '../../master/registry/registry-state';
import { FileRegistryStore, logLine } from '../../master/registry/file-registry-store';
import { silentLogger, type Logger } from '@meseta/runtime/log';
import { MemoryRegistryStore } from '../../master/registry/registry-store';
import { Registrar } from '../../master/registry/registrar';

describe('registry format', () => {
  it('round-trips agents, frameworks and weights', () => {
    const s = emptyRegistry();
    admitAgent('a1', { hostname: 'h', port: 5051, resources: [{ name: 'cpus', type: 0, scalar: { value: 2 } }] }, 10)(s);
    putFramework('f1', { name: 'fw', user: 'u', failover_timeout: 30, roles: ['web'] }, 11)(s);
    s.weights.set('web', 2);
    const back = parseRegistry(serializeRegistry(s), 'test');
    expect(back.agents.get('a1')?.info.resources?.[0].scalar?.value).toBe(2);
    expect(back.agents.get('a1')?.status).toBe('ADMITTED');
    expect(back.frameworks.get('f1')?.info.roles).toEqual(['web']);
    expect(back.weights.get('web')).toBe(2);
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), /is corrupt \(not valid JSON/],
    ['JSON of something else', Buffer.from('{"hello":1}'), /is corrupt \(not a Meseta registry\)/],
    ['no version', Buffer.from('{"format":"meseta-registry"}'), /is corrupt \(no version\)/],
    ['a newer format', Buffer.from('{"format":"meseta-registry","version":99}'), /is from a newer Meseta \(format 99/],
  ])('refuses a registry that is %s, saying it will not start empty', (_name, bytes, message) => {
    expect(() => parseRegistry(bytes, '/x/registry.json')).toThrow(RegistryError);
    expect(() => parseRegistry(bytes, '/x/registry.json')).toThrow(message);
    expect(() => parseRegistry(bytes, '/x/registry.json')).toThrow(/refusing to start rather than start empty/);
  });

  it.each([
    ['admitting an agent twice with the same info', (s: ReturnType<typeof emptyRegistry>) => admitAgent('a', { hostname: 'h' }, 1)(s), false],
    ['marking an admitted agent unreachable', (s: ReturnType<typeof emptyRegistry>) => markAgentUnreachable('a', 2)(s), true],
    ['marking an unknown agent gone', (s: ReturnType<typeof emptyRegistry>) => markAgentGone('zzz', 2)(s), false],
    ['removing an unknown framework', (s: ReturnType<typeof emptyRegistry>) => removeFramework('zzz')(s), false],
  ])('reports whether %s changed anything', (_n, mutate, changed) => {
    const s = emptyRegistry();
    admitAgent('a', { hostname: 'h' }, 1)(s);
    expect(mutate(s)).toBe(changed);
  });

  it('forgets the oldest gone agents past the limit', () => {
    const s = emptyRegistry();
    for (let i = 0; i < MAX_GONE_AGENTS + 5; i++) {
      admitAgent(`a${i}`, { hostname: 'h' }, i)(s);
      markAgentGone(`a${i}`, i)(s);
    }
    expect(s.agents.size).toBe(MAX_GONE_AGENTS);
    expect(s.agents.has('a0')).toBe(false);
  });
});

describe('file registry store (snapshot + log)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-'));
    file = path.join(dir, 'sub', 'registry.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const info = (host: string) => ({ hostname: host, port: 5051 });
  const recover = (options = {}, log?: Logger) => {
    const r = new Registrar(new FileRegistryStore(file, log), () => undefined, options);
    return r.recover().then((state) => ({ r, state }));
  };

  it('writes a snapshot first, then one log line per group, and recovers snapshot + log', async () => {
    const { r } = await recover();
    await r.apply(admitAgent('a', info('h'), 1));
    expect(r.compactions).toBe(1);
    const snapshotBefore = fs.readFileSync(file);
    await Promise.all([r.apply(admitAgent('b', info('h'), 2)), r.apply(admitAgent('c', info('h'), 2)), r.apply(putFramework('f', { name: 'fw' }, 2))]);
    await r.apply(markAgentUnreachable('a', 3));
    expect(r.writes).toBe(3);
    expect(fs.readFileSync(file)).toEqual(snapshotBefore); // the snapshot is not rewritten per group
    expect(fs.readFileSync(`${file}.log`, 'utf8').trim().split('\n')).toHaveLength(3); // header + 2 groups
    const { state } = await recover();
    expect([...state.agents.keys()]).toEqual(['a', 'b', 'c']);
    expect(state.agents.get('a')?.status).toBe('UNREACHABLE');
    expect(state.frameworks.get('f')?.info.name).toBe('fw');
    expect(fs.readdirSync(path.join(dir, 'sub')).sort()).toEqual(['registry.json', 'registry.json.log']);
  });

  it('keeps the log open between appends (one descriptor, not one per group), and reopens it after close', async () => {
    const store = new FileRegistryStore(file);
    const r = new Registrar(store, () => undefined, {});
    await r.recover();
    const openOnLog = (): number =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === `${file}.log`;
        } catch {
          return false;
        }
      }).length;
    await r.apply(admitAgent('a', info('h'), 1)); // the first write is a snapshot
    for (let i = 0; i < 3; i++) await r.apply(admitAgent(`b${i}`, info('h'), 2));
    expect(openOnLog()).toBe(1);
    await store.close();
    expect(openOnLog()).toBe(0);
    await r.apply(admitAgent('c', info('h'), 3));
    expect(openOnLog()).toBe(1);
    await store.close();
    const { state } = await recover();
    expect([...state.agents.keys()]).toEqual(['a', 'b0', 'b1', 'b2', 'c']);
    expect(fs.readFileSync(`${file}.log`, 'utf8').trim().split('\n')).toHaveLength(5); // header + 4 groups
  });

  it('compacts the log into a new snapshot once it outgrows the snapshot, and ignores a log older than the snapshot', async () => {
    const { r } = await recover({ minCompactBytes: 0, sliceEntries: 2 });
    for (let i = 0; i < 6; i++) await r.apply(admitAgent(`a${i}`, info(`h${i}`), i));
    expect(r.compactions).toBeGreaterThan(1);
    const staleLog = fs.readFileSync(`${file}.log`);
    await r.apply(markAgentGone('a0', 9));
    // A crash between the snapshot's rename and the new log's: the old log stays beside the newer snapshot.
    const { r: again } = await recover();
    const compactions = again.compactions;
    // A change that is not a logged op is written as a snapshot: the log's generation moves on.
    await again.apply((st) => (st.weights.set('web', 3), true));
    expect(again.compactions).toBe(compactions + 1);
    fs.writeFileSync(`${file}.log`, staleLog);
    const { state } = await recover();
    expect(state.agents.get('a0')?.status).toBe('GONE');
    expect(state.weights.get('web')).toBe(3);
    expect(state.agents.size).toBe(6);
  });

  it.each([
    ['a quiet group compacts when the log is past its threshold', 1, 0, 1, 0],
    ['a storm group appends instead while the log is under its bound', 4, 0, 0, 1],
    ['a storm group compacts once the log is past its bound', 4, 1, 1, 0],
  ])('compaction during a registration storm: %s', async (_why, callers, pastBound, compactions, deferred) => {
    const { r } = await recover({ minCompactBytes: 0, stormCallers: 4, maxDeferredLogFactor: pastBound ? 1 : 1000 });
    await r.apply(admitAgent('first', info('h'), 1)); // the first write is a snapshot
    await r.apply(admitAgent('second', info('h'.repeat(4000)), 1)); // one large group in the log: now past 2 × the snapshot
    const before = r.compactions;
    await Promise.all(Array.from({ length: callers }, (_, i) => r.apply(admitAgent(`g${i}`, info(`h${i}`), 2))));
    expect(r.compactions - before).toBe(compactions);
    expect(r.compactionsDeferred).toBe(deferred);
    const { state } = await recover();
    expect(state.agents.size).toBe(2 + callers);
  });

  it('drops a torn last record with a log line and cuts it off the file', async () => {
    const { r } = await recover();
    await r.apply(admitAgent('a', info('h'), 1));
    await r.apply(admitAgent('b', info('h'), 2));
    fs.appendFileSync(`${file}.log`, '0badc0de [{"op":"admit_agent","id":"c"');
    const warned: string[] = [];
    const log = { ...silentLogger, warn: (m: string) => void warned.push(m), child: () => log } as Logger;
    const { r: again, state } = await recover({}, log);
    expect([...state.agents.keys()]).toEqual(['a', 'b']);
    expect(warned).toEqual([expect.stringContaining('torn record')]);
    await again.apply(admitAgent('c', info('h'), 3));
    expect([...(await recover()).state.agents.keys()]).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['a record that fails its checksum', (line: string) => line.replace('"b"', '"x"')],
    ['a record that is not a log line', () => 'garbage'],
  ])('refuses to start on %s before the last one, naming the log file', async (_n, spoil) => {
    const { r } = await recover();
    await r.apply(admitAgent('a', info('h'), 1));
    await r.apply(admitAgent('b', info('h'), 2));
    await r.apply(admitAgent('c', info('h'), 3));
    const lines = fs.readFileSync(`${file}.log`, 'utf8').split('\n');
    lines[1] = spoil(lines[1]);
    fs.writeFileSync(`${file}.log`, lines.join('\n'));
    await expect(recover()).rejects.toThrow(`registry at ${file}.log is corrupt (line 2 of the log fails its checksum`);
  });

  it('refuses a group whose checksum holds but whose content is not a registry change, naming the log file', async () => {
    const { r } = await recover();
    await r.apply(admitAgent('a', info('h'), 1));
    fs.appendFileSync(`${file}.log`, logLine(Buffer.from('[{"op":"paint","id":"a"}]')));
    await expect(recover()).rejects.toThrow(`registry at ${file}.log is corrupt (group 1 of the log: a log record of unknown kind "paint")`);
  });

  it('reads a registry written before the log existed (a snapshot alone)', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const s = emptyRegistry();
    admitAgent('old', info('h'), 1)(s);
    fs.writeFileSync(file, serializeRegistry(s));
    const { r, state } = await recover();
    expect(state.agents.has('old')).toBe(true);
    await r.apply(admitAgent('new', info('h'), 2));
    expect([...(await recover()).state.agents.keys()]).toEqual(['old', 'new']);
  });

  it('makes a corrupt snapshot stop recovery with an error naming the file', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'garbage');
    await expect(recover()).rejects.toThrow(`registry at ${file} is corrupt`);
  });

  it('serialises in slices that join to the whole registry', () => {
    const s = emptyRegistry();
    for (let i = 0; i < 7; i++) admitAgent(`a${i}`, info(`h${i}`), i)(s);
    putFramework('f', { name: 'fw' }, 1)(s);
    s.weights.set('web', 2);
    const pieces = [...registryPieces(s, 3)];
    expect(pieces.length).toBeGreaterThan(4);
    expect(pieces.join('')).toBe(serializeRegistry(s).toString());
    expect(parseRegistry(Buffer.from(pieces.join('')), 'x').agents.size).toBe(7);
  });
});

describe('registrar', () => {
  it('writes the mutations of one tick once, and nothing when nothing changed', async () => {
    const store = new MemoryRegistryStore();
    const r = new Registrar(store);
    await r.recover();
    await Promise.all([r.apply(admitAgent('a', { hostname: 'h' }, 1)), r.apply(admitAgent('b', { hostname: 'h' }, 1))]);
    expect(store.writes).toBe(1);
    await r.apply(admitAgent('a', { hostname: 'h' }, 1));
    expect(store.writes).toBe(1);
    expect(parseRegistry(store.bytes!, 'memory').agents.size).toBe(2);
  });

  it('releases the callers of one write a slice at a time, yielding to the event loop between slices, in order', async () => {
    const r = new Registrar(new MemoryRegistryStore(), () => undefined, { releaseSlice: 2 });
    await r.recover();
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const seen: Array<[number, number]> = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => r.apply(admitAgent(`a${i}`, { hostname: 'h' }, 1)).then(() => void seen.push([i, turns]))));
    spinning = false;
    expect(r.writes).toBe(1);
    expect(seen.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    const at = seen.map(([, t]) => t);
    expect(at[0]).toBe(at[1]);
    expect(at[2]).toBe(at[3]);
    expect(at[1]).toBeLessThan(at[2]);
    expect(at[3]).toBeLessThan(at[4]);
  });

  it('rejects the callers and reports a fatal error when the store refuses a write', async () => {
    const fatal: string[] = [];
    const r = new Registrar(
      { where: 'broken', load: async () => undefined, store: async () => Promise.reject(new Error('no longer the leader')) },
      (e) => fatal.push(e.message),
    );
    await r.recover();
    await expect(r.apply(admitAgent('a', { hostname: 'h' }, 1))).rejects.toThrow('no longer the leader');
    expect(fatal).toEqual(['no longer the leader']);
  });
});
