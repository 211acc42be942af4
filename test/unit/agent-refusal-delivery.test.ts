/**
 * The agent's refusals (TASK_ERROR, TASK_DROPPED) are status updates like
 * any other: they carry a uuid, go through the status-update manager, are
 * resent on a new link until acknowledged, and a refused task whose refusal
 * is not yet acknowledged is reported when the agent registers again (so
 * the master keeps it until the refusal arrives instead of calling it
 * lost). The agent runs for real against an in-test master over a real
 * AgentLink stream on 127.0.0.1.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MasterToAgent, TaskInfo } from '@meseta/proto/wire';
import { Reason, TaskState } from '@meseta/proto/wire';
import { idOf, uuidKey } from '@meseta/proto/ids';
import { silentLogger } from '@meseta/runtime/log';
import { startAgent, type RunningAgent } from '../../agent';
import { FakeMaster } from './fixtures/agent-fake-master';

let workDir: string;
let master: FakeMaster;
let agent: RunningAgent | undefined;

beforeEach(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-refusal-'));
  master = await FakeMaster.start();
  agent = await startAgent({
    master: master.address,
    port: 0,
    workDir,
    hostname: 'agent-host',
    resources: 'cpus:4;mem:1024',
    logger: silentLogger,
    reconnectMinMs: 20,
    reconnectMaxMs: 100,
    containerizers: ['fake'],
    // Resends come from reconnection only, never from the retry timer, in this test's lifetime.
    statusUpdateRetrySeconds: 600,
  });
  await agent.registered();
});

afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await master.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const cpus = (value: number) => [{ name: 'cpus', type: 0, scalar: { value }, allocation_role: '*' }];
const task = (id: string, extra: Partial<TaskInfo> = {}): TaskInfo => ({ name: id, task_id: { value: id }, resources: cpus(0.1), command: { value: 'true' }, ...extra });
const framework = { id: { value: 'fw' }, name: 'test' };
const single = (t: TaskInfo): MasterToAgent => ({ run: [{ framework, task: t }] });
const group = (...tasks: TaskInfo[]): MasterToAgent => ({ run: [{ framework, executor: { executor_id: { value: 'pod' }, type: 1 }, task_group: { tasks } }] });

describe('agent refusals are delivered reliably', () => {
  it.each([
    ['an invalid task', single(task('bad', { command: undefined })), ['bad'], 'TASK_ERROR', Reason.REASON_TASK_INVALID],
    ['a task larger than the agent', single(task('huge', { resources: cpus(64) })), ['huge'], 'TASK_DROPPED', Reason.REASON_RESOURCES_UNKNOWN],
    ['a task group with one invalid task (every task of the group)', group(task('pa'), task('pb', { command: undefined })), ['pa', 'pb'], 'TASK_ERROR', Reason.REASON_TASK_GROUP_INVALID],
  ])('%s: refused with a uuid, resent on the new link, reported at re-registration until acknowledged', async (_name, run, ids, state, reason) => {
    master.send(run);
    const first = await Promise.all(ids.map((id) => master.waitForState(id, state)));
    for (const u of first) {
      expect(u.status?.reason).toBe(reason);
      expect(u.status?.message).toBeTruthy();
      expect(uuidKey(u.status?.uuid)).toBeTruthy();
    }

    // Not acknowledged; the link breaks. The agent registers again and reports each refused task in its refused state.
    master.dropStream();
    await master.waitFor(() => master.registrations.length >= 2, 'the second registration');
    const reported = master.registrations[1].tasks ?? [];
    for (const [i, id] of ids.entries()) {
      const t = reported.find((r) => idOf(r.task_id) === id);
      expect([id, TaskState[t?.state as number], uuidKey(t?.status_update_uuid ?? undefined)]).toEqual([id, state, uuidKey(first[i].status?.uuid)]);
    }
    // ... and resends each refusal, same uuid.
    const again = await Promise.all(ids.map((id) => master.waitForState(id, state, 2)));
    for (const [i, u] of again.entries()) expect(uuidKey(u.status?.uuid)).toBe(uuidKey(first[i].status?.uuid));

    // Acknowledged: after the next reconnection the refused tasks are neither reported nor resent.
    for (const u of again) master.acknowledge(u);
    // The stream ends after the acknowledgements on it: the agent reads them first.
    master.dropStream();
    await master.waitFor(() => master.registrations.length >= 3, 'the third registration');
    expect((master.registrations[2].tasks ?? []).map((t) => idOf(t.task_id))).toEqual([]);
    // A later update proves the order: anything resent at registration would have arrived before it.
    master.autoAck = true;
    master.send(single(task('later')));
    await master.waitForState('later', 'TASK_RUNNING');
    for (const id of ids) expect(master.statesFor(id)).toEqual([state, state]);
  });
});
