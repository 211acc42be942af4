/** Spawn {@link ./master-process} and wait for its port. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** A master process started for a benchmark. */
export interface MasterProcess {
  address: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Start the master process and resolve with its address. */
export function spawnMaster(): Promise<MasterProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'master-process.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        resolve({
          address: `127.0.0.1:${m[1]}`,
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`master process exited with ${code} before listening`)));
  });
}
