/**
 * A Docker daemon for the container tests. When nothing answers on
 * {@link TEST_DOCKER_SOCKET}, a private dockerd is started there (no bridge,
 * no iptables, its own data root, exec root and pid file) and stopped by
 * pid by whoever started it: the container suite's global teardown, or the
 * test file itself when run alone. Missing packages are installed first;
 * when that fails the test fails with the package to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ensurePackages, CONTAINER_REQUIREMENTS } from './packages';

/** The test daemon's socket. */
export const TEST_DOCKER_SOCKET = '/run/meseta-test-docker.sock';
/** Its pid file. */
export const TEST_DOCKER_PIDFILE = '/run/meseta-test-docker.pid';
const DATA_ROOT = '/var/lib/meseta-test-docker';
const EXEC_ROOT = '/run/meseta-test-docker-exec';
const LOG_FILE = path.resolve(__dirname, '..', '..', 'test-artifacts', 'dockerd.log');
const CGROUP_PARENT = 'meseta-test-docker';

/** A daemon the tests can use. */
export interface DockerDaemon {
  socket: string;
  /** Pid of the dockerd this process started; undefined when it was already running. */
  startedPid?: number;
  /** Stop the daemon if this process started it (by pid). */
  stop(): Promise<void>;
}

/** True when a daemon answers `GET /_ping` on `socket`. */
export function pingDocker(socket: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidFromFile(): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(TEST_DOCKER_PIDFILE, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

/**
 * Stop a dockerd by pid: SIGTERM, SIGKILL after 20 s; then undo what it
 * left: mounts under its exec root (the `netns/default` bind mount) and,
 * after a SIGKILL, under its data root (container layers), its containers'
 * cgroups (under its own cgroup parent) and its exec root.
 */
export async function stopDockerd(pid: number): Promise<void> {
  if (alive(pid)) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitFor(() => !alive(pid), 20_000))) {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !alive(pid), 5_000);
    }
  }
  const mounts = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mountPoint) => mountPoint.startsWith(`${EXEC_ROOT}/`) || mountPoint === DATA_ROOT || mountPoint.startsWith(`${DATA_ROOT}/`))
    .sort((a, b) => b.length - a.length);
  for (const mountPoint of mounts) spawnSync('umount', [mountPoint], { stdio: 'ignore' });
  fs.rmSync(EXEC_ROOT, { recursive: true, force: true });
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - cgroup2? /.test(l))) {
    const parent = path.join(line.split(' ')[4], CGROUP_PARENT);
    let children: fs.Dirent[];
    try {
      children = fs.readdirSync(parent, { withFileTypes: true });
    } catch {
      continue; // not there
    }
    for (const child of children.filter((e) => e.isDirectory())) {
      try {
        fs.rmdirSync(path.join(parent, child.name));
      } catch {
        // still in use: nothing to do about it here
      }
    }
    try {
      fs.rmdirSync(parent);
    } catch {
      // not there, or in use
    }
  }
}

/**
 * A daemon on {@link TEST_DOCKER_SOCKET}: the one already answering, or a
 * new private dockerd. Throws with the package or the log to look at when
 * none can be had.
 */
export async function ensureDockerDaemon(): Promise<DockerDaemon> {
  ensurePackages(CONTAINER_REQUIREMENTS);
  const socket = TEST_DOCKER_SOCKET;
  const shared: DockerDaemon = { socket, stop: async () => undefined };
  if (await pingDocker(socket)) return shared;
  const stale = pidFromFile();
  if (stale && alive(stale)) {
    // A daemon still starting (or one that hangs): give it the same time a new one gets.
    if (await waitFor(() => pingDocker(socket), 60_000)) return shared;
    throw new Error(`dockerd (pid ${stale}, ${TEST_DOCKER_PIDFILE}) does not answer on ${socket}; see ${LOG_FILE}`);
  }
  fs.rmSync(TEST_DOCKER_PIDFILE, { force: true });
  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const log = fs.openSync(LOG_FILE, 'a');
  const child = spawn(
    'dockerd',
    [
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
      '--host',
      `unix://${socket}`,
      '--data-root',
      DATA_ROOT,
      '--exec-root',
      EXEC_ROOT,
      '--pidfile',
      TEST_DOCKER_PIDFILE,
      // Its containers' cgroups apart from any other daemon's, so leftovers can be told apart.
      '--cgroup-parent',
      CGROUP_PARENT,
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  child.unref();
  const pid = child.pid as number;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const up = await Promise.race([waitFor(() => pingDocker(socket), 60_000), exited.then(() => false)]);
  if (!up) {
    await stopDockerd(pid);
    const tail = fs.readFileSync(LOG_FILE, 'utf8').trim().split('\n').slice(-5).join('\n');
    throw new Error(`dockerd did not come up on ${socket} (install docker.io: apt-get install -y docker.io); last log lines:\n${tail}`);
  }
  return { socket, startedPid: pid, stop: () => stopDockerd(pid) };
}
