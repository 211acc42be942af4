/**
 * Container launch latency: `/bin/true` in the same busybox image, 50
 * sequential and 50 concurrent launches, timed to TASK_RUNNING and to
 * TASK_FINISHED, through a Meseta agent (its own process, talking to an
 * in-bench master over the real AgentLink stream) and, side by side in the
 * same run, through the raw runtimes:
 * - tar containerizer vs `runc run` of an equivalent bundle (the same
 *   config the agent generates — namespaces, overlay root on the same
 *   unpacked image, CPU and memory limits — prepared before the clock
 *   starts), started from this Node process and, the stricter baseline,
 *   from a shell loop (as the agent's launcher does); "running" is runc
 *   writing its pid file, "finished" its exit;
 * - docker containerizer vs the `docker run` command line (running:
 *   `docker run -d` returns; finished: attached `docker run` returns).
 * Every container: network none, 1 cpu, 64 MB. The agent runs twice: as
 * deployed (checkpointing tasks and updates to disk with fsync before it
 * launches and reports) and without checkpointing. Sequential launches are
 * interleaved (raw, agent, agent without checkpoint, raw, ...) and
 * concurrent batches alternate, so a busy machine slows every side alike.
 * Medians and meseta/raw ratios.
 *
 *   npm run build && node dist/bench/container-launch.bench.js [--launches 50] [--rounds 1] [--no-docker]
 *
 * Needs root, runc, dockerd (started privately when none answers, as the
 * container tests do) and busybox-static.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import type { AgentToMaster, MasterToAgent, TaskInfo } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { AgentLinkService, CHANNEL_OPTIONS } from '@meseta/proto/services';
import { idOf } from '@meseta/proto/ids';
import { silentLogger } from '@meseta/runtime/log';
import { ImageStore } from '../agent/containerizers/image-store';
import { CONTAINER_SANDBOX, ociConfig, type BundleSpec } from '../agent/containerizers/oci-bundle';
import { premakeMountPoints } from '../agent/containerizers/tar-containerizer';
import { limitsFor } from '../agent/containerizers/cgroup-limits';
import { buildBusyboxImage } from '../test/setup/busybox-rootfs';
import { ensureDockerDaemon } from '../test/setup/docker';
import { ensurePackages } from '../test/setup/packages';
import { arg, median } from './support/bench-args';

const execFileAsync = promisify(execFile);
/** A command with a deadline: a wedged daemon fails the run instead of hanging it. */
const run = (file: string, args: string[], timeoutMs = 120_000) => execFileAsync(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL' });

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** One launch: milliseconds from the start to running and to finished. */
interface Sample {
  running: number;
  finished: number;
}

/** The master side of the AgentLink stream, timing each task's states as they arrive. */
class BenchMaster {
  private stream?: grpc.ServerDuplexStream<AgentToMaster, MasterToAgent>;
  private registered!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.registered = resolve));
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly seen = new Map<string, number>();
  private readonly messages = new Map<string, string>();
  private heartbeat?: NodeJS.Timeout;

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<BenchMaster> {
    const server = new grpc.Server(CHANNEL_OPTIONS);
    let master: BenchMaster | undefined;
    server.addService(AgentLinkService, { connect: (call: grpc.ServerDuplexStream<AgentToMaster, MasterToAgent>) => master?.connect(call) });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    master = new BenchMaster(server, port);
    return master;
  }

  private connect(call: grpc.ServerDuplexStream<AgentToMaster, MasterToAgent>): void {
    this.stream = call;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.stream?.write({ heartbeat: { timestamp: Date.now() / 1000 } }), 10_000);
    this.heartbeat.unref();
    call.on('data', (m: AgentToMaster) => {
      const at = now();
      if (m.register) {
        call.write({ registered: { agent_id: { value: 'bench-agent' }, heartbeat_interval_seconds: 60 } });
        this.registered();
      }
      const acks: MasterToAgent['acknowledgements'] = [];
      for (const u of m.updates ?? []) {
        const key = `${idOf(u.status?.task_id)}/${TaskState[u.status?.state as number]}`;
        this.seen.set(key, at);
        if (u.status?.message) this.messages.set(key, u.status.message);
        this.waiters.get(key)?.(at);
        if (u.status?.uuid && u.status.uuid.length > 0) acks.push({ framework_id: u.framework_id, task_id: u.status.task_id, uuid: u.status.uuid });
      }
      if (acks.length > 0) call.write({ acknowledgements: acks });
    });
    call.on('error', () => undefined);
  }

  send(message: MasterToAgent): void {
    this.stream?.write(message);
  }

  /** When the task reached `state` (waits for it); rejects when it ended otherwise (before or after the call). */
  at(taskId: string, state: 'TASK_RUNNING' | 'TASK_FINISHED'): Promise<number> {
    const key = `${taskId}/${state}`;
    const known = this.seen.get(key);
    if (known !== undefined) return Promise.resolve(known);
    const failures = FAILURE_STATES.map((failure) => `${taskId}/${failure}`);
    const ended = failures.find((failure) => this.seen.has(failure));
    if (ended) return Promise.reject(new Error(`${ended}: ${this.messages.get(ended) ?? ''}`));
    return new Promise((resolve, reject) => {
      this.waiters.set(key, resolve);
      for (const failure of failures) this.waiters.set(failure, () => reject(new Error(`${failure}: ${this.messages.get(failure) ?? ''}`)));
    });
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.stream?.end();
    this.server.forceShutdown();
  }
}

