/**
 * The incremental cluster figures (master/cluster-sums.ts): whatever order
 * agents' shares are set, replaced and removed in, the sums equal the sums
 * of the shares left, to the thousandth and without drift.
 */
import { ClusterSums, OfferedSums, OfferedTotals, addScalars, type AgentShare } from '../../master/cluster-sums';
import { parseResources } from '@meseta/proto/resource-text';
import { seededRandom } from '../../master/allocator/seeded-random';

function share(status: string, total: Record<string, number>, tasks: Array<[string, string, Record<string, number>]> = []): AgentShare {
  const allocated: Record<string, number> = {};
  const byState: Record<string, number> = {};
  const byFramework: Record<string, Record<string, number>> = {};
  for (const [fw, state, res] of tasks) {
    byState[state] = (byState[state] ?? 0) + 1;
    const f = (byFramework[fw] ??= {});
    for (const [k, v] of Object.entries(res)) {
      allocated[k] = (allocated[k] ?? 0) + v;
      f[k] = (f[k] ?? 0) + v;
    }
  }
  return { status, total, allocated, tasks: byState, byFramework };
}

const big = share('ACTIVE', { cpus: 16, mem: 65536, disk: 500000 }, [['f1', 'TASK_RUNNING', { cpus: 0.1, mem: 32 }], ['f1', 'TASK_RUNNING', { cpus: 0.2, mem: 32 }], ['f2', 'TASK_STAGING', { cpus: 1 }]]);
const small = share('ACTIVE', { cpus: 2, mem: 1024 }, [['f2', 'TASK_RUNNING', { cpus: 0.5, mem: 128 }]]);
const away = share('DISCONNECTED', { cpus: 4, mem: 4096 }, [['f1', 'TASK_RUNNING', { cpus: 1, mem: 10 }]]);
const gone = share('GONE', { cpus: 4, mem: 4096 });

type Step = [string, AgentShare | undefined];

describe('ClusterSums', () => {
  it.each<[string, Step[], { byStatus: Record<string, number>; total: Record<string, number>; allocated: Record<string, number>; tasks: Record<string, number>; f1: Record<string, number>; f2: Record<string, number> }]>([
    ['nothing set', [], { byStatus: {}, total: {}, allocated: {}, tasks: {}, f1: {}, f2: {} }],
    ['one active agent: fractions add up exactly (0.1 + 0.2 = 0.3)', [['a', big]], {
      byStatus: { ACTIVE: 1 }, total: { cpus: 16, mem: 65536, disk: 500000 }, allocated: { cpus: 1.3, mem: 64 },
      tasks: { TASK_RUNNING: 2, TASK_STAGING: 1 }, f1: { cpus: 0.3, mem: 64 }, f2: { cpus: 1 },
    }],
    ['a disconnected agent counts its status and its frameworks\' tasks, not the active totals', [['a', big], ['b', away]], {
      byStatus: { ACTIVE: 1, DISCONNECTED: 1 }, total: { cpus: 16, mem: 65536, disk: 500000 }, allocated: { cpus: 1.3, mem: 64 },
      tasks: { TASK_RUNNING: 3, TASK_STAGING: 1 }, f1: { cpus: 1.3, mem: 74 }, f2: { cpus: 1 },
    }],
    ['an agent replaced at its address: the old one gone, the new one active (the agents tile counts 1 known agent)', [['old', small], ['old', gone], ['new', small]], {
      byStatus: { GONE: 1, ACTIVE: 1 }, total: { cpus: 2, mem: 1024 }, allocated: { cpus: 0.5, mem: 128 },
      tasks: { TASK_RUNNING: 1 }, f1: {}, f2: { cpus: 0.5, mem: 128 },
    }],
    ['a share replaced by itself changes nothing', [['a', big], ['a', big], ['a', big]], {
      byStatus: { ACTIVE: 1 }, total: { cpus: 16, mem: 65536, disk: 500000 }, allocated: { cpus: 1.3, mem: 64 },
      tasks: { TASK_RUNNING: 2, TASK_STAGING: 1 }, f1: { cpus: 0.3, mem: 64 }, f2: { cpus: 1 },
    }],
    ['removed agents leave nothing behind (no zero entries)', [['a', big], ['b', small], ['a', undefined], ['b', undefined]], {
      byStatus: {}, total: {}, allocated: {}, tasks: {}, f1: {}, f2: {},
    }],
    ['removing an unknown agent is a no-op', [['a', small], ['zz', undefined]], {
      byStatus: { ACTIVE: 1 }, total: { cpus: 2, mem: 1024 }, allocated: { cpus: 0.5, mem: 128 }, tasks: { TASK_RUNNING: 1 }, f1: {}, f2: { cpus: 0.5, mem: 128 },
    }],
  ])('%s', (_name, steps, want) => {
    const sums = new ClusterSums();
    for (const [id, s] of steps) sums.set(id, s);
    expect(sums.agentsByStatus()).toEqual(want.byStatus);
    expect(sums.activeResources()).toEqual({ total: want.total, allocated: want.allocated });
    expect(sums.liveTasksByState()).toEqual(want.tasks);
    expect(sums.liveTasks()).toBe(Object.values(want.tasks).reduce((a, b) => a + b, 0));
    expect(sums.frameworkAllocated('f1')).toEqual(want.f1);
    expect(sums.frameworkAllocated('f2')).toEqual(want.f2);
  });

  it('has no drift after 100,000 replacements of fractional shares', () => {
    const sums = new ClusterSums();
    const tenth = share('ACTIVE', { cpus: 0.1 }, [['f', 'TASK_RUNNING', { cpus: 0.1 }]]);
    const third = share('ACTIVE', { cpus: 0.333 }, [['f', 'TASK_RUNNING', { cpus: 0.333 }]]);
    for (let i = 0; i < 100_000; i++) sums.set(`a${i % 7}`, i % 2 ? tenth : third);
    for (let i = 0; i < 7; i++) sums.set(`a${i}`, tenth);
    expect(sums.activeResources().total).toEqual({ cpus: 0.7 });
    expect(sums.frameworkAllocated('f')).toEqual({ cpus: 0.7 });
    for (let i = 0; i < 7; i++) sums.set(`a${i}`, undefined);
    expect(sums.activeResources()).toEqual({ total: {}, allocated: {} });
    expect(sums.size).toBe(0);
  });
});

