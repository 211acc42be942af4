/**
 * The tar containerizer for real: busybox root filesystem tarballs unpacked
 * into the image store and run by runc through an agent. Everything is
 * asserted from inside the container (PID 1, host name, network, memory
 * limit, sandbox) or from the host's view of its cgroups and mounts.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb, Reason } from '@meseta/proto/wire';
import { writeTar } from '../../agent/containerizers/tar-writer';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensurePackages } from '../setup/packages';
import { cgroupHierarchies, cleanUpAll, execInTask, leftovers, NO_LEFTOVERS, startContainerAgent, stateOf, tarTask, type ContainerAgent } from './container-agent';
import { waitFor } from '../harness/wait-for';

let images: BusyboxImage;
let imageDir: string;
let test: ContainerAgent;
let secretsDir: string;
const SECRET_VALUE = `token-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}`;

beforeAll(async () => {
  ensurePackages([
    { binary: 'runc', package: 'runc' },
    { binary: 'busybox', package: 'busybox-static' },
  ]);
  imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-tar-images-'));
  images = buildBusyboxImage(imageDir);
  secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-tar-secrets-'));
  fs.writeFileSync(path.join(secretsDir, 'api-token'), SECRET_VALUE);
  test = await startContainerAgent({ containerizers: ['tar', 'posix'], secretsDir });
});

afterAll(() =>
  cleanUpAll(
    () => test?.stop(),
    () => fs.rmSync(imageDir, { recursive: true, force: true }),
    () => fs.rmSync(secretsDir, { recursive: true, force: true }),
  ),
);

let seq = 0;
const id = (name: string): string => `${name}-${++seq}`;

/** Run one task to its end; returns its terminal update and stdout. */
async function runToEnd(taskId: string, command: string, extra: Parameters<typeof tarTask>[3] = {}, uri = images.tar) {
  test.run(tarTask(taskId, command, uri, extra));
  const end = await test.terminal(taskId);
  return { end, state: stateOf(end), stdout: test.sandboxFile(taskId, 'stdout'), stderr: test.sandboxFile(taskId, 'stderr') };
}

