/**
 * Docker Engine API pieces: the create body (command against the image's
 * entrypoint, limits, labels, sandbox, network modes), image names and
 * tarball formats, progress errors, and the multiplexed stream format.
 */
import type { CommandInfo } from '@meseta/proto/wire';
import { dockerBinds, dockerCommand, dockerCreateBody } from '../../agent/containerizers/docker-container-config';
import { dockerSocketPath, defaultDockerSocket } from '../../agent/containerizers/docker-engine';
import { isImageArchiveEntry, progressError, splitImageName } from '../../agent/containerizers/docker-images';
import { dockerFrame, DockerStreamDemuxer } from '../../agent/containerizers/docker-stream';

describe('the command against the image entrypoint', () => {
  it.each<[string, CommandInfo | undefined, object]>([
    ['no command: the image decides', undefined, {}],
    ['a shell command', { value: 'echo hi' }, { Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo hi'] }],
    ['a program and its argv', { shell: false, value: '/bin/echo', arguments: ['echo', 'a', 'b'] }, { Entrypoint: ['/bin/echo'], Cmd: ['a', 'b'] }],
    ['arguments for the image entrypoint', { shell: false, arguments: ['--port', '80'] }, { Cmd: ['--port', '80'] }],
    ['only environment', { shell: false, environment: { variables: [{ name: 'A', value: '1' }] } }, {}],
  ])('%s', (_name, command, expected) => {
    expect(dockerCommand(command)).toEqual(expected);
  });
});

describe('the create body', () => {
  const base = {
    image: 'busybox:1',
    command: { value: 'true' },
    env: { MESOS_SANDBOX: '/mnt/mesos/sandbox' },
    sandboxDir: '/agent/s1',
    hostname: 'h1',
    limits: { cpuShares: 256, cpuQuotaUs: 25_000, cpuPeriodUs: 100_000, memoryBytes: 32 << 20, pids: 64 },
    labels: { 'meseta.task_id': 't1' },
  };

  it('carries limits, labels, the sandbox as working directory and the host name', () => {
    const body = dockerCreateBody({ ...base, network: 'none' });
    expect(body).toMatchObject({
      Image: 'busybox:1',
      Env: ['MESOS_SANDBOX=/mnt/mesos/sandbox'],
      Labels: { 'meseta.task_id': 't1' },
      WorkingDir: '/mnt/mesos/sandbox',
      Hostname: 'h1',
      HostConfig: {
        Binds: ['/agent/s1:/mnt/mesos/sandbox:rw'],
        NetworkMode: 'none',
        CpuShares: 256,
        CpuPeriod: 100_000,
        CpuQuota: 25_000,
        Memory: 32 << 20,
        MemorySwap: 32 << 20,
        PidsLimit: 64,
      },
    });
  });

  it.each<[string, Parameters<typeof dockerCreateBody>[0]['network'], object, boolean]>([
    ['host', 'host', { NetworkMode: 'host' }, true],
    ['none', 'none', { NetworkMode: 'none' }, true],
    ['a pod', { container: 'abc123' }, { NetworkMode: 'container:abc123', IpcMode: 'container:abc123' }, false],
  ])('joins the %s network (and keeps its own host name only outside a pod)', (_name, network, host, ownHostname) => {
    const body = dockerCreateBody({ ...base, network });
    expect(body.HostConfig).toMatchObject(host);
    expect('Hostname' in body).toBe(ownHostname);
  });

  it('makes a pod parent ipc namespace shareable', () => {
    expect(dockerCreateBody({ ...base, network: 'none', shareableIpc: true }).HostConfig).toMatchObject({ IpcMode: 'shareable' });
  });

  it("creates a pod member under the pod's cgroup, and others where the daemon puts them", () => {
    expect(dockerCreateBody({ ...base, network: 'none', cgroupParent: '/meseta/pod-1' }).HostConfig).toMatchObject({ CgroupParent: '/meseta/pod-1' });
    expect((dockerCreateBody({ ...base, network: 'none' }).HostConfig as Record<string, unknown>).CgroupParent).toBeUndefined();
  });

  it('binds volumes read-only or read-write, refusing relative paths', () => {
    expect(dockerBinds([{ host_path: '/data', container_path: '/d', mode: 2 }, { host_path: '/x', container_path: '/y' }])).toEqual(['/data:/d:ro', '/x:/y:rw']);
    expect(() => dockerBinds([{ host_path: 'data', container_path: '/d' }])).toThrow('container.volumes[0].host_path: "data" must be an absolute path');
  });
});

describe('images', () => {
  it.each<[string, object]>([
    ['busybox', { repo: 'busybox', tag: 'latest' }],
    ['busybox:1.36', { repo: 'busybox', tag: '1.36' }],
    ['127.0.0.1:5000/team/app', { repo: '127.0.0.1:5000/team/app', tag: 'latest' }],
    ['127.0.0.1:5000/team/app:v2', { repo: '127.0.0.1:5000/team/app', tag: 'v2' }],
  ])('splits %s', (name, expected) => {
    expect(splitImageName(name)).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ['manifest.json', true],
    ['./manifest.json', true],
    ['repositories', true],
    ['index.json', true],
    ['oci-layout', true],
    ['etc/manifest.json', false],
    ['bin/busybox', false],
  ])('tells whether %s marks a docker save archive: %s', (entry, expected) => {
    expect(isImageArchiveEntry(entry)).toBe(expected);
  });

  it('finds the error in a progress stream', () => {
    expect(progressError('{"status":"Loading"}\n{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n')).toBe('unexpected EOF');
    expect(progressError('{"stream":"Loaded image: busybox:1\\n"}\n')).toBeUndefined();
  });

  it.each<[string, string]>([
    ['unix:///run/docker.sock', '/run/docker.sock'],
    ['/var/run/docker.sock', '/var/run/docker.sock'],
  ])('reads the socket %s', (text, expected) => {
    expect(dockerSocketPath(text)).toBe(expected);
  });

  it('refuses a TCP daemon address, and defaults from $DOCKER_HOST', () => {
    expect(() => dockerSocketPath('tcp://127.0.0.1:2375')).toThrow('is not a unix socket');
    expect(defaultDockerSocket({ DOCKER_HOST: 'unix:///tmp/d.sock' })).toBe('/tmp/d.sock');
    expect(defaultDockerSocket({})).toBe('/var/run/docker.sock');
  });
});

describe('the multiplexed stream', () => {
  it.each([1, 3, 8, 9, 1000])('splits frames fed %i bytes at a time', (size) => {
    const frames: string[] = [];
    const demuxer = new DockerStreamDemuxer((stream, payload) => frames.push(`${stream}:${payload.toString()}`));
    const bytes = Buffer.concat([dockerFrame('stdout', 'hello '), dockerFrame('stderr', 'oops'), dockerFrame('stdout', ''), dockerFrame('stdout', 'world')]);
    for (let at = 0; at < bytes.length; at += size) demuxer.push(bytes.subarray(at, at + size));
    expect(frames).toEqual(['stdout:hello ', 'stderr:oops', 'stdout:', 'stdout:world']);
    expect(demuxer.buffered).toBe(0);
  });

  it('refuses a malformed header', () => {
    const demuxer = new DockerStreamDemuxer(() => undefined);
    expect(() => demuxer.push(Buffer.from('hello world!'))).toThrow(/malformed Docker stream header/);
  });
});
