/**
 * Task sandboxes: one directory per container run,
 * `<workDir>/frameworks/<frameworkId>/tasks/<taskId>/runs/<containerId>`,
 * holding the task's `stdout` and `stderr` files, with a `latest` symlink
 * beside the runs. Sandbox files are read through `confined-open.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder under the work dir that holds every sandbox. */
export const SANDBOXES_FOLDER = 'frameworks';

/** A created sandbox. */
export interface Sandbox {
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the work dir (what `/files` takes). */
  relativeDir: string;
  stdoutPath: string;
  stderrPath: string;
}

/**
 * Problems with an id used as a path segment, or undefined when it is safe:
 * non-empty, no `/`, `\`, NUL or control characters, not `.` or `..`.
 */
export function pathSegmentProblem(id: string): string | undefined {
  if (id === '') return 'is empty';
  if (id === '.' || id === '..') return `"${id}" is not allowed`;
  if (/[/\\]/.test(id)) return `"${id}" contains a slash`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return `"${JSON.stringify(id)}" contains a control character`;
  if (id.length > 255) return `is longer than 255 characters`;
  return undefined;
}

function segment(kind: string, id: string): string {
  const problem = pathSegmentProblem(id);
  if (problem) throw new Error(`${kind} id ${problem}`);
  return id;
}

/** The sandbox directory of a run, relative to the work dir. */
export function sandboxRelativeDir(frameworkId: string, taskId: string, containerId: string): string {
  return path.posix.join(
    SANDBOXES_FOLDER,
    segment('framework', frameworkId),
    'tasks',
    segment('task', taskId),
    'runs',
    segment('container', containerId),
  );
}

/**
 * Create the sandbox of a run (with empty stdout/stderr and the `latest`
 * link beside the runs). The sandbox gates the start of the task's
 * container and each metadata call can take a millisecond on a busy disk,
 * so after the folder the files and the link are made side by side on the
 * thread pool (three round trips, not six).
 */
export async function createSandbox(
  workDir: string,
  frameworkId: string,
  taskId: string,
  containerId: string,
): Promise<Sandbox> {
  const relativeDir = sandboxRelativeDir(frameworkId, taskId, containerId);
  const dir = path.join(workDir, relativeDir);
  await fs.promises.mkdir(dir, { recursive: true });
  const stdoutPath = path.join(dir, 'stdout');
  const stderrPath = path.join(dir, 'stderr');
  await Promise.all([
    fs.promises.writeFile(stdoutPath, '', { flag: 'a' }),
    fs.promises.writeFile(stderrPath, '', { flag: 'a' }),
    pointLatestAt(path.dirname(dir), containerId),
  ]);
  return { dir, relativeDir, stdoutPath, stderrPath };
}

/** Make `<runsDir>/latest` a relative symlink to `containerId` (atomically, by rename); never rejects. */
async function pointLatestAt(runsDir: string, containerId: string): Promise<void> {
  const temp = path.join(runsDir, `.latest-${containerId}`);
  try {
    try {
      await fs.promises.symlink(containerId, temp);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      await fs.promises.rm(temp, { force: true }); // left by an agent that stopped between the two calls
      await fs.promises.symlink(containerId, temp);
    }
    await fs.promises.rename(temp, path.join(runsDir, 'latest'));
  } catch {
    // The link is a convenience; a sandbox without it still works.
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
  }
}
