/** The registry: format, mutations, file store, registrar batching. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  RegistryError, admitAgent, emptyRegistry, markAgentGone, markAgentUnreachable, parseRegistry, putFramework, removeFramework,
  serializeRegistry, MAX_GONE_AGENTS,
} from '../../master/registry/registry-state';
import { FileRegistryStore } from '../../master/registry/file-registry-store';
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

describe('file registry store', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns nothing before the first write and the bytes after, leaving no temp file', async () => {
    const store = new FileRegistryStore(path.join(dir, 'sub', 'registry.json'));
    expect(await store.load()).toBeUndefined();
    await store.store(Buffer.from('abc'));
    expect((await store.load())?.toString()).toBe('abc');
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['registry.json']);
  });

  it('makes a corrupt file stop recovery with an error naming the file', async () => {
    const file = path.join(dir, 'registry.json');
    fs.writeFileSync(file, 'garbage');
    await expect(new Registrar(new FileRegistryStore(file)).recover()).rejects.toThrow(`registry at ${file} is corrupt`);
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
