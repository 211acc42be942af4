/**
 * Loading the registry in slices (a new leader keeps its event loop turning):
 * parseRegistryInSlices gives what parseRegistry gives, yields between
 * slices, and refuses the same corrupt registries with the same messages;
 * the registrar's recover with a yieldTurn replays the log the same way.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  RegistryError, admitAgent, emptyRegistry, markAgentGone, markAgentUnreachable, parseRegistry, parseRegistryInSlices,
  putFramework, serializeRegistry, type RegistryState,
} from '../../master/registry/registry-state';
import { FileRegistryStore } from '../../master/registry/file-registry-store';
import { MemoryRegistryStore } from '../../master/registry/registry-store';
import { Registrar } from '../../master/registry/registrar';
import { silentLogger } from '@meseta/runtime/log';

function registryOf(agents: number, frameworks: number): RegistryState {
  const s = emptyRegistry();
  for (let i = 0; i < agents; i++) admitAgent(`a${i}`, { hostname: `h${i}`, port: 5051, resources: [{ name: 'cpus', type: 0, scalar: { value: i + 1 } }] }, i)(s);
  if (agents > 1) markAgentUnreachable('a1', 100)(s);
  if (agents > 2) markAgentGone('a2', 101)(s);
  for (let i = 0; i < frameworks; i++) putFramework(`f${i}`, { name: `fw${i}`, user: 'u', roles: ['web'] }, i)(s);
  s.weights.set('web', 2);
  s.quotas.set('web', { guarantees: { cpus: 1 }, limits: {} });
  return s;
}

/** What a test compares: the serialised form (every field, in order). */
const text = (s: RegistryState): string => serializeRegistry(s).toString('utf8');

describe('parseRegistryInSlices', () => {
  it.each([
    ['empty', 0, 0, 7, 1],
    ['fewer entries than a slice', 5, 2, 10, 1 + 1 + 1],
    ['exactly one slice of agents', 10, 0, 10, 1 + 1],
    ['several slices of agents and frameworks', 23, 7, 5, 1 + 5 + 2],
    ['slices of one', 4, 3, 1, 1 + 4 + 3],
  ])('%s: same registry as parseRegistry (%i agents, %i frameworks, slice %i), %i turns', async (_name, agents, frameworks, slice, turns) => {
    const bytes = serializeRegistry(registryOf(agents, frameworks));
    let yielded = 0;
    const back = await parseRegistryInSlices(bytes, 'test', async () => {
      yielded++;
    }, slice);
    expect(text(back)).toBe(text(parseRegistry(bytes, 'test')));
    expect(back.agents.size).toBe(agents);
    expect(back.frameworks.size).toBe(frameworks);
    expect(yielded).toBe(turns);
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), /is corrupt \(not valid JSON/],
    ['JSON of something else', Buffer.from('{"hello":1}'), /is corrupt \(not a Meseta registry\)/],
    ['a newer format', Buffer.from('{"format":"meseta-registry","version":99}'), /is from a newer Meseta \(format 99/],
    ['agents that are not a list', Buffer.from('{"format":"meseta-registry","version":1,"agents":{"a":1}}'), /is corrupt \(agents is not a list\)/],
    ['an agent entry that is not an object', Buffer.from('{"format":"meseta-registry","version":1,"agents":[null]}'), /is corrupt \(/],
  ])('refuses a registry that is %s as parseRegistry does, naming where', async (_name, bytes, message) => {
    const sliced = parseRegistryInSlices(bytes, '/x/registry.json', async () => undefined, 2);
    await expect(sliced).rejects.toThrow(RegistryError);
    await expect(parseRegistryInSlices(bytes, '/x/registry.json', async () => undefined, 2)).rejects.toThrow(message);
    await expect(parseRegistryInSlices(bytes, '/x/registry.json', async () => undefined, 2)).rejects.toThrow(/registry at \/x\/registry\.json/);
    expect(() => parseRegistry(bytes, '/x/registry.json')).toThrow(message);
  });
});

describe('Registrar.recover with a yieldTurn', () => {
  it('gives the same state from a whole-value store, yielding meanwhile', async () => {
    const store = new MemoryRegistryStore();
    await store.store(serializeRegistry(registryOf(1200, 3)));
    let turns = 0;
    const sliced = await new Registrar(store).recover(async () => {
      turns++;
    });
    expect(text(sliced)).toBe(text(await new Registrar(store).recover()));
    expect(turns).toBeGreaterThanOrEqual(3); // 1,200 agents at 500 a slice
  });

  it('replays a file log of many groups the same way, yielding between slices of ops', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-sliced-load-'));
    try {
      const file = path.join(dir, 'registry.json');
      const writer = new Registrar(new FileRegistryStore(file, silentLogger));
      await writer.recover();
      // One group per call (awaited one by one): a snapshot first, then 1,100 log lines.
      for (let i = 0; i < 1101; i++) await writer.apply(admitAgent(`a${i}`, { hostname: `h${i}`, port: 5051 }, i));
      const whole = await new Registrar(new FileRegistryStore(file, silentLogger)).recover();
      let turns = 0;
      const sliced = await new Registrar(new FileRegistryStore(file, silentLogger)).recover(async () => {
        turns++;
      });
      expect(sliced.agents.size).toBe(1101);
      expect(text(sliced)).toBe(text(whole));
      expect(turns).toBeGreaterThanOrEqual(2); // 1,100 ops replayed at 500 a slice
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
