/**
 * Mesos's virtual sandbox paths on the agent's `/files/*` endpoints:
 * `/frameworks/<framework>/executors/<executor>/runs/<run or latest>[/…]`
 * names an executor's sandbox whatever the agent's work dir, as Mesos's
 * agent attaches it. Ours live at
 * `frameworks/<framework>/tasks/<task>/runs/<container>`; a task without
 * an executor of its own runs under a command executor whose id is the task
 * id (as Mesos's command executor), so the executor id names the task.
 *
 * Pure: the caller says which task's sandbox holds an executor's runs. The
 * result is a path in our own form, still confined and checked by
 * `sandbox-files.ts` (`..` and links leading out are refused there).
 */
/** The parts of a Mesos virtual sandbox path, or undefined for any other path. */
export function parseVirtualPath(requested: string): { frameworkId: string; executorId: string; rest: string[] } | undefined {
  const m = /^\/frameworks\/([^/]+)\/executors\/([^/]+)(\/.*)?$/.exec(requested);
  if (!m) return undefined;
  return { frameworkId: m[1], executorId: m[2], rest: (m[3] ?? '').split('/').filter((s) => s !== '') };
}

/** Finds the task whose sandbox holds an executor's runs (undefined: the executor id is the task id). */
export type ExecutorTaskLookup = (frameworkId: string, executorId: string) => string | undefined;

/**
 * The path in our form (`frameworks/<f>/tasks/<t>/runs/…`, relative to the
 * work dir) for a Mesos virtual path; any other path is returned as given.
 */
export function resolveVirtualPath(requested: string, executorTask: ExecutorTaskLookup): string {
  const parts = parseVirtualPath(requested);
  if (!parts) return requested;
  const taskId = executorTask(parts.frameworkId, parts.executorId) ?? parts.executorId;
  // Joined as text, not normalised: a `..` stays for the confined open to refuse.
  return ['frameworks', parts.frameworkId, 'tasks', taskId, ...parts.rest].join('/');
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
