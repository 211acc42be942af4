/**
 * `/metrics` from figures kept as the cluster changes (master/metric-sums.ts)
 * gives the same samples as a fresh walk of the master's records
 * (`metricSamples`), after random sequences of agent, task and offer events;
 * and a change costs the agents it names, not the cluster.
 */
import { CallType, OperationType, TaskState, type Offer } from '@meseta/proto/wire';
import type { MetricSample } from '../../master/metrics';
import { metricSamples, metricSamplesKept } from '../../master/state-view';
import { MetricSums } from '../../master/metric-sums';
import { masterTestBed, type FakeAgent } from './fixtures/master-test-bed';
import { seededRandom } from '../../master/allocator/seeded-random';


/** Samples that do not read the clock, keyed and sorted (the order of lines within a family may differ). */
function comparable(samples: MetricSample[]): string[] {
  return samples
    .filter((s) => !s.name.includes('uptime') && !s.name.includes('event_loop'))
    .map((s) => `${s.name}${JSON.stringify(s.labels ?? {})} ${s.value}`)
    .sort();
}

type Bed = ReturnType<typeof masterTestBed>;
type Agent = { sink: FakeAgent; link: Awaited<ReturnType<Bed['addAgent']>>['link']; agentId: string; resources: string; hostname: string; open: boolean };
type Framework = Awaited<ReturnType<Bed['subscribe']>>;

/** One random step on the master; returns what it did (for a failure's message). */
async function step(bed: Bed, rnd: () => number, agents: Agent[], frameworks: Framework[], n: number): Promise<string> {
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const { master } = bed;
  const r = rnd();
  if (r < 0.15 || agents.length < 2) {
    const cpus = (1 + Math.floor(rnd() * 40)) / 10;
    const resources = `cpus:${cpus};mem:${256 * (1 + Math.floor(rnd() * 8))};disk:${(Math.floor(rnd() * 5000) / 1000).toFixed(3)}${rnd() < 0.3 ? ';gpus:1' : ''};ports:[31000-31009]`;
    const hostname = `host-${n}`;
    const a = await bed.addAgent(resources, hostname);
    agents.push({ ...a, resources, hostname, open: true });
    return `agent ${hostname} registered (${resources})`;
  }
  if (r < 0.22) {
    const a = pick(agents.filter((x) => x.open));
    if (!a) return 'no open agent';
    a.link.onClose();
    a.open = false;
    return `agent ${a.agentId} link closed`;
  }
  if (r < 0.29) {
    const a = pick(agents.filter((x) => !x.open));
    if (!a) return 'no closed agent';
    const back = await bed.addAgent(a.resources, a.hostname, a.agentId);
    Object.assign(a, back, { open: true });
    return `agent ${a.agentId} re-registered`;
  }
  if (r < 0.34) {
    const fw = await bed.subscribe(`fw-${n}`, { roles: ['*'] });
    frameworks.push(fw);
    return `framework ${fw.frameworkId} subscribed`;
  }
  if (r < 0.45) {
    master.runAllocation();
    return 'allocation';
  }
  if (r < 0.62) {
    const fw = pick(frameworks);
    const offer: Offer | undefined = fw && pick(fw.sink.offers().filter((o) => master.offers.has(o.id!.value!)));
    if (!fw || !offer) return 'no offer to accept';
    const count = 1 + Math.floor(rnd() * 3);
    const tasks = Array.from({ length: count }, (_, i) => bed.task(`t-${n}-${i}`, offer, 0.1, 16));
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }] } });
    return `${count} tasks launched on ${offer.agent_id?.value}`;
  }
  if (r < 0.68) {
    const fw = pick(frameworks);
    const offer = fw && pick(fw.sink.offers().filter((o) => master.offers.has(o.id!.value!)));
    if (!fw || !offer) return 'no offer to decline';
    await fw.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!] } });
    return `offer ${offer.id?.value} declined`;
  }
  if (r < 0.93) {
    const open = agents.filter((a) => a.open && (master.agents.get(a.agentId)?.tasks.size ?? 0) > 0);
    const a = pick(open);
    if (!a) return 'no live task';
    const task = pick([...master.agents.get(a.agentId)!.tasks.values()])!;
    const state = pick([TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED])!;
    await a.link.onMessage({ updates: [{ framework_id: { value: task.frameworkId }, status: { task_id: { value: task.taskId }, state, uuid: new Uint8Array([n & 255, (n >> 8) & 255, 1]) } }] });
    return `task ${task.taskId} → ${TaskState[state]}`;
  }
  if (r < 0.96) {
    const fw = pick(frameworks);
    if (!fw) return 'no framework';
    await fw.call({ type: CallType.TEARDOWN });
    frameworks.splice(frameworks.indexOf(fw), 1);
    return `framework ${fw.frameworkId} torn down`;
  }
  // Time passes: links that stay silent are pinged and, in the end, marked unreachable.
  bed.clock.advance(1000 * (1 + Math.floor(rnd() * 8)));
  return 'time passed';
}

