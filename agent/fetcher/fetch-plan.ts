/**
 * A command's URIs as fetch steps (pure, no I/O): where each comes from,
 * the file it becomes in the sandbox, whether it is made executable,
 * unpacked (and how, from its name) or taken through the agent's cache.
 * The checks are the ones the master already made at ACCEPT
 * (`@meseta/proto/fetch-uri`); the agent makes them again so bad input
 * from anywhere is a refusal naming the field, never a crash.
 */
import type { CommandInfo } from '@meseta/proto/wire';
import { commandUrisProblem, fetchFileName, fetchSource, type FetchSource } from '@meseta/proto/fetch-uri';

/** How a fetched file is unpacked into the sandbox. */
export type ArchiveKind = 'tar' | 'zip' | 'gzip';

/** One URI to fetch. */
export interface FetchStep {
  /** Its index in `command.uris`, for messages. */
  index: number;
  /** The URI as the framework gave it. */
  uri: string;
  source: FetchSource;
  /** Where it lands, relative to the sandbox (`output_file` or the URI's last path segment). */
  file: string;
  /** Mode 0755 (and then never unpacked, as Mesos). */
  executable: boolean;
  /** Unpack into the sandbox after fetching (`extract`, default true, and an archive name). */
  archive?: ArchiveKind;
  /** Through the agent-wide cache (`cache`, when the agent has one). */
  cache: boolean;
}

/** The steps, or the first problem (naming `<prefix>command.uris[i]...`). */
export type FetchPlan = { steps: FetchStep[] } | { problem: string };

const TAR_SUFFIXES = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz2', '.tar.xz', '.txz'];

/**
 * The archive kind of a file name, by its extension (case-insensitive):
 * .tar/.tar.gz/.tgz/.tar.bz2/.tbz2/.tar.xz/.txz → tar, .zip → zip, any
 * other .gz → gzip (one file); undefined for anything else.
 */
export function archiveKind(name: string): ArchiveKind | undefined {
  const lower = name.toLowerCase();
  if (TAR_SUFFIXES.some((s) => lower.endsWith(s))) return 'tar';
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.gz') && lower.length > 3) return 'gzip';
  return undefined;
}

/** The file a `.gz` becomes (`data.csv.gz` → `data.csv`). */
export function gunzippedName(file: string): string {
  return file.replace(/\.gz$/i, '');
}

/**
 * Plan the fetch of a command's URIs. `cacheEnabled` false (no cache on
 * this agent) fetches `cache: true` URIs directly, as Mesos does when its
 * cache cannot be used.
 */
export function planFetch(command: CommandInfo | null | undefined, options: { prefix?: string; cacheEnabled: boolean }): FetchPlan {
  const prefix = options.prefix ?? 'task.';
  const problem = commandUrisProblem(command, prefix);
  if (problem) return { problem };
  const steps: FetchStep[] = [];
  for (const [index, uri] of (command?.uris ?? []).entries()) {
    const value = uri.value ?? '';
    const source = fetchSource(value);
    const named = 'problem' in source ? source : fetchFileName(source, uri.output_file);
    if ('problem' in source || 'problem' in named) return { problem: `${prefix}command.uris[${index}]: ${(named as { problem: string }).problem}` }; // not reached: checked above
    const executable = uri.executable === true;
    const extract = uri.extract !== false;
    const archive = !executable && extract ? archiveKind(named.name) : undefined;
    const step: FetchStep = { index, uri: value, source, file: named.name, executable, cache: uri.cache === true && options.cacheEnabled };
    if (archive) step.archive = archive;
    steps.push(step);
  }
  return { steps };
}
