/**
 * The Operator API's state answers (GET_STATE and its narrower calls)
 * encoded in slices: each agent, framework, task and offer is encoded on
 * its own into one protobuf writer, yielding to the event loop every
 * {@link STATE_SLICE} items, so 500,000 tasks are never one synchronous
 * block of view building plus one of serialization (which at that size held
 * the master's loop for seconds). The bytes are those `pb.OperatorResponse`
 * would write for {@link answerOperatorCall}'s answer: repeated fields of
 * a protobuf message may be written element by element.
 */
import { pb, type OperatorCall, type Resource } from '@meseta/proto/wire';
import { add } from '@meseta/proto/resources';
import type { Master } from './master';
import type { FrameworkRecord } from './state';
import { agentView, frameworkView, masterRoleTree, roleStateView, taskView } from './state-view';

/** Items encoded between two yields to the event loop. */
export const STATE_SLICE = 2000;

const T = pb.OperatorCall.Type;

/** Which ClusterState fields an operator call answers with. */
export type StatePart = 'agents' | 'frameworks' | 'tasks' | 'offers' | 'roles';

/** The parts of the state each state call answers; undefined for calls that are not state reads. */
export function statePartsOf(type: OperatorCall['type']): ReadonlySet<StatePart> | undefined {
  switch (type) {
    case T.GET_STATE:
      return new Set<StatePart>(['agents', 'frameworks', 'tasks', 'offers', 'roles']);
    case T.GET_AGENTS:
      return new Set<StatePart>(['agents']);
    case T.GET_FRAMEWORKS:
      return new Set<StatePart>(['frameworks']);
    case T.GET_TASKS:
      return new Set<StatePart>(['tasks']);
    case T.GET_ROLES:
      return new Set<StatePart>(['roles']);
    case T.GET_OFFERS:
      return new Set<StatePart>(['offers']);
    default:
      return undefined;
  }
}

/** ClusterState field numbers (operator.proto), wire type 2 (length-delimited). */
const FIELD = { agents: 4, frameworks: 5, completedFrameworks: 6, tasks: 7, completedTasks: 8, offers: 9, roles: 10 } as const;
const tag = (field: number): number => (field << 3) | 2;

/** Counts yields, for tests. */
export interface EncodeStats {
  yields: number;
}

/**
 * Encode the answer to a state call on `master` (or a viewer's filtered
 * view of it) as `OperatorResponse` bytes, in slices.
 */
export async function encodeStateAnswer(master: Master, call: OperatorCall, stats: EncodeStats = { yields: 0 }, slice = STATE_SLICE): Promise<Uint8Array> {
  const parts = statePartsOf(call.type);
  if (!parts) throw new Error(`type: ${String(call.type)} is not a state call`);
  const w = pb.ClusterState.encode(
    parts.size === 5 ? { master_info: master.info, start_time: master.startTime, elected_time: master.startTime } : { master_info: master.info },
  );
  let sinceYield = 0;
  const step = async (n = 1): Promise<void> => {
    sinceYield += n;
    if (sinceYield < slice) return;
    sinceYield = 0;
    stats.yields++;
    await master.turnGate.nextTurn();
  };
  /** A framework's live tasks' resources, summed a slice at a time. */
  const allocatedOf = async (f: FrameworkRecord): Promise<Resource[]> => {
    let sum: Resource[] = [];
    let batch: Resource[] = [];
    for (const t of f.tasks.values()) {
      for (const r of t.resources) batch.push(r);
      if (batch.length >= slice) {
        sum = add(sum, batch);
        batch = [];
        await step(slice);
      }
    }
    return batch.length > 0 ? add(sum, batch) : sum;
  };

  if (parts.has('agents')) {
    for (const a of master.agents.values()) {
      pb.AgentState.encode(agentView(master, a), w.uint32(tag(FIELD.agents)).fork()).ldelim();
      await step(1 + a.tasks.size);
    }
  }
  const frameworks = [...master.frameworks.values()];
  const allocated = new Map<string, Resource[]>();
  if (parts.has('frameworks') || parts.has('roles')) {
    for (const f of frameworks) allocated.set(f.id, await allocatedOf(f));
  }
  if (parts.has('frameworks')) {
    for (const f of frameworks) {
      pb.FrameworkState.encode(frameworkView(master, f, allocated.get(f.id)), w.uint32(tag(FIELD.frameworks)).fork()).ldelim();
      await step(1 + f.offers.size);
    }
    for (const f of master.completedFrameworks) {
      pb.FrameworkState.encode(frameworkView(master, f), w.uint32(tag(FIELD.completedFrameworks)).fork()).ldelim();
      await step(1 + f.tasks.size);
    }
  }
  if (parts.has('tasks')) {
    for (const f of frameworks) {
      for (const t of f.tasks.values()) {
        pb.Task.encode(taskView(t), w.uint32(tag(FIELD.tasks)).fork()).ldelim();
        await step();
      }
    }
    for (const f of [...frameworks, ...master.completedFrameworks]) {
      for (const t of f.completedTasks) {
        pb.Task.encode(taskView(t), w.uint32(tag(FIELD.completedTasks)).fork()).ldelim();
        await step();
      }
    }
  }
  if (parts.has('offers')) {
    for (const o of master.offers.values()) {
      pb.Offer.encode(o.offer, w.uint32(tag(FIELD.offers)).fork()).ldelim();
      await step();
    }
  }
  if (parts.has('roles')) {
    for (const e of masterRoleTree(master, (f) => allocated.get(f.id) ?? [])) {
      pb.RoleState.encode(roleStateView(master, e), w.uint32(tag(FIELD.roles)).fork()).ldelim();
      await step();
    }
  }
  const state = w.finish();
  await step(slice); // the wrapper below copies the state once more: a turn first
  const out = pb.OperatorResponse.encode({ type: call.type });
  out.uint32(tag(5)).bytes(state);
  return out.finish();
}
