import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { watchForExit } from '../../agent/exit-watch';
import { ManualClock } from '@meseta/runtime/clock';
import { waitFor } from '../harness/wait-for';

/** The waits on an adopted container's end: the status file (inotify) first, the liveness check only as a fallback. */
describe('waiting for a process the agent is not the parent of', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exit-watch-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const readStatus = (file: string) => (): number | undefined => {
    try {
      const text = fs.readFileSync(file, 'utf8');
      return /^\d+\n$/.test(text) ? Number(text) : undefined;
    } catch {
      return undefined;
    }
  };

  it('ends when the status file appears, with its status, while the fallback check never ran', async () => {
    const clock = new ManualClock();
    const file = path.join(dir, 'exit-status');
    let checks = 0;
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => (checks++, true), clock, pollMs: 1000 });
    let result: { status?: number } | undefined;
    void watch.ended.then((r) => (result = r));
    const checksBefore = checks;
    fs.writeFileSync(file, '3\n');
    await waitFor(() => result, 5000, 'the watch to report the end');
    expect(result).toEqual({ status: 3 });
    expect(checks).toBe(checksBefore); // the clock never moved: the file woke it
    expect(clock.pending).toBe(0); // and the fallback check is cancelled
  });

  it('takes a status written between its read and the liveness check (the process wrote it, then exited)', async () => {
    const file = path.join(dir, 'exit-status');
    // The first read misses the file; the process then writes it and exits before the liveness check.
    const read = readStatus(file);
    let reads = 0;
    const watch = watchForExit({
      readStatus: () => {
        reads++;
        return read();
      },
      alive: () => {
        fs.writeFileSync(file, '7\n');
        return false;
      },
      clock: new ManualClock(),
      pollMs: 1000,
    });
    await expect(watch.ended).resolves.toEqual({ status: 7 });
    expect(reads).toBe(2);
  });

  it('ends at once when the status file is there before the watch starts', async () => {
    const file = path.join(dir, 'exit-status');
    fs.writeFileSync(file, '0\n');
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => true, clock: new ManualClock(), pollMs: 1000 });
    await expect(watch.ended).resolves.toEqual({ status: 0 });
  });

  it('falls back to the liveness check when nothing writes a status (its parent was killed too)', async () => {
    const clock = new ManualClock();
    let alive = true;
    const file = path.join(dir, 'exit-status');
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => alive, clock, pollMs: 250 });
    let result: { status?: number } | undefined;
    void watch.ended.then((r) => (result = r));
    alive = false;
    await Promise.resolve();
    expect(result).toBeUndefined(); // not checked before the clock says so
    clock.advance(250);
    await Promise.resolve();
    expect(result).toEqual({});
    expect(clock.pending).toBe(0);
  });

  it('waits the grace period for a status once the process is gone, and takes it if it comes', async () => {
    const clock = new ManualClock();
    const file = path.join(dir, 'exit-status');
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => false, clock, pollMs: 1000, statusGraceMs: 2000 });
    let result: { status?: number } | undefined;
    void watch.ended.then((r) => (result = r));
    await Promise.resolve();
    expect(result).toBeUndefined();
    fs.writeFileSync(file, '137\n');
    await waitFor(() => result, 5000, 'the status written during the grace period');
    expect(result).toEqual({ status: 137 });
  });

  it('reports no status once the grace period is over', async () => {
    const clock = new ManualClock();
    const file = path.join(dir, 'exit-status');
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => false, clock, pollMs: 1000, statusGraceMs: 2000 });
    let result: { status?: number } | undefined;
    void watch.ended.then((r) => (result = r));
    clock.advance(1999);
    await Promise.resolve();
    expect(result).toBeUndefined();
    clock.advance(1);
    await Promise.resolve();
    expect(result).toEqual({});
  });

  it('works by the check alone when the directory cannot be watched, and says so', async () => {
    const clock = new ManualClock();
    let alive = true;
    const errors: Error[] = [];
    const watch = watchForExit({
      statusFile: path.join(dir, 'missing-dir', 'exit-status'),
      readStatus: () => undefined,
      alive: () => alive,
      clock,
      pollMs: 100,
      onWatchError: (e) => errors.push(e),
    });
    expect(errors).toHaveLength(1);
    alive = false;
    clock.advance(100);
    await expect(watch.ended).resolves.toEqual({});
  });

  it('stops: no end is reported and no timer is left', async () => {
    const clock = new ManualClock();
    const file = path.join(dir, 'exit-status');
    const watch = watchForExit({ statusFile: file, readStatus: readStatus(file), alive: () => false, clock, pollMs: 100 });
    // alive() is false, so the first check ended it at once; a fresh one that is stopped:
    await expect(watch.ended).resolves.toEqual({});
    let alive = true;
    const second = watchForExit({ statusFile: file, readStatus: () => undefined, alive: () => alive, clock, pollMs: 100 });
    let ended = false;
    void second.ended.then(() => (ended = true));
    second.stop();
    alive = false;
    clock.advance(1000);
    await Promise.resolve();
    expect(ended).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
