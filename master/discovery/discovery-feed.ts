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
 *   index is made from the master's tasks when {@link DiscoveryFeed.whenReady}
 *   or {@link DiscoveryFeed.subscribe} is first used (a watcher, the DNS
 *   server, ZooKeeper publishing), and kept in step from then on. A master
 *   nobody asks for endpoints spends nothing on them: it was ~8 % of its
 *   CPU and an instance per running task while 10,000 agents registered.
 *   Revisions count from that first read.
 * - That first build walks every task in slices of ~10 ms, one per turn of
 *   the event loop (at 500,000 running tasks one walk was seconds in one
 *   turn). It follows the master's events from its start: what changes
 *   while it walks is marked and read again once the walk is done, in the
 *   same slices, so the finished index is what one walk at that moment would
 *   have built, and it is sealed as one revision. Readers that come
 *   meanwhile wait ({@link DiscoveryFeed.whenReady}); no commit is made and
 *   no watcher told until then. A small cluster is built in its first slice,
 *   at once.
 */
import type { Master } from '../master';
import type { ClusterEvent } from '../cluster-events';
import { EndpointIndex, type EndpointChange } from './endpoint-index';
import { discoveryInstance, isServing } from './discovery-instance';
import { taskKey, type FrameworkRecord, type TaskRecord } from '../state';
import { DEFAULT_SLICE_MS, type SliceBudget, WHOLE_TURN, SlicedWalk, WALK_CHECK_EVERY } from '../turn-slices';

/** A task to re-read: its ids (a task record, or an event's). */
type TaskIds = Pick<TaskRecord, 'frameworkId' | 'taskId'>;

/** Called with each committed change; must not throw. */
export type EndpointListener = (change: EndpointChange) => void;

/** Called once with the built index (see {@link DiscoveryFeed.whenReady}); must not throw. */
export type IndexReader = (index: EndpointIndex) => void;

/** Options of {@link DiscoveryFeed}. */
export interface DiscoveryFeedOptions {
  /** Changes kept for resuming watchers. @default 10000 */
  maxLog?: number;
  /** Milliseconds of the first build per turn of the event loop. @default 10 */
  sliceMs?: number;
  /**
   * The budget of each slice of the first build (tests: a count); wins over
   * `sliceMs`. @default a `sliceMs` clock budget
   */
  sliceBudget?: () => SliceBudget;
  /** Tasks read between two looks at the budget. @default 16 */
  checkEvery?: number;
}

/** The live endpoint index of one master. */
export class DiscoveryFeed {
  /** The index once built and sealed: what readers get (see {@link whenReady}). */
  private built?: EndpointIndex;
  /** The index from the first read on: being built, then {@link built}. */
  private current?: EndpointIndex;
  /** The first build's walk while it runs. */
  private scan?: SlicedWalk<readonly [FrameworkRecord, TaskRecord]>;
  /** The next slice of the first build, when one is due. */
  /** The next slice's token on the master's turn gate; cleared to cancel it. */
  private nextSlice?: object;
  /** Readers waiting for the first build. */
  private readonly waiting = new Set<IndexReader>();
  private stopped = false;
  private readonly listeners = new Set<EndpointListener>();
  private scheduled = false;
  /**
   * Tasks to re-read at the next commit (or, during the first build, once
   * its walk is done), by instance id (`taskKey`, the key its agent's task
   * map already holds: an agent event marks its tasks without building a
   * string or a pair per task). Ids only: the record is looked up again when
   * read.
   */
  private readonly dirty = new Map<string, TaskIds>();
  private unsubscribe?: () => void;

  constructor(readonly master: Master, private readonly options: DiscoveryFeedOptions = {}) {}

  /**
   * The live endpoint index, built now: a first build still walking is
   * finished in this turn (one synchronous block at a big cluster). For
   * tests and tools; the master's readers use {@link whenReady}.
   */
  get index(): EndpointIndex {
    if (this.built) return this.built;
    this.start();
    if (!this.built) this.advance(WHOLE_TURN);
    return this.built!;
  }

  /** True once something read the feed (its index is being built or built, and followed). */
  get following(): boolean {
    return this.current !== undefined && this.unsubscribe !== undefined;
  }

  /** True once the first build is done (readers are answered at once). */
  get ready(): boolean {
    return this.built !== undefined;
  }