const FRAMEWORK = { id: { value: 'bench' }, name: 'container-launch-bench' };
/** Ends that fail a launch. */
const FAILURE_STATES = ['TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED'];
const RESOURCES = [
  { name: 'cpus', type: 0, scalar: { value: 1 } },
  { name: 'mem', type: 0, scalar: { value: 64 } },
];
const NONE = [{ mode: pb.NetworkInfo.Mode.NONE }];

function tarTask(taskId: string, uri: string): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: RESOURCES,
    command: { shell: false, value: '/bin/true', arguments: ['/bin/true'] },
    container: { type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.TAR, tar: { uri } } }, network_infos: NONE },
  };
}

function dockerTask(taskId: string, image: string): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: RESOURCES,
    command: { shell: false, value: '/bin/true', arguments: ['/bin/true'] },
    container: { type: pb.ContainerInfo.Type.DOCKER, docker: { image }, network_infos: NONE },
  };
}

/** A launcher of one kind: launches one task (sequential) or a batch (concurrent), timing each. */
type Launcher = {
  one(): Promise<Sample>;
  batch(n: number): Promise<{ samples: Sample[]; wallMs: number }>;
  close?(): void;
};

/**
 * Launch through an agent (its master sends run[] and times the updates).
 * Like the raw launchers, whose bundles are removed untimed between
 * launches, it waits (untimed) for the agent to have cleaned up after the
 * containers (`settled`) before the next launch.
 */
function throughAgent(master: BenchMaster, make: (id: string) => TaskInfo, label: string, settled: () => Promise<void> = async () => undefined): Launcher {
  let counter = 0;
  const nextId = (): string => `${label}-${counter++}`;
  return {
    one: async () => {
      const id = nextId();
      const start = now();
      master.send({ run: [{ framework: FRAMEWORK, task: make(id) }] });
      const running = await master.at(id, 'TASK_RUNNING');
      const finished = await master.at(id, 'TASK_FINISHED');
      await settled();
      return { running: running - start, finished: finished - start };
    },
    batch: async (n) => {
      const ids = Array.from({ length: n }, nextId);
      const t0 = now();
      master.send({ run: ids.map((id) => ({ framework: FRAMEWORK, task: make(id) })) });
      const samples: Sample[] = [];
      for (const id of ids) samples.push({ running: (await master.at(id, 'TASK_RUNNING')) - t0, finished: (await master.at(id, 'TASK_FINISHED')) - t0 });
      const wallMs = now() - t0;
      await settled();
      return { samples, wallMs };
    },
  };
}

