/**
 * Turning an image layer's whiteouts into the form overlayfs reads when the
 * layer is one of a container root's lower folders: a deleted path becomes a
 * character device 0/0 of the same name (`mknod`), an opaque folder gets the
 * `trusted.overlay.opaque=y` attribute (`setfattr`, Debian package `attr`).
 * Node has neither call, so both run as one command per kind and layer.
 */
import { spawn } from 'node:child_process';
import { joinInside } from './tar-path-safety';

/** Run a command; rejects with its stderr (or the package to install when it cannot start). */
function run(command: string, args: string[], packageName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (e) => reject(new Error(`cannot run ${command} to apply an image layer's whiteouts (apt-get install ${packageName}): ${e.message}`)));
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed applying an image layer's whiteouts: ${stderr.trim() || `exit ${code}`}`))));
  });
}

/** Make the overlay whiteouts of `whiteouts` and `opaqueDirs` (relative paths) under the layer root `root`. */
export async function applyWhiteouts(root: string, whiteouts: readonly string[], opaqueDirs: readonly string[]): Promise<void> {
  if (whiteouts.length > 0) {
    const paths = whiteouts.map((w) => joinInside(root, w));
    await run('sh', ['-c', 'for p; do mknod -- "$p" c 0 0 || exit 1; done', 'sh', ...paths], 'coreutils');
  }
  if (opaqueDirs.length > 0) {
    await run('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', '--', ...opaqueDirs.map((d) => (d === '' ? root : joinInside(root, d)))], 'attr');
  }
}