describe('/metrics from figures kept as the cluster changes', () => {
  it.each([[1], [2], [3], [4], [5], [6]])('equal a fresh walk after each of 120 random agent, task and offer events (seed %i)', async (seed) => {
    const bed = masterTestBed({ config: { agentPingTimeoutSeconds: 5, offerTimeoutSeconds: 0 } });
    const sums = new MetricSums(bed.master);
    const rnd = seededRandom(seed);
    const agents: Agent[] = [];
    const frameworks: Framework[] = [];
    const done: string[] = [];
    const seen = new Set<string>();
    try {
      for (let n = 0; n < 120; n++) {
        done.push(await step(bed, rnd, agents, frameworks, n));
        if (n % 3 === 0 || n === 119) {
          const kept = comparable(await metricSamplesKept(bed.master, sums));
          const walked = comparable(metricSamples(bed.master));
          if (kept.join("\n") !== walked.join("\n")) throw new Error(`seed ${seed}, after: ${done.slice(-5).join("; ")}\nkept only: ${kept.filter((k) => !walked.includes(k)).join(", ")}\nwalked only: ${walked.filter((k) => !kept.includes(k)).join(", ")}`);
          expect(kept).toEqual(walked);
          for (const line of walked) if (/^meseta_master_(tasks|agents)\{.* [1-9]/.test(line)) seen.add(line.replace(/ [0-9.e-]+$/, ''));
        }
      }
      // The sequence reached the states that matter.
      expect(seen).toContain('meseta_master_agents{"status":"active"}');
      expect(seen).toContain('meseta_master_tasks{"state":"task_staging"}');
    } finally {
      sums.close();
      bed.stop();
    }
  });

  it('recompute only the agents an event named (a task update on one of 300 agents recomputes one share)', async () => {
    const bed = masterTestBed();
    const agents = [];
    for (let i = 0; i < 300; i++) agents.push(await bed.addAgent('cpus:2;mem:1024', `h-${i}`));
    const sums = new MetricSums(bed.master);
    const fw = await bed.subscribe('web');
    bed.master.runAllocation();
    const offer = fw.sink.offers()[0];
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [bed.task('t', offer, 0.5, 64)] } }] } });
    await metricSamplesKept(bed.master, sums);
    expect(sums.recomputed).toBe(300);
    const agent = agents.find((a) => a.agentId === offer.agent_id!.value)!;
    await agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 't' }, state: TaskState.TASK_RUNNING, uuid: new Uint8Array([9]) } }] });
    const samples = await metricSamplesKept(bed.master, sums);
    expect(sums.recomputed).toBe(301);
    expect(samples.find((s) => s.name === 'meseta_master_tasks' && s.labels?.state === 'task_running')?.value).toBe(1);
    expect(samples.find((s) => s.name === 'meseta_master_resources_used' && s.labels?.resource === 'cpus')?.value).toBe(0.5);
    expect(comparable(samples)).toEqual(comparable(metricSamples(bed.master)));
    sums.close();
    bed.stop();
  });

  it('count agents the master knew before the sums started, and those registered after, in slices', async () => {
    const bed = masterTestBed();
    for (let i = 0; i < 5; i++) await bed.addAgent('cpus:1;mem:512', `early-${i}`);
    const sums = new MetricSums(bed.master);
    for (let i = 0; i < 5; i++) await bed.addAgent('cpus:1;mem:512', `late-${i}`);
    const samples = await metricSamplesKept(bed.master, sums);
    expect(samples.find((s) => s.name === 'meseta_master_agents' && s.labels?.status === 'active')?.value).toBe(10);
    expect(samples.find((s) => s.name === 'meseta_master_resources_total' && s.labels?.resource === 'mem')?.value).toBe(5120);
    sums.close();
    bed.stop();
  });
});

/** `meseta_master_resources_offered` by resource, and `meseta_master_outstanding_offers`, from a sample list. */
function offeredFigures(samples: MetricSample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name === 'meseta_master_resources_offered' && s.value !== 0) out[s.labels!.resource] = s.value;
    if (s.name === 'meseta_master_outstanding_offers') out.offers = s.value;
  }
  return out;
}

