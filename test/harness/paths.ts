/**
 * Where the harness finds the built `meseta` command and keeps its logs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (also when this file runs compiled, from `dist/test/harness`, as benchmarks use it). */
export const REPO_ROOT = ((): string => {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' && fs.existsSync(path.join(up, '..', 'package.json')) ? path.dirname(up) : up;
})();
/** The compiled command the harness spawns. */
export const MESETA_BIN = path.join(REPO_ROOT, 'dist', 'cli', 'meseta.js');
/** Root of the logs the harness keeps for debugging (gitignored). */
export const ARTIFACTS_ROOT = path.join(REPO_ROOT, 'test-artifacts');

/** Throw `run npm run build first` when the compiled command is missing. */
export function requireBuild(): string {
  if (!fs.existsSync(MESETA_BIN)) throw new Error(`${path.relative(REPO_ROOT, MESETA_BIN)} is missing: run npm run build first`);
  return MESETA_BIN;
}

const cleared = new Set<string>();
let counter = 0;

/** The current jest test file's base name, e.g. `cli-run`, or `harness` outside jest. */
function currentTestFile(): string {
  const state = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.();
  return state?.testPath ? path.basename(state.testPath).replace(/\.test\.[jt]s$/, '') : 'harness';
}

/**
 * A fresh directory for one cluster's or command's logs:
 * `test-artifacts/<test file>/<n>-<label>/`. The test file's folder is
 * emptied the first time this process uses it, so it always holds the
 * latest run.
 */
export function artifactsDir(label: string): string {
  const fileDir = path.join(ARTIFACTS_ROOT, currentTestFile());
  if (!cleared.has(fileDir)) {
    fs.rmSync(fileDir, { recursive: true, force: true });
    cleared.add(fileDir);
  }
  const dir = path.join(fileDir, `${++counter}-${label.replace(/[^A-Za-z0-9_.-]+/g, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
