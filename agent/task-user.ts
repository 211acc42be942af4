/**
 * Which OS user a task runs as, as Mesos decides it: with `--switch-user`
 * (the default) and an agent running as root, `CommandInfo.user`, else
 * `FrameworkInfo.user`; otherwise the agent's own user. The name is looked
 * up through a {@link UserDirectory} (the system's `getent passwd`, or an
 * in-memory stand-in for unit tests); a user that does not exist fails the
 * task with REASON_TASK_USER_UNKNOWN naming it.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

/** A resolved OS user. */
export interface TaskUser {
  name: string;
  uid: number;
  gid: number;
  home?: string;
}

/** Looks users up by name. */
export interface UserDirectory {
  /** The user, or undefined when there is none of that name. Rejects only when the lookup itself failed. */
  lookup(name: string): Promise<TaskUser | undefined>;
}

/** What decides the user. */
export interface TaskUserInput {
  commandUser?: string | null;
  frameworkUser?: string | null;
  /** `--switch-user` (default true). */
  switchUser: boolean;
  /** The agent runs as root (only root can start processes as someone else). */
  agentIsRoot: boolean;
}

/**
 * The user name to run the task as, or undefined to run it as the agent's
 * own user (switching off, the agent not root, or no user named).
 */
export function taskUserName(input: TaskUserInput): string | undefined {
  if (!input.switchUser || !input.agentIsRoot) return undefined;
  return input.commandUser || input.frameworkUser || undefined;
}

/** What is wrong with a user name, or undefined (no `:`, `/`, white space or control characters; not starting with `-`). */
export function userNameProblem(name: string): string | undefined {
  if (name.length > 256) return 'is longer than 256 characters';
  if (name.startsWith('-')) return `"${name}" starts with "-"`;
  // eslint-disable-next-line no-control-regex
  if (/[:/\s\u0000-\u001f\u007f]/.test(name)) return `${JSON.stringify(name)} contains ":", "/", white space or a control character`;
  return undefined;
}

/** One `/etc/passwd` line as a user, or undefined when it is not one. */
export function parsePasswdLine(line: string): TaskUser | undefined {
  const fields = line.trim().split(':');
  if (fields.length < 7) return undefined;
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  if (!fields[0] || !/^\d+$/.test(fields[2]) || !/^\d+$/.test(fields[3])) return undefined;
  return { name: fields[0], uid, gid, home: fields[5] || undefined };
}

/** How long a user found stays known without asking again. */
export const USER_CACHE_MS = 30_000;

/**
 * The host's users, through `getent passwd` (so NSS sources count), or
 * `/etc/passwd` where getent is missing. A burst of launches for one user
 * shares one lookup, and a user found is remembered for
 * {@link USER_CACHE_MS} (a missing one is asked again each time, so a user
 * added meanwhile is seen at once).
 */
export class SystemUserDirectory implements UserDirectory {
  private readonly found = new Map<string, { user: TaskUser; at: number }>();
  private readonly asking = new Map<string, Promise<TaskUser | undefined>>();

  constructor(private readonly now: () => number = Date.now) {}

  lookup(name: string): Promise<TaskUser | undefined> {
    const known = this.found.get(name);
    if (known && this.now() - known.at < USER_CACHE_MS) return Promise.resolve(known.user);
    const pending = this.asking.get(name);
    if (pending) return pending;
    const asked = this.ask(name).then(
      (user) => {
        this.asking.delete(name);
        if (user) this.found.set(name, { user, at: this.now() });
        else this.found.delete(name);
        return user;
      },
      (e: unknown) => {
        this.asking.delete(name);
        throw e;
      },
    );
    this.asking.set(name, asked);
    return asked;
  }

  private ask(name: string): Promise<TaskUser | undefined> {
    if (userNameProblem(name)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      execFile('getent', ['passwd', '--', name], { timeout: 10_000 }, (error, stdout) => {
        if (!error) {
          const user = parsePasswdLine(stdout.split('\n')[0] ?? '');
          resolve(user && (user.name === name || /^\d+$/.test(name)) ? user : undefined);
          return;
        }
        const code = (error as { code?: unknown }).code; // a spawn error's name, or getent's exit status
        if (code === 'ENOENT') {
          fs.promises.readFile('/etc/passwd', 'utf8').then(
            (text) => resolve(text.split('\n').map(parsePasswdLine).find((u) => u?.name === name)),
            (e: Error) => reject(new Error(`looking up user "${name}": no getent and /etc/passwd unreadable: ${e.message}`)),
          );
        } else if (code === 2) {
          resolve(undefined); // getent: no such key
        } else {
          reject(new Error(`looking up user "${name}" with getent failed: ${error.message}`));
        }
      });
    });
  }
}

/** Users from a table, for unit tests. */
export class MemoryUserDirectory implements UserDirectory {
  constructor(private readonly users: readonly TaskUser[]) {}
  lookup(name: string): Promise<TaskUser | undefined> {
    return Promise.resolve(this.users.find((u) => u.name === name));
  }
}
