/**
 * The master end to end with fake sinks and a manual clock: declines and
 * ACCEPT refusals carry never-fits / not-now codes judged against the
 * largest agent, and the unused part of an ACCEPT filters those resources
 * only, so a larger offer goes through once a task ends.
 */
import { Master } from '../../master/master';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import type { AgentSink, FrameworkSink, MasterToAgentPart } from '../../master/state';
import type { Call, Event, Offer, TaskStatus } from '@meseta/proto/wire';
import { CallType, EventType, OperationType, TaskState } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { formatResources, scalar, unallocate } from '@meseta/proto/resources';
import { RefusalCode } from '@meseta/proto/refusal-code';
import { silentLogger } from '@meseta/runtime/log';
import { newUpdateUuid } from '@meseta/proto/ids';

class FakeFramework implements FrameworkSink {
  events: Event[] = [];
  send(e: Event): void {
    this.events.push(e);
  }
  close(): void {}
  offers(): Offer[] {
    return this.events.filter((e) => e.type === EventType.OFFERS).flatMap((e) => e.offers!.offers!);
  }
  updates(): TaskStatus[] {
    return this.events.filter((e) => e.type === EventType.UPDATE).map((e) => e.update!.status!);
  }
}

class FakeAgent implements AgentSink {
  parts: MasterToAgentPart[] = [];
  send(p: MasterToAgentPart): void {
    this.parts.push(p);
  }
  close(): void {}
}

function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const master = new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 3600,
      agentPingTimeoutSeconds: 100,
      maxAgentPingTimeouts: 3,
      agentRemovalTimeoutSeconds: 60,
      frameworkHeartbeatSeconds: 15,
      allocationIntervalSeconds: 1,
      agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100,
      maxStatusesPerTask: 20,
    },
    new HierarchicalAllocator({ clock: () => nowSeconds(clock) }),
    clock,
    silentLogger,
  );
  master.start();
  const addAgent = async (resources: string, hostname: string) => {
    const sink = new FakeAgent();
    const link = master.agentLinkOpened(sink);
    await link.onMessage({ register: { agent_info: { hostname, port: 5051, resources: parseResources(resources) } } });
    const agentId = sink.parts.find((p) => p.registered)!.registered!.agent_id!.value!;
    return { sink, link, agentId };
  };
  const subscribe = async () => {
    const sink = new FakeFramework();
    const { frameworkId, streamId } = await master.subscribe(
      { type: CallType.SUBSCRIBE, subscribe: { framework_info: { name: 'fw', user: 'root', roles: ['*'] } } },
      sink,
    );
    const call = (c: Call) => master.handleCall({ framework_id: { value: frameworkId }, stream_id: streamId, ...c });
    return { sink, frameworkId, call };
  };
  return { clock, master, addAgent, subscribe };
}

describe('master refusal codes', () => {
  it.each([
    ['more cpus than any agent has: never fits', 64, RefusalCode.NEVER],
    ['more cpus than this offer, within the largest agent: not now', 6, RefusalCode.NOT_NOW],
  ])('records a decline\'s refusal with its code: %s', async (_case, cpus, code) => {
    const s = setup();
    await s.addAgent('cpus:2;mem:1024', 'small');
    await s.addAgent('cpus:8;mem:1024', 'big');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const message = `cpus: asked ${cpus}, largest offer 2`;
    await fw.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!], refusals: [{ name: 'cpus', requested: cpus, available: 2, message }] } });
    const [record] = s.master.frameworks.get(fw.frameworkId)!.recentDeclines;
    expect(record.refusals).toEqual([{ name: 'cpus', requested: cpus, available: 2, message, code }]);
    s.master.stop();
  });

  it('says at ACCEPT that a task larger than every agent never fits', async () => {
    const s = setup();
    await s.addAgent('cpus:2;mem:1024', 'a1');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const big = { name: 'big', task_id: { value: 'big' }, agent_id: offer.agent_id, resources: [scalar('cpus', 4), scalar('mem', 128)], command: { value: 'true' } };
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [big] } }] } });
    const [refused] = fw.sink.updates();
    expect(refused.state).toBe(TaskState.TASK_ERROR);
    expect(refused.message).toContain('cpus: asked 4, offer holds 2 (never fits: the largest agent has 2)');
    s.master.stop();
  });

  it('filters only the unused part of an ACCEPT: the whole agent is offered again once the task ends', async () => {
    const s = setup();
    const agent = await s.addAgent('cpus:2;mem:1024', 'a1');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const task = { name: 't1', task_id: { value: 't1' }, agent_id: offer.agent_id, resources: [scalar('cpus', 1), scalar('mem', 256)], command: { value: 'true' } };
    await fw.call({
      type: CallType.ACCEPT,
      accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [task] } }], filters: { refuse_seconds: 3600 } },
    });
    s.master.runAllocation();
    expect(fw.sink.offers()).toHaveLength(1);
    await agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_FINISHED, uuid: newUpdateUuid() } }] });
    s.master.runAllocation();
    const offers = fw.sink.offers();
    expect(offers).toHaveLength(2);
    expect(formatResources(unallocate(offers[1].resources!))).toBe('cpus:2;mem:1024');
    s.master.stop();
  });
});
