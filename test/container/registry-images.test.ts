/**
 * Images from registries, for real: Debian's docker-registry on 127.0.0.1
 * (one open, one with htpasswd basic auth), images built here from
 * busybox-static with three layers (a whiteout and an opaque folder in the
 * top one) and pushed through the Registry API; runc tasks pulling them
 * through the agent's own client and layer store (a counting proxy in front
 * of the open registry sees every blob download), Docker tasks pulling them
 * through the Engine; refusals (wrong credentials, missing tag, corrupted
 * blob) with their reasons; the store kept and collected across a restart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TaskInfo } from '@meseta/proto/wire';
import { pb, Reason, TaskState } from '@meseta/proto/wire';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensureDockerDaemon, type DockerDaemon } from '../setup/docker';
import { blobOf, buildLayer, pushImage, startCountingProxy, startRegistry, type Blob, type CountingProxy, type TestRegistry } from '../setup/docker-registry';
import { cleanUpAll, dockerTask, leftovers, NO_LEFTOVERS, removeTestImages, startContainerAgent, stateOf, type ContainerAgent } from './container-agent';
import { engineAt } from './docker-helpers';
import { waitFor } from '../harness/wait-for';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { removeCgroupRoot } from './container-agent';
import { silentLogger } from '@meseta/runtime/log';
import { idOf } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { startAgent, type RunningAgent } from '../../agent';
import { FakeMaster } from '../unit/fixtures/agent-fake-master';

jest.setTimeout(180_000);

const AUTH = { user: 'meseta', password: `right-${randomBytes(4).toString('hex')}` };
const SCRIPT = 'echo cmd-ran; cat /hello.txt; test -e /etc/removed-file && echo removed-still-there || echo removed-gone; ls /opt/old; echo "var=$IMAGE_VAR cwd=$(pwd)"';
const CONFIG = { Cmd: ['/bin/sh', '-c', SCRIPT], Env: ['IMAGE_VAR=from-image', 'PATH=/usr/bin:/bin'], WorkingDir: '/opt' };
const EXPECTED = 'cmd-ran\nhello from the top layer\nremoved-gone\nnew\nvar=from-image cwd=/opt\n';

let daemon: DockerDaemon | undefined;
let engine: DockerEngine | undefined;
let scratch: string;
let busybox: BusyboxImage;
let open: TestRegistry | undefined;
let secured: TestRegistry | undefined;
let proxy: CountingProxy | undefined;
let test: ContainerAgent | undefined;
let workDir: string;
let appLayers: Blob[];
let appDigest: string;
let freshLayers: Blob[] = [];
const dockerImages = new Set<string>();
let cluster: Cluster | undefined;
const clusterCgroups = `meseta-test-${randomBytes(4).toString('hex')}`;
const agents: ContainerAgent[] = [];

/** Write files (path → content; null: an empty file) under a new folder. */
function tree(name: string, files: Record<string, string | null>): string {
  const dir = path.join(scratch, name);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content ?? '');
  }
  return dir;
}

/** A base layer of busybox with a marker file, so its digest is new. */
function baseLayer(marker: string): Blob {
  const dir = path.join(scratch, `base-${marker}`);
  fs.cpSync(busybox.rootfs, dir, { recursive: true, verbatimSymlinks: true });
  fs.writeFileSync(path.join(dir, 'marker'), `${marker}\n`);
  return buildLayer(dir);
}

function registryTask(taskId: string, name: string, command?: string, cached = true): TaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    resources: [
      { name: 'cpus', type: 0, scalar: { value: 0.1 } },
      { name: 'mem', type: 0, scalar: { value: 64 } },
    ],
    command: command === undefined ? undefined : { value: command },
    container: { type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.DOCKER, docker: { name }, cached } } },
  };
}

async function runToEnd(agent: ContainerAgent, task: TaskInfo) {
  const taskId = task.task_id?.value as string;
  agent.run(task);
  const end = await agent.terminal(taskId, 120_000);
  const read = (file: string): string => {
    try {
      return agent.sandboxFile(taskId, file);
    } catch {
      return '';
    }
  };
  const starting = agent.master.updatesFor(taskId).filter((u) => stateOf(u) === 'TASK_STARTING').map((u) => u.status?.message ?? '');
  return { end, state: stateOf(end), message: end.status?.message ?? '', stdout: read('stdout'), stderr: read('stderr'), starting };
}

