/**
 * What the web UI's terminal sends (`POST /api/v1/exec` to open a session,
 * `POST /api/v1/exec/<session>/input` for keys, resizes and signals),
 * checked. Pure; a refusal names the field and the problem.
 */

/** A checked session start. */
export interface UiExecStart {
  frameworkId: string;
  taskId: string;
  /** argv. @default ['sh'] */
  command: string[];
  rows: number;
  columns: number;
}

/** A checked input message. */
export interface UiExecInput {
  /** Typed bytes. */
  data?: Buffer;
  resize?: { rows: number; columns: number };
  /** Signal number for the command (2: SIGINT). */
  signal?: number;
  /** End the session (the command is killed). */
  close?: boolean;
}

/** A request the terminal cannot be opened or fed with; `field` is the one at fault. */
export class UiExecInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'UiExecInputError';
  }
}

/** Largest terminal side accepted. */
export const MAX_CELLS = 1000;
/** Most argv words, and longest word. */
const MAX_ARGS = 64;
const MAX_ARG_LENGTH = 4096;
/** Most typed bytes in one input message (a paste is split by the page). */
export const MAX_INPUT_BYTES = 65_536;

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UiExecInputError('body', 'must be a JSON object');
  return body as Record<string, unknown>;
}

function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(body)) if (!allowed.includes(k)) throw new UiExecInputError(k.slice(0, 64), `unknown field (allowed: ${allowed.join(', ')})`);
}

function id(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null || v === '') throw new UiExecInputError(field, 'required, a non-empty string');
  if (typeof v !== 'string') throw new UiExecInputError(field, `must be a string, not ${typeof v}`);
  if (v.length > 512) throw new UiExecInputError(field, 'longer than 512 characters');
  return v;
}

function cells(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_CELLS) throw new UiExecInputError(field, `must be a whole number from 1 to ${MAX_CELLS} (got ${JSON.stringify(v)})`);
  return v;
}

/** Check the body of `POST /api/v1/exec`. @throws UiExecInputError */
export function parseExecStart(body: unknown): UiExecStart {
  const b = object(body);
  onlyFields(b, ['framework_id', 'task_id', 'command', 'rows', 'columns']);
  let command = ['sh'];
  if (b.command !== undefined) {
    if (!Array.isArray(b.command) || b.command.length === 0) throw new UiExecInputError('command', 'must be a non-empty list of strings (argv)');
    if (b.command.length > MAX_ARGS) throw new UiExecInputError('command', `more than ${MAX_ARGS} words`);
    b.command.forEach((w, i) => {
      if (typeof w !== 'string' || (i === 0 && w === '')) throw new UiExecInputError(`command[${i}]`, i === 0 ? 'required, the program to run' : 'must be a string');
      if (w.length > MAX_ARG_LENGTH) throw new UiExecInputError(`command[${i}]`, `longer than ${MAX_ARG_LENGTH} characters`);
    });
    command = b.command as string[];
  }
  return { frameworkId: id(b, 'framework_id'), taskId: id(b, 'task_id'), command, rows: cells(b.rows, 'rows'), columns: cells(b.columns, 'columns') };
}

/** Check the body of `POST /api/v1/exec/<session>/input`. @throws UiExecInputError */
export function parseExecInput(body: unknown): UiExecInput {
  const b = object(body);
  onlyFields(b, ['data', 'resize', 'signal', 'close']);
  const out: UiExecInput = {};
  if (b.data !== undefined) {
    if (typeof b.data !== 'string') throw new UiExecInputError('data', 'must be a string (what was typed)');
    const data = Buffer.from(b.data, 'utf8');
    if (data.length > MAX_INPUT_BYTES) throw new UiExecInputError('data', `longer than ${MAX_INPUT_BYTES} bytes; send it in parts`);
    out.data = data;
  }
  if (b.resize !== undefined) {
    const r = b.resize as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new UiExecInputError('resize', 'must be {"rows": N, "columns": N}');
    out.resize = { rows: cells(r.rows, 'resize.rows'), columns: cells(r.columns, 'resize.columns') };
  }
  if (b.signal !== undefined) {
    if (typeof b.signal !== 'number' || !Number.isInteger(b.signal) || b.signal < 1 || b.signal > 64) throw new UiExecInputError('signal', `must be a signal number from 1 to 64 (got ${JSON.stringify(b.signal)})`);
    out.signal = b.signal;
  }
  if (b.close !== undefined) {
    if (typeof b.close !== 'boolean') throw new UiExecInputError('close', 'must be true or false');
    out.close = b.close;
  }
  if (Object.keys(out).length === 0) throw new UiExecInputError('body', 'empty: send data, resize, signal or close');
  return out;
}