describe('a task in a tar image container', () => {
  it('runs as PID 1 with its own host name, and reports TASK_RUNNING then TASK_FINISHED', async () => {
    const taskId = id('pid1');
    const result = await runToEnd(taskId, 'echo "pid=$$ host=$(hostname) cwd=$(pwd) sandbox=$MESOS_SANDBOX"', { hostname: 'box-one' });
    expect(result.state).toBe('TASK_FINISHED');
    expect(test.master.statesFor(taskId)).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);
    expect(result.stdout.trim()).toBe('pid=1 host=box-one cwd=/mnt/mesos/sandbox sandbox=/mnt/mesos/sandbox');
  });

  it.each([
    ['.tar', () => images.tar],
    ['.tar.gz', () => images.tarGz],
    ['.tar.xz', () => images.tarXz],
    ['file:// URI', () => `file://${images.tarGz}`],
  ])('runs from a %s image', async (_kind, uri) => {
    const result = await runToEnd(id('format'), 'cat /etc/passwd | head -1', {}, uri());
    expect(result.state).toBe('TASK_FINISHED');
    expect(result.stdout).toBe('root:x:0:0:root:/root:/bin/sh\n');
  });

  it('sees only loopback with network none, and the host interfaces with network host', async () => {
    const none = await runToEnd(id('none'), "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '", { network: 'none' });
    expect(none.stdout.trim().split('\n')).toEqual(['lo']);
    const host = await runToEnd(id('host'), "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort", { network: 'host' });
    const hostInterfaces = fs.readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean).sort();
    expect(host.stdout.trim().split('\n')).toEqual(hostInterfaces);
  });

  it('runs its COMMAND health check inside the container', async () => {
    const taskId = id('healthy');
    const task = tarTask(taskId, 'sleep 0.5; touch /tmp/ready; exec sleep 30', images.tar, { network: 'none' });
    task.health_check = { type: pb.HealthCheck.Type.COMMAND, command: { value: 'test -f /tmp/ready' }, delay_seconds: 0, interval_seconds: 0.2, grace_period_seconds: 10 };
    test.run(task);
    const healthy = await test.master.waitFor(() => test.master.updatesFor(taskId).find((u) => u.status?.healthy === true), `a healthy TASK_RUNNING of ${taskId}`, 20_000);
    expect(stateOf(healthy)).toBe('TASK_RUNNING');
    expect(fs.existsSync('/tmp/ready')).toBe(false); // the file the check found is the container's
    test.kill(taskId, 0);
    expect(stateOf(await test.terminal(taskId))).toBe('TASK_KILLED');
  });

  it('mounts its volumes: host paths, read-only where asked', async () => {
    const host = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volume-'));
    try {
      fs.mkdirSync(path.join(host, 'in'));
      fs.mkdirSync(path.join(host, 'out'));
      fs.writeFileSync(path.join(host, 'in', 'greeting'), 'hello from the host\n');
      const volumes = [
        { host_path: path.join(host, 'in'), container_path: '/data', mode: pb.Volume.Mode.RO },
        { host_path: path.join(host, 'out'), container_path: '/srv/out', mode: pb.Volume.Mode.RW },
      ];
      const result = await runToEnd(id('volumes'), 'cat /data/greeting; echo written > /srv/out/result; touch /data/nope 2>/dev/null && echo data-writable || echo data-read-only', { volumes });
      expect(result.state).toBe('TASK_FINISHED');
      expect(result.stdout).toBe('hello from the host\ndata-read-only\n');
      expect(fs.readFileSync(path.join(host, 'out', 'result'), 'utf8')).toBe('written\n');
      expect(fs.readdirSync(path.join(host, 'in'))).toEqual(['greeting']);
    } finally {
      fs.rmSync(host, { recursive: true, force: true });
    }
  });

  it('runs as its command user (looked up on the host), in a sandbox that user owns, with its secrets in env and a 0400 file', async () => {
    const taskId = id('user');
    const task = tarTask(taskId, 'id -u; id -g; stat -c "%u %a" /mnt/mesos/sandbox/token; printf %s "$TOKEN" | sha256sum; sha256sum < /mnt/mesos/sandbox/token; touch /mnt/mesos/sandbox/mine && echo sandbox-writable', images.tar, {
      volumes: [{ container_path: 'token', source: { type: pb.Volume.Source.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: 'api-token' } } } }],
    });
    task.command!.user = 'nobody';
    task.command!.environment = { variables: [{ name: 'TOKEN', type: pb.Environment.Variable.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: 'api-token' } } }] };
    test.run(task);
    const end = await test.terminal(taskId);
    expect(stateOf(end)).toBe('TASK_FINISHED');
    const hash = createHash('sha256').update(SECRET_VALUE).digest('hex');
    expect(test.sandboxFile(taskId, 'stdout')).toBe(`65534\n65534\n65534 400\n${hash}  -\n${hash}  -\nsandbox-writable\n`);
    expect(test.logs.join('\n')).not.toContain(SECRET_VALUE);
  });

  it('keeps its bundle, whose process environment holds the secret, readable by the agent only; a debug session enters as the task user', async () => {
    const taskId = id('bundle');
    const task = tarTask(taskId, 'sleep 30', images.tar);
    task.command!.user = 'nobody';
    task.command!.environment = { variables: [{ name: 'TOKEN', type: pb.Environment.Variable.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: 'api-token' } } }] };
    test.run(task);
    const running = await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 30_000);
    const bundle = path.join(test.workDir, 'containers', running.status!.container_id!.value!, 'config.json');
    expect(fs.readFileSync(bundle, 'utf8')).toContain(`TOKEN=${SECRET_VALUE}`);
    expect(fs.statSync(bundle).mode & 0o777).toBe(0o600);
    const session = await execInTask(test, taskId, ['id', '-u']);
    expect(session.stdout).toBe('65534\n');
    test.kill(taskId, 0);
    expect(stateOf(await test.terminal(taskId))).toBe('TASK_KILLED');
    await waitFor(() => !fs.existsSync(bundle), 30_000, 'the bundle to go with its container');
  });

  it('fails a task whose user the host does not have, naming it', async () => {
    const taskId = id('no-user');
    const task = tarTask(taskId, 'true', images.tar);
    task.command!.user = 'no-such-user-here';
    test.run(task);
    const end = await test.terminal(taskId);
    expect(stateOf(end)).toBe('TASK_FAILED');
    expect(end.status?.reason).toBe(pb.TaskStatus.Reason.REASON_TASK_USER_UNKNOWN);
    expect(end.status?.message).toContain('user "no-such-user-here" does not exist on this agent');
  });

  it('writes to the sandbox mounted at /mnt/mesos/sandbox, and to a writable layer of its own', async () => {
    const taskId = id('sandbox');
    const result = await runToEnd(taskId, 'echo from-inside > /mnt/mesos/sandbox/note && echo layer > /etc/motd && cat /etc/motd && echo oops >&2');
    expect(result.state).toBe('TASK_FINISHED');
    expect(test.sandboxFile(taskId, 'note')).toBe('from-inside\n');
    expect(result.stdout).toBe('layer\n');
    expect(result.stderr).toBe('oops\n');
    // The image itself is untouched: the next container sees the original /etc.
    const next = await runToEnd(id('image-untouched'), 'test -e /etc/motd && echo present || echo absent');
    expect(next.stdout).toBe('absent\n');
  });

  it('is killed by the kernel past its memory limit and reported with REASON_CONTAINER_LIMITATION_MEMORY', async () => {
    const result = await runToEnd(id('oom'), 'echo start; x=a; while true; do x=$x$x; done', { mem: 32 });
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    expect(result.end.status?.message).toMatch(/Memory limit exceeded.*32 MB/);
    // Below the limit the same kind of allocation is fine.
    const fine = await runToEnd(id('under-limit'), 'x=a; for i in $(seq 1 20); do x=$x$x; done; echo ${#x}', { mem: 32 });
    expect(fine.state).toBe('TASK_FINISHED');
    expect(fine.stdout.trim()).toBe(String(2 ** 20));
  });

  it('applies CPU shares, CFS quota and the pids limit to its cgroup', async () => {
    const taskId = id('limits');
    test.run(tarTask(taskId, 'sleep 30', images.tar, { cpus: 0.5 }));
    await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 20_000);
    const containerId = test.master.updatesFor(taskId)[0].status?.container_id?.value as string;
    const cg = (controller: string, file: string): string =>
      fs.readFileSync(path.join('/sys/fs/cgroup', controller, test.cgroupsRoot, containerId, 'task', file), 'utf8').trim();
    const memory = fs.readFileSync(path.join('/sys/fs/cgroup/memory', test.cgroupsRoot, containerId, 'memory.limit_in_bytes'), 'utf8').trim();
    expect({ shares: cg('cpu', 'cpu.shares'), quota: cg('cpu', 'cpu.cfs_quota_us'), period: cg('cpu', 'cpu.cfs_period_us'), pids: cg('pids', 'pids.max'), memory }).toEqual({
      shares: '512',
      quota: '50000',
      period: '100000',
      pids: '4096',
      memory: String(64 * 1024 * 1024),
    });
    test.kill(taskId, 0);
    expect(stateOf(await test.terminal(taskId))).toBe('TASK_KILLED');
  });

  it('is stopped by a kill: SIGTERM reaches its processes, then TASK_KILLED', async () => {
    const taskId = id('kill');
    test.run(tarTask(taskId, "trap 'echo got-term; exit 0' TERM; echo ready; while true; do sleep 0.1; done", images.tar));
    await test.master.waitForState(taskId, 'TASK_RUNNING', 1, 20_000);
    await test.master.waitFor(() => test.sandboxFile(taskId, 'stdout').includes('ready'), 'the task to be ready');
    test.kill(taskId, 5000);
    const end = await test.terminal(taskId);
    expect(stateOf(end)).toBe('TASK_KILLED');
    expect(test.master.statesFor(taskId)).toEqual(['TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
    expect(test.sandboxFile(taskId, 'stdout')).toContain('got-term');
  });
});

