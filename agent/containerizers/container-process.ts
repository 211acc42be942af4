/**
 * What runs inside an image-based container (pure): the argv from the
 * task's CommandInfo, the environment (the agent's variables, the task's
 * own, the sandbox path as the container sees it, a default PATH), and the
 * network mode its ContainerInfo asks for.
 */
import type { CommandInfo, ContainerInfo } from '@meseta/proto/wire';
import { commandEnvironment } from '../task-environment';
import { cniNetworkName, isNetworkNone, networkProblem } from '@meseta/proto/container-validation';
import { CONTAINER_SANDBOX } from './oci-bundle';

/** PATH given to a container whose task sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The argv of a container's first process: `/bin/sh -c value` for a shell
 * command (the default), else `value` followed by `arguments[1..]`
 * (`arguments` holds argv[0]). Throws a message naming the field.
 */
export function containerArgv(command: CommandInfo | null | undefined): string[] {
  if (!command) throw new Error('task.command: required (a root filesystem image has no default command)');
  const value = command.value ?? '';
  if (command.shell !== false) {
    if (value.trim() === '') throw new Error('task.command.value: required (the shell command to run)');
    return ['/bin/sh', '-c', value];
  }
  if (value === '') throw new Error('task.command.value: required when shell is false (the program to run)');
  return [value, ...(command.arguments ?? []).slice(1)];
}

/**
 * The container's environment: the agent's variables with the sandbox
 * variables pointing at {@link CONTAINER_SANDBOX}, then the task's own
 * (which win), the resolved SECRET variables over those, and PATH when
 * nobody set it.
 */
export function containerEnvironment(
  agentVariables: Record<string, string>,
  command: CommandInfo | null | undefined,
  secretVariables: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = { ...agentVariables, MESOS_SANDBOX: CONTAINER_SANDBOX, MESETA_SANDBOX: CONTAINER_SANDBOX };
  Object.assign(env, commandEnvironment(command), secretVariables);
  env.PATH ??= DEFAULT_PATH;
  return env;
}

/** `NAME=value` strings, as the OCI config and the Docker API take them. */
export function environmentList(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => `${name}=${value}`);
}

/** A host port forwarded to a container port on a CNI network. */
export interface PortMappingChoice {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** A CNI network a container (or pod) joins, with its port mappings. */
export interface CniChoice {
  cni: string;
  portMappings: PortMappingChoice[];
}

/** Network modes a container can have: the agent's, only its own loopback, or a CNI network. */
export type NetworkMode = 'host' | 'none' | CniChoice;

/** A key that is equal for equal network modes (pods compare their tasks' choices). */
export function networkKey(mode: NetworkMode): string {
  return typeof mode === 'string' ? mode : `cni:${mode.cni}:${JSON.stringify(mode.portMappings)}`;
}

/**
 * The network mode a container asks for: its first NetworkInfo (`HOST`,
 * the default, or `NONE`; the name `none` or `host` is accepted too), or a
 * CNI network by name with its port mappings. Throws the validation
 * message for anything else.
 */
export function networkMode(container: ContainerInfo | null | undefined): NetworkMode {
  if (!container) return 'host';
  const problem = networkProblem(container);
  if (problem) throw new Error(problem);
  const cni = cniNetworkName(container);
  if (cni !== undefined) {
    const portMappings = (container.network_infos?.[0]?.port_mappings ?? []).map((m) => ({
      hostPort: m.host_port as number,
      containerPort: m.container_port as number,
      protocol: ((m.protocol ?? 'tcp').toLowerCase() === 'udp' ? 'udp' : 'tcp') as 'tcp' | 'udp',
    }));
    return { cni, portMappings };
  }
  return isNetworkNone(container) ? 'none' : 'host';
}
