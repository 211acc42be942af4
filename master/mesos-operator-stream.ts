/**
 * The Mesos operator API's big reads (GET_STATE, GET_TASKS, GET_AGENTS,
 * GET_FRAMEWORKS, GET_EXECUTORS) answered in JSON without one long
 * synchronous block: the records to list are collected (references only),
 * the answer's envelope is encoded once with a marker item in each big
 * list, and the lists are spliced in at the markers, each item encoded on
 * its own, a slice at a time with a yield to the event loop between slices
 * (and a wait for a full socket). The text is byte for byte what
 * `encodeMesosMessage(Response, answer, 'json')` gives for the same state
 * (each item as it is when reached). Protobuf answers take the same lists
 * (`operatorReadLists`; `mesos-operator-protobuf.ts`).
 */
import type { Resource, v1 } from '@meseta/proto/wire';
import { JSON_OPTIONS, TaskState, pb } from '@meseta/proto/wire';
import { add } from '@meseta/proto/resources';
import { asciiJson } from '@meseta/proto/mesos-http';
import type { Master } from './master';
import type { AgentRecord, FrameworkRecord, TaskRecord } from './state';
import type { TextSink } from './state-stream';
import { agentMessage, frameworkMessage, responseOf, taskMessage } from './mesos-operator-views';
import { drainOrClose } from './sink-drain';

const T = pb.master.Call.Type;

/** A protobufjs message class, as far as this module uses it. */
interface Codec {
  fromObject(o: Record<string, unknown>): unknown;
  toObject(m: never, o: typeof JSON_OPTIONS): unknown;
}

const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function jsonOf(codec: Codec, value: unknown): string {
  return asciiJson(codec.toObject(codec.fromObject(value as Record<string, unknown>) as never, JSON_OPTIONS));
}

/** One big list of an answer: its items, how one is encoded, and a marker item of its type. */
export interface SplicedList {
  items: readonly unknown[];
  /** An item whose JSON appears nowhere else in the answer. */
  marker: unknown;
  codec: Codec;
  /** The item's message, as the whole answer would hold it. */
  message(item: unknown): unknown;
}

/** Tunables of {@link writeOperatorReadJson}. */
export interface OperatorStreamOptions {
  /** Items encoded between two yields. @default 500 */
  slice?: number;
  /** How to yield. @default setImmediate */
  yieldNow?: () => Promise<void>;
}

const MARK = '\u0001meseta-splice-';

/**
 * Write `envelope(lists)` as JSON with each list's items spliced in, a
 * slice at a time. `envelope` gets, per list, `[marker]` (or `[]` for an
 * empty list, which the encoding leaves out) and builds the answer around them.
 */
async function writeSpliced(
  out: TextSink,
  envelope: (parts: unknown[][]) => unknown,
  lists: SplicedList[],
  options: OperatorStreamOptions,
  codec: Codec = pb.master.Response as unknown as Codec,
): Promise<void> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? immediate;
  const text = jsonOf(codec, envelope(lists.map((l) => (l.items.length > 0 ? [l.marker] : []))));
  // Where each non-empty list's marker sits, in the order of the text.
  const cuts = lists
    .filter((l) => l.items.length > 0)
    .map((l) => {
      const markerText = jsonOf(l.codec, l.marker);
      const at = text.indexOf(markerText);
      if (at < 0 || text.indexOf(markerText, at + 1) >= 0) throw new Error('operator answer: a list marker was not found exactly once');
      return { list: l, at, length: markerText.length };
    })
    .sort((a, b) => a.at - b.at);
  let from = 0;
  let count = 0;
  /** Write, and wait at once for a full socket to drain (listening later could miss the drain). */
  const write = async (chunk: string): Promise<boolean> => {
    if (out.destroyed) return false;
    if (!out.write(chunk) && !out.destroyed) {
      await drainOrClose(out);
    }
    return !out.destroyed;
  };
  for (const cut of cuts) {
    let buffer = text.slice(from, cut.at);
    const { items, codec, message } = cut.list;
    for (let i = 0; i < items.length; i++) {
      buffer += (i > 0 ? ',' : '') + jsonOf(codec, message(items[i]));
      if (++count % slice === 0) {
        if (!(await write(buffer))) return;
        buffer = '';
        await yieldNow();
      }
    }
    if (buffer && !(await write(buffer))) return;
    from = cut.at + cut.length;
  }
  await write(text.slice(from));
}

/** Call types {@link writeOperatorReadJson} answers. */
export const STREAMED_READS: ReadonlySet<number> = new Set([T.GET_STATE, T.GET_TASKS, T.GET_AGENTS, T.GET_FRAMEWORKS, T.GET_EXECUTORS]);

const taskList = (items: TaskRecord[], n: number): SplicedList => ({
  items, marker: { name: `${MARK}task-${n}` }, codec: pb.Task as unknown as Codec, message: (t) => taskMessage(t as TaskRecord),
});

