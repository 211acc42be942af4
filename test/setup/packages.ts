/**
 * Installing what the container tests need on a clean Debian machine:
 * each binary is looked up first and only missing ones are installed with
 * `apt-get install -y`. A failed install throws an error naming the package,
 * so the test fails (never skips) with the command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** A binary and the Debian package that provides it. */
export interface Requirement {
  binary: string;
  package: string;
}

/** What the container tests use. */
export const CONTAINER_REQUIREMENTS: Requirement[] = [
  { binary: 'dockerd', package: 'docker.io' },
  { binary: 'runc', package: 'runc' },
  { binary: 'busybox', package: 'busybox-static' },
  { binary: 'xz', package: 'xz-utils' },
];

/** True when `binary` is on the PATH. */
export function hasBinary(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Install the packages of the missing binaries; throws naming the packages when apt-get fails. */
export function ensurePackages(requirements: readonly Requirement[] = CONTAINER_REQUIREMENTS): void {
  const missing = requirements.filter((r) => !hasBinary(r.binary));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((r) => r.package))];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  try {
    execFileSync('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n').slice(-3).join(' | ') ?? '';
    throw new Error(`the container tests need ${packages.join(', ')} (missing: ${missing.map((m) => m.binary).join(', ')}); "${command}" failed: ${stderr || (e as Error).message}`);
  }
  const still = missing.filter((r) => !hasBinary(r.binary));
  if (still.length > 0) throw new Error(`installed ${packages.join(' ')} but still missing: ${still.map((s) => s.binary).join(', ')}; install ${still.map((s) => s.package).join(' ')}`);
}
