/**
 * What a `CommandInfo.uris[]` entry may be (pure, no I/O): the fetcher's
 * sources and the names it writes in the sandbox. Checked by the master at
 * ACCEPT (TASK_ERROR naming `command.uris[i].value`) and again by the agent
 * before it fetches anything.
 *
 * Sources: `http://`, `https://`, `file://` and absolute local paths. A URI
 * with any other scheme (ftp, hdfs, s3, ...) is refused: the agent has no
 * client for it, and a refusal is better than a task failing later.
 */
import type { CommandInfo } from './wire';

/** Where one URI's bytes come from. */
export type FetchSource = { kind: 'http'; url: string } | { kind: 'file'; path: string };

/** Longest URI accepted (Mesos has no limit; ours keeps one bad task from filling logs). */
export const MAX_FETCH_URI_LENGTH = 4096;

/** Most URIs in one command. */
export const MAX_FETCH_URIS = 64;

/** Longest `output_file`. */
export const MAX_OUTPUT_FILE_LENGTH = 1024;

/** The source of a URI, or what is wrong with it. */
export function fetchSource(value: string): FetchSource | { problem: string } {
  if (value.trim() === '') return { problem: 'is empty' };
  if (value !== value.trim()) return { problem: `"${value}" has white space around it` };
  if (value.length > MAX_FETCH_URI_LENGTH) return { problem: `is ${value.length} characters long (at most ${MAX_FETCH_URI_LENGTH})` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { problem: `${JSON.stringify(value)} contains a control character` };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { problem: `"${value}" is not a valid ${scheme} URL` };
    }
    if (!url.hostname) return { problem: `"${value}" names no host` };
    if (url.username || url.password) return { problem: `"${value}" carries credentials in the URL; they would be logged and shown in /state` };
    return { kind: 'http', url: url.toString() };
  }
  if (scheme === 'file') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { problem: `"${value}" is not a valid file:// URI` };
    }
    if (url.hostname && url.hostname !== 'localhost') return { problem: `"${value}" names the host "${url.hostname}"; a file:// URI must be local (file:///path)` };
    let file: string;
    try {
      file = decodeURIComponent(url.pathname);
    } catch {
      return { problem: `"${value}" has a bad %-escape in its path` };
    }
    if (file.includes('\0')) return { problem: `"${value}" has a NUL byte in its path` };
    if (file === '' || file.endsWith('/')) return { problem: `"${value}" names a folder, not a file` };
    return { kind: 'file', path: file };
  }
  if (scheme !== undefined && value.slice(scheme.length + 1).startsWith('//')) {
    return { problem: `"${value}": the scheme "${scheme}" is not supported (http://, https://, file:// or an absolute path)` };
  }
  if (!value.startsWith('/')) return { problem: `"${value}" is neither an http(s):// or file:// URI nor an absolute path` };
  if (value.endsWith('/')) return { problem: `"${value}" names a folder, not a file` };
  return { kind: 'file', path: value };
}

/**
 * What is wrong with an `output_file` (a file name relative to the sandbox,
 * folders allowed: `bin/tool`; an empty one counts as unset, as protobuf's
 * default), or undefined: not empty, not absolute, no
 * `..`, `.` or empty segment, no NUL or control characters.
 */
export function outputFileProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > MAX_OUTPUT_FILE_LENGTH) return `is ${name.length} characters long (at most ${MAX_OUTPUT_FILE_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `${JSON.stringify(name)} contains a control character`;
  if (name.startsWith('/')) return `"${name}" is absolute; it must be relative to the sandbox`;
  const segments = name.split('/');
  if (segments.includes('..')) return `"${name}" climbs out of the sandbox with ".."`;
  if (segments.some((s) => s === '' || s === '.')) return `"${name}" has an empty or "." segment`;
  return undefined;
}

/**
 * The name a URI's file takes in the sandbox: `output_file` when given
 * (non-empty), else the last segment of the URI's path, %-decoded as
 * Mesos does (`http://h/a/tool.tar.gz?x=1` → `tool.tar.gz`). A problem when
 * neither names a file (`http://h/`, a last segment of `..`).
 */
export function fetchFileName(source: FetchSource, outputFile?: string | null): { name: string } | { problem: string } {
  if (outputFile) {
    const problem = outputFileProblem(outputFile);
    return problem ? { problem } : { name: outputFile };
  }
  let last: string;
  if (source.kind === 'file') {
    last = source.path.split('/').pop() ?? '';
  } else {
    const raw = new URL(source.url).pathname.split('/').pop() ?? '';
    try {
      last = decodeURIComponent(raw);
    } catch {
      return { problem: `the last segment "${raw}" of its path has a bad %-escape; give output_file` };
    }
  }
  if (last === '' || last === '.' || last === '..' || last.includes('/') || outputFileProblem(last)) {
    return { problem: `its path ends in no usable file name ("${last}"); give output_file` };
  }
  return { name: last };
}

/**
 * The first problem with a command's URIs, naming the field
 * (`task.command.uris[1].value: ...`), or undefined. `prefix` is what comes
 * before `command` (`task.`, `executor.`, or `''` at the master).
 */
export function commandUrisProblem(command: CommandInfo | null | undefined, prefix = 'task.'): string | undefined {
  const uris = command?.uris ?? [];
  if (uris.length > MAX_FETCH_URIS) return `${prefix}command.uris: ${uris.length} URIs (at most ${MAX_FETCH_URIS})`;
  const files = new Map<string, number>();
  for (let i = 0; i < uris.length; i++) {
    const field = `${prefix}command.uris[${i}]`;
    const source = fetchSource(uris[i]?.value ?? '');
    if ('problem' in source) return `${field}.value: ${source.problem}`;
    const output = uris[i].output_file;
    const named = fetchFileName(source, output);
    if ('problem' in named) return output ? `${field}.output_file: ${named.problem}` : `${field}.value: ${named.problem}`;
    const earlier = files.get(named.name);
    if (earlier !== undefined) return `${field}: its file "${named.name}" is also the file of ${prefix}command.uris[${earlier}]; give output_file`;
    files.set(named.name, i);
  }
  return undefined;
}