type OfferStep = (bed: Bed, fw: Framework, a: Agent, b: Agent) => Promise<unknown> | void;
const offerOn = (bed: Bed, fw: Framework, agent: Agent): Offer => fw.sink.offers().filter((o) => bed.master.offers.has(o.id!.value!)).find((o) => o.agent_id?.value === agent.agentId)!;

describe('what outstanding offers hold: kept by the offer book as offers are made and forgotten', () => {
  // Agent a: cpus 1.5, mem 1000, disk 0.1; agent b: cpus 0.3, mem 64, gpus 1 (fractions that do not add up exactly in floating point).
  const both = { cpus: 1.8, mem: 1064, disk: 0.1, gpus: 1, offers: 2 };
  const onlyB = { cpus: 0.3, mem: 64, gpus: 1, offers: 1 };
  const none = { offers: 0 };
  const decline = (fw: Framework, offer: Offer) => fw.call({ type: CallType.DECLINE, decline: { offer_ids: [offer.id!], filters: { refuse_seconds: 3600 } } });
  it.each<[string, OfferStep[], Record<string, number>]>([
    ['no allocation yet: nothing offered', [], none],
    ['both agents offered', [(bed) => bed.master.runAllocation()], both],
    ['one offer accepted (a task of 0.5 cpus on a): only b\'s offer left', [
      (bed) => bed.master.runAllocation(),
      (bed, fw, a) => { const o = offerOn(bed, fw, a); return fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [o.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [bed.task('t1', o, 0.5, 16)] } }] } }); },
    ], onlyB],
    ['one offer declined', [(bed) => bed.master.runAllocation(), (bed, fw, a) => decline(fw, offerOn(bed, fw, a))], onlyB],
    ['one offer rescinded: its agent\'s link closed', [(bed) => bed.master.runAllocation(), (_bed, _fw, a) => a.link.onClose()], onlyB],
    ['both offers timed out (30 s), the allocation after them not run yet', [(bed) => bed.master.runAllocation(), (bed) => bed.clock.advance(30_000)], none],
    ['timed out, then offered again', [(bed) => bed.master.runAllocation(), (bed) => bed.clock.advance(30_000), (bed) => bed.master.runAllocation()], both],
    ['declined both, then an allocation offers nothing (refused for an hour)', [
      (bed) => bed.master.runAllocation(), (bed, fw, a) => decline(fw, offerOn(bed, fw, a)), (bed, fw, _a, b) => decline(fw, offerOn(bed, fw, b)), (bed) => bed.master.runAllocation(),
    ], none],
    ['the framework torn down: its offers rescinded', [(bed) => bed.master.runAllocation(), (_bed, fw) => fw.call({ type: CallType.TEARDOWN })], none],
  ])('%s', async (_name, steps, want) => {
    const bed = masterTestBed({ start: false });
    const a = { ...(await bed.addAgent('cpus:1.5;mem:1000;disk:0.1', 'host-a')), resources: '', hostname: 'host-a', open: true };
    const b = { ...(await bed.addAgent('cpus:0.3;mem:64;gpus:1', 'host-b')), resources: '', hostname: 'host-b', open: true };
    const fw = await bed.subscribe('fw', { roles: ['*'] });
    const sums = new MetricSums(bed.master);
    try {
      for (const s of steps) await s(bed, fw, a, b);
      const kept = await metricSamplesKept(bed.master, sums);
      expect(offeredFigures(kept)).toEqual(want);
      expect(offeredFigures(metricSamples(bed.master))).toEqual(want);
      expect(bed.master.offerBook.offered.size).toBe(bed.master.offers.size);
    } finally {
      sums.close();
      bed.stop();
    }
  });

  it.each([[11], [12], [13]])('equal a fresh walk after 150 random events with offers timing out (4 s) (seed %i)', async (seed) => {
    const bed = masterTestBed({ config: { agentPingTimeoutSeconds: 5, offerTimeoutSeconds: 4 } });
    const sums = new MetricSums(bed.master);
    const rnd = seededRandom(seed);
    const agents: Agent[] = [];
    const frameworks: Framework[] = [];
    let offeredSeen = 0;
    try {
      for (let n = 0; n < 150; n++) {
        await step(bed, rnd, agents, frameworks, n);
        const kept = offeredFigures(await metricSamplesKept(bed.master, sums));
        expect(kept).toEqual(offeredFigures(metricSamples(bed.master)));
        if (kept.offers > 0) offeredSeen++;
      }
      expect(offeredSeen).toBeGreaterThan(10);
    } finally {
      sums.close();
      bed.stop();
    }
  });
});