describe('images that cannot be used', () => {
  const hostile = (name: string, entries: Parameters<typeof writeTar>[0]): string => {
    const file = path.join(imageDir, name);
    fs.writeFileSync(file, writeTar(entries));
    return file;
  };

  it.each<[string, () => string, RegExp]>([
    ['a corrupt tarball', () => (fs.writeFileSync(path.join(imageDir, 'corrupt.tar'), 'this is not a tarball'.repeat(50)), path.join(imageDir, 'corrupt.tar')), /is corrupt: header at byte 0/],
    ['a truncated .tar.gz', () => (fs.writeFileSync(path.join(imageDir, 'cut.tar.gz'), fs.readFileSync(images.tarGz).subarray(0, 4000)), path.join(imageDir, 'cut.tar.gz')), /is corrupt/],
    ['an entry climbing out with ../', () => hostile('dotdot.tar', [{ path: 'bin/', type: 'directory' }, { path: '../../../../tmp/meseta-escaped', type: 'file', content: 'x' }]), /refused: entry "..\/..\/..\/..\/tmp\/meseta-escaped" climbs out of the image root/],
    ['an absolute hard link', () => hostile('abslink.tar', [{ path: 'shadow', type: 'hardlink', linkTarget: '/etc/shadow' }]), /refused: hard link "shadow" points to the absolute path "\/etc\/shadow"/],
    ['a write through a symlink', () => hostile('through.tar', [{ path: 'tmpdir', type: 'symlink', linkTarget: '/tmp' }, { path: 'tmpdir/meseta-escaped', type: 'file', content: 'x' }]), /would be written through the symlink "tmpdir"/],
    ['a missing tarball', () => path.join(imageDir, 'missing.tar'), /cannot be read: ENOENT/],
  ])('refuses %s with TASK_FAILED saying why', async (_name, make, message) => {
    const result = await runToEnd(id('refused'), 'true', {}, make());
    expect(result.state).toBe('TASK_FAILED');
    expect(result.end.status?.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    expect(result.end.status?.message).toMatch(message);
    expect(fs.existsSync('/tmp/meseta-escaped')).toBe(false);
  });
});

describe('the image store', () => {
  it('unpacks an image once for many concurrent launches', async () => {
    const file = path.join(imageDir, 'concurrent.tar');
    fs.copyFileSync(images.tar, file);
    fs.appendFileSync(file, Buffer.alloc(1024)); // a different digest from the other tests' image
    const ids = Array.from({ length: 8 }, () => id('concurrent'));
    test.run(...ids.map((taskId) => tarTask(taskId, 'true', file)));
    const ends = await Promise.all(ids.map((taskId) => test.terminal(taskId)));
    expect(ends.map(stateOf)).toEqual(ids.map(() => 'TASK_FINISHED'));
    expect(test.logs.filter((line) => line.includes('image unpacked') && line.includes('concurrent.tar'))).toHaveLength(1);
  });
});

describe('cleaning up', () => {
  it('keeps its image store under --image-store-max-mb: an image no container uses goes, one in use stays; its cgroup root goes when it stops', async () => {
    const small = await startContainerAgent({ containerizers: ['tar'], imageStoreMaxMb: 0.001 });
    try {
      const store = path.join(small.workDir, 'images', 'sha256');
      const digestOf = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      small.run(tarTask('first', 'true', images.tar));
      expect(stateOf(await small.terminal('first'))).toBe('TASK_FINISHED');
      small.run(tarTask('second', 'sleep 30', images.tarGz));
      await small.master.waitForState('second', 'TASK_RUNNING');
      await waitFor(() => !fs.existsSync(path.join(store, digestOf(images.tar))), 10_000, 'the unused image to leave the store', 50);
      expect(fs.readdirSync(store)).toEqual([digestOf(images.tarGz)]);
      small.kill('second', 0);
      expect(stateOf(await small.terminal('second'))).toBe('TASK_KILLED');
      await small.agent.stop();
      expect(cgroupHierarchies().filter((h) => fs.existsSync(path.join(h, small.cgroupsRoot)))).toEqual([]);
    } finally {
      await small.stop();
    }
  });

  it('leaves no container folder, runc state, cgroup, mount or process behind after 1,000 launches', async () => {
    const total = Number(process.env.MESETA_LEAK_LAUNCHES ?? 1000);
    const concurrency = 8;
    let next = 0;
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      while (next < total) {
        const taskId = `leak-${next++}`;
        test.run(tarTask(taskId, 'true', images.tar, { mem: 16, network: next % 2 === 0 ? 'none' : 'host' }));
        const end = await test.terminal(taskId, 60_000);
        if (stateOf(end) !== 'TASK_FINISHED') failures.push(`${taskId}: ${stateOf(end)} ${end.status?.message}`);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (Date.now() - started) / 1000;
    expect(failures).toEqual([]);
    // Cleanup runs right after each end; give the last ones a moment.
    await test.master.waitFor(() => JSON.stringify(leftovers(test)) === JSON.stringify(NO_LEFTOVERS) || undefined, 'no leftovers', 10_000).catch(() => undefined);
    expect(leftovers(test)).toEqual(NO_LEFTOVERS);
    process.stdout.write(`${total} tar container launches in ${seconds.toFixed(1)} s (${((seconds * 1000) / total).toFixed(1)} ms each, ${concurrency} at a time)\n`);
  }, 600_000);
});
