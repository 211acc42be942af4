/**
 * What `meseta version` reports: the version of this installation (the
 * CLI and the daemons it starts are one program, so one version) and the
 * API it speaks, and what a master answers on its `/version`. Reading the
 * version is one small file read; the formatting is pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The version of the wire contract this program speaks: the `v1` of the
 * protobuf package `meseta.v1` (a unit test checks the two agree).
 */
export const API_VERSION = 'v1';

/** True for the package.json of Meseta itself (today `meseta`; a scoped `@meseta/...` too). */
function isMesetaPackage(name: string | undefined): boolean {
  return name === 'meseta' || (name?.startsWith('@meseta/') ?? false);
}

/**
 * The version in Meseta's package.json, looked for from `dir` upwards
 * (the source file and the compiled one sit at different depths), or
 * `unknown` when none is found.
 */
export function packageVersion(dir: string = __dirname): string {
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (isMesetaPackage(parsed.name) && parsed.version) return parsed.version;
    } catch {
      // no package.json here (or not readable): look one folder up
    }
  }
  return 'unknown';
}

/** A master's answer to `GET /version`, as far as the CLI reads it. */
export interface MasterVersion {
  /** The master address as given (`host:port` or `zk://...`). */
  address: string;
  version: string;
}

/** Everything `meseta version` prints. */
export interface VersionReport {
  /** This program's version (CLI, master and agent daemons). */
  meseta: string;
  /** The API version it speaks, e.g. `v1`. */
  api: string;
  /** The master's version, when `--master` was given. */
  master?: MasterVersion;
}

/** The master's `/version` body to its version text; throws naming what is missing. */
export function masterVersionFrom(body: unknown): string {
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version !== 'string' || version === '') throw new Error('its /version answer has no "version"');
  return version;
}

/** `meseta 0.1.0, API v1`, then `master HOST:PORT: meseta 0.1.0` when asked. */
export function versionText(report: VersionReport): string {
  const lines = [`meseta ${report.meseta}, API ${report.api}`];
  if (report.master) lines.push(`master ${report.master.address}: meseta ${report.master.version}`);
  return lines.join('\n') + '\n';
}
