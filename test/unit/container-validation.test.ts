/**
 * What a task's ContainerInfo must look like (checked by the master at
 * ACCEPT and again by the agent): each refusal names the field.
 */
import type { ContainerInfo } from '@meseta/proto/wire';
import { containerProblem, healthCheckReachProblem, volumeBinds } from '@meseta/proto/container-validation';

const DOCKER = 1;
const MESOS = 2;
const TAR = { type: 0, tar: { uri: '/images/busybox.tar' } };

describe('a container', () => {
  it.each<[string, ContainerInfo | undefined]>([
    ['none at all', undefined],
    ['a plain process (POSIX)', { type: 0 }],
    ['a Docker image', { type: DOCKER, docker: { image: 'busybox:1.36' } }],
    ['a forced pull', { type: DOCKER, docker: { image: 'bb', force_pull_image: true } }],
    ['a Docker image by digest on a registry', { type: DOCKER, docker: { image: `127.0.0.1:5000/team/app@sha256:${'a'.repeat(64)}` } }],
    ['a registry image run by runc', { type: MESOS, mesos: { image: { type: 2, docker: { name: 'busybox:latest' } } } }],
    ['a tarball by path', { type: MESOS, mesos: { image: TAR } }],
    ['a tarball by http URI', { type: MESOS, mesos: { image: { type: 0, tar: { uri: 'http://127.0.0.1:8000/bb.tar.xz' } } } }],
    ['network none', { type: MESOS, mesos: { image: TAR }, network_infos: [{ mode: 1 }] }],
    ['network host by name', { type: DOCKER, docker: { image: 'bb' }, network_infos: [{ name: 'host' }] }],
    ['a CNI network by name', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'meseta-test_1.a' }] }],
    ['a CNI network with port mappings', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 8080, container_port: 80 }, { host_port: 8080, container_port: 80, protocol: 'udp' }] }] }],
    ['volumes', { type: DOCKER, docker: { image: 'bb' }, volumes: [{ host_path: '/data', container_path: '/d', mode: 2 }] }],
  ])('may be %s', (_name, container) => {
    expect(containerProblem(container)).toBeUndefined();
  });

  it.each<[string, ContainerInfo, string]>([
    ['a Docker container without an image', { type: DOCKER }, 'container.docker.image: required for a DOCKER container'],
    ['a Docker image name with a space', { type: DOCKER, docker: { image: 'busy box' } }, 'container.docker.image: "busy box" is not an image name (it has white space)'],
    ['a Docker image with capitals', { type: DOCKER, docker: { image: 'BusyBox' } }, 'container.docker.image: "BusyBox" is not an image reference (the name part "BusyBox" must be lowercase'],
    ['a Docker image with a short digest', { type: DOCKER, docker: { image: 'bb@sha256:abc' } }, 'container.docker.image: "bb@sha256:abc" is not an image reference (the digest "sha256:abc" is not sha256: and 64 lowercase hex digits)'],
    ['a registry image without a name', { type: MESOS, mesos: { image: { type: 2 } } }, 'container.mesos.image.docker.name: required for a DOCKER image'],
    ['a registry image with a bad tag', { type: MESOS, mesos: { image: { type: 2, docker: { name: 'bb:-x' } } } }, 'container.mesos.image.docker.name: "bb:-x" is not an image reference (the tag "-x" must be'],
    ['a tar image without a URI', { type: MESOS, mesos: { image: { type: 0 } } }, 'container.mesos.image.tar.uri: required (the root filesystem tarball)'],
    ['a relative tarball path', { type: MESOS, mesos: { image: { type: 0, tar: { uri: 'bb.tar' } } } }, 'container.mesos.image.tar.uri: "bb.tar" is not an absolute path, file://, http:// or https:// URI'],
    ['an ftp tarball', { type: MESOS, mesos: { image: { type: 0, tar: { uri: 'ftp://h/bb.tar' } } } }, 'is not an absolute path, file://, http:// or https:// URI'],
    ['an unknown type', { type: 7 as never }, 'container.type: unknown container type 7 (POSIX, DOCKER or MESOS)'],
    ['two networks', { type: DOCKER, docker: { image: 'bb' }, network_infos: [{ mode: 0 }, { mode: 1 }] }, 'container.network_infos: at most one network (host, none or one CNI network), got 2'],
    ['a network name with a slash', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: '../n' }] }, 'container.network_infos[0].name: "../n" is not a CNI network name'],
    ['a network name too long', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n'.repeat(65) }] }, 'is not a CNI network name'],
    ['a CNI network with mode NONE', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', mode: 1 }] }, 'container.network_infos[0].mode: NONE cannot go with the CNI network "n1"'],
    ['port mappings on the host network', { type: MESOS, mesos: { image: TAR }, network_infos: [{ mode: 0, port_mappings: [{ host_port: 80, container_port: 80 }] }] }, 'container.network_infos[0].port_mappings: port mappings need a CNI network'],
    ['a mapping without a host port', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ container_port: 80 }] }] }, 'container.network_infos[0].port_mappings[0].host_port: missing is not a port (1 to 65535)'],
    ['a mapping to port 0', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 80, container_port: 0 }] }] }, 'port_mappings[0].container_port: 0 is not a port'],
    ['a mapping past 65535', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 70000, container_port: 80 }] }] }, 'port_mappings[0].host_port: 70000 is not a port'],
    ['a mapping for sctp', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 80, container_port: 80, protocol: 'sctp' }] }] }, 'port_mappings[0].protocol: "sctp" is not tcp or udp'],
    ['a host port mapped twice', { type: MESOS, mesos: { image: TAR }, network_infos: [{ name: 'n1', port_mappings: [{ host_port: 80, container_port: 80 }, { host_port: 80, container_port: 81, protocol: 'TCP' }] }] }, 'port_mappings[1].host_port: 80/tcp is mapped twice'],
    ['a CNI network on a plain process', { type: 0, network_infos: [{ name: 'n1' }] }, 'container.network_infos[0].name: a task without an image runs as a plain process on the host network; the CNI network "n1" needs'],
    ['an unknown network mode', { type: DOCKER, docker: { image: 'bb' }, network_infos: [{ mode: 9 as never }] }, 'container.network_infos[0].mode: unknown mode 9 (HOST or NONE)'],
    ['a relative volume', { type: DOCKER, docker: { image: 'bb' }, volumes: [{ host_path: 'data', container_path: '/d' }] }, 'container.volumes[0].host_path: "data" must be an absolute path'],
    ['a volume climbing out', { type: DOCKER, docker: { image: 'bb' }, volumes: [{ host_path: '/data', container_path: '/d/../../etc' }] }, 'container.volumes[0].container_path: "/d/../../etc" must not contain ".."'],
    ['a volume over the root', { type: MESOS, mesos: { image: TAR }, volumes: [{ host_path: '/data', container_path: '/' }] }, "container.volumes[0].container_path: cannot be the container's root"],
    ['a volume path with a colon', { type: DOCKER, docker: { image: 'bb' }, volumes: [{ host_path: '/a:b', container_path: '/d' }] }, 'container.volumes[0].host_path: "/a:b" must not contain ":"'],
    ['a volume without a host path', { type: DOCKER, docker: { image: 'bb' }, volumes: [{ container_path: '/d' }] }, 'container.volumes[0].host_path: required (only host paths can be mounted)'],
    ['volumes on a plain process', { type: 0, volumes: [{ host_path: '/data', container_path: '/d' }] }, 'container.volumes: a task without an image runs as a plain process; volumes need a container with an image'],
    ['network none on a plain process', { type: MESOS, network_infos: [{ mode: 1 }] }, 'container.network_infos: a task without an image runs as a plain process on the host network'],
  ])('is refused with %s', (_name, container, problem) => {
    expect(containerProblem(container)).toContain(problem);
  });

  it("lets an executor's container without an image name the network of its task group", () => {
    expect(containerProblem({ type: MESOS, network_infos: [{ mode: 1 }] }, 'executor.container', 'executor')).toBeUndefined();
  });

  it('names the field it was given', () => {
    expect(containerProblem({ type: DOCKER }, 'task.container')).toBe('task.container.docker.image: required for a DOCKER container');
  });
});

