import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSandbox, pathSegmentProblem, sandboxRelativeDir } from '../../agent/sandbox';
import { ConfinedPathError, openConfined } from '../../agent/confined-open';
import { browse, FilesError, modeString, readFile, sandboxesRelative } from '../../agent/sandbox-files';

let workDir: string;
let outside: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-sandbox-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-outside-'));
  fs.writeFileSync(path.join(outside, 'secret'), 'do not read');
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('sandbox layout', () => {
  it('puts a run under frameworks/<fid>/tasks/<tid>/runs/<cid> with stdout, stderr and a latest link', async () => {
    const sandbox = await createSandbox(workDir, 'fw', 'task-1', 'c1');
    expect(sandbox.relativeDir).toBe('frameworks/fw/tasks/task-1/runs/c1');
    expect(fs.readFileSync(sandbox.stdoutPath, 'utf8')).toBe('');
    expect(fs.existsSync(sandbox.stderrPath)).toBe(true);
    expect(fs.readlinkSync(path.join(workDir, 'frameworks/fw/tasks/task-1/runs/latest'))).toBe('c1');
    await createSandbox(workDir, 'fw', 'task-1', 'c2');
    expect(fs.readlinkSync(path.join(workDir, 'frameworks/fw/tasks/task-1/runs/latest'))).toBe('c2');
  });

  it.each([
    ['an empty id', ''],
    ['a dot-dot id', '..'],
    ['a dot id', '.'],
    ['an id with a slash', 'a/b'],
    ['an id with a backslash', 'a\\b'],
    ['an id with a newline', 'a\nb'],
  ])('refuses %s as a path segment', (_name, id) => {
    expect(pathSegmentProblem(id)).toBeDefined();
    expect(() => sandboxRelativeDir('fw', id, 'c')).toThrow();
  });

  it.each([['plain-id'], ['with.dots_and-dashes'], ['ünïcode']])('accepts %s as a path segment', (id) => {
    expect(pathSegmentProblem(id)).toBeUndefined();
  });
});

describe('sandbox confinement (openConfined)', () => {
  let root: string;
  beforeAll(async () => {
    root = (await createSandbox(workDir, 'fw', 'confined', 'c1')).dir;
    fs.writeFileSync(path.join(root, 'stdout'), 'hello');
    fs.mkdirSync(path.join(root, 'sub'));
    fs.writeFileSync(path.join(root, 'sub', 'inner.txt'), 'inner');
    fs.symlinkSync(path.join(outside, 'secret'), path.join(root, 'escape-file'));
    fs.symlinkSync(outside, path.join(root, 'escape-dir'));
    fs.symlinkSync('sub/inner.txt', path.join(root, 'inside-link'));
  });

  it.each([
    ['a file', 'stdout', 'stdout'],
    ['a nested file', 'sub/inner.txt', 'sub/inner.txt'],
    ['the root itself', '', ''],
    ['a symlink that stays inside', 'inside-link', 'sub/inner.txt'],
    ['a path with ./', './sub/./inner.txt', 'sub/inner.txt'],
  ])('resolves %s', async (_name, rel, expected) => {
    const opened = await openConfined(fs.realpathSync(root), rel);
    await opened.handle.close();
    expect(opened.realPath).toBe(path.join(fs.realpathSync(root), expected));
  });

  it.each([
    ['a .. segment', '../c1/stdout', 'outside'],
    ['a .. hidden in the middle', 'sub/../../../../secret', 'outside'],
    ['an absolute path', '/etc/passwd', 'outside'],
    ['a NUL byte', 'std\0out', 'invalid'],
    ['a symlink to a file outside', 'escape-file', 'outside'],
    ['a path through a symlinked directory outside', 'escape-dir/secret', 'outside'],
    ['a missing file', 'nope', 'not-found'],
  ])('refuses %s', async (_name, rel, problem) => {
    const error = await openConfined(fs.realpathSync(root), rel).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfinedPathError);
    expect((error as ConfinedPathError).problem).toBe(problem);
  });
});

