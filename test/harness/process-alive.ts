/**
 * Whether a process is alive for a test's purposes: it exists and is not a
 * zombie (a child that exited but was not reaped yet counts as gone).
 */
import * as fs from 'node:fs';

/** True while `pid` exists and has not exited. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