function configFile(name: string, registry: string, password: string): string {
  const file = path.join(scratch, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ auths: { [registry]: { auth: Buffer.from(`${AUTH.user}:${password}`).toString('base64') } } }));
  return file;
}

/** Wait until the agent has cleaned up after its containers (it does so right after reporting their end). */
async function noLeftovers(agent: ContainerAgent): Promise<void> {
  await agent.master.waitFor(() => JSON.stringify(leftovers(agent)) === JSON.stringify(NO_LEFTOVERS) || undefined, 'no leftovers', 30_000).catch(() => undefined);
  expect(leftovers(agent)).toEqual(NO_LEFTOVERS);
}

/** The state, with the message when it is not the one expected. */
function outcome(result: { state: string; message: string }): string {
  return `${result.state}: ${result.message}`;
}

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;

beforeAll(async () => {
  daemon = await ensureDockerDaemon();
  engine = engineAt(daemon.socket);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-images-'));
  busybox = buildBusyboxImage(scratch);
  open = await startRegistry();
  secured = await startRegistry({ auth: AUTH });
  proxy = await startCountingProxy(open.address);
  appLayers = [
    baseLayer('app'),
    buildLayer(tree('extra', { 'etc/removed-file': 'to be removed\n', 'opt/old/keep': 'hidden by the opaque folder above\n' })),
    buildLayer(tree('top', { 'etc/.wh.removed-file': null, 'opt/old/.wh..wh..opq': null, 'opt/old/new': 'new\n', 'hello.txt': 'hello from the top layer\n' })),
  ];
  appDigest = await pushImage(open.address, 'meseta/app', 'v1', appLayers, CONFIG);
  await pushImage(secured.address, 'meseta/app', 'v1', appLayers, CONFIG, AUTH);
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-agent-')));
  test = await startContainerAgent({ containerizers: ['tar', 'docker'], dockerSocket: daemon.socket, dockerConfig: configFile('good', secured.address, AUTH.password), workDir });
  agents.push(test);
}, 300_000);

afterAll(
  () =>
    cleanUpAll(
      ...agents.map((a) => () => a.stop()),
      () => cluster?.stop(),
      () => removeCgroupRoot(clusterCgroups),
      async () => {
        if (!engine) return;
        for (const name of dockerImages) await engine.call('DELETE', `/images/${encodeURIComponent(name)}`, { query: { force: 1 } }).catch(() => undefined);
        await removeTestImages(engine, new Set());
      },
      () => engine?.close(),
      () => daemon?.stop(),
      () => proxy?.stop(),
      () => open?.stop(),
      () => secured?.stop(),
      () => workDir && fs.rmSync(workDir, { recursive: true, force: true }),
      () => scratch && fs.rmSync(scratch, { recursive: true, force: true }),
    ),
  120_000,
);