describe('the /files helpers', () => {
  beforeAll(async () => {
    const sandbox = await createSandbox(workDir, 'fw', 'files', 'c1');
    fs.writeFileSync(sandbox.stdoutPath, 'hello world\n');
    fs.symlinkSync(path.join(outside, 'secret'), path.join(sandbox.dir, 'escape'));
  });

  it.each([
    ['a work-dir-relative path', 'frameworks/fw/tasks/files/runs/c1/stdout', 'fw/tasks/files/runs/c1/stdout'],
    ['the sandboxes folder', 'frameworks', ''],
  ])('maps %s under the sandboxes folder', (_name, requested, expected) => {
    expect(sandboxesRelative(workDir, requested)).toBe(expected);
  });

  it('maps an absolute path inside the work dir', () => {
    expect(sandboxesRelative(workDir, path.join(workDir, 'frameworks/fw/x'))).toBe('fw/x');
  });

  it.each([
    ['no path', undefined, 400],
    ['a path outside the sandboxes folder', 'checkpoints/x', 403],
    ['an absolute path outside the work dir', '/etc/passwd', 403],
  ])('refuses %s', (_name, requested, status) => {
    let error: unknown;
    try {
      sandboxesRelative(workDir, requested);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilesError);
    expect((error as FilesError).status).toBe(status);
  });

  it('reads a file with offset and length', async () => {
    const p = 'frameworks/fw/tasks/files/runs/latest/stdout';
    await expect(readFile(workDir, p)).resolves.toEqual({ data: 'hello world\n', offset: 0 });
    await expect(readFile(workDir, p, '6', '5')).resolves.toEqual({ data: 'world', offset: 6 });
    await expect(readFile(workDir, p, '-1')).resolves.toEqual({ data: '', offset: 12 });
    await expect(readFile(workDir, p, '100')).resolves.toEqual({ data: '', offset: 100 });
  });

  it.each([
    ['a bad offset', 'frameworks/fw/tasks/files/runs/c1/stdout', 'x', undefined, 400],
    ['a negative length', 'frameworks/fw/tasks/files/runs/c1/stdout', '0', '-5', 400],
    ['a directory', 'frameworks/fw/tasks/files/runs/c1', undefined, undefined, 400],
    ['a .. path', 'frameworks/fw/../../etc/passwd', undefined, undefined, 403],
    ['a NUL byte', 'frameworks/fw/std\0out', undefined, undefined, 400],
    ['a symlink leading out', 'frameworks/fw/tasks/files/runs/c1/escape', undefined, undefined, 403],
    ['a missing file', 'frameworks/fw/tasks/files/runs/c1/nope', undefined, undefined, 404],
  ])('read refuses %s', async (_name, p, offset, length, status) => {
    const error = await readFile(workDir, p, offset, length).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilesError);
    expect((error as FilesError).status).toBe(status);
    expect((error as Error).message.length).toBeGreaterThan(5);
  });

  it('browses a sandbox, hiding links that lead out', async () => {
    const entries = await browse(workDir, 'frameworks/fw/tasks/files/runs/c1');
    expect(entries.map((e) => e.name)).toEqual(['stderr', 'stdout']);
    const stdout = entries.find((e) => e.name === 'stdout');
    expect(stdout).toMatchObject({ path: 'frameworks/fw/tasks/files/runs/c1/stdout', size: 12, is_dir: false });
  });

  it.each([
    ['a 755 directory', 0o755, true, 'drwxr-xr-x'],
    ['a 644 file', 0o644, false, '-rw-r--r--'],
    ['a 600 file', 0o600, false, '-rw-------'],
  ])('writes the mode of %s as ls does', (_name, mode, isDir, text) => {
    expect(modeString(mode as number, isDir as boolean)).toBe(text);
  });
});