/** Resolves once the agent's container folders are all removed (its cleanup after ended containers). */
async function containersRemoved(workDir: string): Promise<void> {
  const folder = path.join(workDir, 'containers');
  for (let i = 0; i < 500; i++) {
    const left = await fs.promises.readdir(folder).catch(() => [] as string[]);
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * A bundle equivalent to the agent's for `runc run`: the same config (the
 * overlay on the same image, a sandbox bind-mounted at /mnt/mesos/sandbox
 * as working directory, namespaces, CPU and pids limits; the memory limit
 * in the config itself), the same prepared writable layer.
 */
async function rawBundle(root: string, id: string, lower: string, cgroupsRoot: string): Promise<string> {
  const dir = path.join(root, id);
  await Promise.all(['root', 'upper', 'work', 'sandbox'].map((d) => fs.promises.mkdir(path.join(dir, d), { recursive: true })));
  const limits = limitsFor(RESOURCES);
  const spec: BundleSpec = {
    args: ['/bin/true'],
    env: ['PATH=/bin', `MESOS_SANDBOX=${CONTAINER_SANDBOX}`],
    cwd: CONTAINER_SANDBOX,
    hostname: id.slice(0, 12),
    rootPath: path.join(dir, 'root'),
    overlay: { lower, upper: path.join(dir, 'upper'), work: path.join(dir, 'work') },
    sandboxDir: path.join(dir, 'sandbox'),
    network: { kind: 'own' },
    cgroupsPath: `/${cgroupsRoot}/${id}`,
    limits,
  };
  premakeMountPoints(path.join(dir, 'upper'), spec);
  const config = ociConfig(spec) as { linux: { resources: Record<string, unknown> } };
  config.linux.resources.memory = { limit: limits.memoryBytes };
  await fs.promises.writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

/** `runc run` one prepared bundle: running when the pid file appears, finished when runc exits. */
function runcRun(runcRoot: string, bundle: string, id: string, t0: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    let running: number | undefined;
    const watcher = fs.watch(bundle, (_e, name) => {
      if (name === 'pid' && running === undefined) running = now() - t0;
    });
    const child = spawn('runc', ['--root', runcRoot, 'run', '--bundle', bundle, '--pid-file', path.join(bundle, 'pid'), '--no-new-keyring', id], {
      stdio: ['ignore', 'ignore', 'ignore'],
      detached: true,
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const finished = now() - t0;
      watcher.close();
      if (code !== 0) reject(new Error(`runc run ${id} exited with ${code}`));
      else resolve({ running: running ?? finished, finished });
    });
  });
}

/** Raw `runc run` of bundles prepared (untimed) just before. */
function rawRunc(lower: string, scratch: string, runcRoot: string, cgroupsRoot: string): Launcher {
  let counter = 0;
  const prepare = async (): Promise<{ id: string; bundle: string }> => {
    const id = `raw-${counter++}`;
    return { id, bundle: await rawBundle(scratch, id, lower, cgroupsRoot) };
  };
  const remove = (bundles: string[]): Promise<unknown> => Promise.all(bundles.map((b) => fs.promises.rm(b, { recursive: true, force: true })));
  return {
    one: async () => {
      const { id, bundle } = await prepare();
      const sample = await runcRun(runcRoot, bundle, id, now());
      await remove([bundle]);
      return sample;
    },
    batch: async (n) => {
      const prepared = await Promise.all(Array.from({ length: n }, prepare));
      const t0 = now();
      const samples = await Promise.all(prepared.map((p) => runcRun(runcRoot, p.bundle, p.id, t0)));
      const wallMs = now() - t0;
      await remove(prepared.map((p) => p.bundle));
      return { samples, wallMs };
    },
  };
}

/**
 * Raw `runc run` started from a shell loop instead of this Node process (a
 * shell forks in microseconds, Node in milliseconds): the stricter baseline.
 * Same bundles, same running/finished signals (pid file, exit line).
 */
