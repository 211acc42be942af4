/**
 * Who a task runs as and which secrets it gets, decided at launch before
 * anything is started: the user (`task-user.ts`) and the secret values
 * (`secret-store.ts`) for its references (`@meseta/proto/secret-references`).
 * A problem is a {@link LaunchRefusal} whose reason and message name the
 * user or the secret, never a value. Then the sandbox is handed to the
 * user and the secret files are written into it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameworkInfo, Reason, TaskInfo } from '@meseta/proto/wire';
import { pb } from '@meseta/proto/wire';
import { taskSecretReferences } from '@meseta/proto/secret-references';
import type { SecretStore } from './secret-store';
import { SecretUnresolvedError } from './secret-store';
import { type TaskUser, taskUserName, type UserDirectory, userNameProblem } from './task-user';

/** A launch refused before the container starts, with the TaskStatus reason to report. */
export class LaunchRefusal extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
  ) {
    super(message);
    this.name = 'LaunchRefusal';
  }
}

/** A secret file to write in the sandbox. */
export interface SecretFile {
  /** Relative to the sandbox. */
  path: string;
  value: Buffer;
}

/** What the task runs as and the secret values it gets. Values live only here and in the container. */
export interface TaskAccess {
  /** Undefined: the agent's own user. */
  user?: TaskUser;
  /** SECRET variables with their values; containerizers put them over the task's own variables. */
  secretEnvironment: Record<string, string>;
  secretFiles: SecretFile[];
  /** The Docker config (registry credentials) of the task's image, from `container.mesos.image.docker.config`. */
  registryConfig?: string;
}

/** What {@link resolveTaskAccess} needs. */
export interface TaskAccessInput {
  task: TaskInfo;
  framework?: FrameworkInfo | null;
  switchUser: boolean;
  agentIsRoot: boolean;
  users: UserDirectory;
  secrets: SecretStore;
}

/** Decide the user and resolve the secrets; rejects with a {@link LaunchRefusal}. */
export async function resolveTaskAccess(input: TaskAccessInput): Promise<TaskAccess> {
  const access: TaskAccess = { secretEnvironment: {}, secretFiles: [] };
  const name = taskUserName({
    commandUser: input.task.command?.user,
    frameworkUser: input.framework?.user,
    switchUser: input.switchUser,
    agentIsRoot: input.agentIsRoot,
  });
  if (name !== undefined) {
    const field = input.task.command?.user ? 'task.command.user' : 'framework.user';
    const problem = userNameProblem(name);
    if (problem) throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_TASK_USER_UNKNOWN, `${field}: ${problem}`);
    const user = await input.users.lookup(name);
    if (!user) {
      throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_TASK_USER_UNKNOWN, `${field}: user "${name}" does not exist on this agent (the task runs as it with --switch-user)`);
    }
    access.user = user;
  }
  const found = taskSecretReferences(input.task.command, input.task.container);
  if ('problem' in found) throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_TASK_INVALID, found.problem);
  const resolve = async (secret: string): Promise<Buffer> => {
    try {
      return await input.secrets.resolve(secret);
    } catch (e) {
      const detail = e instanceof SecretUnresolvedError ? e.message : `secret "${secret}" could not be resolved`;
      throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_SECRET_UNRESOLVED, detail);
    }
  };
  for (const v of found.references.variables) {
    const value = await resolve(v.secret);
    if (value.includes(0)) throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_SECRET_UNRESOLVED, `secret "${v.secret}" holds a NUL byte and cannot be the environment variable ${v.variable}; use it as a file`);
    access.secretEnvironment[v.variable] = value.toString('utf8');
  }
  for (const f of found.references.files) access.secretFiles.push({ path: f.path, value: await resolve(f.secret) });
  if (found.references.imageConfig) access.registryConfig = (await resolve(found.references.imageConfig)).toString('utf8');
  return access;
}

/** The sandbox's own folder and files the task's user gets: the folder, stdout and stderr. */
export interface SandboxPaths {
  dir: string;
  stdoutPath: string;
  stderrPath: string;
}

/**
 * Hand the sandbox to the task's user (folder, stdout, stderr) and write
 * the secret files in it: mode 0400, owned by that user, created
 * exclusively and without following links; folders on their way are made
 * (0750, the user's). Runs before the container starts. Nothing is chowned
 * when the task runs as the agent's own user (the common root-to-root case
 * costs no extra calls).
 */
export async function prepareSandboxAccess(sandbox: SandboxPaths, access: TaskAccess): Promise<void> {
  const user = access.user;
  const agentsOwn = user && user.uid === process.getuid?.() && user.gid === process.getgid?.();
  if (user && !agentsOwn) {
    await Promise.all([sandbox.dir, sandbox.stdoutPath, sandbox.stderrPath].map((p) => fs.promises.lchown(p, user.uid, user.gid)));
  }
  for (const file of access.secretFiles) {
    const segments = file.path.split('/');
    let dir = sandbox.dir;
    for (const segment of segments.slice(0, -1)) {
      dir = path.join(dir, segment);
      try {
        await fs.promises.mkdir(dir, { mode: 0o750 });
        if (user && !agentsOwn) await fs.promises.lchown(dir, user.uid, user.gid);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const stats = await fs.promises.lstat(dir);
        if (!stats.isDirectory()) throw new LaunchRefusal(pb.TaskStatus.Reason.REASON_TASK_INVALID, `secret file "${file.path}": ${path.relative(sandbox.dir, dir)} is not a folder in the sandbox`);
      }
    }
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;
    const handle = await fs.promises.open(path.join(sandbox.dir, file.path), flags, 0o400);
    try {
      if (user && !agentsOwn) await handle.chown(user.uid, user.gid);
      await handle.writeFile(file.value);
    } finally {
      await handle.close();
    }
  }
}

/**
 * The first folder above `dir` (itself included) that `user` cannot pass
 * through (no search permission for it as owner, group or other), or
 * undefined when it can reach `dir`. Supplementary groups are not counted:
 * tasks run without them.
 */
export async function unreachableFolder(dir: string, user: { uid: number; gid: number }): Promise<{ folder: string; mode: number } | undefined> {
  if (user.uid === 0) return undefined;
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    const stats = await fs.promises.stat(folder);
    const mode = stats.mode & 0o777;
    const passes = stats.uid === user.uid ? (mode & 0o100) !== 0 : stats.gid === user.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!passes) return { folder, mode };
    if (folder === path.dirname(folder)) return undefined;
  }
}

/** Real paths of a task's secret files (`<sandbox>/<container_path>`), which `/files` never serves. */
export function secretFilePaths(sandboxDir: string, task: TaskInfo): string[] {
  const found = taskSecretReferences(task.command, task.container);
  if ('problem' in found) return [];
  return found.references.files.map((f) => path.join(sandboxDir, f.path));
}
