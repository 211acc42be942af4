/**
 * Global setup of the container suite (test/container/jest.config.js):
 * install what is missing and start the test Docker daemon once for every
 * test file; the pid of a daemon started here is kept for the teardown.
 */
import * as fs from 'node:fs';
import { ensureDockerDaemon } from './docker';
import { OWNER_FILE } from './global-owner';

export default async function globalSetup(): Promise<void> {
  const daemon = await ensureDockerDaemon();
  if (daemon.startedPid) fs.writeFileSync(OWNER_FILE, String(daemon.startedPid));
}