/** The task records GET_TASKS lists, collected a slice at a time (references only). */
async function taskLists(master: Master, slice: number, yieldNow: () => Promise<void>): Promise<SplicedList[]> {
  const tasks: TaskRecord[] = [];
  const unreachable: TaskRecord[] = [];
  const completed: TaskRecord[] = [];
  let n = 0;
  for (const f of [...master.frameworks.values()]) {
    for (const t of f.tasks.values()) {
      (t.task.state === TaskState.TASK_UNREACHABLE ? unreachable : tasks).push(t);
      if (++n % (slice * 20) === 0) await yieldNow();
    }
  }
  for (const f of [...master.frameworks.values(), ...master.completedFrameworks]) for (const t of f.completedTasks) completed.push(t);
  return [taskList(tasks, 0), taskList(unreachable, 1), taskList(completed, 2)];
}

/** The agents GET_AGENTS lists: registered ones, and those known only from the registry. */
function agentLists(master: Master): SplicedList[] {
  const agents: AgentRecord[] = [];
  const recovered: AgentRecord[] = [];
  for (const a of master.agents.values()) {
    if (a.status === 'UNREACHABLE' || a.status === 'GONE') continue;
    (a.recovered ? recovered : agents).push(a);
  }
  return [
    { items: agents, marker: { pid: `${MARK}agent` }, codec: pb.master.Response.GetAgents.Agent as unknown as Codec, message: (a) => agentMessage(master, a as AgentRecord) },
    { items: recovered, marker: { hostname: `${MARK}recovered` }, codec: pb.AgentInfo as unknown as Codec, message: (a) => ({ ...(a as AgentRecord).info, id: { value: (a as AgentRecord).id } }) },
  ];
}

/** What each framework's live tasks hold, summed a slice at a time. */
async function allocations(frameworks: FrameworkRecord[], slice: number, yieldNow: () => Promise<void>): Promise<Map<FrameworkRecord, Resource[]>> {
  const out = new Map<FrameworkRecord, Resource[]>();
  for (const f of frameworks) {
    let total: Resource[] = [];
    let part: Resource[] = [];
    for (const t of f.tasks.values()) {
      part.push(...t.resources);
      if (part.length >= slice * 4) {
        total = add(total, part);
        part = [];
        await yieldNow();
      }
    }
    out.set(f, add(total, part));
  }
  return out;
}

/** GET_FRAMEWORKS' two lists (few items, each summed beforehand in slices). */
async function frameworkLists(master: Master, slice: number, yieldNow: () => Promise<void>): Promise<SplicedList[]> {
  const live = [...master.frameworks.values()];
  const completed = [...master.completedFrameworks];
  const allocated = await allocations([...live, ...completed], slice, yieldNow);
  const list = (items: FrameworkRecord[], n: number): SplicedList => ({
    items,
    marker: { framework_info: { name: `${MARK}framework-${n}` } },
    codec: pb.master.Response.GetFrameworks.Framework as unknown as Codec,
    message: (f) => frameworkMessage(master, f as FrameworkRecord, allocated.get(f as FrameworkRecord)),
  });
  return [list(live, 0), list(completed, 1)];
}

