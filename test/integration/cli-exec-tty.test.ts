/**
 * `meseta exec --tty` against a real master and agent: the command runs on
 * a terminal (24×80 when this side is not one), typed input reaches it and
 * its exit code becomes the CLI's.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { REPO_ROOT } from '../harness/paths';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, name: 'cli-exec-tty' });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

/** Run `meseta …args` with `input` on its stdin; resolves with its output and exit code. */
function cliWithInput(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli', 'meseta.js'), ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`meseta ${args.join(' ')} did not end in 30 s; stdout ${JSON.stringify(stdout)} stderr ${JSON.stringify(stderr)}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.write(input);
  });
}

describe('meseta exec --tty', () => {
  it('runs the command on a terminal: typed lines run, the size is 24x80, the exit code comes back', async () => {
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'tty-target', '--command', 'sleep 600']);
    try {
      await run.waitForLine(/^TASK_RUNNING/, 20_000, 'TASK_RUNNING');
      const taskId = /^launched task (\S+) on agent/m.exec(run.stdout())![1];
      const result = await cliWithInput(['exec', '--master', cluster.masterAddress, '--tty', taskId, '--', 'sh'], 'echo tty=$(tty) hello-$((6*7)) size=$(stty size)\nexit 3\n');
      expect(result.stdout).toMatch(/tty=\/dev\/pts\/\d+ hello-42 size=24 80/);
      expect(result.code).toBe(3);
    } finally {
      await run.stop();
    }
  }, 60_000);
});
