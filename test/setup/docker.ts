/**
 * A Docker daemon for the container tests (and, under another name, the
 * container benchmark). When nothing answers on its socket, a private
 * dockerd is started there (no bridge, no iptables, its own data root, exec
 * root, pid file and cgroup parent) and stopped by pid by whoever started
 * it: the container suite's global teardown, or the test file itself when
 * run alone. Missing packages are installed first; when that fails the test
 * fails with the package to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ensurePackages, CONTAINER_REQUIREMENTS } from './packages';
import { processAlive as alive } from '../harness/process-alive';

/** Where a named private daemon keeps everything. */
export interface DockerLayout {
  socket: string;
  pidFile: string;
  dataRoot: string;
  execRoot: string;
  /** cgroup parent of its containers (apart from any other daemon's). */
  cgroupParent: string;
  logFile: string;
}

/**
 * The name of the daemon the container tests share; `MESETA_TEST_DOCKER=<name>` gives a run a
 * daemon of its own (two container runs at once must not share one: either may stop it).
 */
export const TEST_DOCKER = process.env.MESETA_TEST_DOCKER || 'meseta-test-docker';

/** Paths of the private daemon called `name`. */
export function dockerLayout(name: string = TEST_DOCKER): DockerLayout {
  return {
    socket: `/run/${name}.sock`,
    pidFile: `/run/${name}.pid`,
    dataRoot: `/var/lib/${name}`,
    execRoot: `/run/${name}-exec`,
    cgroupParent: name,
    logFile: path.resolve(__dirname, '..', '..', 'test-artifacts', `${name}.log`),
  };
}

/** The test daemon's socket. */
export const TEST_DOCKER_SOCKET = dockerLayout().socket;

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


function pidFromFile(file: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
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
 * left: mounts under its exec root (the `netns/default` bind mount) and
 * data root (container layers, after a SIGKILL), its containers' cgroups
 * (under its own cgroup parent), its exec root and its data root.
 */
export async function stopDockerd(pid: number, name: string = TEST_DOCKER): Promise<void> {
  const layout = dockerLayout(name);
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
    .filter((m) => m.startsWith(`${layout.execRoot}/`) || m === layout.dataRoot || m.startsWith(`${layout.dataRoot}/`))
    .sort((a, b) => b.length - a.length);
  for (const mountPoint of mounts) spawnSync('umount', [mountPoint], { stdio: 'ignore' });
  fs.rmSync(layout.execRoot, { recursive: true, force: true });
  // Its images and containers too: a run leaves no Docker state behind for the next.
  fs.rmSync(layout.dataRoot, { recursive: true, force: true });
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - cgroup2? /.test(l))) {
    const parent = path.join(line.split(' ')[4], layout.cgroupParent);
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
      // in use
    }
  }
}

/**
 * A daemon on the socket of `name`: the one already answering, or a new
 * private dockerd. Throws with the package or the log to look at when none
 * can be had.
 */
export async function ensureDockerDaemon(name: string = TEST_DOCKER): Promise<DockerDaemon> {
  ensurePackages(CONTAINER_REQUIREMENTS);
  const layout = dockerLayout(name);
  const shared: DockerDaemon = { socket: layout.socket, stop: async () => undefined };
  if (await pingDocker(layout.socket)) return shared;
  const stale = pidFromFile(layout.pidFile);
  if (stale && alive(stale)) {
    // A daemon still starting (or one that hangs): give it the same time a new one gets.
    if (await waitFor(() => pingDocker(layout.socket), 60_000)) return shared;
    throw new Error(`dockerd (pid ${stale}, ${layout.pidFile}) does not answer on ${layout.socket}; see ${layout.logFile}`);
  }
  fs.rmSync(layout.pidFile, { force: true });
  fs.mkdirSync(path.dirname(layout.logFile), { recursive: true });
  const log = fs.openSync(layout.logFile, 'a');
  const child = spawn(
    'dockerd',
    [
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
      '--host',
      `unix://${layout.socket}`,
      '--data-root',
      layout.dataRoot,
      '--exec-root',
      layout.execRoot,
      '--pidfile',
      layout.pidFile,
      '--cgroup-parent',
      layout.cgroupParent,
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  child.unref();
  const pid = child.pid as number;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const up = await Promise.race([waitFor(() => pingDocker(layout.socket), 60_000), exited.then(() => false)]);
  if (!up) {
    await stopDockerd(pid, name);
    const tail = fs.readFileSync(layout.logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
    throw new Error(`dockerd did not come up on ${layout.socket} (install docker.io: apt-get install -y docker.io); last log lines:\n${tail}`);
  }
  return { socket: layout.socket, startedPid: pid, stop: () => stopDockerd(pid, name) };
}
