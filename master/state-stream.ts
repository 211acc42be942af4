/**
 * `/state` without one long synchronous block: the same JSON as
 * `JSON.stringify(stateJson(master))`, written in slices of entries with a
 * yield to the event loop between slices (and a wait for the socket to
 * drain when its buffer is full), so agents' pings, registrations and
 * other requests are served while a large state is being sent.
 *
 * The document is not a point-in-time snapshot: each entry is as it was
 * when its slice was written (Mesos's /state is one actor turn; ours would
 * stall every agent link for seconds at 50,000 agents). Records are
 * walked with live Map iterators, which see deletions and additions safely.
 */
import { JSON_OPTIONS, pb } from '@meseta/proto/wire';
import type { Resource } from '@meseta/proto/wire';
import { add } from '@meseta/proto/resources';
import type { Master } from './master';
import type { FrameworkRecord } from './state';
import { agentView, countsReservations, frameworkView, masterRoleTree, roleStateView, taskView } from './state-view';
import { allFrameworks, packTaskRecord, roundAmounts, uiAgent, uiFramework, uiOffer, uiRoles, uiSummary } from './http-ui-view';
import { TaskPacker } from './http-ui-pack';
import type { UiOffer } from './http-ui-types';
import { ClusterSums, OfferedSums } from './cluster-sums';
import { agentCountsOf, agentShare, taskStateName } from './agent-share';
import { drainOrClose } from './sink-drain';
import { ByteChunks } from './byte-chunks';
import { ProtoJsonWriter } from './proto-json';

/** Where the text goes: a response, or a collector in tests. */
export interface TextSink {
  /** Returns false when the sink's buffer is full (wait for `drain`). Chunks are text or whole UTF-8 bytes. */
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  /** Takes a listener off (responses have it; see sink-drain.ts). */
  off?(event: 'drain' | 'close', listener: () => void): unknown;
  /** True once the reader went away: writing stops. */
  readonly destroyed?: boolean;
}

/** Tunables of {@link writeStateJson}. */
export interface StateStreamOptions {
  /** Most entries (agents, tasks, …) serialised between two yields. @default 500 */
  slice?: number;
  /**
   * Milliseconds of serialising after which the writer yields even before
   * `slice` entries (writeStateJson only; entries cost 20 µs to ms). @default 8
   */
  budgetMs?: number;
  /** How to yield. @default the master's turn gate (`master.turnGate.nextTurn`) */
  yieldNow?: () => Promise<void>;
}

type Codec = { fromObject(o: Record<string, unknown>): unknown; toObject(m: never, o: typeof JSON_OPTIONS): unknown };

function json(codec: Codec, value: unknown): string {
  return JSON.stringify(codec.toObject(codec.fromObject(value as Record<string, unknown>) as never, JSON_OPTIONS));
}

/**
 * The entries' writers: the same text as `json(pb.X, value)`, written from
 * the master's records without protobufjs copies (see proto-json.ts).
 */
let writers: { agent: ProtoJsonWriter; framework: ProtoJsonWriter; task: ProtoJsonWriter; offer: ProtoJsonWriter; role: ProtoJsonWriter } | undefined;
function entryWriters(): NonNullable<typeof writers> {
  writers ??= {
    agent: new ProtoJsonWriter('AgentState'),
    framework: new ProtoJsonWriter('FrameworkState'),
    task: new ProtoJsonWriter('Task'),
    offer: new ProtoJsonWriter('Offer'),
    role: new ProtoJsonWriter('RoleState'),
  };
  return writers;
}

/**
 * Write `/state` to `out` in slices. Resolves when the document is written
 * (or the reader went away); the caller ends the response.
 */
