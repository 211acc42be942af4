import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb } from '@meseta/proto/wire';
import type { TaskInfo } from '@meseta/proto/wire';
import { LaunchRefusal, prepareSandboxAccess, resolveTaskAccess, type TaskAccessInput } from '../../agent/task-access';
import { FileSecretStore, MemorySecretStore, NoSecretStore } from '../../agent/secret-store';
import { MemoryUserDirectory, parsePasswdLine, taskUserName, userNameProblem } from '../../agent/task-user';
import { secretFilesOf } from '../../agent/http-api';

const alice = { name: 'alice', uid: 1234, gid: 2345, home: '/home/alice' };
const ref = (name: string) => ({ type: pb.Secret.Type.REFERENCE, reference: { name } });

function task(extra: Partial<TaskInfo> = {}, user?: string): TaskInfo {
  return { name: 't', task_id: { value: 't1' }, command: { value: 'true', ...(user ? { user } : {}) }, ...extra } as TaskInfo;
}

function input(overrides: Partial<TaskAccessInput> = {}): TaskAccessInput {
  return {
    task: task(),
    framework: { user: 'alice', name: 'f' },
    switchUser: true,
    agentIsRoot: true,
    users: new MemoryUserDirectory([alice]),
    secrets: new MemorySecretStore({ 'db-password': 'hunter2' }),
    ...overrides,
  };
}

async function refusal(p: Promise<unknown>): Promise<LaunchRefusal> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LaunchRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('which user a task runs as', () => {
  it.each([
    ['the command user first', { commandUser: 'bob', frameworkUser: 'alice', switchUser: true, agentIsRoot: true }, 'bob'],
    ['else the framework user', { commandUser: '', frameworkUser: 'alice', switchUser: true, agentIsRoot: true }, 'alice'],
    ['the agent user with --no-switch-user', { commandUser: 'bob', frameworkUser: 'alice', switchUser: false, agentIsRoot: true }, undefined],
    ['the agent user when the agent is not root', { commandUser: 'bob', frameworkUser: 'alice', switchUser: true, agentIsRoot: false }, undefined],
    ['the agent user when nobody is named', { switchUser: true, agentIsRoot: true }, undefined],
  ])('%s', (_what, given, expected) => {
    expect(taskUserName(given)).toBe(expected);
  });

  it.each([
    ['-rf', '"-rf" starts with "-"'],
    ['a:b', '"a:b" contains ":", "/", white space or a control character'],
    ['a b', '"a b" contains ":", "/", white space or a control character'],
    ['nobody', undefined],
  ])('judges the user name %j', (name, problem) => {
    expect(userNameProblem(name)).toBe(problem);
  });

  it('reads a passwd line', () => {
    expect(parsePasswdLine('alice:x:1234:2345:Alice:/home/alice:/bin/sh')).toEqual(alice);
    expect(parsePasswdLine('broken:x:abc:1::/:')).toBeUndefined();
  });
});

describe('resolving a task\'s access at launch', () => {
  it('resolves the framework user', async () => {
    expect((await resolveTaskAccess(input())).user).toEqual(alice);
  });

  it('fails with REASON_TASK_USER_UNKNOWN naming a user the agent does not have', async () => {
    const e = await refusal(resolveTaskAccess(input({ task: task({}, 'mallory') })));
    expect(e.reason).toBe(pb.TaskStatus.Reason.REASON_TASK_USER_UNKNOWN);
    expect(e.message).toBe('task.command.user: user "mallory" does not exist on this agent (the task runs as it with --switch-user)');
  });

  it('resolves SECRET variables and files', async () => {
    const access = await resolveTaskAccess(
      input({
        task: task({
          command: { value: 'true', environment: { variables: [{ name: 'DB', type: pb.Environment.Variable.Type.SECRET, secret: ref('db-password') }] } },
          container: { type: pb.ContainerInfo.Type.MESOS, volumes: [{ container_path: 'secrets/db', source: { type: pb.Volume.Source.Type.SECRET, secret: ref('db-password') } }] },
        }),
      }),
    );
    expect(access.secretEnvironment).toEqual({ DB: 'hunter2' });
    expect(access.secretFiles).toEqual([{ path: 'secrets/db', value: Buffer.from('hunter2') }]);
  });

  it.each([
    ['a missing secret', new MemorySecretStore({}), 'secret "nope" does not exist in the agent\'s secret store'],
    ['an agent without a store', new NoSecretStore(), 'secret "nope" cannot be resolved: this agent has no secret store (start it with --secrets-dir DIR)'],
  ])('fails with REASON_SECRET_UNRESOLVED naming %s', async (_what, secrets, message) => {
    const e = await refusal(
      resolveTaskAccess(input({ secrets, task: task({ command: { value: 'true', environment: { variables: [{ name: 'X', type: pb.Environment.Variable.Type.SECRET, secret: ref('nope') }] } } }) })),
    );
    expect(e.reason).toBe(pb.TaskStatus.Reason.REASON_SECRET_UNRESOLVED);
    expect(e.message).toBe(message);
  });
});

