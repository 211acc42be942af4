/**
 * The scale harness's handle on a real `meseta master` process: started
 * through the CLI as users start it (its soft descriptor limit raised with
 * `ulimit -n` in a shell that then execs node), its log in a file, read
 * through /proc (RSS, CPU time) and stopped or killed by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
export { freePort } from '../../test/harness/free-port';

/** A started master process. */
export interface MasterHandle {
  readonly pid: number;
  readonly address: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL (a crash); resolves once it exited. */
  kill(): Promise<void>;
}

/** How to start the master. */
export interface MasterStart {
  cli: string;
  port: number;
  /** Extra flags: `--work-dir DIR` or `--zk URL ...`. */
  flags: string[];
  logFile: string;
  /** Descriptor soft limit for the master (≤ the hard limit). */
  nofile: number;
  /** Wait for "elected leader" too (ZooKeeper mode). */
  waitForLeadership: boolean;
  timeoutMs: number;
  /** Options for node itself before the CLI (e.g. `--cpu-prof`, to profile the master). */
  nodeArgs?: string[];
}

/**
 * Start `meseta master` and resolve once it listens (and leads, when asked).
 * Its stdout and stderr go straight to `logFile`, as a supervisor would put
 * them (the harness never sits in the master's log path: a pipe it read
 * late would block the master's synchronous log writes); readiness is read
 * from the file's new bytes.
 */
export function startMaster(o: MasterStart): Promise<MasterHandle> {
  const log = fs.openSync(o.logFile, 'a');
  const from = fs.fstatSync(log).size;
  const args = [...(o.nodeArgs ?? []), o.cli, 'master', '--ip', '127.0.0.1', '--port', String(o.port), ...o.flags];
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child: ChildProcess = spawn('sh', ['-c', `ulimit -n ${o.nofile} && exec '${process.execPath}' ${quoted}`], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const pid = child.pid!;
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(pid, s);
    } catch {
      // already gone
    }
  };
  const handle: MasterHandle = {
    pid,
    address: `127.0.0.1:${o.port}`,
    exited,
    stop: async (graceMs = 15_000) => {
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
    kill: async () => {
      signal('SIGKILL');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let done = false;
    let seen = '';
    let listening = false;
    let leading = false;
    let offset = from;
    const finish = (e?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (e) reject(e);
      else resolve(handle);
    };
    const timer = setTimeout(() => {
      signal('SIGKILL');
      finish(new Error(`master did not start within ${o.timeoutMs} ms (log: ${o.logFile})`));
    }, o.timeoutMs);
    const poll = setInterval(() => {
      try {
        const fd = fs.openSync(o.logFile, 'r');
        try {
          const size = fs.fstatSync(fd).size;
          if (size > offset) {
            const buf = Buffer.alloc(Math.min(size - offset, 1 << 20));
            offset += fs.readSync(fd, buf, 0, buf.length, offset);
            seen = seen.slice(-64) + buf.toString('utf8');
            listening ||= seen.includes('listening on');
            leading ||= seen.includes('elected leader');
          }
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        return;
      }
      if (listening && (!o.waitForLeadership || leading)) finish();
    }, 50);
    void exited.then(() => finish(new Error(`master exited before it was ready (log: ${o.logFile})`)));
  });
}

/** VmRSS and VmHWM (peak) of a process, bytes; zeros when it is gone. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/**
 * A process's main thread so far, from the kernel's scheduler statistics
 * (`/proc/PID/task/PID/schedstat`): ms it ran on a core, and ms it was ready
 * to run but waited for one (another process or thread had the cores).
 * Zeros when the process is gone or the kernel keeps no such statistics.
 */
export function mainThreadSchedOf(pid: number): { ranMs: number; waitedMs: number } {
  try {
    const [ranNs, waitedNs] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { ranMs: ranNs / 1e6, waitedMs: waitedNs / 1e6 };
  } catch {
    return { ranMs: 0, waitedMs: 0 };
  }
}

/** User + system CPU time of a process so far, ms (0 when it is gone). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
