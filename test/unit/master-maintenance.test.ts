/**
 * The master's maintenance in one process with fake agents and frameworks
 * and a manual clock (no registry: writes apply at once): offers'
 * unavailability, the inverse-offer pass (one per framework and agent, filters
 * from answers, rescinds), answers recorded, DOWN removing and refusing
 * agents, UP letting them back, and the actions' ACL checks.
 */
import { CallType, EventType, OperationType, TaskState, pb, type Event } from '@meseta/proto/wire';
import { newUpdateUuid } from '@meseta/proto/ids';
import { masterTestBed } from './fixtures/master-test-bed';
import { ANONYMOUS_OPERATOR, OperatorActionError, type OperatorAuthority } from '../../master/operator-actions';
import { maintenanceStatusOf, startMaintenance, stopMaintenance, updateMaintenanceSchedule } from '../../master/maintenance-actions';

const NOW = 1_700_000_000;
const window = (hostname: string, start = NOW + 3600, duration?: number) => ({
  windows: [{ machine_ids: [{ hostname }], unavailability: { start: { nanoseconds: start * 1e9 }, ...(duration !== undefined ? { duration: { nanoseconds: duration * 1e9 } } : {}) } }],
});
const inverseOffers = (events: Event[]) => events.filter((e) => e.type === EventType.INVERSE_OFFERS).flatMap((e) => e.inverse_offers!.inverse_offers!);
const rescindedInverse = (events: Event[]) => events.filter((e) => e.type === EventType.RESCIND_INVERSE_OFFER).map((e) => e.rescind_inverse_offer!.inverse_offer_id!.value!);

async function withTask() {
  const bed = masterTestBed();
  const a = await bed.addAgent('cpus:2;mem:1024', 'host-a');
  const b = await bed.addAgent('cpus:2;mem:1024', 'host-b');
  const fw = await bed.subscribe('fw', { capabilities: [{ type: pb.FrameworkInfo.Capability.Type.PARTITION_AWARE }] });
  const idle = await bed.subscribe('idle');
  bed.master.runAllocation();
  const offer = fw.sink.offers().find((o) => o.agent_id?.value === a.agentId)!;
  await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [bed.task('t1', offer)] } }] } });
  await a.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't1' }, state: TaskState.TASK_RUNNING, uuid: newUpdateUuid() } }] });
  return { ...bed, a, b, fw, idle };
}