describe('a runc task of a registry image', () => {
  it('is pulled by tag, its layers stacked with the whiteout and the opaque folder applied, and the image config run', async () => {
    const t = test as ContainerAgent;
    const result = await runToEnd(t, registryTask(id('by-tag'), `${proxy?.address}/meseta/app:v1`));
    expect(outcome(result)).toMatch(/^TASK_FINISHED/);
    expect(result.stdout).toBe(EXPECTED);
    expect(result.starting.at(-1)).toMatch(/^pulling image 127\.0\.0\.1:\d+\/meseta\/app:v1: 3\/3 layers \(\d+ bytes downloaded\)$/);
    expect(t.logs.some((l) => l.includes('pulling image') && l.includes('layers_done'))).toBe(true);
    for (const layer of appLayers) expect(proxy?.blobGets.get(layer.digest)).toBe(1);
  });

  it('is pulled by digest and runs a shell command of its own, its layers not downloaded again', async () => {
    const t = test as ContainerAgent;
    const result = await runToEnd(t, registryTask(id('by-digest'), `${proxy?.address}/meseta/app@${appDigest}`, 'cat /hello.txt; echo "$IMAGE_VAR $(cat /marker)"'));
    expect(outcome(result)).toMatch(/^TASK_FINISHED/);
    expect(result.stdout).toBe('hello from the top layer\nfrom-image app\n');
    for (const layer of appLayers) expect(proxy?.blobGets.get(layer.digest)).toBe(1);
    await noLeftovers(t);
  });

  it('is pulled with basic auth from the agent\'s --docker-config', async () => {
    const result = await runToEnd(test as ContainerAgent, registryTask(id('auth'), `${secured?.address}/meseta/app:v1`));
    expect(outcome(result)).toMatch(/^TASK_FINISHED/);
    expect(result.stdout).toBe(EXPECTED);
  });

  it('fails with REASON_CONTAINER_LAUNCH_FAILED naming image, registry and "not found" for a missing tag', async () => {
    const result = await runToEnd(test as ContainerAgent, registryTask(id('no-tag'), `${open?.address}/meseta/app:nope`));
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(result.message).toBe(
      `image ${open?.address}/meseta/app:nope could not be pulled from registry ${open?.address}: not found: manifest meseta/app:nope at ${open?.address}: not found: MANIFEST_UNKNOWN manifest unknown`,
    );
  });

  it('refuses a layer whose content does not match its digest', async () => {
    const broken = buildLayer(tree('broken', { 'broken.txt': `${randomBytes(64).toString('hex')}\n` }));
    await pushImage((open as TestRegistry).address, 'meseta/broken', '1', [appLayers[0], broken], CONFIG);
    const file = (open as TestRegistry).blobFile(broken.digest);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const result = await runToEnd(test as ContainerAgent, registryTask(id('corrupt'), `${open?.address}/meseta/broken:1`));
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(result.message).toMatch(new RegExp(`^image ${open?.address}/meseta/broken:1 could not be pulled from registry ${open?.address}: content does not match its digest: blob ${broken.digest} of meseta/broken at .*; refused$`));
    expect(fs.existsSync(path.join(workDir, 'image-layers', 'layers', 'sha256', broken.digest.slice(7)))).toBe(false);
  });

  it('downloads each layer of a new image once for 20 tasks launched together', async () => {
    const t = test as ContainerAgent;
    const fresh = (freshLayers = [baseLayer('fresh'), buildLayer(tree('fresh-1', { 'one.txt': 'one\n' })), buildLayer(tree('fresh-2', { 'two.txt': 'two\n' }))]);
    await pushImage((open as TestRegistry).address, 'meseta/fresh', '1', fresh, { Cmd: ['/bin/sh', '-c', 'cat /marker /one.txt /two.txt'] });
    const tasks = Array.from({ length: 20 }, (_, i) => registryTask(id(`fresh-${i}`), `${proxy?.address}/meseta/fresh:1`));
    t.run(...tasks);
    const ends = await Promise.all(tasks.map((task) => t.terminal(task.task_id?.value as string, 120_000)));
    expect(ends.map(stateOf)).toEqual(tasks.map(() => 'TASK_FINISHED'));
    expect(tasks.map((task) => t.sandboxFile(task.task_id?.value as string, 'stdout'))).toEqual(tasks.map(() => 'fresh\none\ntwo\n'));
    expect(fresh.map((layer) => proxy?.blobGets.get(layer.digest))).toEqual([1, 1, 1]);
    await noLeftovers(t);
  });
});

describe('a Docker task of a registry image', () => {
  it('is pulled by the Engine when absent, with progress, and runs the image config', async () => {
    const name = `${open?.address}/meseta/app:v1`;
    dockerImages.add(name);
    const result = await runToEnd(test as ContainerAgent, dockerTask(id('docker-pull'), undefined, name));
    expect(outcome(result)).toMatch(/^TASK_FINISHED/);
    expect(result.stdout).toContain('cmd-ran\nhello from the top layer\nremoved-gone\nnew\nvar=from-image');
    expect(result.starting[0]).toBe(`pulling image ${name}`);
    expect(result.starting.at(-1)).toBe(`pulling image ${name}: 3/3 layers`);
  });

  it('is pulled again with force_pull_image, and with X-Registry-Auth from --docker-config', async () => {
    const name = `${secured?.address}/meseta/app:v1`;
    dockerImages.add(name);
    const task = dockerTask(id('docker-auth'), 'cat /hello.txt', name);
    (task.container?.docker as { force_pull_image?: boolean }).force_pull_image = true;
    const first = await runToEnd(test as ContainerAgent, task);
    expect(outcome(first)).toMatch(/^TASK_FINISHED/);
    expect(first.stdout).toBe('hello from the top layer\n');
    const again = dockerTask(id('docker-force'), 'true', name);
    (again.container?.docker as { force_pull_image?: boolean }).force_pull_image = true;
    const second = await runToEnd(test as ContainerAgent, again);
    expect(outcome(second)).toMatch(/^TASK_FINISHED/);
    expect(second.starting[0]).toBe(`pulling image ${name}`); // present, pulled anyway
  });

  it('fails naming image, registry and "not found" for a missing tag', async () => {
    const name = `${open?.address}/meseta/app:nope`;
    const result = await runToEnd(test as ContainerAgent, dockerTask(id('docker-no-tag'), 'true', name));
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(result.message).toMatch(new RegExp(`^image ${name} could not be pulled from registry ${open?.address}: not found: `));
  });
});

