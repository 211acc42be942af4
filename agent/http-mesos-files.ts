/**
 * The agent's `/files/browse`, `/files/read` and `/files/download` as Mesos
 * serves them: Mesos's virtual sandbox paths
 * (`/frameworks/<f>/executors/<e>/runs/latest/…`) and absolute `directory`
 * paths beside our own relative ones; browse entries with `uid`/`gid` as
 * names and, for a path in Mesos's forms, `path` as the requested folder
 * joined with the entry's name; download as the file's bytes with
 * `Content-Disposition`. Every read stays confined to the sandboxes and
 * refuses secret files (`sandbox-files.ts`).
 */
import type * as http from 'node:http';
import { browseListing, FilesError, openForDownload, readFile } from './sandbox-files';
import { executorIdOf } from './mesos-agent-state';
import { type ExecutorRuns, type ExecutorTaskLookup, isMesosPathForm, latestRunFolder, mesosEntryPath, newestRun, resolveVirtualPath } from './mesos-files-paths';
import { loadOwnerNames } from './file-owners';
import type { AgentSnapshot } from './agent';

/** What the files endpoints read. */
export interface FilesSource {
  snapshot(): AgentSnapshot;
  workDir: string;
  /** True for a secret file (its path under the sandboxes folder). */
  isSecretFile(pathUnderSandboxes: string): boolean;
}

/**
 * Where an executor's runs are, for virtual paths: the executor's own
 * sandbox when a task the agent knows names it as its executor, else the
 * sandbox of the (newest) task whose command executor it is.
 */
export function executorTaskLookup(snapshot: Pick<AgentSnapshot, 'tasks' | 'completedTasks' | 'executors'>): ExecutorTaskLookup {
  return (frameworkId, executorId) => {
    const running = snapshot.executors?.find((e) => e.frameworkId === frameworkId && e.executorId === executorId);
    if (running) return { custom: true, latestRun: running.containerId };
    let found: ExecutorRuns;
    for (const t of [...snapshot.completedTasks, ...snapshot.tasks]) {
      if (t.frameworkId !== frameworkId || executorIdOf(t) !== executorId) continue;
      found = t.executorId ? { custom: true } : { taskId: t.taskId };
    }
    return found;
  };
}

/** `path` from the query: one value, required. */
function pathParam(url: URL): string {
  const values = url.searchParams.getAll('path');
  if (values.length === 0 || values[0] === '') throw new FilesError(400, "path: required (expecting 'path=value' in the query)");
  if (values.length > 1) throw new FilesError(400, `path: given ${values.length} times`);
  return values[0];
}

/** The requested path in our form; a custom executor's `runs/latest` becomes its newest run. */
async function ourPath(source: FilesSource, requested: string): Promise<string> {
  const resolved = resolveVirtualPath(requested, executorTaskLookup(source.snapshot()));
  const latest = latestRunFolder(resolved);
  if (!latest) return resolved;
  let listing: Awaited<ReturnType<typeof browseListing>>;
  try {
    listing = await browseListing(source.workDir, latest.runs);
  } catch {
    return resolved; // no runs folder: the confined open of the path itself says why
  }
  if (listing.entries.some((e) => e.name === 'latest')) return resolved;
  const run = newestRun(listing.entries);
  return run ? [latest.runs, run, ...latest.rest].join('/') : resolved;
}

/** `/files/browse?path=`: the listing (Mesos's fields and ours). */
export async function browseFiles(source: FilesSource, url: URL): Promise<unknown[]> {
  const requested = pathParam(url);
  const { isFile, entries } = await browseListing(source.workDir, await ourPath(source, requested));
  const owners = await loadOwnerNames();
  const mesosForm = isMesosPathForm(requested);
  return entries.map((e) => ({
    ...e,
    path: mesosForm ? mesosEntryPath(requested, e.name, isFile) : e.path,
    uid: owners.user(e.uid),
    gid: owners.group(e.gid),
  }));
}

/** `/files/read?path=&offset=&length=`: `{data, offset}`; `offset=-1` gives the size. */
export async function readFiles(source: FilesSource, url: URL): Promise<{ data: string; offset: number }> {
  const requested = pathParam(url);
  return readFile(source.workDir, await ourPath(source, requested), url.searchParams.get('offset'), url.searchParams.get('length'), {
    isSecretFile: (file) => source.isSecretFile(file),
  });
}

/** `/files/download?path=`: the file's bytes, streamed, as an attachment named after it. */
export async function downloadFile(source: FilesSource, url: URL, res: http.ServerResponse, head: boolean): Promise<void> {
  const requested = pathParam(url);
  const file = await openForDownload(source.workDir, await ourPath(source, requested), { isSecretFile: (f) => source.isSecretFile(f) });
  try {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': file.size,
      'content-disposition': `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
    });
    if (head) {
      res.end();
      return;
    }
    // Exactly the size seen at open: a file growing meanwhile does not overrun Content-Length.
    const stream = file.handle.createReadStream({ start: 0, end: Math.max(0, file.size - 1), autoClose: false });
    if (file.size === 0) stream.destroy();
    await new Promise<void>((resolve, reject) => {
      if (file.size === 0) return resolve();
      stream.on('error', reject);
      stream.on('end', resolve);
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res, { end: false });
    });
    res.end();
  } finally {
    await file.handle.close();
  }
}
