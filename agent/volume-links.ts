/**
 * Persistent volumes of a task without an image (posix): a symbolic link
 * `<sandbox>/<container_path>` → the volume's directory, as Mesos's posix
 * filesystem isolator does. The task writes through the link; the data lives
 * in the volume, outside the sandbox, and sandbox disk measurements (which
 * never follow links) do not count it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VolumeMount } from './volume-paths';

/**
 * Make each mount's link in the sandbox (parent folders too, owned by the
 * task's user when given). Rejects naming the path when something other
 * than the same link is already there, or a folder on the way is a link.
 */
export async function linkVolumesIntoSandbox(sandboxDir: string, mounts: readonly VolumeMount[], owner?: { uid: number; gid: number }): Promise<void> {
  for (const mount of mounts) {
    const linkPath = path.join(sandboxDir, mount.target);
    const relative = path.relative(sandboxDir, linkPath);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`volume "${mount.volume.id}": "${mount.target}" is not inside the sandbox`);
    }
    let current = sandboxDir;
    for (const part of relative.split(path.sep).slice(0, -1)) {
      current = path.join(current, part);
      const stats = await fs.promises.lstat(current).catch(() => undefined);
      if (!stats) {
        await fs.promises.mkdir(current);
        if (owner) await fs.promises.chown(current, owner.uid, owner.gid);
      } else if (!stats.isDirectory()) {
        throw new Error(`volume "${mount.volume.id}": ${current} is in the way (not a plain folder)`);
      }
    }
    const existing = await fs.promises.readlink(linkPath).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : ''));
    if (existing === mount.hostPath) continue; // made before (a relaunch into the same sandbox)
    if (existing !== undefined) throw new Error(`volume "${mount.volume.id}": ${linkPath} already exists in the sandbox`);
    await fs.promises.symlink(mount.hostPath, linkPath, 'dir');
  }
}