function rawRuncFromShell(lower: string, scratch: string, runcRoot: string, cgroupsRoot: string): Launcher {
  const script = 'while read -r id bundle; do ( runc --root "$1" run --bundle "$bundle" --pid-file "$bundle/pid" --no-new-keyring "$id" </dev/null >/dev/null 2>&1; echo "$id $?" ) & done';
  const shell = spawn('/bin/sh', ['-c', script, 'raw-runc-shell', runcRoot], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
  shell.unref();
  const ends = new Map<string, (code: number) => void>();
  let buffered = '';
  shell.stdout!.setEncoding('utf8');
  shell.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const [id, code] = buffered.slice(0, nl).split(' ');
      buffered = buffered.slice(nl + 1);
      ends.get(id)?.(Number(code));
    }
  });
  let counter = 0;
  const launch = (id: string, bundle: string, t0: number): Promise<Sample> =>
    new Promise((resolve, reject) => {
      let running: number | undefined;
      const watcher = fs.watch(bundle, (_e, name) => {
        if (name === 'pid' && running === undefined) running = now() - t0;
      });
      ends.set(id, (code) => {
        const finished = now() - t0;
        watcher.close();
        ends.delete(id);
        if (code !== 0) reject(new Error(`runc run ${id} exited with ${code}`));
        else resolve({ running: running ?? finished, finished });
      });
      shell.stdin!.write(`${id} ${bundle}\n`);
    });
  const prepare = async (): Promise<{ id: string; bundle: string }> => {
    const id = `rawsh-${counter++}`;
    return { id, bundle: await rawBundle(scratch, id, lower, cgroupsRoot) };
  };
  const remove = (bundles: string[]): Promise<unknown> => Promise.all(bundles.map((b) => fs.promises.rm(b, { recursive: true, force: true })));
  return {
    one: async () => {
      const { id, bundle } = await prepare();
      const sample = await launch(id, bundle, now());
      await remove([bundle]);
      return sample;
    },
    batch: async (n) => {
      const prepared = await Promise.all(Array.from({ length: n }, prepare));
      const t0 = now();
      const samples = await Promise.all(prepared.map((p) => launch(p.id, p.bundle, t0)));
      const wallMs = now() - t0;
      await remove(prepared.map((p) => p.bundle));
      return { samples, wallMs };
    },
    close: () => shell.stdin!.end(),
  };
}

/** The `docker` command line: running = `docker run -d` returned; finished = attached `docker run` returned. */
function rawDocker(socket: string, image: string): Launcher {
  const base = ['-H', `unix://${socket}`, 'run', '--network', 'none', '--cpu-shares', '1024', '--cpu-period', '100000', '--cpu-quota', '100000', '-m', '64m', '--memory-swap', '64m'];
  const runOnce = async (detached: boolean, t0: number): Promise<{ at: number; id: string }> => {
    const cidfile = path.join(os.tmpdir(), `meseta-bench-cid-${randomBytes(6).toString('hex')}`);
    await run('docker', [...base, ...(detached ? ['-d'] : []), '--cidfile', cidfile, image, '/bin/true']);
    const at = now() - t0;
    const id = fs.readFileSync(cidfile, 'utf8').trim();
    fs.rmSync(cidfile, { force: true });
    return { at, id };
  };
  const remove = (ids: string[]): Promise<unknown> => run('docker', ['-H', `unix://${socket}`, 'rm', '-f', ...ids]).catch(() => undefined);
  return {
    one: async () => {
      const running = await runOnce(true, now());
      const finished = await runOnce(false, now());
      await remove([running.id, finished.id]);
      return { running: running.at, finished: finished.at };
    },
    batch: async (n) => {
      const t0 = now();
      const running = await Promise.all(Array.from({ length: n }, () => runOnce(true, t0)));
      const t1 = now();
      const finished = await Promise.all(Array.from({ length: n }, () => runOnce(false, t1)));
      const wallMs = now() - t1;
      await remove([...running, ...finished].map((r) => r.id));
      return { samples: running.map((r, i) => ({ running: r.at, finished: finished[i].at })), wallMs };
    },
  };
}

/** Median running / finished and the wall time of a set of results. */
interface Row {
  name: string;
  running: number;
  finished: number;
  wallMs?: number;
  /** The row this one is compared with. */
  ratioTo?: string;
}

function row(name: string, samples: Sample[], wallMs?: number, ratioTo?: string): Row {
  return { name, running: median(samples.map((s) => s.running)), finished: median(samples.map((s) => s.finished)), wallMs, ratioTo };
}

/** Run this file as the agent process: `--agent-process '<AgentOptions JSON>'` (the bench's way to set checkpoint: false). */
async function agentProcess(json: string): Promise<void> {
  const { startAgent } = await import('../agent/index');
  const { createLogger } = await import('@meseta/runtime/log');
  const agent = await startAgent({ ...(JSON.parse(json) as Parameters<typeof startAgent>[0]), logger: createLogger('agent', 'warn') });
  process.on('SIGTERM', () => void agent.stop().then(() => process.exit(0)));
}

