/**
 * Which tar entries may be unpacked into an image root: nothing absolute,
 * nothing climbing out with `..`, no hard link outside the archive, no
 * symlink pointing above the root, nothing written through a symlink.
 */
import { entryPath, hardLinkTarget, symlinkOnTheWay, symlinkProblem } from '../../agent/containerizers/tar-path-safety';

describe('entry paths', () => {
  it.each<[string, string]>([
    ['./bin/busybox', 'bin/busybox'],
    ['bin//sh', 'bin/sh'],
    ['./', ''],
    ['usr/./lib/', 'usr/lib'],
    ['a/b..c/d', 'a/b..c/d'],
  ])('keeps %j as %j', (name, expected) => {
    expect(entryPath(name)).toEqual({ path: expected });
  });

  it.each<[string, RegExp]>([
    ['/etc/passwd', /absolute path/],
    ['../evil', /climbs out of the image root/],
    ['bin/../../evil', /climbs out/],
    ['./..', /climbs out/],
    ['a\0b', /NUL byte/],
  ])('refuses %j', (name, message) => {
    const result = entryPath(name);
    expect('problem' in result && result.problem).toMatch(message);
  });
});

describe('hard links', () => {
  it.each<[string, string, string | RegExp]>([
    ['bin/ash', 'bin/busybox', 'bin/busybox'],
    ['bin/ash', './bin/busybox', 'bin/busybox'],
    ['x', '/etc/shadow', /points to the absolute path "\/etc\/shadow"/],
    ['x', '../../etc/shadow', /climbs out of the image root/],
    ['x', '.', /points to the image root itself/],
  ])('%s -> %s gives %s', (entry, target, expected) => {
    const result = hardLinkTarget(entry, target);
    if (typeof expected === 'string') expect(result).toEqual({ path: expected });
    else expect('problem' in result && result.problem).toMatch(expected);
  });
});

describe('symlinks', () => {
  it.each<[string, string]>([
    ['bin/sh', 'busybox'],
    ['bin/sh', '/bin/busybox'],
    ['usr/bin/env', '../../bin/busybox'],
    ['etc/localtime', '/usr/share/zoneinfo/UTC'],
    ['a/b/c', '../../x/../y'],
  ])('allows %s -> %s (it stays inside the root)', (entry, target) => {
    expect(symlinkProblem(entry, target)).toBeUndefined();
  });

  it.each<[string, string]>([
    ['evil', '..'],
    ['bin/evil', '../../etc'],
    ['a/b', '../../../../etc/passwd'],
    ['x', '/../etc'],
  ])('refuses %s -> %s', (entry, target) => {
    expect(symlinkProblem(entry, target)).toMatch(/climbs out of the image root/);
  });

  it('refuses an empty target', () => {
    expect(symlinkProblem('x', '')).toMatch(/empty target/);
  });

  it.each<[string, string[], string | undefined]>([
    ['evil/passwd', ['evil'], 'evil'],
    ['a/b/c/d', ['a/b'], 'a/b'],
    ['a/b', ['a/b'], undefined],
    ['bin/sh', ['lib'], undefined],
    ['x', [], undefined],
  ])('finds the symlink that %s would be written through (links %j)', (entry, links, expected) => {
    expect(symlinkOnTheWay(entry, new Set(links))).toBe(expected);
  });
});
