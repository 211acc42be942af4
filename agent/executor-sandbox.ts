/**
 * A custom executor's sandbox: one directory per run of the executor,
 * `<workDir>/frameworks/<frameworkId>/executors/<executorId>/runs/<containerId>`
 * (Mesos's layout under the agent's work dir), with its `stdout` and
 * `stderr`. It lies under the same `frameworks/` folder as task sandboxes,
 * so `/files` serves it with the same confinement.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathSegmentProblem, SANDBOXES_FOLDER, type Sandbox } from './sandbox';

function segment(kind: string, id: string): string {
  const problem = pathSegmentProblem(id);
  if (problem) throw new Error(`${kind} id ${problem}`);
  return id;
}

/** The executor run's sandbox directory, relative to the work dir. */
export function executorSandboxRelativeDir(frameworkId: string, executorId: string, containerId: string): string {
  return path.posix.join(SANDBOXES_FOLDER, segment('framework', frameworkId), 'executors', segment('executor', executorId), 'runs', segment('container', containerId));
}

/** Create the executor run's sandbox with empty stdout and stderr. */
export async function createExecutorSandbox(workDir: string, frameworkId: string, executorId: string, containerId: string): Promise<Sandbox> {
  const relativeDir = executorSandboxRelativeDir(frameworkId, executorId, containerId);
  const dir = path.join(workDir, relativeDir);
  await fs.promises.mkdir(dir, { recursive: true });
  const stdoutPath = path.join(dir, 'stdout');
  const stderrPath = path.join(dir, 'stderr');
  await Promise.all([fs.promises.writeFile(stdoutPath, '', { flag: 'a' }), fs.promises.writeFile(stderrPath, '', { flag: 'a' })]);
  return { dir, relativeDir, stdoutPath, stderrPath };
}