/** Start an agent process for `master`; `checkpoint` false turns checkpointing off. */
async function spawnAgent(master: BenchMaster, options: { workDir: string; containerizers: string; cgroupsRoot: string; dockerSocket?: string; checkpoint: boolean }) {
  const agentOptions = {
    master: `127.0.0.1:${master.port}`,
    port: 0,
    workDir: options.workDir,
    containerizers: options.containerizers.split(','),
    cgroupsRoot: options.cgroupsRoot,
    dockerSocket: options.dockerSocket,
    resources: 'cpus:512;mem:1048576;disk:100000',
    checkpoint: options.checkpoint,
  };
  const child = spawn(process.execPath, [__filename, '--agent-process', JSON.stringify(agentOptions)], { stdio: ['ignore', 'ignore', 'inherit'] });
  await master.ready;
  return {
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000); // stuck destroying containers
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Interleave sequential launches of every launcher, then alternate their concurrent batches. */
async function compare(launchers: Array<{ name: string; launcher: Launcher; ratioTo?: string }>, launches: number, rounds: number): Promise<Row[]> {
  const sequential = launchers.map(() => [] as Sample[]);
  const concurrent = launchers.map(() => [] as Sample[]);
  const walls = launchers.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < launches; i++) {
      for (const [k, l] of launchers.entries()) sequential[k].push(await l.launcher.one());
    }
    for (const [k, l] of launchers.entries()) {
      const batch = await l.launcher.batch(launches);
      concurrent[k].push(...batch.samples);
      walls[k].push(batch.wallMs);
    }
  }
  return [
    ...launchers.map((l, k) => row(`${l.name}, sequential`, sequential[k], undefined, l.ratioTo && `${l.ratioTo}, sequential`)),
    ...launchers.map((l, k) => row(`${l.name}, concurrent`, concurrent[k], median(walls[k]), l.ratioTo && `${l.ratioTo}, concurrent`)),
  ];
}

