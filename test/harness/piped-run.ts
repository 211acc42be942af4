/**
 * Run a Node CLI script with its stdout a pipe nobody reads for a while, then
 * read everything, or only `limit` bytes and close the pipe as `head -c`
 * does: how a piped `--json` verb must behave (its whole output, or a quiet
 * end when the reader goes away).
 */
import { spawn } from 'node:child_process';

/** What the piped run gave: its exit code, the bytes read and its stderr. */
export interface PipedRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `node script ...args`, stdout left unread for `holdMs`, then read whole or up to `limit` bytes. */
export function runPiped(script: string, args: string[], holdMs: number, limit?: number): Promise<PipedRun> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  const chunks: Buffer[] = [];
  let stderr = '';
  let got = 0;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  setTimeout(() => {
    child.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      got += d.length;
      if (limit !== undefined && got >= limit) child.stdout.destroy();
    });
    child.stdout.resume();
  }, holdMs);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr })));
}
