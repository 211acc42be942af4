/**
 * The master's task records kept small (issue 11) answer exactly as before:
 * the same agents' re-registrations and status updates, decoded from wire
 * bytes as the master's transports do, give byte-identical `/state`, UI
 * snapshot, Mesos task JSON and operator GET_STATE (protobuf and JSON) to
 * the answers recorded from the build before (fixtures/task-memory-answers.json,
 * written by this test with MESETA_WRITE_ANSWERS=<path> on that build).
 * Also: identical resource lists are shared, distinct ones are not; a kept
 * status's bytes no longer point into the frame they came in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Master } from '../../master/master';
import { masterTestBed } from './fixtures/master-test-bed';
import { parseResources } from '@meseta/proto/resource-text';
import { Source, TaskState, pb, type AgentToMaster, type Task } from '@meseta/proto/wire';
import { encodeMesosMessage } from '@meseta/proto/mesos-http';
import { stateJson } from '../../master/http';
import { uiFullSnapshot } from '../../master/http-ui-view';
import { mesosTask } from '../../master/mesos-state-json';
import { answerMasterCall } from '../../master/mesos-operator-http';
import type { AgentLinkHandlers } from '../../master/agent-link';

const FW = ['7d0c5e1a-2b3f-4c6d-8e9f-000000000001-0000', '7d0c5e1a-2b3f-4c6d-8e9f-000000000002-0000'];

function uuid(n: number): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, i) => (n * 31 + i) & 255);
}

/** Agent `a`'s re-registration as wire bytes: shared shapes, a port range of its own, labels, a status with data. */
function registerBytes(a: number): Buffer {
  const tasks: Task[] = [];
  for (let k = 0; k < 4; k++) {
    const fid = FW[k % 2];
    const taskId = { value: `t-${a}-${k}` };
    tasks.push({
      name: `job-${k}`, task_id: taskId, framework_id: { value: fid }, state: TaskState.TASK_RUNNING,
      resources: parseResources(k === 3 ? `cpus:0.5;mem:64;ports:[${31000 + a}-${31000 + a}]` : 'cpus:0.1;mem:32'),
      ...(k === 1 ? { labels: { labels: [{ key: 'tier', value: 'web' }] } } : {}),
      statuses: [
        { task_id: taskId, state: TaskState.TASK_STARTING, source: Source.SOURCE_EXECUTOR, timestamp: 1_700_000_000 + k, uuid: uuid(a * 10 + k) },
        { task_id: taskId, state: TaskState.TASK_RUNNING, source: Source.SOURCE_EXECUTOR, timestamp: 1_700_000_010 + k, uuid: uuid(a * 10 + k + 5), ...(k === 2 ? { data: Uint8Array.from([1, 2, 3]), message: 'up' } : {}) },
      ],
    });
  }
  const msg: AgentToMaster = {
    register: {
      agent_info: { id: { value: `agent-${a}-S0` }, hostname: `host-${a}`, port: 5051, resources: parseResources('cpus:8;mem:32768;ports:[31000-32000]') },
      tasks,
      frameworks: FW.map((id, i) => ({ id: { value: id }, name: `fw-${i}`, user: 'bench', roles: ['*'] })),
      version: 'test',
    },
  };
  return Buffer.from(pb.AgentToMaster.encode(msg).finish());
}

function updateBytes(a: number, k: number, state: TaskState, n: number): Buffer {
  const msg: AgentToMaster = {
    updates: [{
      framework_id: { value: FW[k % 2] },
      status: { task_id: { value: `t-${a}-${k}` }, agent_id: { value: `agent-${a}-S0` }, state, source: Source.SOURCE_EXECUTOR, timestamp: 1_700_000_100 + n, uuid: uuid(200 + n), data: Uint8Array.from([9, n]) },
    }],
  };
  return Buffer.from(pb.AgentToMaster.encode(msg).finish());
}

