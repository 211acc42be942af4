/**
 * The fetcher's pure decisions: a command's URIs as steps (file, archive
 * kind, executable, cache), and the cache's keys and eviction choices.
 */
import { archiveKind, gunzippedName, planFetch } from '../../agent/fetcher/fetch-plan';
import { cacheKey, chooseEvictions, type CacheEntryView } from '../../agent/fetcher/fetch-cache-plan';

describe('archiveKind', () => {
  it.each([
    ['a.tar', 'tar'],
    ['a.tar.gz', 'tar'],
    ['a.TGZ', 'tar'],
    ['a.tar.bz2', 'tar'],
    ['a.tbz2', 'tar'],
    ['a.tar.xz', 'tar'],
    ['a.txz', 'tar'],
    ['a.zip', 'zip'],
    ['data.csv.gz', 'gzip'],
    ['a.gz', 'gzip'],
    ['.gz', undefined],
    ['run.sh', undefined],
    ['a.tar.zst', undefined],
    ['tarball', undefined],
  ])('%s → %s', (name, kind) => {
    expect(archiveKind(name)).toBe(kind);
  });

  it('names the file a .gz becomes', () => {
    expect(gunzippedName('data/x.csv.gz')).toBe('data/x.csv');
    expect(gunzippedName('X.GZ')).toBe('X');
  });
});

describe('planFetch', () => {
  it('makes one step per URI with its file, archive kind and flags', () => {
    const plan = planFetch(
      {
        uris: [
          { value: 'http://127.0.0.1:1/app.tar.gz' },
          { value: 'http://127.0.0.1:1/app.zip', extract: false },
          { value: '/opt/run.sh', executable: true },
          { value: 'http://127.0.0.1:1/tool.tgz', executable: true },
          { value: 'file:///opt/big.bin', cache: true, output_file: 'data/big' },
        ],
      },
      { cacheEnabled: true },
    );
    expect(plan).toEqual({
      steps: [
        { index: 0, uri: 'http://127.0.0.1:1/app.tar.gz', source: { kind: 'http', url: 'http://127.0.0.1:1/app.tar.gz' }, file: 'app.tar.gz', executable: false, cache: false, archive: 'tar' },
        { index: 1, uri: 'http://127.0.0.1:1/app.zip', source: { kind: 'http', url: 'http://127.0.0.1:1/app.zip' }, file: 'app.zip', executable: false, cache: false },
        { index: 2, uri: '/opt/run.sh', source: { kind: 'file', path: '/opt/run.sh' }, file: 'run.sh', executable: true, cache: false },
        // executable wins over extract, as in Mesos
        { index: 3, uri: 'http://127.0.0.1:1/tool.tgz', source: { kind: 'http', url: 'http://127.0.0.1:1/tool.tgz' }, file: 'tool.tgz', executable: true, cache: false },
        { index: 4, uri: 'file:///opt/big.bin', source: { kind: 'file', path: '/opt/big.bin' }, file: 'data/big', executable: false, cache: true },
      ],
    });
  });

  it('fetches cache: true URIs directly on an agent without a cache', () => {
    const plan = planFetch({ uris: [{ value: 'http://h/a', cache: true }] }, { cacheEnabled: false });
    expect('steps' in plan && plan.steps[0].cache).toBe(false);
  });

  it('refuses a bad URI naming the field', () => {
    expect(planFetch({ uris: [{ value: 'gopher://h/a' }] }, { cacheEnabled: true, prefix: 'executor.' })).toEqual({
      problem: 'executor.command.uris[0].value: "gopher://h/a": the scheme "gopher" is not supported (http://, https://, file:// or an absolute path)',
    });
  });

  it('has no steps for a command without URIs', () => {
    expect(planFetch(undefined, { cacheEnabled: true })).toEqual({ steps: [] });
  });
});

describe('cacheKey', () => {
  it('is a hex digest of the URI and the user', () => {
    expect(cacheKey('http://h/a', undefined)).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('http://h/a', 'alice')).not.toBe(cacheKey('http://h/a', 'bob'));
    expect(cacheKey('http://h/a', undefined)).not.toBe(cacheKey('http://h/b', undefined));
    expect(cacheKey('http://h/a', 'alice')).toBe(cacheKey('http://h/a', 'alice'));
  });
});

describe('chooseEvictions', () => {
  const entry = (key: string, size: number, lastUsed: number, inUse = false): CacheEntryView => ({ key, size, lastUsed, inUse });
  it.each<[string, CacheEntryView[], number, number, ReturnType<typeof chooseEvictions>]>([
    ['room enough: nothing goes', [entry('a', 10, 1)], 100, 50, { evict: [] }],
    ['exactly full: nothing goes', [entry('a', 50, 1)], 100, 50, { evict: [] }],
    ['the least recently used goes first', [entry('a', 40, 3), entry('b', 40, 1), entry('c', 40, 2)], 100, 30, { evict: ['b', 'c'] }],
    ['only as many as needed', [entry('a', 40, 3), entry('b', 40, 1), entry('c', 10, 2)], 100, 15, { evict: ['b'] }],
    ['an entry in use is never evicted', [entry('old', 60, 1, true), entry('new', 30, 2)], 100, 30, { evict: ['new'] }],
    ['ties go by key', [entry('b', 50, 1), entry('a', 50, 1)], 100, 10, { evict: ['a'] }],
    [
      'bigger than the cache: refused with the figures',
      [entry('a', 10, 1)],
      100,
      150,
      { refused: { asked: 150, limit: 100, inUse: 0, message: 'needs 150 bytes; the cache holds at most 100 and 0 of them are in use' } },
    ],
    [
      'no room beside entries in use: refused',
      [entry('a', 80, 1, true), entry('b', 10, 2)],
      100,
      30,
      { refused: { asked: 30, limit: 100, inUse: 80, message: 'needs 30 bytes; the cache holds at most 100 and 80 of them are in use' } },
    ],
  ])('%s', (_name, entries, limit, incoming, expected) => {
    expect(chooseEvictions(entries, limit, incoming)).toEqual(expected);
  });
});
