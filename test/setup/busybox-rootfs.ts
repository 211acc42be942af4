/**
 * A root filesystem made of busybox-static (Debian package
 * `busybox-static`), built into a temporary directory and packed as .tar,
 * .tar.gz and .tar.xz: the image every container test uses (no registry is
 * reachable).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePackages } from './packages';

/** The built image in its forms. */
export interface BusyboxImage {
  /** The unpacked root filesystem. */
  rootfs: string;
  tar: string;
  tarGz: string;
  tarXz: string;
}

function busyboxBinary(): string {
  const found = execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim();
  const description = execFileSync('file', ['-L', found], { encoding: 'utf8' });
  if (!/statically linked|static-pie/.test(description)) {
    throw new Error(`${found} is not statically linked; install busybox-static (apt-get install -y busybox-static)`);
  }
  return found;
}

/** Build the busybox image under `dir` (which must exist). */
export function buildBusyboxImage(dir: string): BusyboxImage {
  ensurePackages([
    { binary: 'busybox', package: 'busybox-static' },
    { binary: 'file', package: 'file' },
    { binary: 'xz', package: 'xz-utils' },
  ]);
  const rootfs = path.join(dir, 'rootfs');
  for (const d of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp', 'root', 'mnt', 'var', 'usr/bin']) fs.mkdirSync(path.join(rootfs, d), { recursive: true });
  fs.chmodSync(path.join(rootfs, 'tmp'), 0o1777);
  fs.copyFileSync(busyboxBinary(), path.join(rootfs, 'bin', 'busybox'));
  fs.chmodSync(path.join(rootfs, 'bin', 'busybox'), 0o755);
  const applets = execFileSync(path.join(rootfs, 'bin', 'busybox'), ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => /^[\w.[\]-]+$/.test(a) && a !== 'busybox');
  for (const applet of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  fs.writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  fs.writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  const tar = path.join(dir, 'busybox.tar');
  execFileSync('tar', ['-C', rootfs, '--numeric-owner', '-cf', tar, '.']);
  execFileSync('sh', ['-c', `gzip -c "${tar}" > "${tar}.gz" && xz -T1 -c "${tar}" > "${tar}.xz"`]);
  return { rootfs, tar, tarGz: `${tar}.gz`, tarXz: `${tar}.xz` };
}
