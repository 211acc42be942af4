/**
 * Reading the master's state from tests over its HTTP endpoints, the way a
 * browser or curl would.
 */
import * as http from 'node:http';
import { waitFor } from './wait-for';

/** A resource in the JSON state. */
export interface ResourceJson {
  name: string;
  type?: string;
  scalar?: { value: number };
  ranges?: { range: Array<{ begin: number; end: number }> };
  set?: { item: string[] };
  reservations?: Array<{ role?: string }>;
}

/** A task in the JSON state. */
export interface TaskJson {
  name?: string;
  task_id: { value: string };
  framework_id?: { value: string };
  agent_id?: { value: string };
  state?: string;
  resources?: ResourceJson[];
  statuses?: Array<{ state?: string; message?: string; reason?: string; exit_code?: number; timestamp?: number }>;
  [field: string]: unknown;
}

/** An agent in the JSON state. */
export interface AgentJson {
  agent_info: { id?: { value: string }; hostname?: string; port?: number; resources?: ResourceJson[]; attributes?: unknown[] };
  status?: string;
  total_resources?: ResourceJson[];
  allocated_resources?: ResourceJson[];
  offered_resources?: ResourceJson[];
  [field: string]: unknown;
}

/** A framework in the JSON state. */
export interface FrameworkJson {
  framework_info: { id?: { value: string }; name?: string; roles?: string[]; role?: string; [field: string]: unknown };
  active?: boolean;
  connected?: boolean;
  allocated_resources?: ResourceJson[];
  offered_resources?: ResourceJson[];
  dominant_share?: number;
  [field: string]: unknown;
}

/** GET /state: the ClusterState as Mesos-style JSON (fields absent when empty). */
export interface StateJson {
  master_info?: { id?: string; hostname?: string; port?: number; [field: string]: unknown };
  agents?: AgentJson[];
  frameworks?: FrameworkJson[];
  completed_frameworks?: FrameworkJson[];
  tasks?: TaskJson[];
  completed_tasks?: TaskJson[];
  offers?: unknown[];
  roles?: unknown[];
  [field: string]: unknown;
}

/** An HTTP answer. */
export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET `http://ADDRESS/PATH` with a timeout. */
export function httpGet(address: string, urlPath: string, timeoutMs = 5000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = http.get(`http://${address}${urlPath}`, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET http://${address}${urlPath} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** The master's state from GET /state; throws on a non-200 answer. */
export async function getState(masterAddress: string): Promise<StateJson> {
  const result = await httpGet(masterAddress, '/state');
  if (result.status !== 200) throw new Error(`GET /state answered ${result.status}: ${result.body.slice(0, 200)}`);
  return JSON.parse(result.body) as StateJson;
}

/** Every task the state holds, running and completed. */
export function allTasks(state: StateJson): TaskJson[] {
  return [...(state.tasks ?? []), ...(state.completed_tasks ?? [])];
}

/**
 * Wait (up to `timeoutMs`) until the master's `/state` holds a task called
 * `name`, running or completed, for which `where` holds; resolves with it.
 */
export async function waitForTaskNamed(masterAddress: string, name: string, where: (t: TaskJson) => boolean = () => true, timeoutMs = 60_000): Promise<TaskJson> {
  let found: TaskJson | undefined;
  await waitFor(async () => {
    found = allTasks(await getState(masterAddress)).find((t) => t.name === name && where(t));
    return found !== undefined;
  }, timeoutMs, `task ${name}`);
  return found!;
}

/** The task with id `taskId`, running or completed, or undefined. */
export function findTask(state: StateJson, taskId: string): TaskJson | undefined {
  return allTasks(state).find((t) => t.task_id.value === taskId);
}

/** Agents the master counts as ACTIVE (status absent means ACTIVE, the enum's zero value). */
export function activeAgents(state: StateJson): AgentJson[] {
  return (state.agents ?? []).filter((a) => a.status === undefined || a.status === 'ACTIVE');
}

/** The master's unlabelled counters and gauges from GET /metrics (Prometheus text), by name. */
export async function getMetrics(masterAddress: string): Promise<Map<string, number>> {
  const result = await httpGet(masterAddress, '/metrics');
  if (result.status !== 200) throw new Error(`GET /metrics answered ${result.status}: ${result.body.slice(0, 200)}`);
  const metrics = new Map<string, number>();
  for (const line of result.body.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) (\S+)$/.exec(line);
    if (match) metrics.set(match[1], Number(match[2]));
  }
  return metrics;
}

/** One counter from GET /metrics; throws when the master does not export it. */
export async function getCounter(masterAddress: string, name: string): Promise<number> {
  const value = (await getMetrics(masterAddress)).get(name);
  if (value === undefined) throw new Error(`the master exports no metric ${name}`);
  return value;
}
