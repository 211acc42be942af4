/**
 * ContainerInfo builders for framework authors: where a task runs.
 *
 * ```ts
 * const web: TaskSpec = { name: 'web', command: 'httpd -f -p 8080', cpus: 0.5, mem: 64,
 *   container: tarballContainer('/images/busybox.tar.xz', { network: 'none' }) };
 * ```
 *
 * The agent runs `dockerContainer` tasks on the Docker Engine (the image must
 * be on the agent, or come as `imageUri`: nothing is pulled) and
 * `tarballContainer` tasks as a root filesystem run by runc. Networks are
 * `host` (the default) or `none` (loopback only); the tasks of a task group
 * share the network of the group's executor container ({@link podContainer}).
 */
import { pb, type ContainerInfo } from '@meseta/proto/wire';

/** Where a container's network comes from. */
export type ContainerNetwork = 'host' | 'none';

/** A host path bind-mounted into the container. */
export interface ContainerVolume {
  hostPath: string;
  containerPath: string;
  readOnly?: boolean;
}

/** What every container may set. */
export interface ContainerOptions {
  /** @default 'host' */
  network?: ContainerNetwork;
  /** Host name inside the container. @default a prefix of the container id */
  hostname?: string;
  volumes?: ContainerVolume[];
}

function common(container: ContainerInfo, options: ContainerOptions): ContainerInfo {
  if (options.network) container.network_infos = [{ mode: options.network === 'none' ? pb.NetworkInfo.Mode.NONE : pb.NetworkInfo.Mode.HOST }];
  if (options.hostname) container.hostname = options.hostname;
  if (options.volumes?.length) {
    container.volumes = options.volumes.map((v) => ({
      host_path: v.hostPath,
      container_path: v.containerPath,
      mode: v.readOnly ? pb.Volume.Mode.RO : pb.Volume.Mode.RW,
    }));
  }
  return container;
}

/** A container whose root filesystem is the tarball at `uri` (.tar, .tar.gz, .tar.xz; absolute path, file:// or http://). */
export function tarballContainer(uri: string, options: ContainerOptions = {}): ContainerInfo {
  return common({ type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.TAR, tar: { uri } } } }, options);
}

/** A Docker container of `image`; `imageUri` is a `docker save` or root filesystem tarball to load it from when it is missing. */
export function dockerContainer(image: string, options: ContainerOptions & { imageUri?: string } = {}): ContainerInfo {
  const docker: NonNullable<ContainerInfo['docker']> = { image };
  if (options.imageUri) docker.image_uri = options.imageUri;
  return common({ type: pb.ContainerInfo.Type.DOCKER, docker }, options);
}

/** The executor container of a task group (pod): it only names the network the group's tasks share. */
export function podContainer(network: ContainerNetwork, hostname?: string): ContainerInfo {
  return common({ type: pb.ContainerInfo.Type.MESOS }, { network, hostname });
}
