/**
 * Where a task is dialled (pure): a task on a CNI network has an address
 * of its own, reported by its agent in `container_status.network_infos`
 * (`ip_addresses`); every other task is dialled on its agent's address.
 *
 * As Mesos-DNS does with a container IP and DiscoveryInfo (target: the
 * container's address, port: the DiscoveryInfo port), an endpoint on a CNI
 * network is published with its own address and the ports the container
 * listens on: a port number that one of its port mappings names as the
 * host port is published as that mapping's container port (the host port
 * is reachable on the agent's address, which is not the endpoint's); any
 * other number is published as it is (the task listens on it itself, in
 * its own namespace); a mapping's container port the task names nowhere
 * else is published too, unnamed.
 */
import type { TaskStatus, v1 } from '@meseta/proto/wire';

/** A task's CNI network as its agent reported it. */
export interface TaskNetwork {
  /** The CNI network's name. */
  name: string;
  /** Its address (IPv4 before IPv6). */
  ip: string;
  /** Host port → container port, per protocol (`tcp:31000` → 80). */
  containerPorts: Map<string, number>;
}

type StatusLike = Pick<TaskStatus, 'container_status'>;

/** The task's CNI network from the newest status that reports one (a status sent after an agent restart may not), or undefined. */
export function taskNetwork(statuses: readonly StatusLike[], latest?: StatusLike): TaskNetwork | undefined {
  // Newest first: `latest`, then the history from its end (read in place: this runs on every status update).
  for (let i = latest ? -1 : 0; i < statuses.length; i++) {
    const status = i < 0 ? latest! : statuses[statuses.length - 1 - i];
    for (const info of status.container_status?.network_infos ?? []) {
      const network = networkOf(info);
      if (network) return network;
    }
  }
  return undefined;
}

function networkOf(info: v1.INetworkInfo): TaskNetwork | undefined {
  const addresses = (info.ip_addresses ?? []).map((a) => a.ip_address ?? '').filter((a) => a !== '');
  if (!info.name || addresses.length === 0) return undefined;
  const ip = addresses.find((a) => !a.includes(':')) ?? addresses[0];
  const containerPorts = new Map<string, number>();
  for (const m of info.port_mappings ?? []) {
    if (!m.host_port || !m.container_port) continue;
    containerPorts.set(`${(m.protocol || 'tcp').toLowerCase()}:${m.host_port}`, m.container_port);
  }
  return { name: info.name, ip, containerPorts };
}

/** The port a client dials on the task's own address for `port` (see the file comment). */
export function containerPort(network: TaskNetwork, port: number, protocol: string): number {
  return network.containerPorts.get(`${protocol.toLowerCase()}:${port}`) ?? port;
}
