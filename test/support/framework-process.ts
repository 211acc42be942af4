/**
 * A framework CLI (`dist/frameworks/<framework>/cli.js`) as its own process
 * in integration tests: `serve` spawned and stopped by pid, and client
 * commands run to their end.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The frameworks that have a CLI. */
export type FrameworkName = 'services' | 'jobs';

function cliPath(framework: FrameworkName): string {
  return path.join(__dirname, '..', '..', 'dist', 'frameworks', framework, 'cli.js');
}

/** A framework CLI run as a child process, stopped by pid. */
export interface FrameworkProcess {
  readonly pid: number;
  /** Resolves with the port from its `listening on 127.0.0.1:PORT` line. */
  readonly port: Promise<number>;
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Run `node dist/frameworks/<framework>/cli.js ...args`, its output appended to `<logDir>/<label>.log`. */
export function spawnFrameworkCli(framework: FrameworkName, args: string[], logDir: string, label: string): FrameworkProcess {
  const bin = cliPath(framework);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npx tsc -p . (or npm run build) first`);
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `${label}.log`), 'a');
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`${label} exited (${code}) before listening; see ${logDir}/${label}.log`)));
  });
  port.catch(() => undefined);
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    pid: child.pid!,
    port,
    exited,
    kill: (signal) => {
      if (!ended) process.kill(child.pid!, signal);
    },
    stop: async () => {
      if (ended) return;
      process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => !ended && process.kill(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Run a framework CLI client command to its end; resolves with exit code and output. */
export function runFrameworkCli(framework: FrameworkName, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = cliPath(framework);
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}