describe('the file secret store and the sandbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads one file per secret and refuses links, folders and names with paths, naming the secret only', async () => {
    fs.mkdirSync(path.join(dir, 'store'));
    fs.writeFileSync(path.join(dir, 'store', 'db'), 'value-1');
    fs.writeFileSync(path.join(dir, 'outside'), 'value-2');
    fs.symlinkSync(path.join(dir, 'outside'), path.join(dir, 'store', 'link'));
    fs.mkdirSync(path.join(dir, 'store', 'folder'));
    const store = new FileSecretStore(path.join(dir, 'store'));
    expect((await store.resolve('db')).toString()).toBe('value-1');
    await expect(store.resolve('link')).rejects.toThrow('secret "link" is a symlink in the agent\'s secret store; secrets must be regular files');
    await expect(store.resolve('folder')).rejects.toThrow('secret "folder" is not a regular file');
    await expect(store.resolve('../outside')).rejects.toThrow('secret "../outside" is not a valid name');
    await expect(store.resolve('missing')).rejects.toThrow(`secret "missing" does not exist in the agent's secret store (${path.join(dir, 'store')})`);
    await expect(new FileSecretStore(path.join(dir, 'none')).check()).rejects.toThrow('--secrets-dir');
    fs.chmodSync(path.join(dir, 'store'), 0o755);
    expect(await store.check()).toBe(`--secrets-dir: ${path.join(dir, 'store')} is mode 0755; others than its owner may list or read the secrets (chmod 0700)`);
    fs.chmodSync(path.join(dir, 'store'), 0o700);
    expect(await store.check()).toBeUndefined();
  });

  it('writes secret files 0400 in the sandbox, making the folders on the way', async () => {
    const sandbox = { dir, stdoutPath: path.join(dir, 'stdout'), stderrPath: path.join(dir, 'stderr') };
    fs.writeFileSync(sandbox.stdoutPath, '');
    fs.writeFileSync(sandbox.stderrPath, '');
    await prepareSandboxAccess(sandbox, { secretEnvironment: {}, secretFiles: [{ path: 'secrets/tls/key', value: Buffer.from('k3y') }] });
    const file = path.join(dir, 'secrets', 'tls', 'key');
    expect(fs.readFileSync(file, 'utf8')).toBe('k3y');
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    // An existing file is never overwritten or followed.
    await expect(prepareSandboxAccess(sandbox, { secretEnvironment: {}, secretFiles: [{ path: 'secrets/tls/key', value: Buffer.from('x') }] })).rejects.toThrow(/EEXIST/);
  });

  it('knows the secret files of every task for /files, by their path under the sandboxes', () => {
    const info = task({ container: { type: pb.ContainerInfo.Type.MESOS, volumes: [{ container_path: 'secrets/db', source: { type: pb.Volume.Source.Type.SECRET, secret: ref('db') } }] } });
    const sandbox = { relativeDir: 'frameworks/f/tasks/t1/runs/c1', dir: '', stdoutPath: '', stderrPath: '' };
    const files = secretFilesOf({ tasks: [{ info, sandbox } as never], completedTasks: [] });
    expect([...files]).toEqual(['f/tasks/t1/runs/c1/secrets/db']);
  });
});

describe('whether a task user can reach its sandbox', () => {
  it('names the first folder it cannot pass through', async () => {
    const { unreachableFolder } = await import('../../agent/task-access');
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-reach-')));
    try {
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(path.join(dir, 'a'), 0o700);
      const nobody = { uid: 65534, gid: 65534 };
      expect(await unreachableFolder(path.join(dir, 'a', 'b'), nobody)).toEqual({ folder: path.join(dir, 'a'), mode: 0o700 });
      fs.chownSync(path.join(dir, 'a'), 65534, 65534);
      expect(await unreachableFolder(path.join(dir, 'a', 'b'), nobody)).toBeUndefined();
      expect(await unreachableFolder(path.join(dir, 'a', 'b'), { uid: 0, gid: 0 })).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the system user directory', () => {
  it('finds root and not a made-up name, shares one lookup among concurrent callers and remembers what it found', async () => {
    const { SystemUserDirectory, USER_CACHE_MS } = await import('../../agent/task-user');
    let now = 0;
    const users = new SystemUserDirectory(() => now);
    const [a, b] = await Promise.all([users.lookup('root'), users.lookup('root')]);
    expect(a).toEqual(expect.objectContaining({ name: 'root', uid: 0, gid: 0 }));
    expect(b).toBe(a);
    expect(await users.lookup('root')).toBe(a); // remembered
    now += USER_CACHE_MS;
    const again = await users.lookup('root');
    expect(again).toEqual(a);
    expect(again).not.toBe(a); // asked again after the cache time
    expect(await users.lookup('no-such-user-meseta-test')).toBeUndefined();
    expect(await users.lookup('-rf')).toBeUndefined();
  });
});
