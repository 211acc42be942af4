/**
 * Requests the pages make besides the event stream: a task's full record
 * and its sandbox files (through the master's proxy to the agent), an
 * agent's cached registry images (the master asks the agent).
 */
import type { UiAgentStorage, UiFileChunk, UiFileEntry, UiRoleTree, UiTaskDetail } from '../../http-ui-types';
import type { AgentImages } from '../../agent-images';
import type { RelayedSeries } from '../../usage-series-shape';
import type { ClusterUsagePoint } from '../../cluster-usage';

/** A refused or failed request, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET a JSON document; throws {@link ApiError} with the server's `error` text. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `the master did not answer (${(e as Error).message})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(response.status, `${response.status} ${response.statusText}: not JSON`);
  }
  if (!response.ok) {
    const message = (body as { error?: string })?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

const enc = encodeURIComponent;

/** The master's UI endpoints. */
export const api = {
  /** A task with its TaskInfo, status history and sandbox path. */
  taskDetail: (frameworkId: string, taskId: string, signal?: AbortSignal): Promise<UiTaskDetail> =>
    getJson(`api/v1/tasks/${enc(frameworkId)}/${enc(taskId)}`, signal),
  /** The role tree with weights, quotas, allocated and reserved amounts. */
  roles: (signal?: AbortSignal): Promise<UiRoleTree> => getJson('api/v1/roles', signal),
  /** An agent's reservations and persistent volumes. */
  agentStorage: (agentId: string, signal?: AbortSignal): Promise<UiAgentStorage> => getJson(`api/v1/agents/${enc(agentId)}/storage`, signal),
  /** The registry images and layers an agent keeps in its layer store. */
  images: (agentId: string, signal?: AbortSignal): Promise<AgentImages> => getJson(`api/v1/agents/${enc(agentId)}/images`, signal),
  /** A task's usage over the last hour (the master asks its agent). */
  taskUsage: (frameworkId: string, taskId: string, signal?: AbortSignal): Promise<RelayedSeries> =>
    getJson(`api/v1/usage/tasks/${enc(frameworkId)}/${enc(taskId)}`, signal),
  /** An agent's own usage over the last hour. */
  agentUsage: (agentId: string, signal?: AbortSignal): Promise<RelayedSeries> => getJson(`api/v1/usage/agents/${enc(agentId)}`, signal),
  /** The cluster's series (allocation, usage, task rates, pending) over the last hour. */
  clusterUsage: (signal?: AbortSignal): Promise<{ interval_seconds: number; points: ClusterUsagePoint[] }> => getJson('api/v1/usage/cluster', signal),
  /** A sandbox directory listing on an agent. */
  browse: (agentId: string, path: string, signal?: AbortSignal): Promise<UiFileEntry[]> =>
    getJson(`api/v1/agents/${enc(agentId)}/files/browse?path=${enc(path)}`, signal),
  /** Part of a sandbox file; offset -1 gives the size as offset and no data. */
  read: (agentId: string, path: string, offset: number, length?: number, signal?: AbortSignal): Promise<UiFileChunk> =>
    getJson(
      `api/v1/agents/${enc(agentId)}/files/read?path=${enc(path)}&offset=${offset}${length !== undefined ? `&length=${length}` : ''}`,
      signal,
    ),
};
