/**
 * The agent's terminal sessions (agent/containerizers/exec-tty.ts) with real
 * processes: the command sees a tty of the asked size, a resize reaches it,
 * and killing the session ends every process of the terminal's session,
 * a shell's background job included.
 */
import * as fs from 'node:fs';
import { spawnOnTerminal, terminalExecSession } from '../../agent/containerizers/exec-tty';
import type { ExecSession } from '../../agent/containerizer';
import { waitFor } from '../harness/wait-for';

function running(argv: string[]): number[] {
  const want = `${argv.join('\0')}\0`;
  return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).filter((n) => {
    try {
      return fs.readFileSync(`/proc/${n}/cmdline`, 'utf8') === want;
    } catch {
      return false;
    }
  }).map(Number);
}

let session: ExecSession | undefined;
afterEach(() => session?.kill('SIGKILL'));

describe('a debug session on a terminal', () => {
  it('runs on a tty of the asked size, resizes, and takes its background jobs with it when killed', async () => {
    const mark = String(5000 + (process.pid % 1000));
    session = terminalExecSession(spawnOnTerminal('sh', [], { rows: 30, columns: 100 }, { detached: true, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PS1: '$ ' } }), 'sh', { processGroup: true });
    let out = '';
    session.stdout.on('data', (c: Buffer) => (out += c.toString()));
    session.stdin.write('echo tty=$(tty) size=$(stty size) hello-$((6*7))\n');
    await waitFor(() => /tty=\/dev\/pts\/\d+ size=30 100 hello-42/.test(out), 10_000, `the first answer (output so far: ${JSON.stringify(out)})`);
    session.resize!({ rows: 40, columns: 120 });
    // The resize runs stty on the pty; ask until the shell sees it.
    await waitFor(() => {
      session!.stdin.write('echo now=$(stty size)\n');
      return /now=40 120/.test(out);
    }, 10_000, 'the new size', 300);
    session.stdin.write(`sleep ${mark}1 & sleep ${mark}2\n`);
    await waitFor(() => running(['sleep', `${mark}1`]).length === 1 && running(['sleep', `${mark}2`]).length === 1, 10_000, 'both sleeps running');
    session.kill('SIGKILL');
    await waitFor(() => running(['sleep', `${mark}1`]).length === 0 && running(['sleep', `${mark}2`]).length === 0, 10_000, 'no sleep left after the kill');
    const exit = await session.exited;
    expect(exit.signal ?? exit.exitCode).toBeDefined();
  }, 40_000);
});