describe('OfferedSums', () => {
  it.each<[string, Array<['add', string, Record<string, number>] | ['remove', string]>, Record<string, number>, number]>([
    ['none', [], {}, 0],
    ['two offers', [['add', 'o1', { cpus: 0.1 }], ['add', 'o2', { cpus: 0.2, mem: 5 }]], { cpus: 0.3, mem: 5 }, 2],
    ['an offer added twice counts once', [['add', 'o1', { cpus: 1 }], ['add', 'o1', { cpus: 1 }]], { cpus: 1 }, 1],
    ['removed, and an unknown removal ignored', [['add', 'o1', { cpus: 1 }], ['remove', 'o1'], ['remove', 'o9']], {}, 0],
  ])('%s', (_name, steps, want, size) => {
    const offered = new OfferedSums();
    for (const step of steps) {
      if (step[0] === 'add') offered.add(step[1], step[2]);
      else offered.remove(step[1]);
    }
    expect(offered.amounts()).toEqual(want);
    expect(offered.size).toBe(size);
  });
});

describe('OfferedTotals', () => {
  const res = (text: string) => parseResources(text);
  it.each<[string, Array<['add' | 'remove', string]>, Record<string, number>, number]>([
    ['none', [], {}, 0],
    ['two offers: fractions add up exactly (0.1 + 0.2 = 0.3)', [['add', 'cpus:0.1'], ['add', 'cpus:0.2;mem:5']], { cpus: 0.3, mem: 5 }, 2],
    ['same-named scalars of one offer summed (two roles of cpus)', [['add', 'cpus:0.5;cpus(web):0.25']], { cpus: 0.75 }, 1],
    ['ranges and sets not counted', [['add', 'cpus:1;ports:[31000-31009]']], { cpus: 1 }, 1],
    ['made and forgotten: nothing left, no zero entries', [['add', 'cpus:0.1;disk:0.001'], ['add', 'cpus:2'], ['remove', 'cpus:0.1;disk:0.001'], ['remove', 'cpus:2']], {}, 0],
  ])('%s', (_name, steps, want, size) => {
    const offered = new OfferedTotals();
    for (const [op, text] of steps) offered[op](res(text));
    expect(offered.amounts()).toEqual(want);
    expect(offered.size).toBe(size);
  });

  it('equals OfferedSums over the same offers after 20,000 random makes and forgets of fractional offers', () => {
    const rnd = seededRandom(7);
    const totals = new OfferedTotals();
    const sums = new OfferedSums();
    const held = new Map<string, ReturnType<typeof res>>();
    for (let i = 0; i < 20_000; i++) {
      if (held.size > 0 && rnd() < 0.45) {
        const id = [...held.keys()][Math.floor(rnd() * held.size)];
        totals.remove(held.get(id)!);
        sums.remove(id);
        held.delete(id);
      } else {
        const r = res(`cpus:${(Math.floor(rnd() * 40) / 10 + 0.1).toFixed(1)};mem:${Math.floor(rnd() * 3000) + 0.5};disk:${(rnd() * 3).toFixed(3)}`);
        totals.add(r);
        sums.add(`o${i}`, addScalars({}, r));
        held.set(`o${i}`, r);
      }
    }
    expect(totals.amounts()).toEqual(sums.amounts());
    expect(totals.size).toBe(sums.size);
    for (const r of held.values()) totals.remove(r);
    expect(totals.amounts()).toEqual({});
  });
});
