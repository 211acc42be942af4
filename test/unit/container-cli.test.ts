/**
 * The container flags of `meseta run` (--docker-image, --rootfs, --network,
 * --group) and how `meseta exec` reads the end of a session.
 */
import { runContainerInfo, runGroupSpecs, runTaskSpec, type RunFlags } from '../../cli/commands/run';
import { execExitCode, sessionEndProblem } from '../../cli/commands/exec';
import { startFailure } from '../../agent/containerizers/exec-session';

const BASE: RunFlags = { name: 'hello', command: 'echo hi', cpus: '0.1', mem: '32', output: true };

describe('meseta run containers', () => {
  it.each<[string, Partial<RunFlags>, object | undefined]>([
    ['no container flags', {}, undefined],
    ['--docker-image', { dockerImage: 'busybox:1' }, { type: 1, docker: { image: 'busybox:1' } }],
    ['--docker-image --network none', { dockerImage: 'busybox:1', network: 'none' }, { type: 1, docker: { image: 'busybox:1' }, network_infos: [{ mode: 1 }] }],
    ['--docker-image --force-pull', { dockerImage: '127.0.0.1:5000/app:v1', forcePull: true }, { type: 1, docker: { image: '127.0.0.1:5000/app:v1', force_pull_image: true } }],
    ['--image', { image: 'busybox:latest' }, { type: 2, mesos: { image: { type: 2, docker: { name: 'busybox:latest' } } } }],
    ['--image by digest --force-pull', { image: `app@sha256:${'f'.repeat(64)}`, forcePull: true }, { type: 2, mesos: { image: { type: 2, docker: { name: `app@sha256:${'f'.repeat(64)}` }, cached: false } } }],
    ['--rootfs with a relative path', { rootfs: 'images/bb.tar' }, { type: 2, mesos: { image: { type: 0, tar: { uri: '/work/images/bb.tar' } } } }],
    ['--rootfs with an http URI', { rootfs: 'http://127.0.0.1:8000/bb.tar.xz' }, { type: 2, mesos: { image: { type: 0, tar: { uri: 'http://127.0.0.1:8000/bb.tar.xz' } } } }],
    ['--rootfs --network HOST', { rootfs: '/bb.tar', network: 'HOST' }, { type: 2, mesos: { image: { type: 0, tar: { uri: '/bb.tar' } } }, network_infos: [{ mode: 0 }] }],
    ['--rootfs --network cni:', { rootfs: '/bb.tar', network: 'cni:meseta-test' }, { type: 2, mesos: { image: { type: 0, tar: { uri: '/bb.tar' } } }, network_infos: [{ name: 'meseta-test' }] }],
    [
      '--rootfs --network cni: --port-mapping',
      { rootfs: '/bb.tar', network: 'cni:n1', portMapping: ['8080:80', '5353:53/UDP'] },
      { type: 2, mesos: { image: { type: 0, tar: { uri: '/bb.tar' } } }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }, { host_port: 5353, container_port: 53, protocol: 'udp' }] }] },
    ],
    [
      '--rootfs --volume (relative host path, read-only)',
      { rootfs: '/bb.tar', volume: ['data:/srv/data:ro', '/cache:/cache'] },
      { type: 2, mesos: { image: { type: 0, tar: { uri: '/bb.tar' } } }, volumes: [{ host_path: '/work/data', container_path: '/srv/data', mode: 2 }, { host_path: '/cache', container_path: '/cache', mode: 1 }] },
    ],
  ])('%s', (_name, flags, expected) => {
    expect(runContainerInfo({ ...BASE, ...flags }, '/work')).toEqual(expected);
  });

  it.each<[string, Partial<RunFlags>, string]>([
    ['both images', { dockerImage: 'a', rootfs: '/b.tar' }, '--docker-image, --image and --rootfs: give one of them'],
    ['two registry images', { dockerImage: 'a', image: 'b' }, '--docker-image, --image and --rootfs: give one of them'],
    ['--force-pull of a tarball', { rootfs: '/b.tar', forcePull: true }, '--force-pull: needs --docker-image or --image'],
    ['a bad --image', { image: 'App:1' }, '--image: "App:1" is not an image reference (the name part "App" must be lowercase'],
    ['a bad --docker-image digest', { dockerImage: 'a@sha256:12' }, '--docker-image: "a@sha256:12" is not an image reference (the digest'],
    ['a bridge network', { dockerImage: 'a', network: 'bridge' }, '--network: "bridge" is not host, none or cni:<name>'],
    ['a bad CNI network name', { rootfs: '/bb.tar', network: 'cni:a b' }, '--network: "a b" is not a CNI network name'],
    ['an empty CNI network name', { rootfs: '/bb.tar', network: 'cni:' }, '--network: "" is not a CNI network name'],
    ['a port mapping on the host network', { rootfs: '/bb.tar', network: 'host', portMapping: ['80:80'] }, '--port-mapping: needs --network cni:<name>, not host'],
    ['a port mapping without a network', { rootfs: '/bb.tar', portMapping: ['80:80'] }, '--port-mapping: needs --network cni:<name>'],
    ['a port mapping without a colon', { rootfs: '/bb.tar', network: 'cni:n', portMapping: ['8080'] }, '--port-mapping: "8080" is not HOST:CONTAINER[/tcp|udp]'],
    ['a port mapping to port 0', { rootfs: '/bb.tar', network: 'cni:n', portMapping: ['8080:0'] }, '--port-mapping: container port 0 in "8080:0" is not 1 to 65535'],
    ['a port mapping past 65535', { rootfs: '/bb.tar', network: 'cni:n', portMapping: ['70000:80'] }, '--port-mapping: host port 70000 in "70000:80" is not 1 to 65535'],
    ['a port mapping for sctp', { rootfs: '/bb.tar', network: 'cni:n', portMapping: ['80:80/sctp'] }, '--port-mapping: "80:80/sctp" is not HOST:CONTAINER[/tcp|udp]'],
    ['a network without a container', { network: 'none' }, '--network: needs a container'],
    ['an empty image', { dockerImage: ' ' }, '--docker-image: required'],
    ['a volume without a container', { volume: ['/a:/b'] }, '--volume: needs a container'],
    ['a volume without a container path', { rootfs: '/bb.tar', volume: ['/a'] }, '--volume: "/a" is not HOST:CONTAINER or HOST:CONTAINER:ro'],
    ['a volume with a relative container path', { rootfs: '/bb.tar', volume: ['/a:b'] }, '--volume: the container path "b" must be absolute'],
    ['a volume with a bad mode', { rootfs: '/bb.tar', volume: ['/a:/b:rx'] }, '--volume: "rx" in "/a:/b:rx" is not ro or rw'],
  ])('refuses %s', (_name, flags, message) => {
    expect(() => runContainerInfo({ ...BASE, ...flags })).toThrow(message);
  });

  it('lets a Docker task run its image entrypoint without --command', () => {
    expect(runTaskSpec({ ...BASE, command: undefined, dockerImage: 'busybox' })).toMatchObject({ name: 'hello', command: undefined, container: { type: 1 } });
    expect(runTaskSpec({ ...BASE, command: undefined, image: 'busybox' })).toMatchObject({ name: 'hello', command: undefined, container: { type: 2 } });
    expect(() => runTaskSpec({ ...BASE, command: undefined, rootfs: '/bb.tar' })).toThrow('--command: required');
  });

  it('makes a group of --command and each --group, named NAME-1, NAME-2, ...', () => {
    const specs = runGroupSpecs({ ...BASE, group: ['sleep 1', 'echo b'], rootfs: '/bb.tar', network: 'none' });
    expect(specs.map((s) => [s.name, s.command])).toEqual([
      ['hello-1', 'echo hi'],
      ['hello-2', 'sleep 1'],
      ['hello-3', 'echo b'],
    ]);
    expect(specs.every((s) => s.container?.network_infos?.[0]?.mode === 1 && s.cpus === 0.1 && s.mem === 32)).toBe(true);
    expect(() => runGroupSpecs({ ...BASE, command: undefined, group: ['alone'] })).toThrow('a group needs at least two commands');
  });
});

