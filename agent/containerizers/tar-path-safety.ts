/**
 * Which tar entries may be unpacked into a root filesystem: pure rules, no
 * I/O. An entry must land inside the root and must not make a later entry
 * land outside it:
 * - its path must be relative and must not climb out with `..`;
 * - a hard link must name another entry of the archive (relative, no `..`);
 * - a symlink may point anywhere inside the root; an absolute target is
 *   read as the container will read it, from the root (`/bin/busybox`), and
 *   a relative one from the link's directory; a target that climbs above
 *   the root (`../../etc`) is refused;
 * - no entry may be written through a symlink unpacked earlier
 *   (`evil -> /etc` followed by `evil/passwd`).
 */
import * as path from 'node:path';

/**
 * The entry's path as segments below the root (`./usr/bin/` → `usr/bin`),
 * or a problem: absolute paths and `..` are refused. `''` is the root itself.
 */
export function entryPath(name: string): { path: string } | { problem: string } {
  if (name.includes('\0')) return { problem: `entry ${JSON.stringify(name)} has a NUL byte in its name` };
  if (name.startsWith('/')) return { problem: `entry "${name}" has an absolute path (it would be written outside the image root)` };
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { problem: `entry "${name}" climbs out of the image root with ".."` };
  return { path: segments.join('/') };
}

/** The target of a hard link as a path below the root, or a problem. */
export function hardLinkTarget(entry: string, target: string): { path: string } | { problem: string } {
  if (target.startsWith('/')) return { problem: `hard link "${entry}" points to the absolute path "${target}" (outside the image root)` };
  const resolved = entryPath(target);
  if ('problem' in resolved) return { problem: `hard link "${entry}" points to "${target}", which climbs out of the image root` };
  if (resolved.path === '') return { problem: `hard link "${entry}" points to the image root itself` };
  return resolved;
}

/**
 * A problem with a symlink's target, or undefined: the target, read from
 * the link's own directory (or from the root when absolute), must not
 * climb above the root.
 */
export function symlinkProblem(entry: string, target: string): string | undefined {
  if (target === '') return `symlink "${entry}" has an empty target`;
  if (target.includes('\0')) return `symlink "${entry}" has a NUL byte in its target`;
  const base = target.startsWith('/') ? [] : entry.split('/').slice(0, -1);
  const depth = [...base];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (depth.length === 0) return `symlink "${entry}" points to "${target}", which climbs out of the image root`;
      depth.pop();
    } else {
      depth.push(segment);
    }
  }
  return undefined;
}

/**
 * The first proper prefix of `entry` that is a symlink unpacked earlier,
 * i.e. the link the entry would be written through; undefined when none.
 */
export function symlinkOnTheWay(entry: string, symlinks: ReadonlySet<string>): string | undefined {
  if (symlinks.size === 0) return undefined;
  const segments = entry.split('/');
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join('/');
    if (symlinks.has(prefix)) return prefix;
  }
  return undefined;
}

/** `root/entry` for an entry path already checked by {@link entryPath}. */
export function joinInside(root: string, entry: string): string {
  return entry === '' ? root : path.join(root, entry);
}
