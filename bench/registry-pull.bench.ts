/**
 * Pull-and-run from a registry: a three-layer busybox image (a ~1.5 MB
 * base layer made new each round, two small layers, one with a whiteout)
 * pushed to Debian's docker-registry on 127.0.0.1, then timed from launch
 * to TASK_FINISHED of `true`:
 * - runc, cold: a Meseta agent with an empty layer store pulls (its own
 *   Registry API client, layer store, overlay) and runs the task;
 * - runc, warm: the same agent runs the same image again;
 * - Meseta's Docker containerizer, cold (the Engine pulls) and warm;
 * - `docker run --rm --network none <image> true`, cold (image absent, the
 *   daemon pulls) and warm, the command line as users run it.
 * Each round pushes a new image (new base layer), so cold is cold for
 * every side. Medians over the rounds.
 *
 *   npm run build && node dist/bench/registry-pull.bench.js [--rounds 5]
 *
 * Needs root, runc, dockerd (started privately when none answers), busybox-static, docker-registry.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { TaskInfo } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { buildBusyboxImage } from '../test/setup/busybox-rootfs';
import { ensureDockerDaemon } from '../test/setup/docker';
import { buildLayer, pushImage, startRegistry } from '../test/setup/docker-registry';
import { cleanUpAll, startContainerAgent, type ContainerAgent } from '../test/container/container-agent';
import { engineAt } from '../test/container/docker-helpers';
import { arg, median } from './support/bench-args';

const execFileAsync = promisify(execFile);
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function task(taskId: string, container: TaskInfo['container']): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: [
      { name: 'cpus', type: 0, scalar: { value: 1 } },
      { name: 'mem', type: 0, scalar: { value: 64 } },
    ],
    command: { value: 'true' },
    container: { ...container, network_infos: [{ mode: pb.NetworkInfo.Mode.NONE }] },
  };
}

/** Milliseconds from launch to TASK_FINISHED (throws with the message otherwise). */
async function timed(agent: ContainerAgent, info: TaskInfo): Promise<number> {
  const started = now();
  agent.run(info);
  const end = await agent.terminal(info.task_id?.value as string, 300_000);
  const took = now() - started;
  if (end.status?.state !== TaskState.TASK_FINISHED) throw new Error(`${info.task_id?.value}: ${TaskState[end.status?.state as number]}: ${end.status?.message}`);
  return took;
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 5);
  const daemon = await ensureDockerDaemon('meseta-bench-docker');
  const engine = engineAt(daemon.socket);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-bench-'));
  const registry = await startRegistry();
  const agents: ContainerAgent[] = [];
  const pushed: string[] = [];
  const samples: Record<string, number[]> = { 'runc cold': [], 'runc warm': [], 'meseta docker cold': [], 'meseta docker warm': [], 'docker run cold': [], 'docker run warm': [] };
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
      const agent = await startContainerAgent({ containerizers: ['tar', 'docker'], dockerSocket: daemon.socket });
      agents.push(agent);
      const runc = { type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.DOCKER, docker: { name: names.runc } } } };
      const docker = { type: pb.ContainerInfo.Type.DOCKER, docker: { image: names.docker } };
      samples['runc cold'].push(await timed(agent, task(`runc-cold-${round}`, runc)));
      samples['runc warm'].push(await timed(agent, task(`runc-warm-${round}`, runc)));
      samples['meseta docker cold'].push(await timed(agent, task(`docker-cold-${round}`, docker)));
      samples['meseta docker warm'].push(await timed(agent, task(`docker-warm-${round}`, docker)));
      // The docker CLI pulls layers the daemon already has from the Meseta Docker side (same layers): remove them first.
      await engine.call('DELETE', `/images/${encodeURIComponent(names.docker)}`, { query: { force: 1 } }).catch(() => undefined);
      const cli = ['-H', `unix://${daemon.socket}`, 'run', '--rm', '--network', 'none', names.cli, 'true'];
      let started = now();
      await execFileAsync('docker', cli, { timeout: 300_000 });
      samples['docker run cold'].push(now() - started);
      started = now();
      await execFileAsync('docker', cli, { timeout: 300_000 });
      samples['docker run warm'].push(now() - started);
      await agent.stop();
      agents.splice(agents.indexOf(agent), 1);
      await engine.call('DELETE', `/images/${encodeURIComponent(names.cli)}`, { query: { force: 1 } }).catch(() => undefined);
      console.log(`round ${round}: ${(bytes / 1024).toFixed(0)} KiB compressed; ${Object.entries(samples).map(([k, v]) => `${k} ${v.at(-1)?.toFixed(0)} ms`).join(', ')}`);
    }
    console.log(`\n| path | median ms (${rounds} rounds) | min | max |\n|---|---|---|---|`);
    for (const [name, xs] of Object.entries(samples)) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
    console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${os.cpus().length} cpus`);
  } finally {
    await cleanUpAll(
      ...agents.map((a) => () => a.stop()),
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

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