async function cluster() {
  const { master } = masterTestBed({
    config: { offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600 },
    start: false,
  });
  const links: AgentLinkHandlers[] = [];
  const frames: Buffer[] = [];
  for (let a = 0; a < 3; a++) {
    const link = master.agentLinkOpened({ send: () => undefined, close: () => undefined });
    links.push(link);
    const bytes = registerBytes(a);
    frames.push(bytes);
    await link.onMessage(pb.AgentToMaster.decode(bytes) as AgentToMaster);
  }
  for (const [a, k, state, n] of [[0, 0, TaskState.TASK_FINISHED, 1], [1, 2, TaskState.TASK_RUNNING, 2], [2, 1, TaskState.TASK_FAILED, 3]] as const) {
    const bytes = updateBytes(a, k, state, n);
    frames.push(bytes);
    await links[a].onMessage(pb.AgentToMaster.decode(bytes) as AgentToMaster);
  }
  return { master, frames };
}

/** Every answer that shows tasks, as text. */
function answers(master: Master): Record<string, string> {
  const GET_STATE = pb.master.Call.Type.GET_STATE;
  const tasks = [...master.agents.values()].flatMap((a) => [...a.tasks.values()]);
  return {
    state: JSON.stringify(stateJson(master)),
    ui: JSON.stringify(uiFullSnapshot(master, 1_700_000_200)),
    mesosTasks: JSON.stringify(tasks.map((t) => mesosTask(t, master.agents))),
    getStateProtobuf: encodeMesosMessage(pb.master.Response, answerMasterCall(master, { type: GET_STATE }), 'protobuf').toString('hex'),
    getStateJson: encodeMesosMessage(pb.master.Response, answerMasterCall(master, { type: GET_STATE }), 'json').toString('utf8'),
  };
}

describe('compact task records (issue 11)', () => {
  it('answer byte for byte as the build before them', async () => {
    const { master } = await cluster();
    const got = answers(master);
    master.stop();
    const write = process.env.MESETA_WRITE_ANSWERS;
    if (write) writeFileSync(write, `${JSON.stringify(got, null, 1)}\n`);
    const before = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'task-memory-answers.json'), 'utf8')) as Record<string, string>;
    for (const key of Object.keys(before)) expect([key, got[key]]).toEqual([key, before[key]]);
    expect(Object.keys(got).sort()).toEqual(Object.keys(before).sort());
  });

  it('share identical resource lists and keep distinct ones apart', async () => {
    const { master } = await cluster();
    const rec = (a: number, k: number) => master.agents.get(`agent-${a}-S0`)!.tasks.get(`${FW[k % 2]}/t-${a}-${k}`)!;
    expect(rec(1, 1).resources).toBe(rec(2, 2).resources);
    expect(rec(1, 1).task.resources).toBe(rec(2, 2).task.resources);
    expect(rec(1, 3).resources).not.toBe(rec(2, 3).resources);
    expect(rec(1, 3).resources).not.toEqual(rec(2, 3).resources);
    expect(rec(1, 1).task.agent_id).toBe(rec(1, 2).task.agent_id);
    expect(rec(1, 1).task.agent_id).toEqual({ value: 'agent-1-S0' });
    expect(rec(1, 1).task.agent_id).not.toBe(rec(2, 0).task.agent_id);
    // A reported status names its task by the task's own id message; a kill state not asked is one shared object.
    for (const s of rec(1, 1).statuses) expect(s.task_id).toBe(rec(1, 1).task.task_id);
    expect(rec(1, 1).kill).toBe(rec(2, 2).kill);
    expect(rec(1, 1).kill).toEqual({ phase: 'none' });
    master.stop();
  });

  it('keep no status bytes that point into the frame they came in', async () => {
    const { master, frames } = await cluster();
    const kept = [...master.agents.values()].flatMap((a) => [...a.tasks.values()]).flatMap((t) => t.statuses);
    expect(kept.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const s of kept) {
      for (const b of [s.uuid, s.data]) {
        if (!b || b.length === 0) continue;
        bytes++;
        expect(Buffer.isBuffer(b)).toBe(true);
        for (const f of frames) expect(b.buffer).not.toBe(f.buffer);
      }
    }
    expect(bytes).toBeGreaterThan(kept.length);
    const updated = master.agents.get('agent-1-S0')!.tasks.get(`${FW[0]}/t-1-2`)!;
    expect(Buffer.from(updated.latest!.uuid!)).toEqual(Buffer.from(uuid(202)));
    expect(Buffer.from(updated.latest!.data!)).toEqual(Buffer.from([9, 2]));
    master.stop();
  });
});
