/**
 * Global teardown of the container suite: stop the test Docker daemon by
 * pid when the global setup started it.
 */
import * as fs from 'node:fs';
import { stopDockerd } from './docker';
import { OWNER_FILE } from './global-owner';

export default async function globalTeardown(): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(OWNER_FILE, 'utf8').trim());
  } catch {
    return; // the daemon was there before the suite: leave it
  }
  fs.rmSync(OWNER_FILE, { force: true });
  if (Number.isInteger(pid) && pid > 0) await stopDockerd(pid);
}
