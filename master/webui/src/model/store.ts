/**
 * The browser's copy of the cluster, kept current from the master's event
 * stream: a snapshot replaces everything, a delta upserts and removes rows.
 * Each collection has a version that changes when it changes, so views
 * recompute only what they read. Pure (no DOM), unit-tested.
 */
import type {
  UiAgent, UiAgentChunk, UiDelta, UiEvent, UiFramework, UiOffer, UiOffers, UiRole, UiSnapshot, UiSummary, UiTask, UiTaskChunk,
} from '../../../http-ui-types';
import { unpackTasks } from '../../../http-ui-pack';

/** Completed tasks kept per framework (the master keeps as many). */
export const COMPLETED_TASKS_PER_FRAMEWORK = 1000;
/** Recent events kept. */
export const EVENTS_KEPT = 100;

/** The key of a task: framework id and task id (task ids are unique per framework). */
export function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u001f${taskId}`;
}

/** Versions of each collection; a number changes when its collection changed. */
export interface StoreVersions {
  summary: number;
  agents: number;
  frameworks: number;
  tasks: number;
  offers: number;
  roles: number;
  events: number;
}

/** The cluster as the UI knows it. */
export class ClusterStore {
  summary: UiSummary | undefined;
  readonly agents = new Map<string, UiAgent>();
  readonly frameworks = new Map<string, UiFramework>();
  /** Live and completed tasks by {@link taskKey}. */
  readonly tasks = new Map<string, UiTask>();
  readonly offers = new Map<string, UiOffer>();
  roles: UiRole[] = [];
  /** Recent events, oldest first. */
  events: UiEvent[] = [];
  /** Seconds to add to the browser's clock to get the master's. */
  clockOffset = 0;
  /** A snapshot arrived (the UI has data: the summary's figures, frameworks, roles, events). */
  loaded = false;
  /** Every agent row of the snapshot arrived. */
  agentsLoaded = false;
  /** Every task row of the snapshot arrived. */
  tasksLoaded = false;
  /** Task rows the snapshot announced. */
  tasksExpected = 0;
  readonly versions: StoreVersions = { summary: 0, agents: 0, frameworks: 0, tasks: 0, offers: 0, roles: 0, events: 0 };
  /** Completed task keys per framework, oldest first, to bound them. */
  private readonly completedOrder = new Map<string, string[]>();

  /** The master's time now, in seconds, given the browser's time in ms. */
  serverNow(localMs: number = Date.now()): number {
    return localMs / 1000 + this.clockOffset;
  }

  /** Replace everything with a snapshot. */
  applySnapshot(snapshot: UiSnapshot, localMs: number = Date.now()): void {
    this.agents.clear();
    this.frameworks.clear();
    this.tasks.clear();
    this.offers.clear();
    this.completedOrder.clear();
    for (const a of snapshot.agents) this.agents.set(a.id, a);
    for (const f of snapshot.frameworks) this.frameworks.set(f.id, f);
    this.roles = snapshot.roles;
    this.events = snapshot.events.slice(-EVENTS_KEPT);
    this.setSummary(snapshot.summary, localMs);
    this.loaded = true;
    this.agentsLoaded = (snapshot.agent_count ?? snapshot.agents.length) <= snapshot.agents.length;
    this.tasksExpected = snapshot.task_count;
    this.tasksLoaded = snapshot.task_count === 0;
    for (const key of Object.keys(this.versions) as Array<keyof StoreVersions>) this.versions[key]++;
  }

  /** Add a chunk of the snapshot's agent rows. */
  applyAgentChunk(chunk: UiAgentChunk): void {
    for (const a of chunk.agents) this.agents.set(a.id, a);
    if (chunk.remaining === 0) this.agentsLoaded = true;
    this.versions.agents++;
  }

  /** Take the snapshot's outstanding offers. */
  applyOffers(message: UiOffers): void {
    this.offers.clear();
    for (const o of message.offers) this.offers.set(o.id, o);
    this.versions.offers++;
  }

  /** Add a chunk of the snapshot's task rows. */
  applyTaskChunk(chunk: UiTaskChunk): void {
    for (const t of unpackTasks(chunk.tasks)) this.putTask(t);
    if (chunk.remaining === 0) this.tasksLoaded = true;
    this.versions.tasks++;
  }

  /** Apply the changes of one delta. */
  applyDelta(delta: UiDelta, localMs: number = Date.now()): void {
    this.setSummary(delta.summary, localMs);
    this.versions.summary++;
    if (delta.agents?.length || delta.agents_removed?.length) {
      for (const a of delta.agents ?? []) this.agents.set(a.id, a);
      for (const id of delta.agents_removed ?? []) this.agents.delete(id);
      this.versions.agents++;
    }
    if (delta.frameworks?.length || delta.frameworks_removed?.length) {
      for (const f of delta.frameworks ?? []) this.frameworks.set(f.id, f);
      for (const id of delta.frameworks_removed ?? []) this.frameworks.delete(id);
      this.versions.frameworks++;
    }
    if (delta.tasks?.length) {
      for (const t of delta.tasks) this.putTask(t);
      this.versions.tasks++;
    }
    if (delta.offers?.length || delta.offers_removed?.length) {
      for (const o of delta.offers ?? []) this.offers.set(o.id, o);
      for (const id of delta.offers_removed ?? []) this.offers.delete(id);
      this.versions.offers++;
    }
    if (delta.roles) {
      this.roles = delta.roles;
      this.versions.roles++;
    }
    if (delta.events?.length) {
      const last = this.events.length > 0 ? this.events[this.events.length - 1].seq : 0;
      const fresh = delta.events.filter((e) => e.seq > last);
      if (fresh.length > 0) {
        this.events = [...this.events, ...fresh].slice(-EVENTS_KEPT);
        this.versions.events++;
      }
    }
  }

  /** A task by ids. */
  task(frameworkId: string, taskId: string): UiTask | undefined {
    return this.tasks.get(taskKey(frameworkId, taskId));
  }

  private setSummary(summary: UiSummary, localMs: number): void {
    this.summary = summary;
    this.clockOffset = summary.server_time - localMs / 1000;
  }

  private putTask(task: UiTask): void {
    const key = taskKey(task.framework_id, task.id);
    const before = this.tasks.get(key);
    this.tasks.set(key, task);
    if (!task.completed || before?.completed) return;
    let order = this.completedOrder.get(task.framework_id);
    if (!order) this.completedOrder.set(task.framework_id, (order = []));
    order.push(key);
    if (order.length > COMPLETED_TASKS_PER_FRAMEWORK) {
      for (const old of order.splice(0, order.length - COMPLETED_TASKS_PER_FRAMEWORK)) {
        if (this.tasks.get(old)?.completed) this.tasks.delete(old);
      }
    }
  }
}
