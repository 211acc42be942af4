/** Persistent volumes in the resource algebra (proto/src/resources.ts): a volume is its own kind per persistence id. */
import type { Resource } from '@meseta/proto/wire';
import { add, contains, formatResources, isPersistentVolume, normalize, shortfalls, subtract, allocate, unallocate } from '@meseta/proto/resources';

const reserved = (mb: number, role = 'db'): Resource => ({
  name: 'disk',
  type: 0,
  scalar: { value: mb },
  reservations: [{ type: 2, role, principal: 'ops' }],
});
const volume = (id: string, mb: number, role = 'db', path = 'data'): Resource => ({
  ...reserved(mb, role),
  disk: { persistence: { id, principal: 'ops' }, volume: { container_path: path, mode: 1 } },
});
const plain = (mb: number): Resource => ({ name: 'disk', type: 0, scalar: { value: mb } });
const text = (list: readonly Resource[]): string => formatResources(list);

describe('volumes: add', () => {
  it.each<[string, Resource[], Resource[], string]>([
    ['a volume never merges with reserved disk of its role', [reserved(100)], [volume('a', 50)], 'disk(db):100;disk(db)[a:data]:50'],
    ['a volume never merges with plain disk', [plain(100)], [volume('a', 50)], 'disk:100;disk(db)[a:data]:50'],
    ['two volumes never merge', [volume('a', 50)], [volume('b', 50)], 'disk(db)[a:data]:50;disk(db)[b:data]:50'],
    ['one volume id in two roles stays two kinds', [volume('a', 50, 'db')], [volume('a', 50, 'web')], 'disk(db)[a:data]:50;disk(web)[a:data]:50'],
    ['the same volume counted twice adds up (a kind, like any other)', [volume('a', 50)], [volume('a', 50)], 'disk(db)[a:data]:100'],
    ['the container path is not part of the kind (as Mesos)', [volume('a', 50, 'db', 'x')], [volume('a', 50, 'db', 'y')], 'disk(db)[a:x]:100'],
  ])('%s', (_case, a, b, expected) => {
    expect(text(add(a, b))).toBe(expected);
  });

  it('keeps disk.persistence and disk.volume through normalise, allocate and unallocate', () => {
    const [out] = unallocate(allocate(normalize([volume('a', 50)]), 'db'));
    expect(out.disk).toEqual({ persistence: { id: 'a', principal: 'ops' }, volume: { container_path: 'data', mode: 1 } });
    expect(isPersistentVolume(out)).toBe(true);
    expect(isPersistentVolume(reserved(1))).toBe(false);
  });

  it('copies the disk info: changing the result does not change the argument', () => {
    const a = [volume('a', 50)];
    const [out] = normalize(a);
    out.disk!.persistence!.id = 'changed';
    expect(a[0].disk!.persistence!.id).toBe('a');
  });
});

describe('volumes: subtract', () => {
  it.each<[string, Resource[], Resource[], string]>([
    ['removing a volume leaves the reserved disk beside it', [reserved(100), volume('a', 50)], [volume('a', 50)], 'disk(db):100'],
    ['removing reserved disk leaves the volume', [reserved(100), volume('a', 50)], [reserved(100)], 'disk(db)[a:data]:50'],
    ['removing another volume id leaves this one', [volume('a', 50)], [volume('b', 50)], 'disk(db)[a:data]:50'],
    ['removing plain disk leaves the volume', [volume('a', 50)], [plain(50)], 'disk(db)[a:data]:50'],
    ['CREATE as arithmetic: reserved disk out, volume in', add(subtract([reserved(100)], [reserved(40)]), [volume('a', 40)]), [], 'disk(db):60;disk(db)[a:data]:40'],
  ])('%s', (_case, a, b, expected) => {
    expect(text(subtract(a, b))).toBe(expected);
  });
});

describe('volumes: contains and shortfalls', () => {
  it.each<[string, Resource[], Resource[], boolean]>([
    ['a volume holds itself', [volume('a', 50)], [volume('a', 50)], true],
    ['reserved disk does not hold a volume', [reserved(100)], [volume('a', 50)], false],
    ['a volume does not hold reserved disk', [volume('a', 100)], [reserved(50)], false],
    ['a volume does not hold another volume id', [volume('a', 100)], [volume('b', 50)], false],
    ['a volume of another role does not hold this role\'s', [volume('a', 100, 'web')], [volume('a', 50, 'db')], false],
    ['an offer with plain disk and a volume holds both', [plain(10), volume('a', 50)], [plain(10), volume('a', 50)], true],
  ])('%s', (_case, outer, inner, expected) => {
    expect(contains(outer, inner)).toBe(expected);
  });

  it('names the volume\'s role in the shortfall, as data', () => {
    expect(shortfalls([reserved(100)], [volume('a', 50)])).toEqual([
      { name: 'disk', requested: 50, available: 0, message: 'disk: asked 50, offer holds 0 reserved for role "db"' },
    ]);
  });
});
