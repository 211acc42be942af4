/**
 * The sandbox collector on a real temp folder, with a fixed disk usage and a
 * manual clock: what it removes and what it never touches.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '@meseta/runtime/clock';
import { silentLogger } from '@meseta/runtime/log';
import { FixedDiskUsage } from '../../agent/disk-usage';
import { SandboxGc } from '../../agent/sandbox-gc';

const HOUR = 3600 * 1000;
let workDir: string;
let outside: string;

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-gc-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-gc-outside-'));
  fs.writeFileSync(path.join(outside, 'precious'), 'keep me');
});
afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

function makeRun(task: string, container: string, framework = 'f'): string {
  const dir = path.join(workDir, 'frameworks', framework, 'tasks', task, 'runs', container);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'stdout'), 'out\n');
  fs.writeFileSync(path.join(dir, 'stderr'), '');
  fs.rmSync(path.join(path.dirname(dir), 'latest'), { force: true });
  fs.symlinkSync(container, path.join(path.dirname(dir), 'latest'));
  return dir;
}

function collector(clock: ManualClock, disk: FixedDiskUsage, inUse: Set<string>): SandboxGc {
  return new SandboxGc({ workDir, delayMs: 10 * HOUR, headroom: 0.1, intervalMs: 60_000, disk, containersInUse: () => inUse, clock, logger: silentLogger });
}

it('keeps a running task\'s sandbox on a full disk and collects a completed one', async () => {
  const clock = new ManualClock(Date.now());
  const running = makeRun('running', 'c-run');
  const done = makeRun('done', 'c-done');
  const gc = collector(clock, new FixedDiskUsage(1), new Set(['c-run']));
  await gc.check();
  expect(fs.existsSync(running)).toBe(true);
  expect(fs.existsSync(done)).toBe(false);
  expect(fs.existsSync(path.join(workDir, 'frameworks', 'f', 'tasks', 'done'))).toBe(false); // emptied folders go too
  expect(gc.collectedAt('f/tasks/done/runs/latest/stdout')).toBe(clock.now());
  expect(gc.collectedAt('f/tasks/done/runs/c-done/stderr')).toBe(clock.now());
  expect(gc.collectedAt('f/tasks/running/runs/latest/stdout')).toBeUndefined();
});

it('counts a run whose files are newer than the clock as completed now, not in the future', async () => {
  const clock = new ManualClock(Date.now() - HOUR); // the files are an hour ahead of the clock
  const done = makeRun('done', 'c-done');
  const gc = collector(clock, new FixedDiskUsage(1), new Set());
  await gc.check();
  expect(fs.existsSync(done)).toBe(false);
});

it('waits delay × (1 − headroom − usage) from when the run was seen completed', async () => {
  const clock = new ManualClock(Date.now());
  const dir = makeRun('t', 'c1');
  const inUse = new Set(['c1']);
  const disk = new FixedDiskUsage(0.5); // age = 10 h × 0.4 = 4 h
  const gc = collector(clock, disk, inUse);
  await gc.check();
  inUse.clear(); // its updates are acknowledged: completed from now
  await gc.check();
  clock.advance(4 * HOUR - 1);
  await gc.check();
  expect(fs.existsSync(dir)).toBe(true);
  clock.advance(1);
  await gc.check();
  expect(fs.existsSync(dir)).toBe(false);
});

it('after a restart, counts a run it never saw in use from its newest mtime', async () => {
  const clock = new ManualClock(Date.now());
  const old = makeRun('old', 'c-old');
  const young = makeRun('young', 'c-young');
  const threeHoursAgo = new Date(clock.now() - 3 * HOUR);
  for (const p of [old, path.join(old, 'stdout'), path.join(old, 'stderr')]) fs.utimesSync(p, threeHoursAgo, threeHoursAgo);
  const gc = collector(clock, new FixedDiskUsage(0.65), new Set()); // age = 10 h × 0.25 = 2.5 h
  await gc.check();
  expect(fs.existsSync(old)).toBe(false);
  expect(fs.existsSync(young)).toBe(true);
});

it('remembers what it collected across a restart (the record in gc/collected.jsonl)', async () => {
  const clock = new ManualClock(Date.now());
  makeRun('t', 'c1');
  await collector(clock, new FixedDiskUsage(1), new Set()).check();
  const again = collector(clock, new FixedDiskUsage(0), new Set());
  await again.start();
  await again.stop();
  expect(again.collectedAt('f/tasks/t/runs/latest/stdout')).toBe(clock.now());
});

it('never follows a link out of the sandboxes, nor removes a run that is a link', async () => {
  const clock = new ManualClock(Date.now());
  const dir = makeRun('t', 'c1');
  fs.symlinkSync(outside, path.join(dir, 'escape')); // a task's link to a folder outside
  const runs = path.join(workDir, 'frameworks', 'f', 'tasks', 'linked', 'runs');
  fs.mkdirSync(runs, { recursive: true });
  fs.symlinkSync(outside, path.join(runs, 'c2')); // a run folder that is a link
  await collector(clock, new FixedDiskUsage(1), new Set()).check();
  expect(fs.existsSync(dir)).toBe(false);
  expect(fs.readFileSync(path.join(outside, 'precious'), 'utf8')).toBe('keep me');
  expect(fs.lstatSync(path.join(runs, 'c2')).isSymbolicLink()).toBe(true);
});

it('keeps a task\'s other runs and its latest link when an older run goes', async () => {
  const clock = new ManualClock(Date.now());
  const first = makeRun('t', 'c1');
  const second = makeRun('t', 'c2'); // latest → c2
  const gc = collector(clock, new FixedDiskUsage(1), new Set(['c2']));
  await gc.check();
  expect(fs.existsSync(first)).toBe(false);
  expect(fs.existsSync(second)).toBe(true);
  expect(fs.readlinkSync(path.join(path.dirname(second), 'latest'))).toBe('c2');
  expect(gc.collectedAt('f/tasks/t/runs/c1/stdout')).toBeDefined();
  expect(gc.collectedAt('f/tasks/t/runs/latest/stdout')).toBeUndefined();
});

it('an unreadable disk usage counts as an empty disk (gc-delay alone), logged, never thrown', async () => {
  const clock = new ManualClock(Date.now());
  const dir = makeRun('t', 'c1');
  const gc = new SandboxGc({
    workDir, delayMs: 10 * HOUR, headroom: 0.1, intervalMs: 60_000, containersInUse: () => new Set(), clock, logger: silentLogger,
    disk: { describe: 'broken', usage: () => Promise.reject(new Error('no statfs')) },
  });
  await gc.check();
  expect(fs.existsSync(dir)).toBe(true);
});
