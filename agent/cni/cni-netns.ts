/**
 * A network namespace per container or pod, held by a bind mount that
 * `ip netns add` makes (`/run/netns/<name>`), so it lives independently of
 * any process and the agent can run CNI DEL on it after a restart.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

/** Where `ip netns` keeps its namespaces. */
export const NETNS_DIR = '/run/netns';

/** The namespace name of a container: `meseta-<containerId>` (ids are uuids, well within limits). */
export function netnsName(containerId: string): string {
  return `meseta-${containerId}`;
}

/** The path CNI and runc use for the container's namespace. */
export function netnsPath(containerId: string): string {
  return `${NETNS_DIR}/${netnsName(containerId)}`;
}

function ip(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('ip', args, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new Error(missing ? '"ip" was not found (apt-get install iproute2)' : `ip ${args.join(' ')}: ${String(stderr).trim() || error.message}`));
    });
  });
}

/** The file system type of a network namespace file (`NSFS_MAGIC`). */
const NSFS_MAGIC = 0x6e736673;

/**
 * True when `file` is a live namespace (a mount of nsfs). After a reboot, or
 * for an agent in another mount namespace than the one that made it, it is
 * only an empty file: CNI DEL is then run with an empty CNI_NETNS, as the
 * CNI spec allows, so addresses and port mappings are still released.
 */
export function isLiveNetns(file: string): boolean {
  try {
    return fs.statfsSync(file).type === NSFS_MAGIC;
  } catch {
    return false;
  }
}

/** Create the container's namespace with loopback up; returns its path. */
export async function createNetns(containerId: string): Promise<string> {
  const name = netnsName(containerId);
  await ip(['netns', 'add', name]);
  try {
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (e) {
    await ip(['netns', 'delete', name]).catch(() => undefined);
    throw e;
  }
  return netnsPath(containerId);
}

/** Remove the container's namespace when it is there. */
export async function removeNetns(containerId: string): Promise<void> {
  if (!fs.existsSync(netnsPath(containerId))) return;
  await ip(['netns', 'delete', netnsName(containerId)]);
}