describe('wrong credentials', () => {
  it('are refused as unauthorized, naming image and registry, for runc and Docker tasks', async () => {
    const wrong = await startContainerAgent({ containerizers: ['tar', 'docker'], dockerSocket: daemon?.socket, dockerConfig: configFile('bad', (secured as TestRegistry).address, 'wrong') });
    agents.push(wrong);
    const name = `${secured?.address}/meseta/app:v1`;
    const runc = await runToEnd(wrong, registryTask(id('bad-runc'), name));
    expect(runc.state).toBe('TASK_FAILED');
    expect(runc.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(runc.message).toMatch(new RegExp(`^image ${name} could not be pulled from registry ${secured?.address}: unauthorized: manifest meseta/app:v1 at ${secured?.address}: unauthorized \\(the credentials of user "meseta" were refused\\)`));
    const docker = dockerTask(id('bad-docker'), 'true', name);
    (docker.container?.docker as { force_pull_image?: boolean }).force_pull_image = true; // the daemon may have it from the test above
    const result = await runToEnd(wrong, docker);
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(result.message).toMatch(new RegExp(`^image ${name} could not be pulled from registry ${secured?.address}: unauthorized: `));
  });
});

describe('an unreachable registry', () => {
  it('fails runc and Docker tasks naming image, registry and "registry unreachable"', async () => {
    const name = '127.0.0.1:1/meseta/app:v1';
    const runc = await runToEnd(test as ContainerAgent, registryTask(id('unreachable-runc'), name));
    expect(runc.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(runc.message).toMatch(/^image 127\.0\.0\.1:1\/meseta\/app:v1 could not be pulled from registry 127\.0\.0\.1:1: registry unreachable: manifest meseta\/app:v1 at 127\.0\.0\.1:1: the registry 127\.0\.0\.1:1 is unreachable: connect ECONNREFUSED/);
    const docker = await runToEnd(test as ContainerAgent, dockerTask(id('unreachable-docker'), 'true', name));
    expect(docker.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(docker.message).toMatch(/^image 127\.0\.0\.1:1\/meseta\/app:v1 could not be pulled from registry 127\.0\.0\.1:1: registry unreachable: .*connection refused/);
  });
});

describe("a task's own credentials", () => {
  it('come from its image.docker.config secret, before the agent\'s (which has none here)', async () => {
    const secretsDir = fs.mkdtempSync(path.join(scratch, 'secrets-'));
    fs.writeFileSync(path.join(secretsDir, 'registry-cred'), fs.readFileSync(configFile('task-good', (secured as TestRegistry).address, AUTH.password)), { mode: 0o600 });
    fs.writeFileSync(path.join(secretsDir, 'not-json'), 'user:password-in-plain-text', { mode: 0o600 });
    const own = await startContainerAgent({ containerizers: ['tar'], secretsDir });
    agents.push(own);
    const name = `${secured?.address}/meseta/app:v1`;
    const anonymous = await runToEnd(own, registryTask(id('no-cred'), name));
    expect(anonymous.message).toMatch(new RegExp(`^image ${name} could not be pulled from registry ${secured?.address}: unauthorized: .*the agent has none for ${secured?.address}`));
    const bad = registryTask(id('bad-cred'), name);
    bad.container!.mesos!.image!.docker!.config = { type: pb.Secret.Type.REFERENCE, reference: { name: 'not-json' } };
    const refused = await runToEnd(own, bad);
    expect(refused.state).toBe('TASK_FAILED');
    expect(refused.message).toContain('task.container.mesos.image.docker.config (its secret): not JSON');
    expect(refused.message).not.toContain('password-in-plain-text');
    const good = registryTask(id('own-cred'), name);
    good.container!.mesos!.image!.docker!.config = { type: pb.Secret.Type.REFERENCE, reference: { name: 'registry-cred' } };
    const pulled = await runToEnd(own, good);
    expect(outcome(pulled)).toMatch(/^TASK_FINISHED/);
    expect(pulled.stdout).toBe(EXPECTED);
  });
});

describe('the layer store', () => {
  it("is listed in the agent's /state: images with their layers, layers with their size", async () => {
    const t = test as ContainerAgent;
    const onDisk = fs.readdirSync(path.join(workDir, 'image-layers', 'layers', 'sha256')).map((hex) => `sha256:${hex}`).sort();
    type Store = { images: Array<{ reference: string; manifest_digest: string; layers: string[] }>; layers: Array<{ digest: string; bytes: number; in_use: number }> };
    const state = (await (await fetch(`http://127.0.0.1:${t.agent.port}/state`)).json()) as { image_store?: Store };
    const store = state.image_store as Store;
    expect(store.images.find((i) => i.reference === `${proxy?.address}/meseta/app:v1`)).toMatchObject({ layers: appLayers.map((l) => l.digest) });
    expect(store.images.find((i) => i.reference === `${proxy?.address}/meseta/app@${appDigest}`)).toMatchObject({ manifest_digest: appDigest });
    expect(store.layers.map((l) => l.digest).sort()).toEqual(onDisk);
    expect(store.layers.every((l) => l.bytes > 0 && l.in_use === 0)).toBe(true);
  });

  it('is kept across an agent restart (nothing downloaded again) and collected by the next agent under its limit, never a layer a container holds', async () => {
    await (test as ContainerAgent).stop();
    agents.splice(agents.indexOf(test as ContainerAgent), 1);
    const blobsBefore = new Map(proxy?.blobGets);
    const manifestsBefore = proxy?.manifestGets;
    const layersDir = path.join(workDir, 'image-layers', 'layers', 'sha256');
    const has = (layer: Blob): boolean => fs.existsSync(path.join(layersDir, layer.digest.slice(7)));
    const layersBefore = fs.readdirSync(layersDir).sort();
    expect(layersBefore.length).toBeGreaterThanOrEqual(6);
    const next = await startContainerAgent({ containerizers: ['tar'], workDir, imageStoreMaxMb: 0.001 });
    agents.push(next);
    test = next;
    // A container of the app image holds its layers while another image's task comes and goes.
    const holder = registryTask(id('holder'), `${proxy?.address}/meseta/app:v1`, 'cat /hello.txt; exec sleep 600');
    next.run(holder);
    await next.master.waitForState(holder.task_id?.value as string, 'TASK_RUNNING', 1, 60_000);
    // The first launch after the restart found its image in the kept store: nothing asked of the registry.
    // (Only it: its launch starts a collection under the tiny limit, which may or may not take the next
    // image's unheld layers before that task leases them, so the next task may pull again.)
    expect(proxy?.blobGets).toEqual(blobsBefore);
    expect(proxy?.manifestGets).toBe(manifestsBefore);
    const other = await runToEnd(next, registryTask(id('after-restart'), `${proxy?.address}/meseta/fresh:1`));
    expect(outcome(other)).toMatch(/^TASK_FINISHED/);
    expect(other.stdout).toBe('fresh\none\ntwo\n');
    // Over its limit (1,048 bytes): the large unheld base layer goes, the held ones stay.
    await waitFor(() => !has(freshLayers[0]), 30_000, 'the unheld base layer to be collected');
    expect(appLayers.map(has)).toEqual([true, true, true]);
    next.kill(holder.task_id?.value as string, 100);
    const ended = await next.terminal(holder.task_id?.value as string, 60_000);
    expect(stateOf(ended)).toBe('TASK_KILLED');
    expect(next.sandboxFile(holder.task_id?.value as string, 'stdout')).toBe('hello from the top layer\n');
    const storeBytes = (): number =>
      fs.readdirSync(layersDir).reduce((sum, hex) => sum + (JSON.parse(fs.readFileSync(path.join(layersDir, hex, 'layer.json'), 'utf8')) as { bytes: number }).bytes, 0);
    await waitFor(() => storeBytes() <= 1048 && !has(appLayers[0]), 30_000, 'the layer store to be collected under its limit once nothing holds the app layers');
    await noLeftovers(next);
  });
});

describe('meseta run from the command line', () => {
  it('runs --image and --docker-image by bare name on the agent\'s --docker-registry, printing the pull\'s progress', async () => {
    const registry = (open as TestRegistry).address;
    cluster = await startCluster({
      agents: 1,
      name: 'registry-images',
      agentFlags: ['--containerizers', 'tar,docker', '--docker-socket', (daemon as DockerDaemon).socket, '--docker-registry', registry, '--cgroups-root', clusterCgroups],
    });
    const run = (...args: string[]) => runCli(['run', '--master', cluster!.masterAddress, ...args], { timeoutMs: 120_000 });
    const runc = await run('--name', 'cli-image', '--image', 'meseta/app:v1');
    expect(runc.code).toBe(0);
    expect(runc.stdout).toMatch(new RegExp(`TASK_STARTING: pulling image ${registry}/meseta/app:v1: 3/3 layers`));
    expect(runc.stdout).toContain(EXPECTED.trim());
    dockerImages.add(`${registry}/meseta/app:v1`);
    const docker = await run('--name', 'cli-docker', '--docker-image', 'meseta/app:v1', '--force-pull', '--command', 'cat /hello.txt');
    expect(docker.code).toBe(0);
    expect(docker.stdout).toContain(`TASK_STARTING: pulling image ${registry}/meseta/app:v1`);
    expect(docker.stdout).toContain('hello from the top layer');
    const bad = await run('--name', 'cli-bad', '--image', 'Meseta/App');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toContain('--image: "Meseta/App" is not an image reference (the name part "Meseta" must be lowercase');
  });
});

describe('a running registry-image container across an agent restart', () => {
  it('is adopted with its layers leased again: the next agent collects others under its limit, never those', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-recovery-')));
    const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;
    const master = await FakeMaster.start();
    master.autoAck = true;
    const framework = { id: { value: 'fw-keep' }, name: 'keeper', checkpoint: true };
    let agent: RunningAgent | undefined;
    const start = async (): Promise<RunningAgent> => {
      agent = await startAgent({
        master: master.address, port: 0, workDir: dir, hostname: 'recovering-agent', resources: 'cpus:16;mem:16384;disk:10000',
        containerizers: ['tar'], cgroupsRoot, imageStoreMaxMb: 0.001, logger: silentLogger, reconnectMinMs: 50, reconnectMaxMs: 200,
      });
      await agent.registered();
      return agent;
    };
    const terminal = (taskId: string) => master.waitFor(() => master.updatesFor(taskId).find((u) => isTerminal(u.status?.state)), `a terminal state of ${taskId}`, 120_000);
    const layersDir = path.join(dir, 'image-layers', 'layers', 'sha256');
    const has = (layer: Blob): boolean => fs.existsSync(path.join(layersDir, layer.digest.slice(7)));
    try {
      await start();
      const holder = registryTask('keep-holder', `${open?.address}/meseta/app:v1`, 'exec sleep 600');
      master.send({ run: [{ framework, task: holder }] });
      await master.waitForState('keep-holder', 'TASK_RUNNING', 1, 120_000);
      await agent!.stop({ killTasks: false }); // as a crash leaves it
      agent = undefined;
      await start();
      const register = master.registrations[master.registrations.length - 1];
      expect(new Map(register.tasks?.map((t) => [idOf(t.task_id), TaskState[t.state as number]])).get('keep-holder')).toBe('TASK_RUNNING');
      // Another image comes and goes: the store is over its limit, its unheld base layer goes, the adopted container's stay.
      master.send({ run: [{ framework, task: registryTask('keep-other', `${open?.address}/meseta/fresh:1`) }] });
      expect(stateOf(await terminal('keep-other'))).toBe('TASK_FINISHED');
      await waitFor(() => !has(freshLayers[0]), 30_000, 'the unheld base layer to be collected');
      expect(appLayers.map(has)).toEqual([true, true, true]);
      master.send({ kill: [{ framework_id: framework.id, task_id: { value: 'keep-holder' }, kill_policy: { grace_period: { nanoseconds: 0 } } }] });
      expect(stateOf(await terminal('keep-holder'))).toBe('TASK_KILLED');
      await waitFor(() => !has(appLayers[0]), 30_000, "the adopted container's base layer to be collected once it ended");
    } finally {
      await cleanUpAll(
        () => agent?.stop(),
        () => master.stop(),
        () => fs.rmSync(dir, { recursive: true, force: true }),
        () => removeCgroupRoot(cgroupsRoot),
      );
    }
  });
});
