/**
 * Keeps the {@link EndpointIndex} in step with the master, driven by its
 * cluster events (no polling), and tells watchers each committed change.
 *
 * - A task event re-reads that task; an agent event re-reads the agent's
 *   tasks (its address may have changed, or it re-registered with tasks);
 *   a framework event re-reads its tasks (its name is part of the DNS
 *   name), its removal unpublishes them.
 * - Changes are committed once per tick (`setImmediate`), so a burst of
 *   updates is one revision and one message per watcher, sent in the same
 *   turn of the event loop as much as the events allow: well within the
 *   second the watch API promises.
 * - A task event marks nothing when the task is not serving and the index
 *   has nothing of it (a launch): 10,000 launches a second are skipped at
 *   the event, not read at the commit.
 * - Events only mark a task to re-read; each marked task is read once, at
 *   the commit (an agent registering with its tasks sends TASK_ADDED for
 *   each, then AGENT_ADDED, which named each task again: read twice, ~5 %
 *   of the master's CPU while thousands of agents registered).
 * - Nothing is built or followed until someone reads it (issue 11): the
 *   index is made from the master's tasks when {@link DiscoveryFeed.index}
 *   or {@link DiscoveryFeed.subscribe} is first used (a watcher, the DNS
 *   server, ZooKeeper publishing), and kept in step from then on. A master
 *   nobody asks for endpoints spends nothing on them: it was ~8 % of its
 *   CPU and an instance per running task while 10,000 agents registered.
 *   Revisions count from that first read.
 */
import type { Master } from '../master';
import type { ClusterEvent } from '../cluster-events';
import { EndpointIndex, type EndpointChange } from './endpoint-index';
import { discoveryInstance, isServing } from './discovery-instance';
import { taskKey, type TaskRecord } from '../state';

/** A task to re-read: its ids (a task record, or an event's). */
type TaskIds = Pick<TaskRecord, 'frameworkId' | 'taskId'>;

/** Called with each committed change; must not throw. */
export type EndpointListener = (change: EndpointChange) => void;

/** The live endpoint index of one master. */
export class DiscoveryFeed {
  /** The index once built (see {@link index}). */
  private built?: EndpointIndex;
  private stopped = false;
  private readonly listeners = new Set<EndpointListener>();
  private scheduled = false;
  /**
   * Tasks to re-read at the next commit, by instance id (`taskKey`, the key
   * its agent's task map already holds: an agent event marks its tasks
   * without building a string or a pair per task). Ids only: the record is
   * looked up again at the commit.
   */
  private readonly dirty = new Map<string, TaskIds>();
  private unsubscribe?: () => void;

  constructor(readonly master: Master, private readonly options: { maxLog?: number } = {}) {}

  /**
   * The live endpoint index. The first read builds it from the master's
   * tasks as they are now and starts following the master's events.
   */
  get index(): EndpointIndex {
    return this.built ?? this.build();
  }

  /** True once something read the feed (its index is built and followed). */
  get following(): boolean {
    return this.built !== undefined && this.unsubscribe !== undefined;
  }

  private build(): EndpointIndex {
    const index = new EndpointIndex(this.master.info.id ?? 'master', this.options);
    this.built = index;
    for (const fw of this.master.frameworks.values()) for (const t of fw.tasks.values()) this.stageTask(index, taskKey(fw.id, t.taskId), fw.id, t.taskId);
    index.commit();
    // A stopped feed answers what it was built with and follows nothing.
    if (!this.stopped) this.unsubscribe = this.master.events.subscribe((e) => this.onEvent(e));
    return index;
  }

  /** Be told of each committed change; returns the unsubscribe function. */
  subscribe(listener: EndpointListener): () => void {
    void this.index;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watchers now. */
  get watchers(): number {
    return this.listeners.size;
  }

  /** Stop following the master. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
  }

  /** Commit what is staged now and tell the watchers (normally done once per tick by itself). */
  flush(): void {
    this.scheduled = false;
    const index = this.index;
    for (const [id, t] of this.dirty) this.stageTask(index, id, t.frameworkId, t.taskId);
    this.dirty.clear();
    const change = index.commit();
    if (!change) return;
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        // A broken watcher never breaks the feed.
      }
    }
  }

  private onEvent(e: ClusterEvent): void {
    switch (e.type) {
      case 'TASK_ADDED':
      case 'TASK_UPDATED':
        if (!this.mayChange(e.frameworkId, e.taskId)) return;
        this.mark(taskKey(e.frameworkId, e.taskId), { frameworkId: e.frameworkId, taskId: e.taskId });
        break;
      case 'AGENT_ADDED':
      case 'AGENT_UPDATED':
      case 'AGENT_REMOVED': {
        const agent = this.master.agents.get(e.agentId);
        // Keyed `taskKey(frameworkId, taskId)` in the agent's map: the instance id as it is.
        if (agent) for (const [id, t] of agent.tasks) this.mark(id, t);
        break;
      }
      case 'FRAMEWORK_ADDED':
      case 'FRAMEWORK_UPDATED': {
        const fw = this.master.frameworks.get(e.frameworkId);
        if (fw) for (const t of fw.tasks.values()) this.mark(taskKey(fw.id, t.taskId), t);
        break;
      }
      case 'FRAMEWORK_REMOVED': {
        // Unsorted: 100 frameworks torn down over 20,000 instances sorted them all 100 times.
        const gone: string[] = [];
        const index = this.index;
        for (const i of index.unordered()) if (i.frameworkId === e.frameworkId) gone.push(i.id);
        for (const id of gone) {
          this.dirty.delete(id);
          index.stage(id, undefined);
        }
        break;
      }
      default:
        return;
    }
    this.schedule();
  }

  /**
   * False when a task event cannot change what is published: the task is not
   * serving now (a launch, a task starting or ended) and the index has
   * nothing of it, published or staged. Reading it at the commit would stage
   * nothing either; if it comes to serve before then, that change is a task
   * event of its own. Most launches are skipped here, before a mark.
   */
  private mayChange(frameworkId: string, taskId: string): boolean {
    const record = this.master.frameworks.get(frameworkId)?.tasks.get(taskId);
    if (record && isServing(record)) return true;
    return this.index.knows(taskKey(frameworkId, taskId));
  }

  /** Re-read this task (instance `id`, `taskKey` of its ids) at the next commit. */
  private mark(id: string, task: TaskIds): void {
    this.dirty.set(id, task);
  }

  private stageTask(index: EndpointIndex, id: string, frameworkId: string, taskId: string): void {
    const fw = this.master.frameworks.get(frameworkId);
    const record = fw?.tasks.get(taskId);
    const instance = record ? discoveryInstance(record, this.master.agents.get(record.agentId), fw, id) : undefined;
    // Not published and nothing staged (a launch, a task that never ran): nothing changes. At
    // 10,000 launches a second this skips a staged entry and a commit pass per TASK_ADDED.
    if (instance === undefined && !index.knows(id)) return;
    index.stage(id, instance);
  }

  private schedule(): void {
    if (this.scheduled || (this.dirty.size === 0 && !this.index.pending)) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
