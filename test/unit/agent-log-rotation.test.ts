import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesBeforeRotation, logRotationProblem, rotatedNames, rotationRenames } from '../../agent/log-rotation';
import { RotatingLogFile } from '../../agent/rotating-log-file';

describe('rotation naming', () => {
  it.each([
    [2, ['stdout', 'stdout.1'], [['stdout', 'stdout.1']]],
    [4, ['stdout', 'stdout.1', 'stdout.2', 'stdout.3'], [['stdout.2', 'stdout.3'], ['stdout.1', 'stdout.2'], ['stdout', 'stdout.1']]],
  ])('%i files', (maxFiles, names, renames) => {
    expect(rotatedNames('stdout', maxFiles)).toEqual(names);
    expect(rotationRenames('stdout', maxFiles)).toEqual(renames);
  });
});

describe('logRotationProblem', () => {
  it.each([
    [{ maxBytes: 10 * 1024 * 1024, maxFiles: 5 }, undefined],
    [{ maxBytes: 1024, maxFiles: 2 }, undefined],
    [{ maxBytes: 100, maxFiles: 5 }, '--container-logger-max-size: 100 bytes is below the 1024 bytes taken (e.g. 10MB)'],
    [{ maxBytes: 4096, maxFiles: 1 }, '--container-logger-max-files: 1 must be a whole number of at least 2 (the current file and one rotated)'],
    [{ maxBytes: 4096, maxFiles: 2.5 }, '--container-logger-max-files: 2.5 must be a whole number of at least 2 (the current file and one rotated)'],
  ])('%j', (rotation, problem) => expect(logRotationProblem(rotation)).toBe(problem));
});

describe('bytesBeforeRotation: lines stay whole when they fit', () => {
  const b = (s: string) => Buffer.from(s);
  it.each([
    ['fits', 0, 'abc\n', 10, 4],
    ['exactly fills', 6, 'abc\n', 10, 4],
    ['cut after the last newline that fits', 4, 'ab\ncd\nef\n', 10, 6],
    ['no newline fits in a used file: rotate first', 8, 'abcdef\n', 10, 0],
    ['a line longer than a whole file is cut at the size', 0, 'abcdefghijkl', 10, 10],
    ['a full file: rotate first', 10, 'a\n', 10, 0],
  ])('%s', (_n, size, chunk, max, n) => expect(bytesBeforeRotation(size, b(chunk), max)).toBe(n));
});

it('RotatingLogFile keeps maxFiles files of at most maxBytes, every byte once and in order', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-rotate-unit-'));
  try {
    const file = path.join(dir, 'stdout');
    const log = new RotatingLogFile(file, { maxBytes: 1024, maxFiles: 3 });
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i}\n`); // about 2.6 KB
    for (let i = 0; i < lines.length; i += 7) log.write(Buffer.from(lines.slice(i, i + 7).join('')));
    log.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['stdout', 'stdout.1', 'stdout.2']);
    const kept = ['stdout.2', 'stdout.1', 'stdout'].map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
    for (const text of kept) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024);
    const all = lines.join('');
    expect(all.endsWith(kept.join(''))).toBe(true); // the newest bytes, in order, nothing repeated
    expect(kept[0].split('\n')[0]).toMatch(/^line \d+$/); // files start on a line
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
