/**
 * Where the agent's checkpoint lives under its work dir. Pure.
 *
 * ```
 * <workDir>/meta/
 *   agent.json                                    who the agent is (id, boot id, resources)
 *   frameworks/<framework>/framework.json         FrameworkInfo
 *   frameworks/<framework>/tasks/<task>.json      the task and its unacknowledged updates
 *   runs/<containerId>/                           the container's runtime dir (posix: exit-status)
 * ```
 *
 * Framework and task ids become file names through {@link idFileName}; the
 * files themselves hold the real ids, so names only need to be distinct.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** The folder under the work dir that holds the checkpoint. */
export const META_FOLDER = 'meta';
/** The agent identity file, relative to the meta dir. */
export const AGENT_FILE = 'agent.json';
/** The folder of framework checkpoints, relative to the meta dir. */
export const FRAMEWORKS_FOLDER = 'frameworks';
/** The folder of container runtime dirs, relative to the meta dir. */
export const RUNS_FOLDER = 'runs';
/** Names longer than this are hashed. */
const MAX_NAME_LENGTH = 200;

/**
 * A file name for any id: percent-encoded (so `/`, `\`, NUL and dots are
 * safe, and `.` / `..` cannot occur), hashed when long.
 */
export function idFileName(id: string): string {
  const encoded = encodeURIComponent(id).replace(/\./g, '%2E').replace(/\*/g, '%2A');
  if (encoded.length > 0 && encoded.length <= MAX_NAME_LENGTH) return encoded;
  return `~${createHash('sha256').update(id).digest('hex')}`;
}

/** The meta dir of a work dir. */
export function metaDir(workDir: string): string {
  return path.join(workDir, META_FOLDER);
}

/** A framework's folder, relative to the meta dir. */
export function frameworkFolder(frameworkId: string): string {
  return path.posix.join(FRAMEWORKS_FOLDER, idFileName(frameworkId));
}

/** A framework's info file, relative to the meta dir. */
export function frameworkFile(frameworkId: string): string {
  return path.posix.join(frameworkFolder(frameworkId), 'framework.json');
}

/** A task's file, relative to the meta dir. */
export function taskFile(frameworkId: string, taskId: string): string {
  return path.posix.join(frameworkFolder(frameworkId), 'tasks', `${idFileName(taskId)}.json`);
}

/** A container's runtime dir, relative to the meta dir. */
export function runFolder(containerId: string): string {
  return path.posix.join(RUNS_FOLDER, idFileName(containerId));
}
