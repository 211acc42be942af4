/**
 * Reading the exit status runtimes report (pure): runc and Docker give
 * 128+N when signal N ended the container's process.
 */
import * as os from 'node:os';

const NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(os.constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** The signal a `128+N` status stands for (SIGKILL for 137), or undefined for an ordinary exit code. */
export function signalFromStatus(status: number | null | undefined): NodeJS.Signals | undefined {
  if (status === null || status === undefined || status <= 128 || status > 128 + 64) return undefined;
  return NAMES.get(status - 128);
}
