/**
 * `GET /api/v1/events`: the web UI's live feed, as server-sent events.
 * Order per client: `snapshot`, `offers`, (once those reached the socket)
 * `tasks` chunks, `offers` again and a catch-up `delta` for what changed
 * meanwhile, then the shared deltas.
 * A new client first gets `event: snapshot` (the whole cluster as compact
 * rows, but offers and tasks), `event: offers`, `event: tasks` messages
 * with the task rows packed,
 * then `event: delta` messages with only the entities that changed,
 * coalesced per {@link UiEventStreamOptions.intervalMs}. A client that
 * falls behind (its socket buffer fills) gets no deltas until it drains,
 * then a fresh snapshot, so a slow browser never makes the master queue
 * unbounded data.
 */
import type { ServerResponse } from 'node:http';
import type { Master } from './master';
import type { ClusterEvent } from './cluster-events';
import type { FrameworkRecord, TaskRecord } from './state';
import type { UiOffer, UiOffers, UiTaskChunk, UiTaskCounts } from './http-ui-types';
import { ChangeTracker, RecentEvents, diffIds, mergeChanges, noChanges, uiEventOf, type Changes, type EventContext } from './http-ui-changes';
import { allFrameworks, packTaskRecord, uiFramework, uiOffer, uiRoles, uiSummary } from './http-ui-view';
import { entityDelta } from './http-ui-delta';
import { TaskPacker } from './http-ui-pack';
import { UiRowCache } from './http-ui-row-cache';

/** Tunables of {@link UiEventStream}. */
export interface UiEventStreamOptions {
  /** Longest wait between a change and the delta carrying it. @default 200 */
  intervalMs?: number;
  /** Seconds between keep-alive comments. @default 15 */
  keepAliveSeconds?: number;
  /** Bytes buffered for one client before it is considered behind. @default 8 MiB */
  maxBufferedBytes?: number;
  /** Recent events kept for new clients. @default 100 */
  recentEvents?: number;
  /** Task rows per `tasks` message after a snapshot. @default 20000 */
  taskChunkRows?: number;
  /** Task rows packed between two yields to the event loop while a client's rows are sent. @default 2000 */
  packSlice?: number;
  /** The clock, seconds since the epoch. @default Date.now() / 1000 */
  now?: () => number;
}

interface Client {
  res: ServerResponse;
  /** Behind: deltas are skipped until the socket drains, then a snapshot is sent. */
  behind: boolean;
  /** Bytes it may have queued before it counts as behind: the limit plus its last snapshot. */
  allowance: number;
  /** Between its snapshot and its task rows: shared deltas are not sent, their changes are kept here. */
  loading?: Changes;
  /** The last event its snapshot carried. */
  eventSeq: number;
}

/** The live feed of one master; one instance serves every browser. */
export class UiEventStream {
  private readonly clients = new Set<Client>();
  private readonly tracker = new ChangeTracker();
  private readonly recent: RecentEvents;
  private readonly intervalMs: number;
  private readonly keepAliveMs: number;
  private readonly maxBuffered: number;
  private readonly now: () => number;
  private readonly chunkRows: number;
  private readonly packSlice: number;
  /** Agent rows, framework allocations and task counts kept between snapshots. */
  private readonly rows = new UiRowCache();
  /** Offers as last sent, with where they are, to diff the next time offers change. */
  private sentOffers = new Map<string, { agentId: string; frameworkId: string }>();
  /** Offers made and gone since the last delta. */
  private pendingAddedOffers = new Set<string>();
  private pendingRemovedOffers = new Set<string>();
  /** Task counts as last sent. */
  private taskCounts?: UiTaskCounts;
  private eventSeq = 0;
  private sentEventSeq = 0;
  private flushTimer?: NodeJS.Timeout;
  private keepAliveTimer?: NodeJS.Timeout;
  private readonly context: EventContext;

  constructor(
    private readonly master: Master,
    options: UiEventStreamOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 200;
    this.keepAliveMs = (options.keepAliveSeconds ?? 15) * 1000;
    this.maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.recent = new RecentEvents(options.recentEvents ?? 100);
    this.now = options.now ?? (() => Date.now() / 1000);
    this.chunkRows = Math.max(1, options.taskChunkRows ?? 20_000);
    this.packSlice = Math.max(1, options.packSlice ?? 2000);
    this.context = {
      framework: (id) => {
        const fw = master.frameworks.get(id);
        return fw ? { name: fw.info.name ?? '', connected: fw.connected } : undefined;
      },
      taskName: (fid, tid) => {
        const fw = master.frameworks.get(fid);
        if (!fw) return undefined;
        const live = fw.tasks.get(tid);
        if (live) return live.task.name ?? undefined;
        // A task that just ended was moved to the end of the completed ones.
        for (let i = fw.completedTasks.length - 1; i >= Math.max(0, fw.completedTasks.length - 16); i--) {
          if (fw.completedTasks[i].taskId === tid) return fw.completedTasks[i].task.name ?? undefined;
        }
        return undefined;
      },
      agentAddress: (id) => {
        const a = master.agents.get(id);
        return a ? `${a.info.hostname ?? ''}:${a.info.port ?? 0}` : undefined;
      },
    };
    master.events.subscribe((event) => this.onClusterEvent(event));
  }

