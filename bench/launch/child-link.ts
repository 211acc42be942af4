/**
 * The launch bench's handle on one of its child processes (a framework
 * process or an agent swarm): forked with an IPC channel, the latest
 * message of each type kept, `next(type)` to wait for the next one, and
 * stopped by pid.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** A forked child speaking typed messages. */
export class ChildLink<In extends { type: string }, Out extends { type: string }> {
  readonly child: ChildProcess;
  /** The latest message of each type. */
  readonly latest = new Map<string, Out>();
  private readonly waiters: Array<{ type: string; resolve: (m: Out) => void; reject: (e: Error) => void }> = [];
  private exited = false;

  constructor(
    file: string,
    /** Shown in errors. */
    readonly name: string,
    /** Node options of the child (e.g. `--cpu-prof`); this process's own when unset. */
    execArgv?: string[],
  ) {
    this.child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...(execArgv ? { execArgv } : {}) });
    this.child.on('message', (m: Out) => {
      this.latest.set(m.type, m);
      for (const w of [...this.waiters]) {
        if (w.type !== m.type && m.type !== 'failed') continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        if (m.type === 'failed' && w.type !== 'failed') w.reject(new Error(`${this.name}: ${(m as unknown as { message: string }).message}`));
        else w.resolve(m);
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w.reject(new Error(`${this.name} exited (${signal ?? code})`));
    });
  }

  /** Its pid. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Send a message (ignored once it exited). */
  send(m: In): void {
    if (!this.exited && this.child.connected) this.child.send(m);
  }

  /** The next message of `type` (a `failed` message rejects); register before sending what it answers. */
  next(type: string, timeoutMs: number): Promise<Out> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`${this.name}: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        type,
        resolve: (m: Out) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Ask it to exit, SIGKILL after `graceMs`; resolves once it exited. */
  async stop(exitMessage: In, graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.send(exitMessage);
    const t = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    await gone;
    clearTimeout(t);
  }
}
