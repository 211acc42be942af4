/**
 * The workspace packages as a user gets them: `npm pack` tarballs, and
 * `npm install` of them into folders outside the repository. The packages
 * are packed from the build `npm test` has just made (`--ignore-scripts`
 * skips the `prepack` build a publish would run).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/paths';

const run = promisify(execFile);

/** The packages of the repository, by name, and the folder each lives in. */
export const WORKSPACE_PACKAGES = {
  '@meseta/proto': 'proto',
  '@meseta/runtime': 'runtime',
  '@meseta/sdk': 'frameworks/sdk',
  meseta: '.',
} as const;

/** A package name of this repository. */
export type PackageName = keyof typeof WORKSPACE_PACKAGES;

/** A fresh folder under the system's temporary directory, outside the repository. */
export function outsideDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!path.relative(REPO_ROOT, dir).startsWith('..')) throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** Run npm with the output kept for the failure message; offline first (the suite's `npm ci` filled the cache). */
export async function npm(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(' ')} (in ${cwd}) failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** `npm pack` the named packages into `dest`; returns each tarball's path by package name. */
export async function packPackages(names: readonly PackageName[], dest: string): Promise<Record<string, string>> {
  const tarballs: Record<string, string> = {};
  for (const name of names) {
    const folder = path.join(REPO_ROOT, WORKSPACE_PACKAGES[name]);
    const out = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dest], folder);
    const [info] = JSON.parse(out) as Array<{ filename: string; name: string }>;
    if (info.name !== name) throw new Error(`packing ${folder} made ${info.name}, expected ${name}`);
    tarballs[name] = path.join(dest, info.filename);
  }
  return tarballs;
}