  /** Number of connected browsers. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Serve one `GET /api/v1/events` request until the browser goes away. */
  handle(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    const client: Client = { res, behind: false, allowance: this.maxBuffered, eventSeq: 0 };
    this.clients.add(client);
    res.write('retry: 2000\n\n');
    this.sendSnapshot(client);
    res.on('drain', () => {
      if (client.behind) {
        client.behind = false;
        this.sendSnapshot(client);
      }
    });
    const remove = (): void => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stopTimers();
    };
    res.on('close', remove);
    res.on('error', remove);
    this.keepAliveTimer ??= setInterval(() => this.keepAlive(), this.keepAliveMs);
    this.keepAliveTimer.unref?.();
  }

  /** Close every client (the master is stopping). */
  close(): void {
    for (const c of this.clients) c.res.end();
    this.clients.clear();
    this.stopTimers();
  }

  private stopTimers(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.flushTimer = undefined;
    this.keepAliveTimer = undefined;
  }

  private onClusterEvent(event: ClusterEvent): void {
    this.rows.note(event);
    const shown = uiEventOf(event, this.eventSeq + 1, this.now(), this.context);
    if (shown) {
      this.eventSeq++;
      this.recent.push(shown);
    }
    if (this.clients.size === 0) return;
    this.tracker.note(event);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.intervalMs);
    this.flushTimer.unref?.();
  }

  /**
   * The snapshot and offers first; the task rows only once those reached the
   * socket, so the browser can show the overview while 100,000 rows are
   * packed. Deltas in between are not sent to this client; their changes
   * are kept and sent after the rows, read from the state then.
   * The agent rows come from the row cache (only those that changed since
   * the last snapshot are rebuilt), spliced into the message as text.
   */
  private sendSnapshot(client: Client): void {
    const now = this.now();
    // Offers are diffed against what every client has; a snapshot is the current set.
    this.syncSentOffers();
    const counts = this.rows.taskCounts(this.master);
    this.taskCounts = counts;
    const frameworks = allFrameworks(this.master).map(({ fw, completed }) => uiFramework(this.master, fw, completed, this.rows.frameworkAllocated(fw)));
    this.rows.prune(this.master);
    const rest = JSON.stringify({
      summary: uiSummary(this.master, now, counts),
      frameworks,
      task_count: counts.live + counts.completed,
      roles: uiRoles(this.master, frameworks),
      events: this.recent.all(),
    });
    // The same document as uiSnapshot(master, now) with the events, agents first.
    const text = `{"agents":[${this.rows.agentRowsJson(this.master).join(',')}],${rest.slice(1)}`;
    client.eventSeq = this.eventSeq;
    client.loading = noChanges();
    let bytes = this.write(client, 'snapshot', text);
    const offers: UiOffers = { offers: [...this.master.offers.values()].map(uiOffer) };
    bytes += this.write(client, 'offers', JSON.stringify(offers), () => void this.sendTaskRows(client, bytes));
    if (!this.tracker.empty) this.scheduleFlush();
  }

  /**
   * The task rows in chunks, packed a slice at a time with a yield to the
   * event loop between slices (so 500,000 rows never hold the master for
   * seconds), then what changed since the snapshot; the client then gets the
   * shared deltas. Rows are read as they are when their slice is packed;
   * a task that changes meanwhile is in the catch-up delta.
   */
  private async sendTaskRows(client: Client, snapshotBytes: number): Promise<void> {
    if (!this.clients.has(client) || !client.loading) return;
    const now = this.now();
    let bytes = snapshotBytes;
    const announced = this.taskCounts ? this.taskCounts.live + this.taskCounts.completed : 0;
    let remaining = announced;
    let packer = new TaskPacker(now);
    const flushChunk = async (last: boolean): Promise<boolean> => {
      remaining -= packer.size;
      // Only the last chunk says nothing remains (tasks may come and go while the rows are sent).
      const chunk: UiTaskChunk = { tasks: packer.done(), remaining: last ? 0 : Math.max(1, remaining) };
      const text = JSON.stringify(chunk);
      packer = new TaskPacker(now);
      bytes += this.write(client, 'tasks', text);
      if (client.res.writableLength > this.maxBuffered) await this.drained(client);
      return this.clients.has(client);
    };
    let packed = 0;
    for (const [record, completed] of taskRecords(allFrameworks(this.master))) {
      packTaskRecord(packer, record, completed);
      if (packer.size >= this.chunkRows && !(await flushChunk(false))) return;
      if (++packed % this.packSlice === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!this.clients.has(client)) return;
      }
    }
    // The last chunk (possibly empty) ends the rows the snapshot announced.
    if ((packer.size > 0 || announced > 0) && !(await flushChunk(true))) return;
    const counts = this.rows.taskCounts(this.master);
    // Offers and entities as they are now; events it has not seen.
    const offers: UiOffers = { offers: [...this.master.offers.values()].map(uiOffer) };
    bytes += this.write(client, 'offers', JSON.stringify(offers));
    const catchUp = entityDelta(this.master, client.loading, now, counts, (fw) => this.rows.frameworkAllocated(fw));
    const events = this.recent.since(client.eventSeq);
    if (events.length) catchUp.events = events;
    bytes += this.write(client, 'delta', JSON.stringify(catchUp));
    client.loading = undefined;
    client.allowance = this.maxBuffered + bytes;
  }

  /** Resolves when the client's socket drained or it went away. */
  private drained(client: Client): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        client.res.off('drain', done);
        client.res.off('close', done);
        resolve();
      };
      client.res.on('drain', done);
      client.res.on('close', done);
    });
  }

  /**
   * Make `sentOffers` the master's offers now, remembering what came and went
   * for the next delta and noting the agents and frameworks whose offers moved.
   */
  private syncSentOffers(): void {
    const { added, removed } = diffIds(this.sentOffers, this.master.offers);
    for (const id of removed) {
      const was = this.sentOffers.get(id)!;
      this.tracker.touch(was.agentId, was.frameworkId);
      this.rows.touchAgent(was.agentId);
      this.sentOffers.delete(id);
      this.pendingAddedOffers.delete(id);
      this.pendingRemovedOffers.add(id);
    }
    for (const id of added) {
      const offer = this.master.offers.get(id)!;
      this.sentOffers.set(id, { agentId: offer.agentId, frameworkId: offer.frameworkId });
      this.tracker.touch(offer.agentId, offer.frameworkId);
      this.rows.touchAgent(offer.agentId);
      this.pendingAddedOffers.add(id);
    }
  }

  /** Build one delta from what changed and send it to every client that keeps up. */
  private flush(): void {
    this.syncSentOffers();
    const changes = this.tracker.take();
    // Counting 100,000 tasks is not free: only when tasks or frameworks changed.
    if (!this.taskCounts || changes.tasks.size > 0 || changes.frameworks.size > 0) this.taskCounts = this.rows.taskCounts(this.master);
    const delta = entityDelta(this.master, changes, this.now(), this.taskCounts, (fw) => this.rows.frameworkAllocated(fw));
    const offers: UiOffer[] = [];
    for (const id of this.pendingAddedOffers) {
      const offer = this.master.offers.get(id);
      if (offer) offers.push(uiOffer(offer));
    }
    if (offers.length) delta.offers = offers;
    if (this.pendingRemovedOffers.size) delta.offers_removed = [...this.pendingRemovedOffers];
    this.pendingAddedOffers.clear();
    this.pendingRemovedOffers.clear();
    const events = this.recent.since(this.sentEventSeq);
    if (events.length) delta.events = events;
    this.sentEventSeq = this.eventSeq;

    const text = JSON.stringify(delta);
    for (const client of this.clients) {
      if (client.loading) {
        mergeChanges(client.loading, changes);
        continue;
      }
      if (client.behind) continue;
      if (client.res.writableLength > client.allowance) {
        // It cannot keep up: stop queueing, resync with a snapshot once it drains.
        client.behind = true;
        continue;
      }
      this.write(client, 'delta', text);
    }
  }

  /** Write one message; returns its length in characters. `written` runs once it reached the socket. */
  private write(client: Client, event: string, data: string, written?: () => void): number {
    const message = `event: ${event}\ndata: ${data}\n\n`;
    if (written) client.res.write(message, () => written());
    else client.res.write(message);
    return message.length;
  }

  private keepAlive(): void {
    for (const c of this.clients) c.res.write(': keep-alive\n\n');
  }
}

/**
 * Every task record, live ones of each framework first, then its completed
 * ones (the order of forEachTaskRecord), safe to pause between records: live
 * tasks through the Map's own iterator, completed ones from a copy of the
 * (bounded) list, so a trim of the list meanwhile does not skip a row.
 */
function* taskRecords(frameworks: Array<{ fw: FrameworkRecord }>): Generator<[TaskRecord, boolean]> {
  for (const { fw } of frameworks) {
    for (const t of fw.tasks.values()) yield [t, false];
    for (const t of fw.completedTasks.slice()) yield [t, true];
  }
}
