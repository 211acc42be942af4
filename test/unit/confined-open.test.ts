import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfinedPathError, isUnder, listConfined, openConfined } from '../../agent/confined-open';

let dir: string;
let root: string;

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-confined-')));
  root = path.join(dir, 'root');
  fs.mkdirSync(path.join(root, 'runs', 'c1'), { recursive: true });
  fs.writeFileSync(path.join(root, 'runs', 'c1', 'stdout'), 'inside');
  fs.symlinkSync('c1', path.join(root, 'runs', 'latest'));
  fs.mkdirSync(path.join(dir, 'outside'));
  fs.writeFileSync(path.join(dir, 'outside', 'secret'), 'outside');
  fs.symlinkSync(path.join(dir, 'outside', 'secret'), path.join(root, 'file-link'));
  fs.symlinkSync(path.join(dir, 'outside'), path.join(root, 'dir-link'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function problemOf(relative: string): Promise<string> {
  try {
    const opened = await openConfined(root, relative);
    await opened.handle.close();
    return 'opened';
  } catch (e) {
    if (e instanceof ConfinedPathError) return e.problem;
    throw e;
  }
}

describe('opening a file confined to a folder', () => {
  it.each([
    ['a file', 'runs/c1/stdout', 'opened'],
    ['a file through a link that stays inside', 'runs/latest/stdout', 'opened'],
    ['the root itself', '', 'opened'],
    ['a link to a file outside', 'file-link', 'outside'],
    ['a file under a link to a folder outside', 'dir-link/secret', 'outside'],
    ['a climb out', 'runs/../../outside/secret', 'outside'],
    ['an absolute path', '/etc/passwd', 'outside'],
    ['a NUL byte', 'a\0b', 'invalid'],
    ['a missing file', 'runs/c1/none', 'not-found'],
  ])('%s: %s', async (_what, relative, expected) => {
    expect(await problemOf(relative)).toBe(expected);
  });

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = path.join(root, 'runs', 'c1', 'pipe');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    await expect(openConfined(root, 'runs/c1/pipe')).rejects.toThrow('is not a regular file or a folder');
  });

  it('reports the real path of what it opened, from the descriptor', async () => {
    const opened = await openConfined(root, 'runs/latest/stdout');
    try {
      expect(opened.realPath).toBe(path.join(root, 'runs', 'c1', 'stdout'));
      expect(opened.stats.isFile()).toBe(true);
    } finally {
      await opened.handle.close();
    }
  });

  it('lists a folder through its descriptor, without targets for links leading out', async () => {
    const opened = await openConfined(root, '');
    try {
      const entries = await listConfined(root, opened, '');
      expect(entries.map((e) => [e.name, e.own.isSymbolicLink(), e.target?.isDirectory() ?? null])).toEqual([
        ['dir-link', true, null],
        ['file-link', true, null],
        ['runs', false, null],
      ]);
      const runs = await openConfined(root, 'runs');
      try {
        const inner = await listConfined(root, runs, 'runs');
        expect(inner.map((e) => [e.name, e.target?.isDirectory() ?? null])).toEqual([['c1', null], ['latest', true]]);
      } finally {
        await runs.handle.close();
      }
    } finally {
      await opened.handle.close();
    }
  });

  it.each([
    ['/a', '/a', true],
    ['/a', '/a/b', true],
    ['/a', '/ab', false],
    ['/a', '/', false],
  ])('%s holds %s: %s', (r, candidate, expected) => {
    expect(isUnder(r, candidate)).toBe(expected);
  });
});
