/** Counting what agents really launched, from their sandboxes on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How many times a task id was launched on an agent: its run dirs
 * (`<workDir>/frameworks/<f>/tasks/<task>/runs/<container>`), one per launch.
 */
export function launchesOf(workDir: string, taskId: string): number {
  const root = path.join(workDir, 'frameworks');
  if (!fs.existsSync(root)) return 0;
  let n = 0;
  for (const fw of fs.readdirSync(root)) {
    const runs = path.join(root, fw, 'tasks', taskId, 'runs');
    // A run is a directory; `latest` is a link to one, and `.latest-<id>` a link an agent killed mid-update left behind.
    if (fs.existsSync(runs)) n += fs.readdirSync(runs, { withFileTypes: true }).filter((r) => r.isDirectory() && !r.name.startsWith('.')).length;
  }
  return n;
}
