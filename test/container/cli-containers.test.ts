/**
 * Containers from the command line, end to end: a real master and an agent
 * with `--containerizers tar,docker,posix`, and `meseta run --rootfs`,
 * `--docker-image`, `--network none`, `--group`, and `meseta exec` into a
 * running task (found through the master's state).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import { runCli, spawnCli } from '../harness/cli';
import { MesetaProcess } from '../harness/meseta-process';
import { artifactsDir, REPO_ROOT } from '../harness/paths';
import { startCluster, type Cluster } from '../harness/cluster';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensureDockerDaemon, type DockerDaemon } from '../setup/docker';
import { cleanUpAll, removeCgroupRoot, removeTestImages } from './container-agent';
import { engineAt, importImage } from './docker-helpers';

let daemon: DockerDaemon;
let engine: DockerEngine;
let images: BusyboxImage;
let imageDir: string;
let cluster: Cluster;
const imageIds = new Set<string>();
const cgroupsRoot = `meseta-test-${randomBytes(4).toString('hex')}`;
const BUSYBOX = `meseta-test/busybox:cli-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  daemon = await ensureDockerDaemon();
  engine = engineAt(daemon.socket);
  imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-cli-images-'));
  images = buildBusyboxImage(imageDir);
  imageIds.add(await importImage(engine, images.tar, BUSYBOX));
  cluster = await startCluster({
    agents: 1,
    name: 'containers',
    agentFlags: ['--containerizers', 'tar,docker,posix', '--docker-socket', daemon.socket, '--cgroups-root', cgroupsRoot],
  });
}, 180_000);

afterAll(
  () =>
    cleanUpAll(
      () => cluster?.stop(),
      () => removeCgroupRoot(cgroupsRoot),
      () => engine && removeTestImages(engine, imageIds),
      () => engine?.close(),
      () => daemon?.stop(),
      () => fs.rmSync(imageDir, { recursive: true, force: true }),
    ),
  60_000,
);

const run = (...args: string[]) => runCli(['run', '--master', cluster.masterAddress, ...args], { timeoutMs: 60_000 });

describe('meseta run with containers', () => {
  it('runs a command in a root filesystem tarball with only loopback (--rootfs --network none)', async () => {
    const result = await run('--name', 'rootfs', '--rootfs', images.tarGz, '--network', 'none', '--command', "echo pid=$$; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('TASK_FINISHED');
    expect(result.stdout).toMatch(/--- task stdout ---\npid=1\nlo$/m);
  });

  it('runs a command in a Docker image and exits with its exit code (--docker-image)', async () => {
    const result = await run('--name', 'docker', '--docker-image', BUSYBOX, '--command', 'echo in-docker; exit 3');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('TASK_FAILED: Command exited with status 3');
    expect(result.stdout).toContain('in-docker');
  });

  it('fails with the reason when the Docker image is not there', async () => {
    const result = await run('--name', 'absent', '--docker-image', 'meseta-test/absent:none', '--command', 'true');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/image docker.io\/meseta-test\/absent:none could not be pulled from registry docker.io: (not found|unauthorized|registry unreachable)/);
    expect(result.stdout).toContain('REASON_CONTAINER_LAUNCH_FAILED');
  });

  it('runs several commands as one pod (--group) whose members reach each other on 127.0.0.1', async () => {
    const result = await run(
      '--name',
      'pod',
      '--rootfs',
      images.tar,
      '--network',
      'none',
      '--command',
      // Each member ends only once the other is done with it (no member outlives a guess):
      // the server serves until the client says it has fetched; the client says so until the server is gone.
      'mkdir /www && echo served > /www/i && httpd -f -p 127.0.0.1:8080 -h /www & ' +
        'for i in $(seq 1 600); do wget -qO- http://127.0.0.1:8081/ok >/dev/null 2>&1 && break; sleep 0.1; done; echo server-done',
      '--group',
      'for i in $(seq 1 600); do wget -qO- http://127.0.0.1:8080/i && break; sleep 0.1; done; ' +
        'mkdir /ok && echo ok > /ok/ok && httpd -f -p 127.0.0.1:8081 -h /ok & ' +
        'for i in $(seq 1 600); do wget -qO- http://127.0.0.1:8080/i >/dev/null 2>&1 || break; sleep 0.1; done',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/launched group of 2 tasks/);
    expect(result.stdout).toMatch(/pod-2-[\w-]+ stdout ---\nserved$/m);
  });

  it('kills the rest of a pod when one of its commands fails, exiting with that code', async () => {
    const result = await run('--name', 'podfail', '--rootfs', images.tar, '--command', 'sleep 30', '--group', 'sleep 0.3; exit 4');
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/podfail-1-[\w-]+: TASK_KILLED: task podfail-2-[\w-]+ of the group ended with TASK_FAILED/);
  });
});

describe('meseta exec', () => {
  it("runs a command in a running task's container and exits with its code", async () => {
    const long = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'target', '--rootfs', images.tar, '--command', 'echo ready > state; sleep 60']);
    try {
      const launched = await long.waitForLine(/^launched task (\S+) /, 60_000, 'the launched line');
      const taskId = launched[1];
      await long.waitForLine(/^TASK_RUNNING/, 60_000, 'TASK_RUNNING');
      const result = await runCli(['exec', '--master', cluster.masterAddress, taskId, '--', 'sh', '-c', 'cat state; echo pid1=$(cat /proc/1/cmdline | tr "\\0" " "); echo err >&2; exit 4']);
      expect({ code: result.code, stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() }).toEqual({ code: 4, stdout: 'ready\npid1=sleep 60', stderr: 'err' });
      const missing = await runCli(['exec', '--master', cluster.masterAddress, 'no-such-task', '--', 'true']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no task no-such-task is known to the master');
    } finally {
      await long.stop();
    }
  });
});

describe('examples/pod-with-sidecar', () => {
  it('launches a web server and a sidecar reading it over 127.0.0.1 as one pod of tarball containers, and exits 0', async () => {
    const example = new MesetaProcess(['--master', cluster.masterAddress, '--rootfs', images.tar], {
      label: 'pod-with-sidecar',
      logDir: artifactsDir('pod-with-sidecar'),
      script: path.join(REPO_ROOT, 'dist', 'examples', 'pod-with-sidecar.js'),
    });
    try {
      const exit = await example.exited;
      expect(example.lines).toEqual(
        expect.arrayContaining([expect.stringMatching(/^launched web-\S+ \+ sidecar-\S+ on agent /), 'sidecar: TASK_FINISHED (Command exited with status 0)', 'web: TASK_FINISHED (Command exited with status 0)']),
      );
      expect(exit.code).toBe(0);
    } finally {
      await example.stop();
    }
  });
});
