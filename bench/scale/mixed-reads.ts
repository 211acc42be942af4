/**
 * The reads of the scale harness's mixed phase: `/state`, `/metrics` and the
 * web UI's event stream (`/api/v1/events`, from its first byte to the
 * catch-up delta after every agent and task row), each read again and again
 * (a second apart) by its own loop until told to stop, over real HTTP on loopback. Each read's
 * time and size are kept; bodies are counted, not kept.
 *
 * `/state` and `/metrics` each keep a connection of their own (a keep-alive
 * agent per loop, as a scraper keeps one). Through fetch's one pool, shared
 * with the event-stream loop (whose reads close their connection), a
 * `/metrics` read sometimes went out on a connection the pool had just
 * opened, which waited in the master's accept queue behind the late agents'
 * connections (Node 20's libuv accepts one connection per loop turn): the
 * one 4–16 s `/metrics` read of the S5/S6 mixed runs. A read that opened a
 * connection says so (`newConnection`): its time includes that wait.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LauncherCounts, LauncherReport, LauncherStart } from './launcher-process';

/** One finished (or failed) read. */
export interface ReadSample {
  ms: number;
  bytes: number;
  /** The event stream only: ms to its first message (the overview's figures). */
  firstMessageMs?: number;
  /** `/state` and `/metrics`: the read opened a connection (it waited in the master's accept queue), not its kept one. */
  newConnection?: boolean;
  error?: string;
}

/** A read the loop repeats. */
export interface MixedRead {
  name: string;
  read(address: string, signal: AbortSignal): Promise<ReadSample>;
  /** Close what the read keeps between reads (its connection). */
  close?(): void;
}

/**
 * Count the body's bytes; `onChunk` returning true ends the read early, and
 * `stop` is called then: it must abort the request, which closes the
 * connection (a body only cancelled leaves an endless stream's connection
 * open, and the next request on it never got its answer).
 */
async function countBody(res: Response, onChunk?: (text: string) => boolean, stop?: () => void): Promise<number> {
  const reader = res.body!.getReader();
  const decoder = onChunk ? new TextDecoder() : undefined;
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
    if (onChunk && onChunk(decoder!.decode(value, { stream: true }))) {
      stop?.();
      await reader.cancel().catch(() => undefined);
      return n;
    }
  }
}

/** GET `p`, body counted, over the loop's own kept connection (opened again only when the master closed it). */
export function getRead(p: string): MixedRead {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    name: `GET ${p}`,
    read: (address, signal) =>
      new Promise<ReadSample>((resolve, reject) => {
        const started = performance.now();
        let newConnection = false;
        const req = http.get(`http://${address}${p}`, { agent, signal }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`${p}: HTTP ${res.statusCode}`));
            return;
          }
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () => resolve({ ms: performance.now() - started, bytes, newConnection }));
          res.on('error', reject);
        });
        req.on('socket', (socket) => {
          if (socket.connecting) newConnection = true;
        });
        req.on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}

/** The UI's event stream from its first byte to the catch-up delta (then closed). */
export const eventStreamRead: MixedRead = {
  name: 'GET /api/v1/events (to the catch-up delta)',
  read: async (address, signal) => {
    const started = performance.now();
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    signal.addEventListener('abort', abort);
    try {
      const res = await fetch(`http://${address}/api/v1/events`, { signal: controller.signal });
      let firstMessageMs: number | undefined;
      let tail = '';
      const bytes = await countBody(res, (text) => {
        // Searched in the new text with the end of the old (a marker may straddle two chunks); only a short end is
        // kept, never cut from the new text first: a delta bigger than what is kept would lose its own header.
        const seen = tail + text;
        tail = seen.slice(-32);
        if (firstMessageMs === undefined && seen.includes('\n\n')) firstMessageMs = performance.now() - started;
        return seen.includes('event: delta');
      }, () => controller.abort());
      return { ms: performance.now() - started, bytes, firstMessageMs };
    } finally {
      signal.removeEventListener('abort', abort);
    }
  },
};

/** A running read loop. */
export interface ReadLoop {
  readonly name: string;
  readonly samples: ReadSample[];
  /** Stop after the read in progress (aborted after `graceMs`); resolves when the loop ended. */
  stop(graceMs: number): Promise<void>;
}

/** Read `what` again and again (each read cut off after `timeoutMs`, `pauseMs` between reads) until stopped. */
export function startReadLoop(address: string, what: MixedRead, timeoutMs: number, pauseMs = 1000): ReadLoop {
  const samples: ReadSample[] = [];
  let stopping = false;
  let current: AbortController | undefined;
  const loop = (async (): Promise<void> => {
    while (!stopping) {
      current = new AbortController();
      const timer = setTimeout(() => current?.abort(), timeoutMs);
      const started = performance.now();
      try {
        samples.push(await what.read(address, current.signal));
      } catch (e) {
        if (!stopping) samples.push({ ms: performance.now() - started, bytes: 0, error: (e as Error).message });
      } finally {
        clearTimeout(timer);
      }
      if (!stopping) await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    name: what.name,
    samples,
    stop: async (graceMs) => {
      stopping = true;
      const t = setTimeout(() => current?.abort(), graceMs);
      await loop;
      clearTimeout(t);
      what.close?.();
    },
  };
}

/** A launcher child process (bench/scale/launcher-process.ts). */
export interface Launcher {
  counts(): LauncherCounts;
  /** Ask it to stop; SIGKILL by pid after 5 s. */
  stop(): Promise<LauncherCounts>;
}

/** Fork the launcher (at niceness `nice` when given, as `--swarm-nice` sets) and start it once it has loaded. */
export async function startLauncher(start: Omit<LauncherStart, 'type'>, nice?: number): Promise<Launcher> {
  const child: ChildProcess = fork(path.join(__dirname, 'launcher-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (nice !== undefined && child.pid !== undefined) os.setPriority(child.pid, nice);
  let last: LauncherCounts = { subscribed: false, offersReceived: 0, declined: 0, accepts: 0, failedAccepts: 0, tasksSent: 0, running: 0, refused: 0 };
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: LauncherReport) => {
      if (m.type === 'ready') resolve();
      else {
        const { type: _type, ...rest } = m;
        last = rest;
      }
    });
    child.once('exit', (code) => reject(new Error(`the launcher process exited with ${code}`)));
  });
  child.send({ type: 'start', ...start } satisfies LauncherStart);
  return {
    counts: () => last,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return last;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        child.send({ type: 'stop' });
      } catch {
        // IPC already closed
      }
      const t = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
      return last;
    },
  };
}

/** Median of the successful reads' `ms`, max, total bytes of one read (the last), counts. */
export function readSummary(samples: readonly ReadSample[]): { reads: number; failed: number; medianMs: number; maxMs: number; lastBytes: number; medianFirstMessageMs?: number; firstError?: string; newConnectionMs: number[] } {
  const ok = samples.filter((s) => !s.error);
  const ms = ok.map((s) => s.ms).sort((a, b) => a - b);
  const first = ok.map((s) => s.firstMessageMs).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return {
    reads: ok.length,
    failed: samples.length - ok.length,
    medianMs: ms.length ? ms[Math.floor(ms.length / 2)] : NaN,
    maxMs: ms.length ? ms[ms.length - 1] : NaN,
    lastBytes: ok.length ? ok[ok.length - 1].bytes : 0,
    medianFirstMessageMs: first.length ? first[Math.floor(first.length / 2)] : undefined,
    firstError: samples.find((s) => s.error)?.error,
    newConnectionMs: ok.filter((s) => s.newConnection).map((s) => Math.round(s.ms)),
  };
}
