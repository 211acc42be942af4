/**
 * A ZooKeeper for benchmarks, started as a user of Debian's `zookeeper`
 * package would start one by hand: `zkServer.sh start-foreground zoo.cfg`
 * with the package's defaults (tickTime 2000, jute.maxbuffer 1 MB, the
 * JVM's default heap), a fresh data dir, on 127.0.0.1 and a free port.
 * `stop()` ends it by pid and removes the data dir.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../test/harness/free-port';
import { answersRuok } from '../../test/setup/zookeeper';

const ZK_SERVER = '/usr/share/zookeeper/bin/zkServer.sh';

/** A running ZooKeeper. */
export interface BenchZooKeeper {
  /** `127.0.0.1:PORT` */
  connectionString: string;
  /** Where its data (snapshots, transaction logs) lives. */
  dataDir: string;
  stop(): Promise<void>;
}

/** Start ZooKeeper; throws saying what to install when Debian's package is missing. */
export async function startBenchZooKeeper(): Promise<BenchZooKeeper> {
  if (!fs.existsSync(ZK_SERVER)) throw new Error(`${ZK_SERVER} is missing: install Debian's "zookeeper" package (apt-get install zookeeper)`);
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-bench-zk-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const config = path.join(dir, 'zoo.cfg');
  fs.writeFileSync(
    config,
    [`tickTime=2000`, `dataDir=${dataDir}`, `clientPort=${port}`, 'clientPortAddress=127.0.0.1', 'admin.enableServer=false', '4lw.commands.whitelist=ruok,stat'].join('\n') + '\n',
  );
  const out = fs.openSync(path.join(dir, 'zookeeper.out'), 'a');
  const child = spawn(ZK_SERVER, ['start-foreground', config], { stdio: ['ignore', out, out] });
  const deadline = Date.now() + 60_000;
  while (!(await answersRuok(port))) {
    if (child.exitCode !== null) throw new Error(`ZooKeeper exited with ${child.exitCode}; see ${path.join(dir, 'zookeeper.out')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ZooKeeper did not answer on 127.0.0.1:${port} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    connectionString: `127.0.0.1:${port}`,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.closeSync(out);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