  /**
   * Call `reader` with the index once it is built: at once when it is (or
   * when the first build, started here if need be, finishes in its first
   * slice), else in the turn the build ends, before any later change is
   * committed. Returns the function that cancels the wait (a no-op once
   * called). A stopped feed calls nobody new back while it builds.
   */
  whenReady(reader: IndexReader): () => void {
    if (this.built) {
      reader(this.built);
      return () => undefined;
    }
    this.waiting.add(reader);
    this.start();
    return () => void this.waiting.delete(reader);
  }

  /** Start the first build (and following the master) if nothing read the feed yet. */
  private start(): void {
    if (this.current) return;
    this.current = new EndpointIndex(this.master.info.id ?? 'master', this.options);
    const index = this.current;
    this.scan = new SlicedWalk(everyTask(this.master.frameworks), ([fw, t]) => this.seedTask(index, fw, t), this.options.checkEvery);
    // A stopped feed answers what it was built with and follows nothing.
    if (!this.stopped) this.unsubscribe = this.master.events.subscribe((e) => this.onEvent(e));
    this.slice();
  }

  /** One slice of the first build; the next is due on a later turn unless it is done. */
  private slice(): void {
    this.nextSlice = undefined;
    if (this.built) return;
    const budget = this.options.sliceBudget?.() ?? this.master.turnGate.budget(this.options.sliceMs ?? DEFAULT_SLICE_MS);
    if (!this.advance(budget) && !this.stopped) {
      const token = (this.nextSlice = {});
      this.master.turnGate.later(() => {
        if (this.nextSlice === token) this.slice();
      });
    }
  }

  /**
   * Go on with the first build within `budget`: the walk, then the tasks
   * marked while it walked, read again as they are now; when both are done,
   * seal the index and answer the readers. True when the build is done.
   */
  private advance(budget: SliceBudget): boolean {
    const index = this.current!;
    if (!this.scan!.step(budget)) return false;
    let sinceLook = 0;
    for (const [id, t] of this.dirty) {
      this.dirty.delete(id);
      const fw = this.master.frameworks.get(t.frameworkId);
      const record = fw?.tasks.get(t.taskId);
      index.seed(id, record ? discoveryInstance(record, this.master.agents.get(record.agentId), fw, id) : undefined);
      if (++sinceLook >= (this.options.checkEvery ?? WALK_CHECK_EVERY) && this.dirty.size > 0) {
        sinceLook = 0;
        if (budget.exhausted()) return false;
      }
    }
    index.seal();
    this.scan = undefined;
    this.built = index;
    this.nextSlice = undefined;
    const readers = [...this.waiting];
    this.waiting.clear();
    for (const r of readers) {
      try {
        r(index);
      } catch {
        // A broken reader never breaks the feed.
      }
    }
    return true;
  }

  /** The walk's read of one task: published at once in the index nobody reads yet. */
  private seedTask(index: EndpointIndex, fw: FrameworkRecord, t: TaskRecord): void {
    if (!isServing(t)) return;
    const id = taskKey(fw.id, t.taskId);
    index.seed(id, discoveryInstance(t, this.master.agents.get(t.agentId), fw, id));
  }

  /**
   * Be told of each committed change; returns the unsubscribe function.
   * Starts the first build if nothing did; nothing is committed before it is
   * done, so a listener that wants the set too reads it with {@link whenReady}
   * and subscribes there.
   */
  subscribe(listener: EndpointListener): () => void {
    this.start();
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
    this.waiting.clear();
    this.nextSlice = undefined;
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
        const index = this.current!;
        if (!this.built) {
          // Still building: its seeded instances are read again (gone with the framework) once the walk is done.
          for (const i of index.unordered()) if (i.frameworkId === e.frameworkId) this.mark(i.id, i);
          return;
        }
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
    return this.current!.knows(taskKey(frameworkId, taskId));
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
    // While the first build runs, what is marked waits for its walk (see advance).
    if (!this.built || this.scheduled || (this.dirty.size === 0 && !this.built.pending)) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}

/**
 * Every task of `frameworks` with its framework, read from the live maps as
 * the walk goes (frameworks, then each one's tasks): a framework or task
 * added meanwhile is met later or not at all, one removed before it is met
 * is not met. What changes behind the walk the feed's events mark for a
 * second read.
 */
export function* everyTask(frameworks: ReadonlyMap<string, FrameworkRecord>): Generator<readonly [FrameworkRecord, TaskRecord]> {
  for (const fw of frameworks.values()) for (const t of fw.tasks.values()) yield [fw, t];
}
