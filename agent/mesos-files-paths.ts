/**
 * Mesos's virtual sandbox paths on the agent's `/files/*` endpoints:
 * `/frameworks/<framework>/executors/<executor>/runs/<run or latest>[/…]`
 * names an executor's sandbox whatever the agent's work dir, as Mesos's
 * agent attaches it. A task without an executor of its own runs under a
 * command executor whose id is the task id (as Mesos's command executor);
 * its sandbox is ours, `frameworks/<framework>/tasks/<task>/runs/<container>`.
 * A custom executor's sandbox is already in Mesos's layout,
 * `frameworks/<framework>/executors/<executor>/runs/<container>`, without a
 * `latest` link: the newest run stands in for it.
 *
 * Pure: the caller says where an executor's runs are. The result is a path
 * in our own form, still confined and checked by `sandbox-files.ts` (`..`
 * and links leading out are refused there).
 */

/** The parts of a Mesos virtual sandbox path, or undefined for any other path. */
export function parseVirtualPath(requested: string): { frameworkId: string; executorId: string; rest: string[] } | undefined {
  const m = /^\/frameworks\/([^/]+)\/executors\/([^/]+)(\/.*)?$/.exec(requested);
  if (!m) return undefined;
  return { frameworkId: m[1], executorId: m[2], rest: (m[3] ?? '').split('/').filter((s) => s !== '') };
}

/**
 * Where an executor's runs are: a task's sandbox (`{ taskId }`: a command
 * executor, named after its task), the executor's own sandbox
 * (`{ custom: true }`, with its current run's container id when the agent
 * runs it), or undefined when the agent does not know it (taken as a
 * command executor).
 */
export type ExecutorRuns = { taskId: string } | { custom: true; latestRun?: string } | undefined;

/** Finds where an executor's runs are. */
export type ExecutorTaskLookup = (frameworkId: string, executorId: string) => ExecutorRuns;

/**
 * The path in our form (relative to the work dir) for a Mesos virtual path;
 * any other path is returned as given. A custom executor's `runs/latest`
 * is left for the caller to put the newest run in ({@link latestRunFolder}).
 */
export function resolveVirtualPath(requested: string, executorTask: ExecutorTaskLookup): string {
  const parts = parseVirtualPath(requested);
  if (!parts) return requested;
  const runs = executorTask(parts.frameworkId, parts.executorId);
  // Joined as text, not normalised: a `..` stays for the confined open to refuse.
  if (runs && 'custom' in runs) {
    const rest = [...parts.rest];
    // Its current run, when the agent knows it; else the caller takes the newest run on disk.
    if (runs.latestRun && rest[0] === 'runs' && rest[1] === 'latest') rest[1] = runs.latestRun;
    return ['frameworks', parts.frameworkId, 'executors', parts.executorId, ...rest].join('/');
  }
  return ['frameworks', parts.frameworkId, 'tasks', runs?.taskId ?? parts.executorId, ...parts.rest].join('/');
}

/**
 * For a resolved path through a custom executor's `runs/latest`: its runs
 * folder and what follows `latest`. Undefined for any other path.
 */
export function latestRunFolder(resolved: string): { runs: string; rest: string[] } | undefined {
  const segments = resolved.split('/');
  if (segments[0] !== 'frameworks' || segments[2] !== 'executors' || segments[4] !== 'runs' || segments[5] !== 'latest') return undefined;
  return { runs: segments.slice(0, 5).join('/'), rest: segments.slice(6) };
}

/** The newest run among a runs folder's entries (folders only, by modification time, then name; `latest` itself skipped). */
export function newestRun(entries: ReadonlyArray<{ name: string; is_dir: boolean; mtime: number }>): string | undefined {
  let best: { name: string; mtime: number } | undefined;
  for (const e of entries) {
    if (!e.is_dir || e.name === 'latest') continue;
    if (!best || e.mtime > best.mtime || (e.mtime === best.mtime && e.name > best.name)) best = e;
  }
  return best?.name;
}

/** True when a request path is in Mesos's forms (virtual or absolute): listings then name entries under it, as Mesos does. */
export function isMesosPathForm(requested: string): boolean {
  return requested.startsWith('/');
}

/** An entry's path as Mesos's browse gives it: the requested folder joined with the entry's name (a file: the request itself). */
export function mesosEntryPath(requested: string, name: string, requestedIsFile: boolean): string {
  if (requestedIsFile) return requested;
  const base = requested.replace(/\/+$/, '');
  return `${base}/${name}`;
}