/** GET_EXECUTORS' list: one entry per executor id live tasks name, found a slice at a time. */
async function executorList(master: Master, slice: number, yieldNow: () => Promise<void>): Promise<SplicedList> {
  const seen = new Set<string>();
  const executors: v1.master.Response.GetExecutors.IExecutor[] = [];
  let n = 0;
  for (const f of [...master.frameworks.values()]) {
    for (const t of f.tasks.values()) {
      if (++n % (slice * 20) === 0) await yieldNow();
      const executorId = t.task.executor_id?.value;
      if (!executorId) continue;
      const key = `${f.id}\u0000${t.agentId}\u0000${executorId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      executors.push({ executor_info: { executor_id: { value: executorId }, framework_id: { value: f.id } }, agent_id: { value: t.agentId } });
    }
  }
  return {
    items: executors, marker: { agent_id: { value: `${MARK}executor` } }, codec: pb.master.Response.GetExecutors.Executor as unknown as Codec, message: (e) => e,
  };
}

const getTasksOf = (p: unknown[][]): v1.master.Response.IGetTasks => ({
  pending_tasks: [], tasks: p[0] as v1.ITask[], unreachable_tasks: p[1] as v1.ITask[], completed_tasks: p[2] as v1.ITask[], orphan_tasks: [],
});
const getAgentsOf = (p: unknown[][]): v1.master.Response.IGetAgents => ({ agents: p[0], recovered_agents: p[1] } as v1.master.Response.IGetAgents);
const getFrameworksOf = (p: unknown[][]): v1.master.Response.IGetFrameworks => ({ frameworks: p[0], completed_frameworks: p[1], recovered_frameworks: [] } as v1.master.Response.IGetFrameworks);
const getExecutorsOf = (p: unknown[][]): v1.master.Response.IGetExecutors => ({ executors: p[0], orphan_executors: [] } as v1.master.Response.IGetExecutors);

/** GET_STATE's lists (tasks ×3, executors, frameworks ×2, agents ×2), collected a slice at a time. */
async function stateLists(master: Master, slice: number, yieldNow: () => Promise<void>): Promise<SplicedList[]> {
  const tasks = await taskLists(master, slice, yieldNow);
  const executors = await executorList(master, slice, yieldNow);
  const frameworks = await frameworkLists(master, slice, yieldNow);
  return [...tasks, executors, ...frameworks, ...agentLists(master)];
}

/** GET_STATE around the parts of {@link stateLists}. */
function stateOf(p: unknown[][]): v1.master.Response.IGetState {
  return { get_tasks: getTasksOf(p.slice(0, 3)), get_executors: getExecutorsOf(p.slice(3, 4)), get_frameworks: getFrameworksOf(p.slice(4, 6)), get_agents: getAgentsOf(p.slice(6, 8)) };
}

/**
 * The big lists of one of {@link STREAMED_READS}, collected a slice at a
 * time (references only), in the order the JSON writer takes them: GET_TASKS
 * (tasks, unreachable, completed), GET_AGENTS (agents, recovered),
 * GET_FRAMEWORKS (live, completed), GET_EXECUTORS (executors), GET_STATE
 * (those four, in that order). For the protobuf writer
 * (`mesos-operator-protobuf.ts`).
 */
export async function operatorReadLists(master: Master, type: number, options: OperatorStreamOptions = {}): Promise<SplicedList[]> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  switch (type) {
    case T.GET_TASKS:
      return taskLists(master, slice, yieldNow);
    case T.GET_AGENTS:
      return agentLists(master);
    case T.GET_FRAMEWORKS:
      return frameworkLists(master, slice, yieldNow);
    case T.GET_EXECUTORS:
      return [await executorList(master, slice, yieldNow)];
    case T.GET_STATE:
      return stateLists(master, slice, yieldNow);
    default:
      throw new Error(`call type ${type} is not a streamed read`);
  }
}

/**
 * Answer one of {@link STREAMED_READS} over `master` in JSON to `out`, a
 * slice at a time. Resolves when written (or the reader went away); the
 * caller ends the response.
 */
export async function writeOperatorReadJson(master: Master, type: number, out: TextSink, options: OperatorStreamOptions = {}): Promise<void> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  switch (type) {
    case T.GET_TASKS:
      return writeSpliced(out, (p) => responseOf('GET_TASKS', getTasksOf(p)), await taskLists(master, slice, yieldNow), options);
    case T.GET_AGENTS:
      return writeSpliced(out, (p) => responseOf('GET_AGENTS', getAgentsOf(p)), agentLists(master), options);
    case T.GET_FRAMEWORKS:
      return writeSpliced(out, (p) => responseOf('GET_FRAMEWORKS', getFrameworksOf(p)), await frameworkLists(master, slice, yieldNow), options);
    case T.GET_EXECUTORS:
      return writeSpliced(out, (p) => responseOf('GET_EXECUTORS', getExecutorsOf(p)), [await executorList(master, slice, yieldNow)], options);
    case T.GET_STATE:
      return writeSpliced(out, (p) => responseOf('GET_STATE', stateOf(p)), await stateLists(master, slice, yieldNow), options);
    default:
      throw new Error(`call type ${type} is not a streamed read`);
  }
}

/** Collects text (a record whose length must be known before it is sent). */
class TextCollector implements TextSink {
  readonly parts: string[] = [];
  write(chunk: string): boolean {
    this.parts.push(chunk);
    return true;
  }
  once(): this {
    return this;
  }
}

/**
 * SUBSCRIBE's first event (SUBSCRIBED with the whole state) as JSON text,
 * built a slice at a time: the same text as
 * `encodeMesosMessage(Event, subscribedEvent(master, heartbeatSeconds), 'json')`.
 * (A RecordIO record is preceded by its length, so the text is whole before it is sent.)
 */
export async function subscribedJson(master: Master, heartbeatSeconds: number, options: OperatorStreamOptions = {}): Promise<string> {
  const slice = Math.max(1, options.slice ?? 500);
  const yieldNow = options.yieldNow ?? (() => master.turnGate.nextTurn());
  const out = new TextCollector();
  await writeSpliced(
    out,
    (p) => ({ type: pb.master.Event.Type.SUBSCRIBED, subscribed: { get_state: stateOf(p), heartbeat_interval_seconds: heartbeatSeconds } }),
    await stateLists(master, slice, yieldNow),
    options,
    pb.master.Event as unknown as Codec,
  );
  return out.parts.join('');
}
