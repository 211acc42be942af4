/**
 * Log rotation of tar (runc) containers against a real `meseta master` and
 * `meseta agent` (127.0.0.1), the agent started with `--containerizers tar
 * --container-logger-max-size 4KB --container-logger-max-files 50`, the task
 * launched by `meseta run --rootfs` (a busybox root filesystem). It writes
 * 5,000 numbered lines to stdout and 300 to stderr; runc's launcher shell
 * writes them into two FIFOs in the container's folder, read by the
 * detached log pump: the sandbox holds `stdout`, `stdout.1`, … each at most
 * 4 KB, which together are the whole output in order, stderr rotated apart,
 * and the pump ends with the task.
 *
 * Needs the build (`npm run build`).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensurePackages } from '../setup/packages';
import { cleanUpAll, removeCgroupRoot } from './container-agent';

const MAX_BYTES = 4096;
const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;
let images: BusyboxImage;
let imageDir: string;
let cluster: Cluster;

beforeAll(async () => {
  ensurePackages([
    { binary: 'runc', package: 'runc' },
    { binary: 'busybox', package: 'busybox-static' },
    { binary: 'mkfifo', package: 'coreutils' },
  ]);
  imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-tar-rotation-'));
  images = buildBusyboxImage(imageDir);
  cluster = await startCluster({
    agents: 1,
    name: 'tar-log-rotation',
    agentFlags: ['--containerizers', 'tar', '--cgroups-root', cgroupsRoot, '--container-logger-max-size', '4KB', '--container-logger-max-files', '50'],
  });
}, 120_000);

afterAll(() =>
  cleanUpAll(
    () => cluster?.stop(),
    () => removeCgroupRoot(cgroupsRoot),
    () => fs.rmSync(imageDir, { recursive: true, force: true }),
  ),
);

/** The files of one rotated stream in the sandbox, oldest first. */
function rotated(sandbox: string, base: string): string[] {
  return fs
    .readdirSync(sandbox)
    .filter((f) => f === base || /^\d+$/.test(f.slice(base.length + 1)) && f.startsWith(`${base}.`))
    .sort((a, b) => Number(b.split('.')[1] ?? 0) - Number(a.split('.')[1] ?? 0))
    .map((f) => path.join(sandbox, f));
}

/** Pids of processes whose command line names `needle` (read only: nothing is signalled). */
function processesNaming(needle: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) out.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

it('rotates a runc task\'s stdout and stderr apart, each file within the size, the whole output kept in order; the pump ends with the task', async () => {
  const result = await runCli(
    ['run', '--master', cluster.masterAddress, '--name', 'rotating', '--rootfs', images.tar, '--no-output', '--command', "seq -w 1 5000 | sed 's/^/line-/'; seq 1 300 | sed 's/^/err-/' >&2"],
    { timeoutMs: 120_000 },
  );
  expect(result.code).toBe(0);
  const state = await getState(cluster.masterAddress);
  const task = [...(state.tasks ?? []), ...(state.completed_tasks ?? [])].find((t) => t.name === 'rotating');
  expect(task?.state).toBe('TASK_FINISHED');
  const runs = path.join(cluster.agents[0].workDir, 'frameworks', task!.framework_id!.value, 'tasks', task!.task_id.value, 'runs');
  const sandbox = fs.realpathSync(path.join(runs, 'latest'));
  // The pump writes until the FIFOs close: wait for it to end, then read.
  await waitFor(() => processesNaming(path.join(sandbox, 'stdout')).length === 0, 30_000, 'the log pump to end');
  const stdoutFiles = rotated(sandbox, 'stdout');
  expect(stdoutFiles.length).toBeGreaterThanOrEqual(10); // 50,000 bytes at 4 KB a file
  for (const f of stdoutFiles) expect(fs.statSync(f).size).toBeLessThanOrEqual(MAX_BYTES);
  const expected = Array.from({ length: 5000 }, (_, i) => `line-${String(i + 1).padStart(4, '0')}\n`).join('');
  expect(stdoutFiles.map((f) => fs.readFileSync(f, 'utf8')).join('')).toBe(expected);
  const stderrFiles = rotated(sandbox, 'stderr');
  for (const f of stderrFiles) expect(fs.statSync(f).size).toBeLessThanOrEqual(MAX_BYTES);
  expect(stderrFiles.map((f) => fs.readFileSync(f, 'utf8')).join('')).toBe(Array.from({ length: 300 }, (_, i) => `err-${i + 1}\n`).join(''));
}, 180_000);
