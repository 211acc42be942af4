/**
 * The pure rules of container log rotation (as Mesos's
 * LogrotateContainerLogger): a task's `stdout` grows to at most
 * `maxBytes`, then becomes `stdout.1` (`stdout.1` becomes `stdout.2`, …) and
 * a new `stdout` starts; `maxFiles` files are kept in all (`stdout` and
 * `stdout.1` … `stdout.<maxFiles − 1>`), the oldest dropped. No I/O.
 */

/** Smallest `--container-logger-max-size` taken (a rotation per few lines is a mistake, not a setting). */
export const MIN_ROTATE_BYTES = 1024;

/** How a log is rotated. */
export interface LogRotation {
  /** `--container-logger-max-size`: the size at which `stdout`/`stderr` is rotated. */
  maxBytes: number;
  /** `--container-logger-max-files`: files kept per stream, the current one included (≥ 2). */
  maxFiles: number;
}

/** Problems with the rotation flags, naming the flag, or undefined. */
export function logRotationProblem(rotation: LogRotation): string | undefined {
  if (!Number.isSafeInteger(rotation.maxBytes) || rotation.maxBytes < MIN_ROTATE_BYTES) {
    return `--container-logger-max-size: ${rotation.maxBytes} bytes is below the ${MIN_ROTATE_BYTES} bytes taken (e.g. 10MB)`;
  }
  if (!Number.isSafeInteger(rotation.maxFiles) || rotation.maxFiles < 2) {
    return `--container-logger-max-files: ${rotation.maxFiles} must be a whole number of at least 2 (the current file and one rotated)`;
  }
  return undefined;
}

/** The files of a rotated stream, newest first: `stdout`, `stdout.1`, … `stdout.<maxFiles − 1>`. */
export function rotatedNames(base: string, maxFiles: number): string[] {
  return Array.from({ length: maxFiles }, (_, i) => (i === 0 ? base : `${base}.${i}`));
}

/**
 * The renames of one rotation, in the order they must run so that no file
 * is overwritten before it moved: the oldest kept name is replaced by the
 * one before it (dropping the oldest), …, `base` → `base.1`.
 */
export function rotationRenames(base: string, maxFiles: number): Array<[from: string, to: string]> {
  const names = rotatedNames(base, maxFiles);
  const out: Array<[string, string]> = [];
  for (let i = names.length - 1; i >= 1; i--) out.push([names[i - 1], names[i]]);
  return out;
}

/**
 * How many bytes of `chunk` go into the current file before it is rotated,
 * given `size` bytes already in it: all of it when it fits; else up to the
 * last newline that fits (lines stay whole), else as many as fit. Returns
 * the whole chunk length when it fits, 0 when the file is full (rotate first).
 */
export function bytesBeforeRotation(size: number, chunk: Uint8Array, maxBytes: number): number {
  const room = maxBytes - size;
  if (chunk.length <= room) return chunk.length;
  if (room <= 0) return 0;
  for (let i = room - 1; i >= 0; i--) if (chunk[i] === 0x0a) return i + 1;
  return size === 0 ? room : 0; // a line longer than what is left starts the next file, unless the file is empty
}
