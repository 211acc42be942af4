/**
 * The master's per-event work does not grow with the cluster: a
 * registration looks only at agents at its own address (counted), and the
 * address index follows agents as they change address or go.
 */
import { Master } from '../../master/master';
import { AgentAddressIndex, agentAddress } from '../../master/agent-address-index';
import { ManualClock, nowSeconds } from '@meseta/runtime/clock';
import { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import type { AgentSink, MasterToAgentPart } from '../../master/state';
import { parseResources } from '@meseta/proto/resource-text';
import { silentLogger } from '@meseta/runtime/log';

class FakeAgent implements AgentSink {
  parts: MasterToAgentPart[] = [];
  closed = false;
  send(p: MasterToAgentPart): void {
    this.parts.push(p);
  }
  close(): void {
    this.closed = true;
  }
}

function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const allocator = new HierarchicalAllocator({ clock: () => nowSeconds(clock) });
  const master = new Master(
    { id: 'm1', hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 1, maxAgentPingTimeouts: 3, agentRemovalTimeoutSeconds: 60,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 100, maxStatusesPerTask: 20,
    },
    allocator, clock, silentLogger,
  );
  const register = async (hostname: string, port = 5051) => {
    const sink = new FakeAgent();
    const link = master.agentLinkOpened(sink);
    await link.onMessage({ register: { agent_info: { hostname, port, resources: parseResources('cpus:2;mem:1024') } } });
    return { sink, link, id: sink.parts.find((p) => p.registered)?.registered?.agent_id?.value ?? '' };
  };
  return { clock, master, register };
}

describe('agent address index', () => {
  it.each([
    ['an ip and a port', { ip: '10.0.0.1', hostname: 'h', port: 5051 }, '10.0.0.1:5051'],
    ['a hostname when there is no ip', { hostname: 'h', port: 5052 }, 'h:5052'],
  ])('keys an agent with %s', (_n, info, key) => {
    expect(agentAddress(info)).toBe(key);
  });

  it('moves an agent whose address changed and forgets one deleted', () => {
    const index = new AgentAddressIndex<{ id: string; info: { hostname: string; port: number } }>();
    const a = { id: 'a', info: { hostname: 'h1', port: 1 } };
    index.set(a);
    index.set({ id: 'b', info: { hostname: 'h1', port: 1 } });
    expect(index.at('h1:1').map((x) => x.id)).toEqual(['a', 'b']);
    a.info = { hostname: 'h2', port: 1 };
    index.set(a);
    expect(index.at('h1:1').map((x) => x.id)).toEqual(['b']);
    expect(index.at('h2:1').map((x) => x.id)).toEqual(['a']);
    index.delete('b');
    index.delete('never-indexed');
    expect(index.at('h1:1')).toEqual([]);
    expect(index.size).toBe(1);
  });
});

describe('registration cost', () => {
  it.each([[200], [2000]])('with %i agents registered, one more looks at one agent record (itself), not the cluster', async (n) => {
    const s = setup();
    for (let i = 0; i < n; i++) await s.register(`host-${i}`);
    const before = s.master.metrics.registrationAgentVisits;
    await s.register('one-more');
    expect(s.master.metrics.registrationAgentVisits - before).toBe(1);
    s.master.stop();
  });

  it('still makes a silent agent at the same address gone when a new agent registers there', async () => {
    const s = setup();
    const old = await s.register('same', 5051);
    await s.register('other', 5051);
    old.link.onClose();
    const fresh = await s.register('same', 5051);
    await s.master.settled();
    expect(s.master.agents.get(old.id)?.status).toBe('GONE');
    expect(s.master.agents.get(fresh.id)?.status).toBe('ACTIVE');
    const again = await s.register('same', 5051); // the gone agent is no longer looked at
    expect(s.master.agents.get(again.id)?.status).toBe('ACTIVE');
    s.master.stop();
  });
});
