/**
 * Pull-and-run from a registry: a three-layer busybox image (a ~1.5 MB
 * base layer made new each round, two small layers, one with a whiteout)
 * pushed to Debian's docker-registry on 127.0.0.1, then each side timed as
 * its user runs it, from the command's start to its exit after `true` ran:
 * - `meseta run --image IMAGE --command true` (runc): the agent pulls with
 *   its own Registry API client into its layer store, mounts an overlay
 *   and runs the task; cold (empty store), then warm (same image again);
 * - `meseta run --docker-image IMAGE --command true`: the agent's Docker
 *   containerizer, the Engine pulls; cold and warm;
 * - `docker run --rm --network none IMAGE true`, cold (the daemon pulls)
 *   and warm;
 * - `meseta run --command true` with no image (a plain process): what
 *   `meseta run` itself costs (a framework subscribes, gets an offer,
 *   launches, waits for TASK_FINISHED, reads the sandbox's output), so the
 *   image sides can be read net of it.
 * Each round starts a new `meseta master` and `meseta agent` (real
 * processes, as users start them; an empty layer store) and pushes a new
 * image (new base layer), so cold is cold for every side. Medians.
 *
 *   npm run build && node dist/bench/registry-pull.bench.js [--rounds 5]
 *
 * Needs root, runc, dockerd (started privately when none answers), busybox-static, docker-registry.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBusyboxImage } from '../test/setup/busybox-rootfs';
import { ensureDockerDaemon } from '../test/setup/docker';
import { buildLayer, pushImage, startRegistry } from '../test/setup/docker-registry';
import { cleanUpAll, removeCgroupRoot } from '../test/container/container-agent';
import { engineAt } from '../test/container/docker-helpers';
import { spawnCli } from '../test/harness/cli';
import { startCluster, type Cluster } from '../test/harness/cluster';
import { arg, median } from './support/bench-args';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Milliseconds a command takes to exit 0 (throws with its output otherwise). */
async function timedCommand(what: string, run: () => Promise<{ code: number | null; stdout: string; stderr: string }>): Promise<number> {
  const started = now();
  const result = await run();
  const took = now() - started;
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return took;
}

/** What one `meseta run` took: the whole command, and from its `launched task` line (the offer accepted) to its exit. */
interface RunTimes {
  whole: number;
  launched: number;
}

