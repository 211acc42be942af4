/**
 * What a task's `ContainerInfo` must look like before anything is launched:
 * checked by the master (a bad one is TASK_ERROR at ACCEPT, naming the
 * field) and again by the agent. Pure, no I/O.
 *
 * - `DOCKER` needs `docker.image`, an image reference (`[registry/]name[:tag][@sha256:...]`);
 *   `force_pull_image` pulls it even when the agent has it;
 * - `MESOS` with an image needs a `TAR` image with a `tar.uri` (a local
 *   absolute path, `file://`, `http://` or `https://`) or a `DOCKER` image
 *   with `docker.name`, an image reference (pulled by the agent itself, run
 *   by runc);
 * - at most one network: `host`, `none`, or a CNI network by name
 *   ({@link CNI_NETWORK_NAME}), with port mappings only on a CNI network;
 * - volumes bind absolute host paths to absolute container paths (no `..`,
 *   no `:`, never `/`);
 * - HTTP and TCP health checks reach a task on the host's 127.0.0.1, so not
 *   one with network none (a COMMAND check runs inside its container).
 */
import { enumName, pb, type ContainerInfo, type TaskInfo } from './wire';
import type { v1 } from './wire';
import { ImageReferenceError, parseImageReference } from './image-reference';

/** The problem of an image reference, naming the field; undefined when it parses. */
function referenceProblem(name: string, field: string): string | undefined {
  try {
    parseImageReference(name, field);
    return undefined;
  } catch (e) {
    if (e instanceof ImageReferenceError) return e.message;
    throw e;
  }
}

const TAR_URI = /^(\/|file:\/\/|https?:\/\/)/;

/** A volume as a bind mount: host path, container path, read-only or not. */
export interface VolumeBind {
  source: string;
  destination: string;
  readOnly: boolean;
}

function pathProblem(value: string, field: string): string | undefined {
  if (!value.startsWith('/')) return `${field}: "${value}" must be an absolute path`;
  if (value.includes(':')) return `${field}: "${value}" must not contain ":"`;
  if (value.split('/').includes('..')) return `${field}: "${value}" must not contain ".."`;
  return undefined;
}

/** The task's volumes as bind mounts; throws an Error naming the field of the first bad one. */
export function volumeBinds(volumes: readonly v1.IVolume[] | null | undefined, field = 'container.volumes'): VolumeBind[] {
  const binds: VolumeBind[] = [];
  (volumes ?? []).forEach((volume, i) => {
    if (volume.source) return; // a secret file in the sandbox (secret-references.ts), not a bind mount
    const host = volume.host_path ?? '';
    const inside = volume.container_path ?? '';
    if (!host) throw new Error(`${field}[${i}].host_path: required (only host paths can be mounted)`);
    if (!inside) throw new Error(`${field}[${i}].container_path: required`);
    const problem = pathProblem(host, `${field}[${i}].host_path`) ?? pathProblem(inside, `${field}[${i}].container_path`);
    if (problem) throw new Error(problem);
    if (inside.replace(/\/+$/, '') === '') throw new Error(`${field}[${i}].container_path: cannot be the container's root`);
    binds.push({ source: host, destination: inside, readOnly: volume.mode === pb.Volume.Mode.RO });
  });
  return binds;
}

