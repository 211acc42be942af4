/**
 * A real ZooKeeper server for tests, on 127.0.0.1 and a free port, with its
 * own data dir. Installs Debian's `zookeeper` package when it is missing;
 * when that fails the test fails with a message saying what to install.
 * `stop()` ends the server by pid and removes its data dir.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../harness/free-port';

const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const JAVA = '/usr/bin/java';

/** A running ZooKeeper. */
export interface ZooKeeperServer {
  /** `127.0.0.1:PORT` */
  readonly connectionString: string;
  readonly pid: number;
  /** `zk://127.0.0.1:PORT<path>` */
  url(path: string): string;
  stop(): Promise<void>;
}

/** Install Debian's zookeeper package if its jar is missing. */
export function ensureZooKeeperInstalled(): void {
  if (fs.existsSync(ZOOKEEPER_JAR) && fs.existsSync(JAVA)) return;
  try {
    execFileSync('sh', ['-c', 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q zookeeper'], {
      stdio: 'ignore',
      timeout: 600_000,
    });
  } catch (e) {
    throw new Error(`ZooKeeper is needed for this test: install Debian's "zookeeper" package (apt-get install zookeeper); installing it failed: ${(e as Error).message}`);
  }
  if (!fs.existsSync(ZOOKEEPER_JAR)) throw new Error(`ZooKeeper is needed for this test: ${ZOOKEEPER_JAR} is missing after installing "zookeeper"`);
}

/** Whether a ZooKeeper on 127.0.0.1:`port` answers `ruok` with `imok`. */
export function answersRuok(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('ruok'));
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('close', () => resolve(reply.includes('imok')));
    socket.on('error', () => resolve(false));
  });
}

/** Start a ZooKeeper server and wait until it answers. */
export async function startZooKeeper(): Promise<ZooKeeperServer> {
  ensureZooKeeperInstalled();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-zk-'));
  const config = path.join(dir, 'zoo.cfg');
  fs.writeFileSync(
    config,
    [
      `dataDir=${path.join(dir, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      // A short tick allows short session timeouts (2 to 20 ticks), so failover tests run fast.
      'tickTime=500',
      'maxClientCnxns=200',
      'admin.enableServer=false',
      '4lw.commands.whitelist=ruok,stat',
    ].join('\n') + '\n',
  );
  fs.mkdirSync(path.join(dir, 'data'));
  const log = fs.openSync(path.join(dir, 'zookeeper.log'), 'a');
  const child: ChildProcess = spawn(
    JAVA,
    ['-Xmx256m', '-cp', `/etc/zookeeper/conf:${ZOOKEEPER_JAR}`, '-Dzookeeper.log.dir=' + dir, 'org.apache.zookeeper.server.ZooKeeperServerMain', config],
    { stdio: ['ignore', log, log] },
  );
  const pid = child.pid!;
  const deadline = Date.now() + 60_000;
  while (!(await answersRuok(port))) {
    if (child.exitCode !== null) throw new Error(`ZooKeeper exited with ${child.exitCode}; see ${path.join(dir, 'zookeeper.log')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ZooKeeper did not answer on 127.0.0.1:${port} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let stopped = false;
  return {
    connectionString: `127.0.0.1:${port}`,
    pid,
    url: (p) => `zk://127.0.0.1:${port}${p}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.closeSync(log);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A ZooKeeper for the whole describe block: started in beforeAll, stopped
 * in afterAll. Read `.server` inside tests.
 */
export function useZooKeeper(): { readonly server: ZooKeeperServer } {
  let server: ZooKeeperServer | undefined;
  beforeAll(async () => {
    server = await startZooKeeper();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get server(): ZooKeeperServer {
      if (!server) throw new Error('ZooKeeper is not started (use inside a test)');
      return server;
    },
  };
}