async function main(): Promise<void> {
  const launches = arg('launches', 50);
  const rounds = arg('rounds', 1);
  const withDocker = !process.argv.includes('--no-docker');
  ensurePackages();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-bench-containers-'));
  const cgroupsRoot = `meseta-bench-${randomBytes(3).toString('hex')}`;
  const cgroupRoots = [cgroupsRoot, `${cgroupsRoot}-nock`, `${cgroupsRoot}-raw`];
  // Its own daemon (not the tests' one, which other runs may be using).
  const daemon = withDocker ? await ensureDockerDaemon('meseta-bench-docker') : undefined;
  const image = buildBusyboxImage(scratch);
  const dockerImage = `meseta-bench/busybox:${randomBytes(3).toString('hex')}`;
  let imageId: string | undefined;
  if (daemon) {
    await run('docker', ['-H', `unix://${daemon.socket}`, 'import', image.tar, dockerImage]);
    imageId = (await run('docker', ['-H', `unix://${daemon.socket}`, 'image', 'inspect', '--format', '{{.Id}}', dockerImage])).stdout.trim();
  }
  const lower = (await new ImageStore({ dir: path.join(scratch, 'raw-images'), logger: silentLogger }).image(image.tar)).rootfs;
  const runcRoot = path.join(scratch, 'raw-runc');
  fs.mkdirSync(runcRoot);
  const containerizers = withDocker ? 'tar,docker' : 'tar';
  const masters = [await BenchMaster.start(), await BenchMaster.start()];
  const agents = [
    await spawnAgent(masters[0], { workDir: path.join(scratch, 'agent'), containerizers, cgroupsRoot, dockerSocket: daemon?.socket, checkpoint: true }),
    await spawnAgent(masters[1], { workDir: path.join(scratch, 'agent-nock'), containerizers, cgroupsRoot: cgroupRoots[1], dockerSocket: daemon?.socket, checkpoint: false }),
  ];
  const rows: Row[] = [];
  const notes: string[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaned ??= (async () => {
      for (const agent of agents) await agent.stop();
      for (const master of masters) master.stop();
      if (daemon && imageId) await run('docker', ['-H', `unix://${daemon.socket}`, 'rmi', '-f', imageId], 30_000).catch(() => undefined);
      if (daemon) {
        const images = await run('docker', ['-H', `unix://${daemon.socket}`, 'images', '--format', '{{.ID}} {{.Repository}}'], 30_000).catch(() => ({ stdout: '' }));
        const pause = images.stdout
          .split('\n')
          .filter((l) => l.endsWith(' meseta/pause'))
          .map((l) => l.split(' ')[0]);
        if (pause.length > 0) await run('docker', ['-H', `unix://${daemon.socket}`, 'rmi', '-f', ...pause], 30_000).catch(() => undefined);
        await daemon.stop();
      }
      fs.rmSync(scratch, { recursive: true, force: true });
      for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - cgroup2? /.test(l))) {
        for (const name of cgroupRoots) {
          try {
            fs.rmdirSync(path.join(line.split(' ')[4], name));
          } catch {
            // not there
          }
        }
      }
    })());
  // Ctrl-C or a timeout from outside: still stop what the benchmark started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    const agentDirs = [path.join(scratch, 'agent'), path.join(scratch, 'agent-nock')];
    const tar = (master: BenchMaster, label: string): Launcher =>
      throughAgent(master, (id) => tarTask(id, image.tar), label, () => containersRemoved(agentDirs[masters.indexOf(master)]));
    const fromShell = rawRuncFromShell(lower, scratch, runcRoot, cgroupRoots[2]);
    const tarLaunchers = [
      { name: 'runc run (raw, from node)', launcher: rawRunc(lower, scratch, runcRoot, cgroupRoots[2]) },
      { name: 'runc run (raw, from a shell)', launcher: fromShell },
      { name: 'meseta tar', launcher: tar(masters[0], 'tar'), ratioTo: 'runc run (raw, from a shell)' },
      { name: 'meseta tar, no checkpoint', launcher: tar(masters[1], 'tar-nock'), ratioTo: 'runc run (raw, from a shell)' },
    ];
    // Warm up every path (image unpacked and cached, binaries paged in).
    for (const l of tarLaunchers) for (let i = 0; i < 5; i++) await l.launcher.one();
    rows.push(...(await compare(tarLaunchers, launches, rounds)));
    fromShell.close?.();
    if (daemon) {
      try {
        const docker = (master: BenchMaster, label: string): Launcher => throughAgent(master, (id) => dockerTask(id, dockerImage), label);
        const dockerLaunchers = [
          { name: 'docker run (raw)', launcher: rawDocker(daemon.socket, dockerImage) },
          { name: 'meseta docker', launcher: docker(masters[0], 'docker'), ratioTo: 'docker run (raw)' },
          { name: 'meseta docker, no checkpoint', launcher: docker(masters[1], 'docker-nock'), ratioTo: 'docker run (raw)' },
        ];
        for (const l of dockerLaunchers) for (let i = 0; i < 3; i++) await l.launcher.one();
        rows.push(...(await compare(dockerLaunchers, launches, rounds)));
      } catch (e) {
        // Docker 20.10's runc has been seen to hang under 50 concurrent creates on a small machine.
        notes.push(`docker rows not measured: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await cleanUp();
  }
  printTable(rows, launches, rounds);
  for (const note of notes) process.stdout.write(`\nnote: ${note}\n`);
}

function printTable(rows: Row[], launches: number, rounds: number): void {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const num = (n: number | undefined): string => (n === undefined ? '' : n.toFixed(1)).padStart(9);
  process.stdout.write(
    `\n${launches} launches of /bin/true per row and round, ${rounds} round(s) (busybox, network none, 1 cpu, 64 MB); medians in ms; ` +
      `node ${process.version}, ${os.cpus().length} cpus\n\n`,
  );
  process.stdout.write(`${'runtime, mode'.padEnd(46)}${'running'.padStart(9)}${'finished'.padStart(9)}${'wall'.padStart(9)}   ratio running / finished\n`);
  for (const r of rows) {
    const base = r.ratioTo ? byName.get(r.ratioTo) : undefined;
    const ratio = base ? `${(r.running / base.running).toFixed(2)} / ${(r.finished / base.finished).toFixed(2)}` : '';
    process.stdout.write(`${r.name.padEnd(46)}${num(r.running)}${num(r.finished)}${num(r.wallMs)}   ${ratio}\n`);
  }
}

const agentJson = process.argv.indexOf('--agent-process');
(agentJson >= 0 ? agentProcess(process.argv[agentJson + 1]) : main()).catch((e) => {
  process.stderr.write(`container launch benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
