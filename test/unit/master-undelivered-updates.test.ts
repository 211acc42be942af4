/**
 * An agent update the master could not forward (its framework had no
 * stream) makes the master ask that agent to resend at once when the
 * framework subscribes, even when the master knows none of the
 * framework's tasks on that agent (a refusal of a task it never learned of,
 * e.g. after a master failover). Before, such an update came again only on
 * the agent's resend backoff (10 s, doubling).
 */
import { CallType, TaskState, pb } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { UndeliveredUpdates } from '../../master/undelivered-updates';
import { FakeFramework, masterTestBed } from './fixtures/master-test-bed';

describe('UndeliveredUpdates', () => {
  it.each([
    ['nothing noted: no agents', [], 'f1', [], 0],
    ['agents of one framework, each once', [['f1', 'a1'], ['f1', 'a2'], ['f1', 'a1']], 'f1', ['a1', 'a2'], 0],
    ['another framework is kept', [['f1', 'a1'], ['f2', 'a2']], 'f1', ['a1'], 1],
    ['past the bound the least recently noted framework goes first', [['f1', 'a1'], ['f2', 'a2'], ['f3', 'a3'], ['f4', 'a4']], 'f1', [], 3],
    ['noting a framework again makes it the most recent', [['f1', 'a1'], ['f2', 'a2'], ['f3', 'a3'], ['f1', 'a5'], ['f4', 'a4']], 'f1', ['a1', 'a5'], 2],
  ])('%s', (_name, notes, taken, agents, left) => {
    const u = new UndeliveredUpdates(3);
    for (const [fid, aid] of notes as Array<[string, string]>) u.note(fid, aid);
    expect(u.take(taken)).toEqual(agents);
    expect(u.take(taken)).toEqual([]);
    expect(u.size).toBe(left);
  });
});

describe('the master asks an agent whose update it could not forward to resend when the framework subscribes', () => {
  it.each([
    ['the framework is known but disconnected', true],
    ['the framework is not known to this master yet (it failed over)', false],
  ])('%s', async (_name, subscribeFirst) => {
    const s = masterTestBed();
    const agent = await s.addAgent('cpus:2;mem:1024', 'a1');
    const other = await s.addAgent('cpus:2;mem:1024', 'a2');
    let frameworkId = 'fw-from-before';
    if (subscribeFirst) {
      const fw = await s.subscribe('fw', { failover_timeout: 60 });
      frameworkId = fw.frameworkId;
      s.master.frameworkDisconnected(fw.frameworkId, fw.streamId);
    }
    const refusal = {
      framework_id: { value: frameworkId },
      status: { task_id: { value: 'never-known' }, state: TaskState.TASK_ERROR, reason: pb.TaskStatus.Reason.REASON_TASK_INVALID, source: pb.TaskStatus.Source.SOURCE_AGENT, message: 'refused', uuid: newUpdateUuid() },
    };
    await agent.link.onMessage({ updates: [refusal] });
    const sink = new FakeFramework();
    await s.master.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root', roles: ['*'], capabilities: [{ type: pb.FrameworkInfo.Capability.Type.MULTI_ROLE }], id: { value: frameworkId }, failover_timeout: 60 } } }, sink);
    const asked = (a: typeof agent): string[] => a.sink.parts.flatMap((p) => p.reconcile ?? []).map((r) => r.framework_id!.value!);
    expect(asked(agent)).toEqual([frameworkId]);
    expect(asked(other)).toEqual([]);
    // The agent resends; now it is forwarded.
    await agent.link.onMessage({ updates: [refusal] });
    expect(sink.updates().map((u) => [u.task_id!.value, u.state])).toEqual([['never-known', TaskState.TASK_ERROR]]);
    s.stop();
  });
});
