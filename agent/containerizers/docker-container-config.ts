/**
 * The body of `POST /containers/create` for a task (pure): its command
 * against the image's entrypoint, environment, labels that let an agent
 * find its containers again, the sandbox bind mount, CPU shares and CFS
 * quota, memory limit (no swap), pids limit, and the network: `host`,
 * `none`, or a pod's (`container:<id>`, sharing its network and ipc).
 */
import type { CommandInfo, v1 } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import type { ContainerLimits } from './cgroup-limits';
import { environmentList } from './container-process';
import { CONTAINER_SANDBOX } from './oci-bundle';
import { type VolumeBind, volumeBinds } from '@meseta/proto/container-validation';

/** Label keys on every container the agent creates. */
export const DOCKER_LABELS = {
  agentId: 'meseta.agent_id',
  frameworkId: 'meseta.framework_id',
  taskId: 'meseta.task_id',
  executorId: 'meseta.executor_id',
  containerId: 'meseta.container_id',
  parentContainerId: 'meseta.parent_container_id',
} as const;

/** Prefix of the names of the containers the agent creates (`meseta-<containerId>`). */
export const DOCKER_NAME_PREFIX = 'meseta-';

/** Where a container's network comes from. */
export type DockerNetwork = 'host' | 'none' | { container: string };

/** What a container is created from. */
export interface DockerCreateInput {
  image: string;
  command?: CommandInfo | null;
  /** The full environment (agent variables, the task's own, sandbox path). */
  env: Record<string, string>;
  sandboxDir?: string;
  hostname?: string;
  network: DockerNetwork;
  limits: ContainerLimits;
  labels: Record<string, string>;
  volumes?: readonly v1.IVolume[] | null;
  /** The task's persistent volumes, already checked (`volume-paths.ts`): host directory, absolute container path, mode. */
  persistentVolumes?: readonly VolumeBind[];
  /** Let other containers join this one's ipc namespace (a pod's parent). */
  shareableIpc?: boolean;
  /** The cgroup to create the container under (a pod's, holding the group's limits), e.g. `/meseta/<podId>`. */
  cgroupParent?: string;
  /** `uid:gid` the container's process runs as; undefined keeps the image's user. */
  user?: string;
}

/** Entrypoint and Cmd for a task's command; undefined keeps the image's. */
export function dockerCommand(command: CommandInfo | null | undefined): { Entrypoint?: string[]; Cmd?: string[] } {
  if (!command) return {};
  const value = command.value ?? '';
  if (command.shell !== false) {
    if (value.trim() === '') return {};
    return { Entrypoint: ['/bin/sh', '-c'], Cmd: [value] };
  }
  const argv = command.arguments ?? [];
  if (value === '') return argv.length > 0 ? { Cmd: [...argv] } : {};
  return { Entrypoint: [value], Cmd: argv.slice(1) };
}

/** `host:container:ro|rw` bind strings for the task's volumes; throws naming the field of a bad one (see {@link volumeBinds}). */
export function dockerBinds(volumes: readonly v1.IVolume[] | null | undefined): string[] {
  return volumeBinds(volumes).map((bind) => `${bind.source}:${bind.destination}:${bind.readOnly ? 'ro' : 'rw'}`);
}

/** The JSON body of `POST /containers/create`. */
export function dockerCreateBody(input: DockerCreateInput): Record<string, unknown> {
  const binds = input.sandboxDir ? [`${input.sandboxDir}:${CONTAINER_SANDBOX}:rw`] : [];
  binds.push(...dockerBinds(input.volumes));
  for (const bind of input.persistentVolumes ?? []) binds.push(`${bind.source}:${bind.destination}:${bind.readOnly ? 'ro' : 'rw'}`);
  const host: Record<string, unknown> = {
    Binds: binds,
    NetworkMode: typeof input.network === 'string' ? input.network : `container:${input.network.container}`,
    Init: false,
  };
  if (typeof input.network !== 'string') host.IpcMode = `container:${input.network.container}`;
  else if (input.shareableIpc) host.IpcMode = 'shareable';
  const { limits } = input;
  if (limits.cpuShares !== undefined) host.CpuShares = limits.cpuShares;
  if (limits.cpuQuotaUs !== undefined) {
    host.CpuPeriod = limits.cpuPeriodUs ?? 100_000;
    host.CpuQuota = limits.cpuQuotaUs;
  }
  if (limits.memoryBytes !== undefined) {
    host.Memory = limits.memoryBytes;
    host.MemorySwap = limits.memoryBytes; // no swap beyond the limit
  }
  if (limits.pids !== undefined) host.PidsLimit = limits.pids;
  if (input.cgroupParent) host.CgroupParent = input.cgroupParent;
  const body: Record<string, unknown> = {
    Image: input.image,
    Env: environmentList(input.env),
    Labels: input.labels,
    HostConfig: host,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    ...dockerCommand(input.command),
  };
  if (input.sandboxDir) body.WorkingDir = CONTAINER_SANDBOX;
  if (input.user) body.User = input.user;
  // A container sharing another's network and uts cannot set its own host name.
  if (input.hostname && typeof input.network === 'string') body.Hostname = input.hostname;
  return body;
}