describe('volumes as bind mounts', () => {
  it('keep their paths and read-only mode', () => {
    expect(volumeBinds([{ host_path: '/data', container_path: '/d', mode: 2 }, { host_path: '/x', container_path: '/y', mode: 1 }])).toEqual([
      { source: '/data', destination: '/d', readOnly: true },
      { source: '/x', destination: '/y', readOnly: false },
    ]);
  });
});

describe('a health check the agent must reach', () => {
  const NONE = { type: MESOS, mesos: { image: TAR }, network_infos: [{ mode: 1 }] };
  const HOST = { type: MESOS, mesos: { image: TAR } };
  it.each<[string, Parameters<typeof healthCheckReachProblem>[0], Parameters<typeof healthCheckReachProblem>[1], boolean]>([
    ['HTTP on the host network', { container: HOST, health_check: { type: 2, http: { port: 8080 } } }, undefined, true],
    ['COMMAND with network none', { container: NONE, health_check: { type: 1, command: { value: 'true' } } }, undefined, true],
    ['HTTP with network none', { container: NONE, health_check: { type: 2, http: { port: 8080 } } }, undefined, false],
    ['TCP in a pod with network none', { container: HOST, health_check: { type: 3, tcp: { port: 8080 } } }, { type: MESOS, network_infos: [{ mode: 1 }] }, false],
  ])('%s: reachable %s', (_name, task, pod, reachable) => {
    const problem = healthCheckReachProblem(task, pod);
    if (reachable) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/^health_check.type: a (HTTP|TCP) check reaches the task on the host's 127.0.0.1, which a task with network none does not listen on; use a COMMAND check/);
  });
});
