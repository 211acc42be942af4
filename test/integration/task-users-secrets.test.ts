/**
 * Tasks run as users and see secrets, against a real cluster (a master and
 * an agent as processes, the agent as root with --switch-user and a
 * --secrets-dir): a real OS user made with useradd (removed afterwards),
 * `id -u` in the task's stdout; a missing user and a missing secret fail
 * the task naming them; a secret's value reaches the task's environment
 * and a file in its sandbox, and appears nowhere else: not in the master's
 * or the agent's /state, the agent's checkpoint, either log, or /files.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { httpGet } from '../harness/operator';

const suffix = randomBytes(4).toString('hex');
const userName = `mtu${suffix}`;
const secretValue = `s3cret-${randomBytes(12).toString('hex')}`;
let cluster: Cluster;
let secretsDir: string;
let uid: number;

function requireProgram(program: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${program} is missing: install the Debian package ${debianPackage} (apt-get install ${debianPackage})`);
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test runs tasks as another user: run it as root (the agent switches users only as root)');
  requireProgram('useradd', 'passwd');
  requireProgram('userdel', 'passwd');
  requireProgram('getent', 'libc-bin');
  execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', userName]);
  uid = Number(execFileSync('id', ['-u', userName], { encoding: 'utf8' }).trim());
  secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-secrets-'));
  fs.writeFileSync(path.join(secretsDir, 'db-password'), secretValue, { mode: 0o600 });
  cluster = await startCluster({ agents: 1, name: 'users-secrets', agentFlags: ['--secrets-dir', secretsDir] });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  if (secretsDir) fs.rmSync(secretsDir, { recursive: true, force: true });
  try {
    execFileSync('userdel', [userName], { stdio: 'ignore' });
  } catch {
    // never created
  }
}, 60_000);

function run(args: string[]): ReturnType<typeof runCli> {
  return runCli(['run', '--master', cluster.masterAddress, ...args]);
}

/** Every file under `dir` whose content holds `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.readFileSync(full).includes(needle)) out.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

describe('tasks run as users', () => {
  it('runs a task as --user: its id -u is that user\'s, and its sandbox is theirs', async () => {
    const result = await run(['--name', 'as-user', '--user', userName, '--command', 'id -u; stat -c %u .']);
    expect(result.stdout).toMatch(/^TASK_FINISHED/m);
    expect(result.stdout).toMatch(new RegExp(`^${uid}\\n${uid}$`, 'm'));
    expect(result.code).toBe(0);
  });

  it('runs a task as the framework user (root here) when the command names none', async () => {
    const result = await run(['--name', 'as-framework-user', '--command', 'id -u']);
    expect(result.stdout).toMatch(/^0$/m);
    expect(result.code).toBe(0);
  });

  it('fails a task whose user does not exist with TASK_FAILED naming the user', async () => {
    const missing = `nouser${suffix}`;
    const result = await run(['--name', 'no-user', '--user', missing, '--command', 'true']);
    expect(result.stdout).toContain(
      `TASK_FAILED: task.command.user: user "${missing}" does not exist on this agent (the task runs as it with --switch-user) (REASON_TASK_USER_UNKNOWN)`,
    );
    expect(result.code).not.toBe(0);
  });
});

describe('secrets', () => {
  it('gives the task the secret in its environment and in a file, and the value appears nowhere else', async () => {
    const result = await run([
      '--name', 'secretive', '--user', userName,
      '--secret-env', 'DB_PASSWORD=db-password',
      '--secret-file', 'secrets/db=db-password',
      // The task proves it got the value without printing it (nor does its command hold it): hashes.
      '--command', `echo "env $(printf %s "$DB_PASSWORD" | sha256sum)"; echo "file $(sha256sum < secrets/db)"; stat -c '%a %u' secrets/db`,
    ]);
    const hash = createHash('sha256').update(secretValue).digest('hex');
    expect(result.stdout).toMatch(/^TASK_FINISHED/m);
    expect(result.stdout).toMatch(new RegExp(`^env ${hash}  -$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^file ${hash}  -$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^400 ${uid}$`, 'm'));
    const taskId = /^launched task (\S+) on agent/m.exec(result.stdout)?.[1];
    expect(taskId).toBeDefined();

    const agent = cluster.agents[0];
    const masterState = await httpGet(cluster.masterAddress, '/state');
    const agentState = await httpGet(agent.address, '/state');
    expect(masterState.body).toContain(taskId!);
    expect(masterState.body).toContain('db-password'); // the reference travels
    expect(masterState.body).not.toContain(secretValue);
    expect(agentState.body).not.toContain(secretValue);
    // /files serves the task's output, never its secret file, directly or through the master.
    const sandbox = filesHolding(path.join(agent.workDir, 'frameworks'), `file ${hash}`)[0];
    expect(sandbox).toBeDefined();
    const secretPath = path.relative(agent.workDir, path.join(path.dirname(sandbox), 'secrets', 'db'));
    const direct = await httpGet(agent.address, `/files/read?path=${encodeURIComponent(secretPath)}`);
    expect(direct.status).toBe(403);
    expect(direct.body).toContain('is a secret file of its task; its content is not served');
    const proxied = await httpGet(cluster.masterAddress, `/api/v1/agents/${agent.agentId}/files/read?path=${encodeURIComponent(secretPath)}`);
    expect(proxied.status).toBe(403);
    expect(proxied.body).not.toContain(secretValue);
    // Nor by Mesos's virtual path, read or downloaded, on the agent or through the master.
    const frameworkId = secretPath.split('/')[1];
    const virtual = `/frameworks/${frameworkId}/executors/${taskId}/runs/latest/secrets/db`;
    for (const [address, op] of [[agent.address, 'read'], [agent.address, 'download'], [cluster.masterAddress, 'read']]) {
      const answer = await httpGet(address, `/files/${op}?path=${encodeURIComponent(virtual)}`);
      expect({ op, status: answer.status }).toEqual({ op, status: 403 });
      expect(answer.body).not.toContain(secretValue);
    }
    // Not in the checkpoint, not in either log.
    expect(filesHolding(path.join(agent.workDir, 'meta'), secretValue)).toEqual([]);
    expect(filesHolding(cluster.logDir, secretValue)).toEqual([]);
  });

  it('fails a task whose secret the agent does not have, naming the secret', async () => {
    const result = await run(['--name', 'no-secret', '--secret-env', 'X=not-there', '--command', 'true']);
    expect(result.stdout).toContain(`TASK_FAILED: secret "not-there" does not exist in the agent's secret store (${secretsDir}) (REASON_SECRET_UNRESOLVED)`);
    expect(result.code).not.toBe(0);
  });

  it('refuses a secret file outside the sandbox at the CLI, naming the flag', async () => {
    const result = await run(['--name', 'bad', '--secret-file', '/etc/x=db-password', '--command', 'true']);
    expect(result.stderr).toContain('--secret-file: path "/etc/x" must be relative');
    expect(result.code).not.toBe(0);
  });
});