export async function writeStateJson(master: Master, out: TextSink, options: StateStreamOptions = {}): Promise<void> {
  const slice = Math.max(1, options.slice ?? 500);
  const budgetMs = options.budgetMs ?? 8;
  const w = entryWriters();
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  // Text is encoded once, into large chunks written as they fill (see byte-chunks.ts).
  const chunks = new ByteChunks();
  let count = 0;
  let gone = false;
  let full = false;
  let sliceStart = performance.now();
  let sliceMs = budgetMs;
  const send = (chunk: Buffer | undefined): void => {
    if (chunk && !gone && !out.write(chunk)) full = true;
  };
  const buffer = { push: (text: string): void => send(chunks.add(text)) };
  const flush = async (): Promise<void> => {
    send(chunks.take());
    if (full && !out.destroyed) await drainOrClose(out);
    full = false;
    if (out.destroyed) gone = true;
    await yieldNow();
    sliceStart = performance.now();
    sliceMs = master.turnGate.sliceMs(budgetMs);
  };
  /** Count an entry; after `slice` of them or `budgetMs` of work, hand the text over and yield. */
  const tick = async (): Promise<void> => {
    if (++count % slice === 0 || performance.now() - sliceStart >= sliceMs) await flush();
  };

  // The scalars first, exactly as ClusterState.toObject orders them.
  const head = json(pb.ClusterState as unknown as Codec, { master_info: master.info, start_time: master.startTime, elected_time: master.startTime });
  buffer.push(head.slice(0, -1));
  let fieldsWritten = head.length > 2;
  let open = false;
  let first = true;
  const begin = (field: string): void => {
    buffer.push(`${fieldsWritten ? ',' : ''}"${field}":[`);
    fieldsWritten = true;
    open = true;
    first = true;
  };
  const item = (field: string, text: string): void => {
    if (!open) begin(field);
    if (!first) buffer.push(',');
    buffer.push(text);
    first = false;
  };
  const end = (): void => {
    if (open) buffer.push(']');
    open = false;
  };

  // The agents' totals as written, for what roles have reserved.
  const agentTotals: Resource[][] = [];
  for (const a of master.agents.values()) {
    if (gone) return;
    item('agents', w.agent.write(agentView(master, a)));
    if (countsReservations(a)) agentTotals.push(a.total);
    await tick();
  }
  end();

  // What each framework's live tasks hold, summed in slices (frameworks and roles show it).
  const allocated = new Map<FrameworkRecord, Resource[]>();
  const sum = async (f: FrameworkRecord): Promise<Resource[]> => {
    let total: Resource[] = [];
    let part: Resource[] = [];
    for (const t of f.tasks.values()) {
      part.push(...t.resources);
      if (++count % slice === 0 || performance.now() - sliceStart >= sliceMs) {
        total = add(total, part);
        part = [];
        await flush();
      }
    }
    total = add(total, part);
    allocated.set(f, total);
    return total;
  };
  const frameworks = [...master.frameworks.values()];
  for (const f of frameworks) {
    if (gone) return;
    item('frameworks', w.framework.write(frameworkView(master, f, await sum(f))));
    await tick();
  }
  end();
  const completed = master.completedFrameworks;
  for (const f of completed) {
    if (gone) return;
    item('completed_frameworks', w.framework.write(frameworkView(master, f, await sum(f))));
    await tick();
  }
  end();

  for (const f of frameworks) {
    for (const t of f.tasks.values()) {
      if (gone) return;
      item('tasks', w.task.write(taskView(t)));
      await tick();
    }
  }
  end();
  for (const f of [...frameworks, ...completed]) {
    for (const t of f.completedTasks) {
      if (gone) return;
      item('completed_tasks', w.task.write(taskView(t)));
      await tick();
    }
  }
  end();

  for (const o of master.offers.values()) {
    if (gone) return;
    item('offers', w.offer.write(o.offer));
    await tick();
  }
  end();

  for (const e of masterRoleTree(master, (f) => allocated.get(f) ?? [], agentTotals)) {
    item('roles', w.role.write(roleStateView(master, e)));
  }
  end();
  buffer.push('}');
  await flush();
}

/**
 * `/api/v1/snapshot` in slices: the same JSON as
 * `JSON.stringify(uiFullSnapshot(master, now))`, but nothing that grows with
 * the cluster is done in one block: task rows are packed (and counted by
 * state) `slice` at a time, agent rows built and the agents' figures summed
 * `slice` at a time, frameworks' allocations taken from those sums, and the
 * rows written a slice at a time, each slice waiting for a full socket.
 */
export async function writeUiSnapshotJson(master: Master, out: TextSink, now: number, options: StateStreamOptions = {}): Promise<void> {
  const slice = Math.max(1, options.slice ?? 2000);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  let count = 0;
  const tick = async (): Promise<void> => {
    if (++count % slice === 0) await yieldNow();
  };
  const packer = new TaskPacker(now);
  const byNumber: number[] = [];
  let live = 0;
  let done = 0;
  for (const { fw } of allFrameworks(master)) {
    for (const t of fw.tasks.values()) {
      packTaskRecord(packer, t, false);
      byNumber[t.task.state ?? 0] = (byNumber[t.task.state ?? 0] ?? 0) + 1;
      live++;
      await tick();
    }
    for (const t of fw.completedTasks) {
      packTaskRecord(packer, t, true);
      byNumber[t.task.state ?? 0] = (byNumber[t.task.state ?? 0] ?? 0) + 1;
      done++;
      await tick();
    }
  }
  const byState: Record<string, number> = {};
  byNumber.forEach((c, n) => {
    if (c) byState[taskStateName(n)] = c;
  });
  const sums = new ClusterSums();
  const agents: string[] = [];
  for (const a of master.agents.values()) {
    sums.set(a.id, agentShare(a));
    agents.push(JSON.stringify(uiAgent(master, a)));
    await tick();
  }
  const offered = new OfferedSums();
  const offers: UiOffer[] = [];
  for (const o of master.offers.values()) {
    const row = uiOffer(o);
    offers.push(row);
    offered.add(o.id, row.resources);
    await tick();
  }
  const frameworks = allFrameworks(master).map(({ fw, completed }) => uiFramework(master, fw, completed, completed ? undefined : roundAmounts(sums.frameworkAllocated(fw.id))));
  const tasks = { live, completed: done, by_state: byState };
  const packed = packer.done();
  const head = JSON.stringify({ summary: uiSummary(master, now, tasks, agentCountsOf(sums, offered)) });
  const rest = JSON.stringify({
    agent_count: agents.length, frameworks, task_count: live + done, roles: uiRoles(master, frameworks), events: [], offers, tasks: { ...packed, rows: [] },
  });
  // {"summary":…,"agents":[rows],"agent_count":…,…,"rows":[rows]}}
  let ok = out.write(`${head.slice(0, -1)},"agents":[`);
  const rows = async (items: number, text: (from: number, to: number) => string): Promise<boolean> => {
    for (let i = 0; i < items; i += slice) {
      if (out.destroyed) return false;
      if (!ok) await drainOrClose(out);
      await yieldNow();
      const part = text(i, Math.min(items, i + slice));
      ok = out.write(i === 0 ? part : `,${part}`);
    }
    return true;
  };
  if (!(await rows(agents.length, (from, to) => agents.slice(from, to).join(',')))) return;
  ok = out.write(`],${rest.slice(1, -3)}`); // up to and including `"rows":[`
  if (!(await rows(packed.rows.length, (from, to) => packed.rows.slice(from, to).map((r) => JSON.stringify(r)).join(',')))) return;
  out.write(']}}');
}
