/**
 * A recovered agent re-registering with what the registry holds keeps its
 * recovered info and total (no copy, no normalising); anything else takes
 * the report. Re-registrations after a failover are logged as one info line
 * a second, each agent's own line at debug.
 */
import { Master } from '../../master/master';
import { keptRecovered } from '../../master/agent-lifecycle';
import type { AgentRecord } from '../../master/state';
import { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { createLogger } from '@meseta/runtime/log';
import { parseResources } from '@meseta/proto/resource-text';
import { TaskState, ValueType, pb, type AgentInfo, type AgentToMaster } from '@meseta/proto/wire';
import { uiAgent } from '../../master/http-ui-view';
import { emptyRegistry } from '../../master/registry/registry-state';

const RESOURCES = parseResources('cpus:4;mem:4096;ports:[31000-31010]');
const infoOf = (i: number, extra: Partial<AgentInfo> = {}): AgentInfo => ({
  id: { value: `agent-${i}` }, hostname: `host-${i}`, port: 5051, resources: RESOURCES, attributes: [{ name: 'rack', type: ValueType.TEXT, text: { value: `r${i}` } }], ...extra,
});

describe('keptRecovered', () => {
  const info = infoOf(1);
  const record = (over: Partial<AgentRecord> = {}): AgentRecord => ({ id: 'agent-1', info, total: [], status: 'DISCONNECTED', linkId: 0, registeredTime: 0, lastSeen: 0, version: '', offers: new Set(), tasks: new Map(), recovered: true, ...over }) as AgentRecord;
  const cases: Array<[string, AgentRecord, string, AgentInfo | undefined, boolean]> = [
    ['kept: the report was found the same as the record info, no stored reservations', record(), 'agent-1', info, true],
    ['kept: an empty list of stored reservations', record({ reservations: [] }), 'agent-1', info, true],
    ['not kept: the report was not found the same', record(), 'agent-1', undefined, false],
    ['not kept: the record holds another info object since', record({ info: infoOf(1) }), 'agent-1', info, false],
    ['not kept: the record info names another id', record(), 'agent-2', info, false],
    ['not kept: the registry stores reservations (they are applied to the report)', record({ reservations: parseResources('cpus(eng):1') }), 'agent-1', info, false],
  ];
  it.each(cases)('%s', (_name, agent, id, sameAs, kept) => {
    const got = keptRecovered(agent, id, sameAs);
    expect(got !== undefined).toBe(kept);
    if (got) expect(got).toEqual({ info: agent.info, total: agent.total });
  });
});

describe('re-registration after a failover', () => {
  function setUp(): { master: Master; allocator: HierarchicalAllocator; clock: ManualClock; lines: string[] } {
    const clock = new ManualClock(1_000_000);
    const lines: string[] = [];
    const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
    const master = new Master(
      { id: 'm1', hostname: '127.0.0.1', port: 5050 },
      {
        offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600,
        frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
        maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
      },
      allocator, clock, createLogger('master', 'debug', (line) => lines.push(line)),
    );
    const registry = emptyRegistry();
    for (let i = 0; i < 3; i++) registry.agents.set(`agent-${i}`, { id: `agent-${i}`, status: 'ADMITTED', since: 1000, info: pb.AgentInfo.fromObject(infoOf(i) as Record<string, unknown>) });
    master.recover(registry);
    return { master, allocator, clock, lines };
  }
  const register = (i: number, info: AgentInfo): AgentToMaster => pb.AgentToMaster.decode(pb.AgentToMaster.encode({
    register: {
      agent_info: info,
      tasks: [{ name: 't', task_id: { value: `task-${i}` }, framework_id: { value: 'fw' }, state: TaskState.TASK_RUNNING, resources: parseResources('cpus:1;mem:128') }],
      frameworks: [{ id: { value: 'fw' }, name: 'fw', user: 'u', roles: ['*'] }],
    },
  }).finish()) as AgentToMaster;
  const sink = { send(): void {}, close(): void {} };

  it('keeps the recovered info and total of an agent reporting the same info, takes the report of one that changed', async () => {
    const { master, allocator, clock, lines } = setUp();
    const recovered = [0, 1, 2].map((i) => ({ info: master.agents.get(`agent-${i}`)!.info, total: master.agents.get(`agent-${i}`)!.total }));
    await master.agentLinkOpened(sink).onMessage(register(0, infoOf(0)));
    await master.agentLinkOpened(sink).onMessage(register(1, infoOf(1, { resources: parseResources('cpus:8;mem:4096;ports:[31000-31010]') })));
    await master.agentLinkOpened(sink).onMessage(register(2, infoOf(2)));
    const [a0, a1, a2] = [0, 1, 2].map((i) => master.agents.get(`agent-${i}`)!);
    for (const a of [a0, a1, a2]) {
      expect(a.status).toBe('ACTIVE');
      expect(a.recovered).toBe(false);
      expect(a.tasks.size).toBe(1);
    }
    expect(a0.info).toBe(recovered[0].info);
    expect(a0.total).toBe(recovered[0].total);
    expect(a2.info).toBe(recovered[2].info);
    // Agents of one shape share their recovered total: each row still shows its own attributes.
    expect(a2.total).toBe(a0.total);
    expect([uiAgent(master, a0).attributes, uiAgent(master, a2).attributes, uiAgent(master, a0).attributes]).toEqual([{ rack: 'r0' }, { rack: 'r2' }, { rack: 'r0' }]);
    expect(uiAgent(master, a2).resources_text).toBe(uiAgent(master, a0).resources_text);
    // Changed: the report, with its new cpus, as the long way gives it.
    expect(a1.info).not.toBe(recovered[1].info);
    expect(a1.info.id?.value).toBe('agent-1');
    expect(a1.total.find((r) => r.name === 'cpus')?.scalar?.value).toBe(8);
    expect(allocator.agentTotal('agent-0')?.find((r) => r.name === 'cpus')?.scalar?.value).toBe(4);
    // One line a second: each agent at debug, the count at info once the second is over.
    expect(lines.filter((l) => l.includes('DEBUG master agent re-registered after master failover'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('INFO master agents re-registered after master failover'))).toHaveLength(0);
    clock.advance(1000);
    const summary = lines.filter((l) => l.includes('INFO master agents re-registered after master failover'));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toContain('agents=3 in_all=3 last=agent-2 last_hostname=host-2 last_tasks=1');
    master.stop();
  });

  it('says on stop what was not said yet', async () => {
    const { master, lines } = setUp();
    await master.agentLinkOpened(sink).onMessage(register(0, infoOf(0)));
    master.stop();
    expect(lines.filter((l) => l.includes('agents re-registered after master failover agents=1 in_all=1'))).toHaveLength(1);
  });
});