describe('maintenance on the master', () => {
  it('a window: offers of the machine carry it, the framework with a task there gets one inverse offer per agent until it answers', async () => {
    const { master, a, b, fw, idle, clock, stop } = await withTask();
    await updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, window('HOST-A', NOW + 3600, 7200), 'schedule');
    expect(master.maintenance.unavailabilityOf(master.agents.get(a.agentId)!)).toEqual({ start: { nanoseconds: (NOW + 3600) * 1e9 }, duration: { nanoseconds: 7200e9 } });
    expect(master.maintenance.unavailabilityOf(master.agents.get(b.agentId)!)).toBeUndefined();
    const sent = inverseOffers(fw.sink.events);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ agent_id: { value: a.agentId }, framework_id: { value: fw.frameworkId }, resources: [] });
    // The idle framework has no task there; it may hold an offer of A: then it is asked too.
    const idleHoldsA = [...master.agents.get(a.agentId)!.offers].some((id) => master.offers.get(id)?.frameworkId === idle.frameworkId);
    expect(inverseOffers(idle.sink.events).length).toBe(idleHoldsA ? 1 : 0);
    master.runAllocation();
    for (const o of [...fw.sink.offers(), ...idle.sink.offers()].filter((x) => x.agent_id?.value === a.agentId && master.offers.has(x.id!.value!))) {
      expect(Number(o.unavailability?.start?.nanoseconds)).toBe((NOW + 3600) * 1e9);
    }
    // Nothing new while one is outstanding.
    clock.advance(3000);
    expect(inverseOffers(fw.sink.events)).toHaveLength(1);
    await fw.call({ type: CallType.DECLINE_INVERSE_OFFERS, decline_inverse_offers: { inverse_offer_ids: [sent[0]!.id!], filters: { refuse_seconds: 10 } } });
    const status = maintenanceStatusOf(master);
    expect(status.draining_machines[0]!.statuses).toEqual(expect.arrayContaining([expect.objectContaining({ framework_id: { value: fw.frameworkId }, status: 3 })]));
    clock.advance(5000);
    expect(inverseOffers(fw.sink.events)).toHaveLength(1);
    clock.advance(6000);
    expect(inverseOffers(fw.sink.events)).toHaveLength(2);
    // An answer for an id no longer outstanding is ignored, not an error.
    await fw.call({ type: CallType.ACCEPT_INVERSE_OFFERS, accept_inverse_offers: { inverse_offer_ids: [{ value: 'gone' }] } });
    stop();
  });

  it('a pass reads only the agents of scheduled machines, and an agent registering on one later is asked too', async () => {
    const { master, addAgent, clock, stop, a, fw, idle } = await withTask();
    for (let i = 0; i < 40; i++) await addAgent('cpus:1;mem:128', `other-${i}`);
    await updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, { windows: [{ machine_ids: [{ hostname: 'host-a' }, { hostname: 'host-late' }], unavailability: { start: { nanoseconds: (NOW + 3600) * 1e9 } } }] }, 'schedule');
    expect(inverseOffers(fw.sink.events).map((io) => io.agent_id?.value)).toEqual([a.agentId]);
    const visits = master.maintenance.passAgentVisits;
    clock.advance(1000);
    clock.advance(1000);
    expect(master.maintenance.passAgentVisits - visits).toBe(2); // host-a's agent, once a pass; not the 41 others
    const late = await addAgent('cpus:2;mem:1024', 'host-late');
    master.runAllocation();
    const holders = [...master.agents.get(late.agentId)!.offers].map((id) => master.offers.get(id)?.frameworkId);
    expect(holders.length).toBeGreaterThan(0);
    clock.advance(1000);
    const asked = [...fw.sink.events, ...idle.sink.events];
    expect(inverseOffers(asked).filter((io) => io.agent_id?.value === late.agentId).map((io) => io.framework_id?.value).sort()).toEqual([...new Set(holders)].sort());
    stop();
  });

  it('cancelling the window rescinds outstanding inverse offers and the unavailability', async () => {
    const { master, a, fw, stop } = await withTask();
    await updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, window('host-a'), 'schedule');
    const [io] = inverseOffers(fw.sink.events);
    await updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, { windows: [] }, 'schedule');
    expect(rescindedInverse(fw.sink.events)).toEqual([io!.id!.value]);
    expect(master.maintenance.unavailabilityOf(master.agents.get(a.agentId)!)).toBeUndefined();
    expect(master.maintenance.outstandingCount).toBe(0);
    stop();
  });

  it('DOWN removes the agent (tasks TASK_GONE_BY_OPERATOR) and refuses it; UP lets a new registration in', async () => {
    const { master, a, fw, addAgent, stop } = await withTask();
    await updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, window('host-a'), 'schedule');
    await startMaintenance(master, ANONYMOUS_OPERATOR, [{ hostname: 'host-a' }], 'machines');
    await master.settled();
    expect(a.sink.parts.find((p) => p.error)?.error).toMatchObject({ shutdown: true });
    expect(master.agents.get(a.agentId)?.status).toBe('GONE');
    const last = fw.sink.updates('t1').at(-1)!;
    expect(last).toMatchObject({ state: TaskState.TASK_GONE_BY_OPERATOR });
    expect(last.message).toMatch(/machine host-a is DOWN for maintenance \(the operator\)/);
    const again = await addAgent('cpus:2;mem:1024', 'host-a');
    expect(again.agentId).toBe('');
    expect(again.sink.parts[0]?.error).toMatchObject({ shutdown: false });
    expect(again.sink.parts[0]?.error?.message).toMatch(/^registration refused: machine host-a is DOWN for maintenance since .*meseta maintenance up/);
    await expect(updateMaintenanceSchedule(master, ANONYMOUS_OPERATOR, { windows: [] }, 'schedule')).rejects.toThrow(/machine host-a is DOWN and must stay in the schedule/);
    await stopMaintenance(master, ANONYMOUS_OPERATOR, [{ hostname: 'host-a' }], 'machines');
    expect(master.maintenance.currentSchedule.windows).toEqual([]);
    expect((await addAgent('cpus:2;mem:1024', 'host-a')).agentId).not.toBe('');
    stop();
  });

  it('refusals carry their kind and name the field; ACLs are checked per machine', async () => {
    const { master, fw, stop } = await withTask();
    const denyB: OperatorAuthority = { principal: 'p', check: (action, object) => (object === 'host-b' ? { message: `${action} denied on ${object}` } : undefined) };
    await expect(updateMaintenanceSchedule(master, denyB, window('host-b'), 'schedule')).rejects.toMatchObject({ kind: 'denied', message: 'update_maintenance denied on host-b' });
    await expect(startMaintenance(master, ANONYMOUS_OPERATOR, [], 'machines')).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^machines: required/) });
    await expect(stopMaintenance(master, ANONYMOUS_OPERATOR, [{ ip: 'x' }], 'machines')).rejects.toBeInstanceOf(OperatorActionError);
    expect(() => fw.call({ type: CallType.ACCEPT_INVERSE_OFFERS, accept_inverse_offers: { inverse_offer_ids: [] } })).toThrow(/^accept_inverse_offers\.inverse_offer_ids: at least one inverse offer id is required$/);
    expect(() => fw.call({ type: CallType.DECLINE_INVERSE_OFFERS })).toThrow(/^decline_inverse_offers: required for DECLINE_INVERSE_OFFERS$/);
    expect(master.maintenance.currentSchedule.windows).toEqual([]);
    stop();
  });
});