describe('meseta exec', () => {
  it.each<[string, object | undefined, number]>([
    ['exit 0', { exit_code: 0 }, 0],
    ['exit 7', { exit_code: 7 }, 7],
    ['a signal without exit code', { signal: 9 }, 137],
    ['nothing known', {}, 1],
    ['no end at all', undefined, 1],
  ])('exits like the command: %s', (_name, exited, code) => {
    expect(execExitCode(exited)).toBe(code);
  });

  it.each<[string, object, string | undefined]>([
    ['a command that exited', { exit_code: 3, message: 'Command exited with status 3' }, undefined],
    ['a command that was signalled', { signal: 9, message: 'Command terminated with signal SIGKILL' }, undefined],
    ['no message', { exit_code: 0 }, undefined],
    ['a command that could not start', { exit_code: 127, message: 'cannot start "nosuchcmd": command not found' }, 'cannot start "nosuchcmd": command not found'],
    ['a session the agent ended', { signal: 9, message: 'the task ended' }, 'the task ended'],
  ])('says why a session ended when it is not the command\'s own end: %s', (_name, exited, problem) => {
    expect(sessionEndProblem(exited)).toBe(problem);
  });

  it.each<[string, string, string]>([
    ['ENOENT', 'spawn nosuchcmd ENOENT', 'cannot start "nosuchcmd": command not found (not on the task\'s PATH, or no such file, or its working directory is gone)'],
    ['EACCES', 'spawn ./x EACCES', 'cannot start "nosuchcmd": permission denied (not executable by the task\'s user)'],
    ['EIO', 'spawn EIO', 'cannot start "nosuchcmd": spawn EIO'],
  ])('a command that cannot start is named with the reason: %s', (code, message, expected) => {
    expect(startFailure('"nosuchcmd"', Object.assign(new Error(message), { code }))).toBe(expected);
  });
});