/** `meseta run ... --command true` against the cluster, timed. */
async function meseta(cluster: Cluster, name: string, imageFlags: string[]): Promise<RunTimes> {
  const network = imageFlags.length > 0 ? ['--network', 'none'] : []; // a plain process has no network of its own
  const args = ['run', '--master', cluster.masterAddress, '--name', name, '--cpus', '1', '--mem', '64', ...network, ...imageFlags, '--command', 'true'];
  const started = now();
  const child = spawnCli(args);
  const launchedAt = await child.waitForLine(/^launched task /, 300_000).then(
    () => now(),
    () => Number.NaN, // exited first: the exit code below says why
  );
  const exit = await child.exited;
  const ended = now();
  if (exit.code !== 0 || Number.isNaN(launchedAt)) throw new Error(`meseta ${args.join(' ')} exited ${exit.code}:\n${child.lines.join('\n')}`);
  return { whole: ended - started, launched: ended - launchedAt };
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 5);
  const daemon = await ensureDockerDaemon('meseta-bench-docker');
  const engine = engineAt(daemon.socket);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-bench-'));
  const registry = await startRegistry();
  const clusters: Cluster[] = [];
  const cgroupRoots: string[] = [];
  const pushed: string[] = [];
  const samples: Record<string, number[]> = {
    'meseta run --image (runc) cold': [],
    'meseta run --image (runc) warm': [],
    'meseta run --docker-image cold': [],
    'meseta run --docker-image warm': [],
    'docker run cold': [],
    'docker run warm': [],
    'meseta run, no image (its own cost)': [],
  };
  // For meseta run: from its "launched task" line (offer accepted, task sent) to its exit.
  const launchSamples: Record<string, number[]> = Object.fromEntries(Object.keys(samples).map((k) => [k, []]));
  try {
    const busybox = buildBusyboxImage(scratch);
    const writeTree = (name: string, files: Record<string, string>): string => {
      const dir = path.join(scratch, name);
      for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
      return dir;
    };
    const middle = buildLayer(writeTree('middle', { 'etc/removed': 'x\n', 'srv/data.txt': 'data\n'.repeat(1000) }));
    const top = buildLayer(writeTree('top', { 'etc/.wh.removed': '', 'srv/app.txt': 'app\n' }));
    for (let round = 1; round <= rounds; round++) {
      const baseDir = path.join(scratch, `base-${round}`);
      fs.cpSync(busybox.rootfs, baseDir, { recursive: true, verbatimSymlinks: true });
      fs.writeFileSync(path.join(baseDir, 'round'), `${round} ${Date.now()}\n`);
      const base = buildLayer(baseDir);
      const layers = [base, middle, top];
      // Three repositories with the same layers: each side pulls its own tag, so each is cold.
      const names: Record<string, string> = {};
      for (const side of ['runc', 'docker', 'cli']) {
        await pushImage(registry.address, `bench/${side}`, `r${round}`, layers, { Cmd: ['/bin/true'] });
        names[side] = `${registry.address}/bench/${side}:r${round}`;
      }
      pushed.push(names.docker, names.cli);
      const bytes = layers.reduce((sum, l) => sum + l.bytes.length, 0);
      const cgroupRoot = `meseta-bench-pull-${process.pid}-${round}`;
      cgroupRoots.push(cgroupRoot);
      const cluster = await startCluster({
        agents: 1,
        name: `registry-pull-${round}`,
        agentFlags: ['--containerizers', 'tar,docker,posix', '--docker-socket', daemon.socket, '--cgroups-root', cgroupRoot, '--resources', 'cpus:2;mem:2048;disk:8192;ports:[31000-31999]'],
      });
      clusters.push(cluster);
      const record = (key: string, t: RunTimes): void => {
        samples[key].push(t.whole);
        launchSamples[key].push(t.launched);
      };
      record('meseta run, no image (its own cost)', await meseta(cluster, `plain-${round}`, []));
      record('meseta run --image (runc) cold', await meseta(cluster, `runc-cold-${round}`, ['--image', names.runc]));
      record('meseta run --image (runc) warm', await meseta(cluster, `runc-warm-${round}`, ['--image', names.runc]));
      record('meseta run --docker-image cold', await meseta(cluster, `docker-cold-${round}`, ['--docker-image', names.docker]));
      record('meseta run --docker-image warm', await meseta(cluster, `docker-warm-${round}`, ['--docker-image', names.docker]));
      // The docker CLI pulls layers the daemon already has from the Meseta Docker side (same layers): remove them first.
      await engine.call('DELETE', `/images/${encodeURIComponent(names.docker)}`, { query: { force: 1 } }).catch(() => undefined);
      const cli = ['-H', `unix://${daemon.socket}`, 'run', '--rm', '--network', 'none', names.cli, 'true'];
      samples['docker run cold'].push(await timedCommand('docker run', () => execCommand('docker', cli)));
      samples['docker run warm'].push(await timedCommand('docker run', () => execCommand('docker', cli)));
      await cluster.stop();
      clusters.splice(clusters.indexOf(cluster), 1);
      await engine.call('DELETE', `/images/${encodeURIComponent(names.cli)}`, { query: { force: 1 } }).catch(() => undefined);
      console.log(`round ${round}: ${(bytes / 1024).toFixed(0)} KiB compressed; ${Object.entries(samples).map(([k, v]) => `${k} ${v.at(-1)?.toFixed(0)} ms`).join(', ')}`);
    }
    console.log(`\n| command | whole command: median ms (${rounds} rounds) | min | max | meseta run from "launched task" to exit: median ms |\n|---|---|---|---|---|`);
    for (const [name, xs] of Object.entries(samples)) {
      const launched = launchSamples[name];
      const fromLaunch = launched.length > 0 ? median(launched).toFixed(0) : '—';
      console.log(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${fromLaunch} |`);
    }
    console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${os.cpus().length} cpus`);
  } finally {
    await cleanUpAll(
      ...clusters.map((c) => () => c.stop()),
      ...cgroupRoots.map((root) => () => removeCgroupRoot(root)),
      async () => {
        for (const name of pushed) await engine.call('DELETE', `/images/${encodeURIComponent(name)}`, { query: { force: 1 } }).catch(() => undefined);
      },
      () => engine.close(),
      () => daemon.stop(),
      () => registry.stop(),
      () => fs.rmSync(scratch, { recursive: true, force: true }),
    );
  }
}

/** Run a command; its exit code and output (never throws for a non-zero exit). */
function execCommand(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
