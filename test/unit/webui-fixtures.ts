/** Rows of the web UI's wire model for unit tables, with every field filled. */
import type { UiAgent, UiDecline, UiFramework, UiOffer, UiOffers, UiSnapshot, UiSummary, UiTask, UiTaskChunk } from '../../master/http-ui-types';
import type { ClusterStore } from '../../master/webui/src/model/store';
import { packTasks } from '../../master/http-ui-pack';

/** An agent row; fields can be overridden. */
export function agentRow(id: string, over: Partial<UiAgent> = {}): UiAgent {
  return {
    id, hostname: `host-${id}`, port: 5051, status: 'ACTIVE', version: '0.1.0', registered_time: 1000,
    total: { cpus: 4, mem: 4096, disk: 10000 }, allocated: {}, offered: {}, resources_text: 'cpus:4;mem:4096;disk:10000',
    attributes: {}, task_count: 0, ...over,
  };
}

/** A framework row. */
export function frameworkRow(id: string, over: Partial<UiFramework> = {}): UiFramework {
  return {
    id, name: `fw-${id}`, user: 'root', hostname: 'h', principal: '', webui_url: '', roles: ['*'], capabilities: [],
    active: true, connected: true, recovered: false, suppressed: false, completed: false, registered_time: 1000,
    failover_timeout: 0, allocated: {}, offered: {}, dominant_share: 0, task_count: 0, offer_count: 0, declines: [], ...over,
  };
}

/** A task row. */
export function taskRow(frameworkId: string, id: string, over: Partial<UiTask> = {}): UiTask {
  return {
    id, name: id, framework_id: frameworkId, agent_id: 'a1', state: 'TASK_RUNNING', resources: { cpus: 1, mem: 128 },
    container: '', executor_id: '', started: 1000, updated: 1001, message: '', reason: '', completed: false, ...over,
  };
}

/** A decline with refusals `[resource, asked, available, taskId]`. */
export function declineRow(timestamp: number, refusals: Array<[string, number, number, string?]>, agentId = 'a1'): UiDecline {
  return {
    offer_id: `o-${timestamp}`, agent_id: agentId, timestamp, refuse_seconds: 5,
    refusals: refusals.map(([resource, requested, available, task]) => ({
      resource, requested, available, message: `${resource}: asked ${requested}, largest offer ${available}`, task_id: task,
    })),
  };
}

/** A summary at master time `now`. */
export function summaryRow(now: number): UiSummary {
  return {
    master_id: 'm', hostname: '127.0.0.1', port: 5050, version: '0.1.0', leader: '127.0.0.1:5050',
    start_time: 900, elected_time: 900, server_time: now, counters: {}, tasks: { live: 0, completed: 0, by_state: {} }, offers: 0,
    agents: { by_status: {}, total: {}, allocated: {}, offered: {} },
  };
}

/** What the stream sends first: a snapshot, its offers, then its task rows packed in one chunk. */
export function snapshotOf(
  rows: Partial<Omit<UiSnapshot, 'task_count'>> & { tasks?: UiTask[]; offers?: UiOffer[] },
  now = 2000,
): { snapshot: UiSnapshot; offers: UiOffers; chunk: UiTaskChunk } {
  const { tasks = [], offers = [], ...rest } = rows;
  return {
    snapshot: { summary: summaryRow(now), agents: [], frameworks: [], roles: [], events: [], ...rest, task_count: tasks.length },
    offers: { offers },
    chunk: { tasks: packTasks(tasks, now), remaining: 0 },
  };
}

/** Load a store as the stream would: snapshot, offers, then the task chunk. */
export function load(store: ClusterStore, rows: Parameters<typeof snapshotOf>[0], localMs?: number): void {
  const { snapshot, offers, chunk } = snapshotOf(rows);
  store.applySnapshot(snapshot, localMs);
  store.applyOffers(offers);
  if (snapshot.task_count > 0) store.applyTaskChunk(chunk);
}