/** What a CNI network name may be: letters, digits, `_`, `.`, `-`; at most 64 characters, starting with a letter or digit. */
export const CNI_NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The CNI network a container asks for (its NetworkInfo's name when that is not host or none), or undefined. */
export function cniNetworkName(container: ContainerInfo | null | undefined): string | undefined {
  const name = (container?.network_infos?.[0]?.name ?? '').trim();
  const lower = name.toLowerCase();
  return name === '' || lower === 'host' || lower === 'none' ? undefined : name;
}

function portMappingProblem(info: v1.INetworkInfo, field: string): string | undefined {
  const mappings = info.port_mappings ?? [];
  if (mappings.length > 0 && cniNetworkName({ network_infos: [info] }) === undefined) {
    return `${field}.port_mappings: port mappings need a CNI network (name), not host or none`;
  }
  const seen = new Set<string>();
  for (let i = 0; i < mappings.length; i++) {
    const m = mappings[i];
    const at = `${field}.port_mappings[${i}]`;
    for (const key of ['host_port', 'container_port'] as const) {
      const port = m[key];
      if (port === null || port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
        return `${at}.${key}: ${port ?? 'missing'} is not a port (1 to 65535)`;
      }
    }
    const protocol = (m.protocol ?? 'tcp').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') return `${at}.protocol: "${m.protocol}" is not tcp or udp`;
    const key = `${m.host_port}/${protocol}`;
    if (seen.has(key)) return `${at}.host_port: ${key} is mapped twice`;
    seen.add(key);
  }
  return undefined;
}

/** What is wrong with the container's networks (at most one: host, none or a CNI network), naming the field; undefined when nothing. */
export function networkProblem(container: ContainerInfo, field = 'container'): string | undefined {
  const infos = container.network_infos ?? [];
  if (infos.length > 1) return `${field}.network_infos: at most one network (host, none or one CNI network), got ${infos.length}`;
  const info = infos[0];
  if (!info) return undefined;
  const name = (info.name ?? '').trim();
  const lower = name.toLowerCase();
  if (name !== '' && lower !== 'host' && lower !== 'none') {
    if (!CNI_NETWORK_NAME.test(name)) {
      return `${field}.network_infos[0].name: "${info.name}" is not a CNI network name (letters, digits, _ . -, at most 64, starting with a letter or digit)`;
    }
    if (info.mode === pb.NetworkInfo.Mode.NONE) return `${field}.network_infos[0].mode: NONE cannot go with the CNI network "${name}"`;
  }
  const mode = info.mode;
  if (mode !== null && mode !== undefined && enumName(pb.NetworkInfo.Mode, mode) === String(mode)) {
    return `${field}.network_infos[0].mode: unknown mode ${mode} (HOST or NONE)`;
  }
  return portMappingProblem(info, `${field}.network_infos[0]`);
}

function imageProblem(container: ContainerInfo, field: string): string | undefined {
  const type = container.type ?? pb.ContainerInfo.Type.POSIX;
  if (type === pb.ContainerInfo.Type.DOCKER) {
    const image = container.docker?.image ?? '';
    if (!image.trim()) return `${field}.docker.image: required for a DOCKER container`;
    if (/\s/.test(image)) return `${field}.docker.image: "${image}" is not an image name (it has white space)`;
    return referenceProblem(image, `${field}.docker.image`);
  }
  if (type === pb.ContainerInfo.Type.MESOS) {
    const image = container.mesos?.image;
    if (!image) return undefined;
    const imageType = image.type ?? pb.Image.Type.TAR;
    if (imageType === pb.Image.Type.DOCKER) {
      const name = image.docker?.name ?? '';
      if (!name.trim()) return `${field}.mesos.image.docker.name: required for a DOCKER image (an image reference such as busybox:latest)`;
      return referenceProblem(name, `${field}.mesos.image.docker.name`);
    }
    if (imageType !== pb.Image.Type.TAR) return `${field}.mesos.image.type: unknown image type ${imageType} (TAR or DOCKER)`;
    const uri = (image.tar?.uri ?? '').trim();
    if (!uri) return `${field}.mesos.image.tar.uri: required (the root filesystem tarball)`;
    if (!TAR_URI.test(uri)) return `${field}.mesos.image.tar.uri: "${uri}" is not an absolute path, file://, http:// or https:// URI`;
    return undefined;
  }
  if (type !== pb.ContainerInfo.Type.POSIX) return `${field}.type: unknown container type ${type} (POSIX, DOCKER or MESOS)`;
  return undefined;
}

/** True when the container has an image (DOCKER, or MESOS with one): it runs isolated, not as a plain process. */
export function hasImage(container: ContainerInfo): boolean {
  const type = container.type ?? pb.ContainerInfo.Type.POSIX;
  return type === pb.ContainerInfo.Type.DOCKER || (type === pb.ContainerInfo.Type.MESOS && !!container.mesos?.image);
}

/**
 * The first problem of a container, naming the field, or undefined when it
 * can run. A task's container without an image runs as a plain process, so
 * it can have neither volumes nor network none; an executor's container
 * without an image is how a task group (pod) names its network.
 */
export function containerProblem(container: ContainerInfo | null | undefined, field = 'container', of: 'task' | 'executor' = 'task'): string | undefined {
  if (!container) return undefined;
  const problem = imageProblem(container, field) ?? networkProblem(container, field);
  if (problem) return problem;
  try {
    volumeBinds(container.volumes, `${field}.volumes`);
  } catch (e) {
    return (e as Error).message;
  }
  if (of === 'task' && !hasImage(container)) {
    const isolated = 'a container with an image (DOCKER, or MESOS with a TAR image)';
    if ((container.volumes ?? []).some((v) => !v.source)) return `${field}.volumes: a task without an image runs as a plain process; volumes need ${isolated}`;
    const info = container.network_infos?.[0];
    if (info && (info.mode === pb.NetworkInfo.Mode.NONE || (info.name ?? '').trim().toLowerCase() === 'none')) {
      return `${field}.network_infos: a task without an image runs as a plain process on the host network; network none needs ${isolated}`;
    }
    const cni = cniNetworkName(container);
    if (cni !== undefined) return `${field}.network_infos[0].name: a task without an image runs as a plain process on the host network; the CNI network "${cni}" needs ${isolated}`;
  }
  return undefined;
}

/** True when the container asks for network none (own namespace, loopback only). */
export function isNetworkNone(container: ContainerInfo | null | undefined): boolean {
  const info = container?.network_infos?.[0];
  return !!info && (info.mode === pb.NetworkInfo.Mode.NONE || (info.name ?? '').trim().toLowerCase() === 'none');
}

/**
 * Why the agent could not reach the task's HTTP or TCP health check: with
 * network none (its own, or its task group's `podContainer`'s) the task
 * listens on a loopback the host does not see. Undefined when it can.
 */
export function healthCheckReachProblem(task: TaskInfo, podContainer?: ContainerInfo | null): string | undefined {
  const type = task.health_check?.type;
  if (type !== pb.HealthCheck.Type.HTTP && type !== pb.HealthCheck.Type.TCP) return undefined;
  if (!isNetworkNone(task.container) && !isNetworkNone(podContainer)) return undefined;
  const name = enumName(pb.HealthCheck.Type, type);
  return `health_check.type: a ${name} check reaches the task on the host's 127.0.0.1, which a task with network none does not listen on; use a COMMAND check (it runs inside the container)`;
}
