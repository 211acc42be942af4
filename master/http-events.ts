/**
 * `GET /api/v1/events`: the web UI's live feed, as server-sent events.
 * Order per client: `snapshot` (a few KB: the summary with the cluster's
 * figures, frameworks, roles, recent events — no rows), then, once that
 * reached the socket, `agents` chunks, `offers`, `tasks` chunks (packed),
 * `offers` again and a catch-up `delta` for what changed meanwhile, then
 * the shared `delta` messages with only the entities that changed,
 * coalesced per {@link UiEventStreamOptions.intervalMs}.
 * Nothing per message walks the cluster: the figures are kept as it
 * changes (`http-ui-sums.ts`), offers are followed from the offer book's
 * events (`http-ui-offer-journal.ts`), agent rows are cached as text
 * (`http-ui-row-cache.ts`), every row is read and every big message's JSON
 * written a slice at a time with a yield to the event loop between slices,
 * and no delta is built while no client is there to take it. A client that falls behind (its
 * socket buffer fills) gets no deltas until it drains, then a fresh
 * snapshot, so a slow browser never makes the master queue unbounded data.
 */
import type { ServerResponse } from 'node:http';
import type { Master } from './master';
import type { ClusterEvent } from './cluster-events';
import type { FrameworkRecord, TaskRecord } from './state';
import type { UiOffer, UiTaskCounts } from './http-ui-types';
import { ChangeTracker, RecentEvents, diffIds, mergeChanges, noChanges, uiEventOf, type Changes, type EventContext } from './http-ui-changes';
import { allFrameworks, packTaskRecord, uiFramework, uiOffer, uiRoles, uiSummary } from './http-ui-view';
import { entityDelta, entityDeltaSliced, type DeltaFigures } from './http-ui-delta';
import { TaskChunkText, TextScratch } from './task-chunk-text';
import { UiRowCache } from './http-ui-row-cache';
import { UiClusterSums } from './http-ui-sums';
import { OfferJournal } from './http-ui-offer-journal';
import { jsonInSlices } from './http-ui-json';
import { DEFAULT_TURN_BUDGET_MS, TurnSlices } from './turn-slices';


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
  /** Agent rows per `agents` message after a snapshot. @default 5000 */
  agentChunkRows?: number;
  /** Most rows (agent or task) read between two yields to the event loop while a client's rows are sent. @default 2000 */
  packSlice?: number;
  /**
   * Milliseconds of row building, delta building or figure recomputing after
   * which the stream yields to the event loop even before `packSlice` rows
   * (every slice of every job in one turn adds up to that turn's delay). @default 5
   */
  turnBudgetMs?: number;
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
  /** Offers made and taken back since its last `offers` message was started (for its catch-up). */
  offersSince?: OfferJournal;
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
  private readonly agentChunkRows: number;
  private readonly packSlice: number;
  private readonly turnBudgetMs: number;
  /** Agent rows kept between snapshots, as text. */
  private readonly rows = new UiRowCache();
  /** Agents by status, resources, task counts and framework allocations, kept as the cluster changes. */
  private readonly sums: UiClusterSums;
  private sumsTimer?: NodeJS.Timeout;
  /** Offers as last sent, with where they are, kept from {@link offerJournal}. */
  private sentOffers = new Map<string, { agentId: string; frameworkId: string }>();
  /** Offers made and taken back since `sentOffers` was last brought up to date. */
  private readonly offerJournal = new OfferJournal();
  /** Offers made and gone since the last delta. */
  private pendingAddedOffers = new Set<string>();
  private pendingRemovedOffers = new Set<string>();
  /** Task counts as last sent. */
  private taskCounts?: UiTaskCounts;
  private eventSeq = 0;
  private sentEventSeq = 0;
  private flushTimer?: NodeJS.Timeout;
  /** A delta is being built (across turns). */
  private flushing = false;
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
    this.agentChunkRows = Math.max(1, options.agentChunkRows ?? 5000);
    this.sums = new UiClusterSums(master);
    this.packSlice = Math.max(1, options.packSlice ?? 2000);
    this.turnBudgetMs = options.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS;
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
        // A task that just ended was moved to the end of the completed ones (read in place: `completedTasks`
        // compacts the history, a copy of it per ended task when 180,000 end at a teardown).
        const history = fw.completedHistory;
        for (let i = history.length - 1; i >= Math.max(0, history.length - 16); i--) {
          const t = history.at(i);
          if (t?.taskId === tid) return t.task.name ?? undefined;
        }
        return undefined;
      },
      agentAddress: (id) => {
        const a = master.agents.get(id);
        return a ? `${a.info.hostname ?? ''}:${a.info.port ?? 0}` : undefined;
      },
    };
    // Offers made before the stream existed (none when the master starts it) count as made now.
    if (master.offers.size > 0) this.offerJournal.note({ type: 'OFFERS_CHANGED', added: [...master.offers.keys()] });
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
    void this.sendSnapshot(client);
    res.on('drain', () => {
      if (client.behind) {
        client.behind = false;
        void this.sendSnapshot(client);
      }
    });
    const remove = (): void => {
      this.clients.delete(client);
      if (this.clients.size === 0) {
        this.stopTimers();
        // Kept for clients' next delta only: a new client gets the offers as they are.
        this.pendingAddedOffers.clear();
        this.pendingRemovedOffers.clear();
      }
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
    if (this.sumsTimer) clearTimeout(this.sumsTimer);
    this.sumsTimer = undefined;
  }

  /** Agents' shares of the figures recomputed so far (each costs that agent's tasks), for tests. */
  get sharesRecomputed(): number {
    return this.sums.recomputed;
  }

  /** The figures as they are now, for tests: every stale share recomputed first. */
  async figures(): Promise<{ agents: ReturnType<UiClusterSums['agentCounts']>; tasks: UiTaskCounts }> {
    await this.sums.settle(this.master);
    this.syncSentOffers();
    return { agents: this.sums.agentCounts(), tasks: this.sums.taskCounts(this.master) };
  }

  /** A new slice of at most {@link UiEventStreamOptions.turnBudgetMs} and `packSlice` rows. */
  private slices(): TurnSlices {
    return this.master.turnGate.slices(this.turnBudgetMs, this.packSlice);
  }

  /**
   * `{"offers":[...]}` of the master's offers as they are now, each offer's
   * row built and written to text a slice per turn (45,000 offers are one
   * `uiOffer` and one `JSON.stringify` each); the same text as
   * `JSON.stringify({ offers })`. Offers gone by the time their slice is
   * read are left out; `shown` holds the ids written.
   */
  private async offersJson(client: Client): Promise<{ text: string; shown: Set<string> }> {
    // What moves from here on is in the client's catch-up (its journal starts in the turn the ids are taken).
    client.offersSince = new OfferJournal();
    const ids = [...this.master.offers.keys()];
    // Each slice's rows joined in that slice (one join of 45,000 rows was one turn of ~30-60 ms).
    const slicesText: string[] = [];
    let parts: string[] = [];
    const shown = new Set<string>();
    const slices = this.slices();
    for (const id of ids) {
      const offer = this.master.offers.get(id);
      if (offer) {
        parts.push(JSON.stringify(uiOffer(offer)));
        shown.add(id);
      }
      if (slices.spent()) {
        if (parts.length > 0) slicesText.push(parts.join(','));
        parts = [];
        await this.master.turnGate.nextTurn();
        slices.restart();
      }
    }
    if (parts.length > 0) slicesText.push(parts.join(','));
    return { text: `{"offers":[${slicesText.join(',')}]}`, shown };
  }

  private stopTimers(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.flushTimer = undefined;
    this.keepAliveTimer = undefined;
  }

  private onClusterEvent(event: ClusterEvent): void {
    this.rows.note(event);
    this.sums.note(event);
    if (event.type === 'OFFERS_CHANGED') {
      this.offerJournal.note(event);
      for (const c of this.clients) c.offersSince?.note(event);
    }
    this.scheduleSums();
    const shown = uiEventOf(event, this.eventSeq + 1, this.now(), this.context);
    if (shown) {
      this.eventSeq++;
      this.recent.push(shown);
    }
    if (this.clients.size === 0) return;
    this.tracker.note(event);
    this.scheduleFlush();
  }

  /**
   * Recompute stale agents' shares soon, a slice per turn, whether or not a
   * browser is connected, so the next snapshot finds the figures current
   * (a registration storm of 50,000 agents costs 50,000 small recomputes, spread out).
   */
  private scheduleSums(): void {
    if (this.sumsTimer) return;
    this.sumsTimer = setTimeout(() => {
      this.sumsTimer = undefined;
      const slices = this.slices();
      this.sums.refresh(this.master, this.packSlice, () => slices.overTime());
      if (!slices.overTime()) this.syncSentOffers(() => slices.spent());
      if (this.sums.pending > 0 || this.offerJournal.size > 0) this.scheduleSums();
    }, 50);
    this.sumsTimer.unref?.();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      // One delta at a time: while one is being built, the next waits its turn (its changes keep gathering).
      if (this.flushing) this.scheduleFlush();
      else void this.flush();
    }, this.intervalMs);
    this.flushTimer.unref?.();
  }

  /**
   * The first message: the summary (with the cluster's figures), frameworks,
   * roles and recent events, a few KB whatever the cluster's size, so the
   * overview can paint at once; every row follows once it reached the
   * socket ({@link sendRows}). Deltas meanwhile are not sent to this client;
   * their changes are kept and sent after the rows, read from the state then.
   */
  private async sendSnapshot(client: Client): Promise<void> {
    // From here on, shared deltas are kept for this client as changes.
    client.loading = noChanges();
    // Figures of agents not yet recomputed: at once when few, else (after a registration storm) a slice per turn.
    if (!this.sums.settleNow(this.master, this.packSlice)) {
      await this.sums.settle(this.master, this.packSlice, this.turnBudgetMs);
      if (!this.clients.has(client)) return;
    }
    // The offered figures as of now: offers that moved since the last look, a slice per turn.
    const first = this.slices();
    if (!this.syncSentOffers(() => first.spent())) {
      await this.syncSentOffersSliced();
      if (!this.clients.has(client)) return;
    }
    const now = this.now();
    this.sums.refresh(this.master);
    const counts = this.sums.taskCounts(this.master);
    this.taskCounts = counts;
    const frameworks = allFrameworks(this.master).map(({ fw, completed }) => uiFramework(this.master, fw, completed, this.sums.frameworkAllocated(fw), this.sums.frameworkOffered(fw)));
    const agentCount = this.master.agents.size;
    const text = JSON.stringify({
      summary: uiSummary(this.master, now, counts, this.sums.agentCounts()),
      agents: [],
      agent_count: agentCount,
      frameworks,
      task_count: counts.live + counts.completed,
      roles: uiRoles(this.master, frameworks),
      events: this.recent.all(),
    });
    client.eventSeq = this.eventSeq;
    client.loading = noChanges();
    // (A socket may call back at once: the rows start once this turn's code ran.)
    let bytes = 0;
    bytes = this.write(client, 'snapshot', text, () => queueMicrotask(() => void this.sendRows(client, bytes, agentCount)));
    if (!this.tracker.empty) this.scheduleFlush();
  }

  /**
   * Every row of the snapshot, a slice at a time with a yield to the event
   * loop between slices (so 50,000 agent rows and 500,000 task rows never
   * hold the master for seconds): agent rows from the row cache in chunks,
   * the offers, the task rows packed in chunks, then what changed since the
   * snapshot; the client then gets the shared deltas. Rows are read as they
   * are when their slice is read; what changes meanwhile is in the catch-up delta.
   */
  private async sendRows(client: Client, snapshotBytes: number, agentCount: number): Promise<void> {
    if (!this.clients.has(client) || !client.loading) return;
    let bytes = snapshotBytes;
    const keep = async (): Promise<boolean> => {
      if (client.res.writableLength > this.maxBuffered) await this.drained(client);
      return this.clients.has(client);
    };

    // Agent rows, spliced in as the cached text.
    let rows: string[] = [];
    let sent = 0;
    const flushAgents = async (last: boolean): Promise<boolean> => {
      sent += rows.length;
      // Only the last chunk says nothing remains (agents may come and go while the rows are sent).
      const remaining = last ? 0 : Math.max(1, agentCount - sent);
      bytes += this.write(client, 'agents', `{"agents":[${rows.join(',')}],"remaining":${remaining}}`);
      rows = [];
      return keep();
    };
    this.rows.countsTaken();
    let slices = this.slices();
    for (const a of this.master.agents.values()) {
      rows.push(this.rows.rowJson(this.master, a));
      if (rows.length >= this.agentChunkRows) {
        if (!(await flushAgents(false))) return;
        slices = this.slices();
      }
      if (slices.spent()) {
        await this.master.turnGate.nextTurn();
        if (!this.clients.has(client)) return;
        slices.restart();
      }
    }
    if ((rows.length > 0 || agentCount > 0) && !(await flushAgents(true))) return;
    this.rows.prune(this.master);

    bytes += this.write(client, 'offers', (await this.offersJson(client)).text);
    if (!(await keep())) return;

    const now = this.now();
    const announced = this.taskCounts ? this.taskCounts.live + this.taskCounts.completed : 0;
    let remaining = announced;
    // Each row is encoded as it is packed, into one scratch every chunk of this client reuses (a chunk takes many turns
    // to pack; row arrays kept until it was done were promoted).
    const scratch = new TextScratch();
    let packer = new TaskChunkText(now, scratch);
    const flushChunk = async (last: boolean): Promise<boolean> => {
      remaining -= packer.size;
      // Only the last chunk says nothing remains (tasks may come and go while the rows are sent).
      const text = packer.chunkJson(last ? 0 : Math.max(1, remaining));
      packer = new TaskChunkText(now, scratch);
      bytes += this.write(client, 'tasks', text);
      return keep();
    };
    slices = this.slices();
    for (const [record, completed] of taskRecords(allFrameworks(this.master))) {
      packTaskRecord(packer, record, completed);
      if (packer.size >= this.chunkRows) {
        if (!(await flushChunk(false))) return;
        slices = this.slices();
      }
      if (slices.spent()) {
        await this.master.turnGate.nextTurn();
        if (!this.clients.has(client)) return;
        slices.restart();
      }
    }
    // The last chunk (possibly empty) ends the rows the snapshot announced.
    if ((packer.size > 0 || announced > 0) && !(await flushChunk(true))) return;
    if (!client.loading) return;
    // Offers and entities as they are now; events it has not seen.
    const after = await this.offersJson(client);
    bytes += this.write(client, 'offers', after.text);
    if (!this.clients.has(client) || !client.loading) return;
    await this.sums.refreshSliced(this.master, this.packSlice, this.turnBudgetMs);
    if (!this.clients.has(client) || !client.loading) return;
    // The catch-up delta's rows are built a slice per turn; what changes meanwhile is kept apart and sent right after it.
    const pending = client.loading;
    client.loading = noChanges();
    const figures = this.deltaFigures(now);
    slices = this.slices();
    const pause = async (): Promise<void> => {
      await this.master.turnGate.nextTurn();
      slices.restart();
    };
    const catchUp = await entityDeltaSliced(this.master, pending, figures, pause, () => slices.spent());
    if (!this.clients.has(client) || !client.loading) return;
    // Its rows' text a slice per turn (rows that change meanwhile are in the leftover below).
    const rowsText = await jsonInSlices(catchUp, async () => {
      if (slices.overTime()) await pause();
    });
    if (!this.clients.has(client) || !client.loading) return;
    // From here to the end in one turn: the client joins the shared deltas, which carry what moves after the offers
    // every client has (`sentOffers`, brought up to now here: the offers that moved since the last look). Its own
    // offers are brought from those of its last `offers` message to the master's now by what its journal says moved
    // since (an offer may come twice, which changes nothing); every offer only when the journal cannot say.
    this.syncSentOffers();
    const offersText = this.catchUpOffersJson(client, after.shown);
    const events = this.recent.since(client.eventSeq);
    const tail = `${offersText}${events.length ? `,"events":${JSON.stringify(events)}` : ''}`;
    bytes += this.write(client, 'delta', tail ? `${rowsText.slice(0, -1)}${tail}}` : rowsText);
    client.offersSince = undefined;
    const leftover = client.loading;
    client.loading = undefined;
    if (hasRows(leftover)) {
      // Rows that changed while the catch-up was built (a few: one turn), as they are now.
      const rest = entityDelta(this.master, leftover, this.now(), this.sums.taskCounts(this.master), this.sums.agentCounts(), (fw) => this.sums.frameworkAllocated(fw), (fw) => this.sums.frameworkOffered(fw));
      bytes += this.write(client, 'delta', JSON.stringify(rest));
    }
    client.allowance = this.maxBuffered + bytes;
  }

  /** The figures a delta carries, as kept now. */
  private deltaFigures(now: number, taskCounts = this.sums.taskCounts(this.master)): DeltaFigures {
    return {
      now, taskCounts, agentCounts: this.sums.agentCounts(),
      allocatedOf: (fw: FrameworkRecord) => this.sums.frameworkAllocated(fw), offeredOf: (fw: FrameworkRecord) => this.sums.frameworkOffered(fw),
    };
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
   * `,"offers":[...],"offers_removed":[...]` (each part only when not empty)
   * taking a client from the offers of its last `offers` message (`shown`)
   * to the master's now: from its journal (the cost of what moved during its
   * read), or from every offer when the journal is incomplete.
   */
  private catchUpOffersJson(client: Client, shown: ReadonlySet<string>): string {
    const journal = client.offersSince;
    const offersNow: UiOffer[] = [];
    const offersGone: string[] = [];
    if (!journal || journal.incomplete) {
      for (const [id, offer] of this.master.offers) if (!shown.has(id)) offersNow.push(uiOffer(offer));
      for (const id of shown) if (!this.master.offers.has(id)) offersGone.push(id);
    } else {
      for (const id of journal.added) {
        const offer = this.master.offers.get(id);
        if (offer) offersNow.push(uiOffer(offer));
      }
      for (const id of journal.removed) if (shown.has(id)) offersGone.push(id);
    }
    return `${offersNow.length ? `,"offers":${JSON.stringify(offersNow)}` : ''}${offersGone.length ? `,"offers_removed":${JSON.stringify(offersGone)}` : ''}`;
  }

  /**
   * Bring `sentOffers` (and the offered figures) up to the master's offers
   * from the journal, at the cost of the offers that moved, remembering them
   * for the next delta when a client is connected and noting the agents and
   * frameworks whose offers moved. Stops when `stop` says so (asked after
   * each offer); true when every offer noted was taken in. An incomplete
   * journal (an offer change that named no offer) costs one diff of every offer.
   */
  private syncSentOffers(stop?: () => boolean): boolean {
    const journal = this.offerJournal;
    if (journal.incomplete) {
      const { added, removed } = diffIds(this.sentOffers, this.master.offers);
      journal.clear();
      for (const id of removed) this.offerGone(id);
      for (const id of added) this.offerMade(id);
      return true;
    }
    for (const id of journal.removed) {
      journal.removed.delete(id);
      this.offerGone(id);
      if (stop?.()) return journal.size === 0;
    }
    for (const id of journal.added) {
      journal.added.delete(id);
      this.offerMade(id);
      if (stop?.()) return journal.size === 0;
    }
    return true;
  }

  /** {@link syncSentOffers} a slice per turn until every offer noted when it started (at least) was taken in. */
  private async syncSentOffersSliced(): Promise<void> {
    let left = this.offerJournal.size;
    while (left > 0 && this.offerJournal.size > 0) {
      const before = this.offerJournal.size;
      const slices = this.slices();
      if (this.syncSentOffers(() => slices.spent())) return;
      left -= Math.max(1, before - this.offerJournal.size);
      if (left > 0) await this.master.turnGate.nextTurn();
    }
  }

  private offerGone(id: string): void {
    const was = this.sentOffers.get(id);
    if (!was) return;
    this.sums.offersChanged(this.master, [], [id]);
    this.rows.touchAgent(was.agentId);
    this.sentOffers.delete(id);
    this.pendingAddedOffers.delete(id);
    if (this.clients.size === 0) return;
    this.tracker.touch(was.agentId, was.frameworkId);
    this.pendingRemovedOffers.add(id);
  }

  private offerMade(id: string): void {
    const offer = this.master.offers.get(id);
    if (!offer || this.sentOffers.has(id)) return;
    this.sums.offersChanged(this.master, [id], []);
    this.sentOffers.set(id, { agentId: offer.agentId, frameworkId: offer.frameworkId });
    this.rows.touchAgent(offer.agentId);
    if (this.clients.size === 0) return;
    this.tracker.touch(offer.agentId, offer.frameworkId);
    this.pendingAddedOffers.add(id);
  }

  /**
   * Build one delta from what changed and send it to every client that
   * keeps up. Its rows are built a slice per turn (a flush after 45,000
   * new offers names 45,000 agents and offers), each read when its slice is
   * built; the delta goes out whole when done.
   */
  private async flush(): Promise<void> {
    if (!this.someClientJoined()) {
      // Nobody takes a delta now (every client is still reading its rows, or behind): a reading client gets these
      // changes in its catch-up, the offers as they are then; the offers and figures are kept by the sums timer.
      const changes = this.tracker.take();
      for (const client of this.clients) if (client.loading) mergeChanges(client.loading, changes);
      this.pendingAddedOffers.clear();
      this.pendingRemovedOffers.clear();
      this.sentEventSeq = this.eventSeq;
      return;
    }
    this.flushing = true;
    try {
      // The offers that moved since the last look, a slice per turn: the cost of what moved, not of every offer.
      await this.syncSentOffersSliced();
      const changes = this.tracker.take();
      // The agents the changes name (and any left stale) get their shares recomputed: the cost of the changes, not of the
      // cluster, a slice per turn.
      await this.sums.refreshSliced(this.master, this.packSlice, this.turnBudgetMs);
      this.taskCounts = this.sums.taskCounts(this.master);
      const added = [...this.pendingAddedOffers];
      const removed = [...this.pendingRemovedOffers];
      this.pendingAddedOffers.clear();
      this.pendingRemovedOffers.clear();
      const events = this.recent.since(this.sentEventSeq);
      this.sentEventSeq = this.eventSeq;
      const slices = this.slices();
      const pause = async (): Promise<void> => {
        await this.master.turnGate.nextTurn();
        slices.restart();
      };
      const delta = await entityDeltaSliced(this.master, changes, this.deltaFigures(this.now(), this.taskCounts), pause, () => slices.spent());
      const offers: UiOffer[] = [];
      for (let i = 0; i < added.length; i++) {
        const offer = this.master.offers.get(added[i]);
        if (offer) offers.push(uiOffer(offer));
        if (slices.spent()) await pause();
      }
      if (offers.length) delta.offers = offers;
      if (removed.length) delta.offers_removed = removed;
      if (events.length) delta.events = events;

      const text = await jsonInSlices(delta, async () => {
        if (slices.overTime()) await pause();
      });
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
    } finally {
      this.flushing = false;
    }
  }

  /** True when some client takes the shared deltas (its rows were sent and it keeps up). */
  private someClientJoined(): boolean {
    for (const client of this.clients) if (!client.loading && !client.behind) return true;
    return false;
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

/** True when `changes` name a row a delta carries (agents, tasks, frameworks or roles). */
function hasRows(changes: Changes): boolean {
  return changes.agents.size > 0 || changes.tasks.size > 0 || changes.frameworks.size > 0 || changes.allFrameworks || changes.roles;
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
