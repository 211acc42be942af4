/**
 * Attaching one container (or pod) to a CNI network and detaching it: its
 * own network namespace (`ip netns add`; or one the runtime made, such as
 * a Docker container's `/proc/<pid>/ns/net`), CNI ADD through the network's
 * chain, and a checkpoint (`<container dir>/cni.json`: the network config
 * as used, the port mappings and ADD's result) so CNI DEL can run on kill,
 * failure, destroy and after an agent restart even when the config file
 * changed or went away.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { v1 } from '@meseta/proto/wire';
import type { CniChoice } from '../containerizers/container-process';
import type { CniAddress, CniNetwork, CniPortMapping } from './cni-config';
import type { CniInvoker } from './cni-invoker';
import type { CniNetworks } from './cni-networks';
import { createNetns, isLiveNetns, netnsPath, removeNetns } from './cni-netns';

/** The checkpoint file in a container's folder. */
export const CNI_CHECKPOINT = 'cni.json';

/** What DEL needs, kept with the container. */
export interface CniCheckpoint {
  containerId: string;
  netns: string;
  network: CniNetwork;
  portMappings: CniPortMapping[];
  result?: unknown;
  addresses: CniAddress[];
  /** False when the namespace is the runtime's (a Docker container's): DEL leaves it alone. Absent: ours. */
  ownNetns?: boolean;
  /**
   * The namespace's inode when it was joined: a `/proc/<pid>/ns/net` path
   * is only that namespace while the process lives (a pid is reused), so
   * DEL runs in it only while the inode still matches.
   */
  netnsInode?: number;
}

/** The NetworkInfo a status reports for a container on a CNI network (Mesos's shape). */
export function cniNetworkInfo(choice: CniChoice, addresses: readonly CniAddress[]): v1.INetworkInfo {
  return {
    name: choice.cni,
    ip_addresses: addresses.map((a) => ({ protocol: a.protocol === 'IPv6' ? 2 : 1, ip_address: a.address })),
    port_mappings: choice.portMappings.map((m) => ({ host_port: m.hostPort, container_port: m.containerPort, protocol: m.protocol })),
  };
}

/** Attaches containers to CNI networks. */
export class CniAttacher {
  constructor(
    readonly networks: CniNetworks,
    readonly invoker: CniInvoker,
  ) {}

  /**
   * Make the namespace (or join `joinNetns`, a namespace the runtime made
   * and removes), write the checkpoint, run ADD; returns the namespace path
   * and the addresses. On failure everything made is undone (DEL, a
   * namespace of ours removed) and the error names the network and plugin.
   */
  async attach(containerId: string, dir: string, name: string, portMappings: CniPortMapping[], joinNetns?: string): Promise<{ netns: string; addresses: CniAddress[] }> {
    const network = this.networks.get(name);
    const joinedInode = joinNetns === undefined ? undefined : netnsInode(joinNetns);
    if (joinNetns !== undefined && joinedInode === undefined) throw new Error(`the container's network namespace ${joinNetns} is gone (did it exit at once?)`);
    const netns = joinNetns ?? (await createNetns(containerId));
    const checkpoint: CniCheckpoint = { containerId, netns, network, portMappings, addresses: [], ownNetns: joinNetns === undefined };
    if (joinedInode !== undefined) checkpoint.netnsInode = joinedInode;
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      writeCheckpoint(dir, checkpoint); // before ADD: a crash during ADD still leaves what DEL needs
      const added = await this.invoker.add(network, containerId, netns, portMappings);
      writeCheckpoint(dir, { ...checkpoint, result: added.result, addresses: added.addresses });
      return { netns, addresses: added.addresses };
    } catch (e) {
      await this.detach(dir).catch(() => undefined);
      if (joinNetns === undefined) await removeNetns(containerId).catch(() => undefined);
      throw e;
    }
  }

  /** Run DEL and remove the namespace of the container whose folder is `dir`, when it has a checkpoint. */
  async detach(dir: string): Promise<void> {
    const checkpoint = readCheckpoint(dir);
    if (!checkpoint) return;
    try {
      const same = checkpoint.ownNetns !== false || (checkpoint.netnsInode !== undefined && netnsInode(checkpoint.netns) === checkpoint.netnsInode);
      const netns = same && isLiveNetns(checkpoint.netns) ? checkpoint.netns : '';
      await this.invoker.del(checkpoint.network, checkpoint.containerId, netns, checkpoint.portMappings, checkpoint.result);
    } finally {
      if (checkpoint.ownNetns !== false) await removeNetns(checkpoint.containerId);
      fs.rmSync(path.join(dir, CNI_CHECKPOINT), { force: true });
    }
  }
}

/** The inode of the namespace at `file` (stat follows `/proc/<pid>/ns/net`), or undefined when it is gone. */
function netnsInode(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

function writeCheckpoint(dir: string, checkpoint: CniCheckpoint): void {
  const file = path.join(dir, CNI_CHECKPOINT);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** The checkpoint in `dir`, if there is one. */
export function readCheckpoint(dir: string): CniCheckpoint | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, CNI_CHECKPOINT), 'utf8')) as CniCheckpoint;
  } catch {
    return undefined;
  }
}

export { netnsPath };
