import type { Offer, Resource } from '@meseta/proto/wire';
import { formatResources, ranges, scalar, shortfalls } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import {
  OfferLedger,
  compileTask,
  firstFit,
  fits,
  portsOf,
  refusalsAgainst,
  remaining,
  resourcesOf,
  taskInfo,
  type ResourceSpec,
  type TaskSpec,
} from '@meseta/sdk/offer-matching';

/** An offer for `role` holding the resources written in Mesos text form. */
function offer(id: string, text: string, role = 'web'): Offer {
  return {
    id: { value: id },
    agent_id: { value: `agent-of-${id}` },
    framework_id: { value: 'fw-1' },
    hostname: 'localhost',
    resources: parseResources(text).map((r) => ({ ...r, allocation_role: role })),
  };
}

function text(resources: readonly Resource[]): string {
  return formatResources(resources);
}

function messages(refusals: { message?: string | null }[]): string[] {
  return refusals.map((r) => r.message ?? '');
}

describe('resourcesOf', () => {
  it.each<[string, ResourceSpec, string]>([
    ['scalars only', { cpus: 0.5, mem: 64 }, 'cpus:0.5;mem:64'],
    ['every scalar', { cpus: 1, mem: 2, disk: 3, gpus: 1 }, 'cpus:1;mem:2;disk:3;gpus:1'],
    ['specific ports', { ports: [8080, 8081, 9000] }, 'ports:[8080-8081,9000-9000]'],
    ['zeros are left out', { cpus: 0, mem: 0, ports: [] }, ''],
  ])('without an offer builds plain resources: %s', (_name, spec, expected) => {
    expect(text(resourcesOf(spec))).toBe(expected);
  });

  it('refuses a port count without an offer to pick from', () => {
    expect(() => resourcesOf({ ports: 2 })).toThrow('a port count needs an offer');
  });

  it.each<[string, string, number, number[]]>([
    ['takes the lowest ports of one range', 'ports:[31000-32000]', 3, [31000, 31001, 31002]],
    ['spills into the next range', 'ports:[31000-31001,31005-31010]', 4, [31000, 31001, 31005, 31006]],
    ['takes exactly the whole offer', 'ports:[5000-5001]', 2, [5000, 5001]],
    ['takes what there is when short', 'ports:[5000-5001]', 5, [5000, 5001]],
  ])('with a port count it %s', (_name, offerText, count, expected) => {
    const picked = resourcesOf({ ports: count }, offer('o', offerText));
    expect(portsOf(picked)).toEqual(expected);
    expect(picked.every((r) => r.allocation_role === 'web')).toBe(true);
  });

  it('draws reserved resources first, keeping reservation and allocation role', () => {
    const o = offer('o', 'cpus(web):1;cpus:4;mem:256');
    const drawn = resourcesOf({ cpus: 2, mem: 100 }, o);
    expect(text(drawn)).toBe('cpus(web):1;cpus:1;mem:100');
    expect(drawn.map((r) => r.allocation_role)).toEqual(['web', 'web', 'web']);
    expect(shortfalls(o.resources ?? [], drawn)).toEqual([]);
  });

  it('asks for the rest unreserved when the offer is short, so the shortfall shows', () => {
    const drawn = resourcesOf({ cpus: 3 }, offer('o', 'cpus:1'));
    expect(text(drawn)).toBe('cpus:3');
  });

  it.each<[string, ResourceSpec, string]>([
    ['negative cpus', { cpus: -1 }, 'cpus: must be a number >= 0'],
    ['a fractional port count', { ports: 1.5 }, 'a count must be a whole number'],
    ['a port out of range', { ports: [70000] }, '70000 is not a port number'],
  ])('rejects %s', (_name, spec, error) => {
    expect(() => resourcesOf(spec, offer('o', 'cpus:1'))).toThrow(error);
  });
});

describe('fits', () => {
  const o = offer('o1', 'cpus:2;mem:1024;ports:[31000-31009]');
  it.each<[string, ResourceSpec, string[]]>([
    ['a small task fits', { cpus: 1, mem: 512, ports: 2 }, []],
    ['exactly the offer fits', { cpus: 2, mem: 1024, ports: 10 }, []],
    ['too many cpus', { cpus: 4 }, ['cpus: asked 4, offer holds 2']],
    ['cpus and mem short', { cpus: 3, mem: 2048 }, ['cpus: asked 3, offer holds 2', 'mem: asked 2048, offer holds 1024']],
    ['a resource the offer lacks', { gpus: 1 }, ['gpus: asked 1, offer holds 0']],
    ['too many ports', { ports: 11 }, ['ports: asked 11, offer holds 10']],
    ['specific ports inside', { ports: [31000, 31009] }, []],
    ['a specific port outside', { ports: [31005, 8080] }, ['ports: asked [8080-8080,31005-31005], offer lacks [8080-8080]']],
  ])('with a spec: %s', (_name, spec, expected) => {
    expect(messages(fits(spec, o))).toEqual(expected);
  });

  it('reports refusals as data: name, asked, available', () => {
    expect(fits({ cpus: 4 }, o)).toEqual([
      { name: 'cpus', requested: 4, available: 2, message: 'cpus: asked 4, offer holds 2' },
    ]);
  });

  it.each<[string, Resource[], string[]]>([
    ['plain resources are given the offer role and fit', [scalar('cpus', 1), scalar('mem', 128)], []],
    ['plain resources too large', [scalar('cpus', 3)], ['cpus: asked 3, offer holds 2']],
    ['ranges inside', [ranges('ports', [[31002, 31003]])], []],
    ['resources reserved for another role do not match', [scalar('cpus', 1, 'db')], ['cpus: asked 1, offer holds 0 reserved for role "db"']],
  ])('with resources: %s', (_name, needed, expected) => {
    expect(messages(fits(needed, o))).toEqual(expected);
  });

  it('without the role fix plain resources would not match an offer (the reason fits adds it)', () => {
    expect(shortfalls(o.resources ?? [], [scalar('cpus', 1)])).toHaveLength(1);
    expect(fits([scalar('cpus', 1)], o)).toEqual([]);
  });

  it('accepts a bare resource list as what is available', () => {
    expect(fits({ cpus: 1 }, [scalar('cpus', 0.5)])).toHaveLength(1);
    expect(fits([scalar('cpus', 0.5)], [scalar('cpus', 0.5)])).toEqual([]);
  });
});

describe('remaining', () => {
  it.each<[string, string, Resource[], string]>([
    ['subtracts scalars', 'cpus:2;mem:1024', [scalar('cpus', 0.5), scalar('mem', 1000)], 'cpus:1.5;mem:24'],
    ['removes used ports from the ranges', 'ports:[31000-31009]', [ranges('ports', [[31003, 31004]])], 'ports:[31000-31002,31005-31009]'],
    ['drops what is used up', 'cpus:1;mem:64', [scalar('cpus', 1)], 'mem:64'],
  ])('%s', (_name, offerText, used, expected) => {
    expect(text(remaining(offer('o', offerText), used))).toBe(expected);
  });
});

describe('OfferLedger', () => {
  it('takes tasks out one by one until the offer runs out, with what is left in each refusal', () => {
    const ledger = new OfferLedger(offer('o1', 'cpus:1;mem:256;ports:[31000-31003]'));
    const outcomes = [1, 2, 3].map(() => ledger.tryTake({ cpus: 0.4, mem: 100, ports: 1 }));
    expect(outcomes.map((o) => o.fits)).toEqual([true, true, false]);
    expect(outcomes.slice(0, 2).map((o) => (o.fits ? portsOf(o.resources) : []))).toEqual([[31000], [31001]]);
    const third = outcomes[2];
    expect(third.fits ? [] : messages(third.refusals)).toEqual([
      'cpus: asked 0.4, offer holds 0.2',
      'mem: asked 100, offer holds 56',
    ]);
    expect(text(ledger.remaining)).toBe('cpus:0.2;mem:56;ports:[31002-31003]');
    expect(ledger.used).toBe(true);
  });

  it('takes plain resource lists too, giving them the offer role', () => {
    const ledger = new OfferLedger(offer('o1', 'cpus:1'));
    const take = ledger.tryTake([scalar('cpus', 0.5)]);
    expect(take).toEqual({ fits: true, resources: [{ ...scalar('cpus', 0.5), allocation_role: 'web' }] });
    expect(ledger.tryTake([scalar('cpus', 0.6)]).fits).toBe(false);
    expect(text(ledger.remaining)).toBe('cpus:0.5');
  });

  it('never gives the same port twice', () => {
    const ledger = new OfferLedger(offer('o1', 'ports:[31000-31001]'));
    const first = ledger.tryTake({ ports: [31001] });
    const second = ledger.tryTake({ ports: [31001] });
    expect(first.fits).toBe(true);
    expect(second.fits ? [] : messages(second.refusals)).toEqual(['ports: asked [31001-31001], offer lacks [31001-31001]']);
  });
});

describe('firstFit', () => {
  const task = (name: string, spec: ResourceSpec): TaskSpec => ({ name, taskId: name, command: 'true', ...spec });

  it('places tasks in the first offer with room and lists the unused offers', () => {
    const offers = [offer('o1', 'cpus:1;mem:128'), offer('o2', 'cpus:2;mem:1024'), offer('o3', 'cpus:8;mem:8192')];
    const plan = firstFit([task('a', { cpus: 1, mem: 100 }), task('b', { cpus: 1, mem: 100 }), task('c', { cpus: 1, mem: 900 })], offers);
    expect(plan.placed.map((p) => [p.spec.name, p.offerId])).toEqual([
      ['a', 'o1'],
      ['b', 'o2'],
      ['c', 'o2'],
    ]);
    expect(plan.launches.map((l) => [l.offer.id?.value, l.tasks.map((t) => t.name)])).toEqual([
      ['o1', ['a']],
      ['o2', ['b', 'c']],
    ]);
    expect(plan.launches[1].tasks[0].agent_id?.value).toBe('agent-of-o2');
    expect(plan.unusedOfferIds).toEqual(['o3']);
    expect(plan.unplaced).toEqual([]);
    expect(plan.refusals).toEqual([]);
  });

  it.each<[string, string[], ResourceSpec, string[]]>([
    ['asks more cpus than any offer', ['cpus:2;mem:1024', 'cpus:1;mem:4096'], { cpus: 4, mem: 512 }, ['cpus: asked 4, largest offer 2']],
    [
      'asks more of two resources',
      ['cpus:2;mem:1024', 'cpus:1;mem:2048'],
      { cpus: 4, mem: 4096 },
      ['cpus: asked 4, largest offer 2', 'mem: asked 4096, largest offer 2048'],
    ],
    ['asks for ports no offer has', ['cpus:1;ports:[31000-31001]'], { cpus: 1, ports: 3 }, ['ports: asked 3, largest offer 2']],
    [
      'fits each resource somewhere but not all in one offer (the closest offer is reported)',
      ['cpus:4;mem:128', 'cpus:1;mem:4096'],
      { cpus: 2, mem: 1024 },
      ['mem: asked 1024, offer holds 128'],
    ],
    ['meets no offer at all', [], { cpus: 0.1 }, ['cpus: asked 0.1, largest offer 0']],
  ])('explains a task that %s', (_name, offerTexts, spec, expected) => {
    const offers = offerTexts.map((t, i) => offer(`o${i + 1}`, t));
    const plan = firstFit([task('big', spec)], offers);
    expect(plan.placed).toEqual([]);
    expect(messages(plan.unplaced[0].refusals)).toEqual(expected);
    expect(plan.refusals.every((r) => r.task_id?.value === 'big')).toBe(true);
    expect(plan.unusedOfferIds).toEqual(offers.map((o) => o.id?.value));
  });

  it('measures refusals against what is left after earlier tasks took their share', () => {
    const plan = firstFit([task('a', { cpus: 1.5 }), task('b', { cpus: 1 })], [offer('o1', 'cpus:2')]);
    expect(plan.placed.map((p) => p.spec.name)).toEqual(['a']);
    expect(messages(plan.refusals)).toEqual(['cpus: asked 1, largest offer 0.5']);
  });

  it('leaves task_id unset in refusals of specs without an id', () => {
    const plan = firstFit([{ name: 'anon', command: 'true', cpus: 9 }], [offer('o1', 'cpus:1')]);
    expect(plan.refusals[0].task_id).toBeUndefined();
  });

  it('refusalsAgainst with no ledgers reports every asked resource against 0', () => {
    expect(messages(refusalsAgainst({ cpus: 1, mem: 32 }, []))).toEqual(['cpus: asked 1, largest offer 0', 'mem: asked 32, largest offer 0']);
  });
});

describe('taskInfo', () => {
  const o = offer('o1', 'cpus:1;mem:256;ports:[31000-31009]', 'web');

  it('builds a shell task on the offer agent with resources carrying the offer role', () => {
    const t = taskInfo({ name: 'hello', taskId: 'hello-1', command: 'echo hi', env: { GREETING: 'hi' }, cpus: 0.1, mem: 32 }, o);
    expect(t.task_id?.value).toBe('hello-1');
    expect(t.agent_id?.value).toBe('agent-of-o1');
    expect(t.command).toEqual({ shell: true, value: 'echo hi', environment: { variables: [{ name: 'GREETING', value: 'hi' }] } });
    expect(text(t.resources ?? [])).toBe('cpus:0.1;mem:32');
    expect(t.resources?.every((r) => r.allocation_role === 'web')).toBe(true);
    expect(fits(t.resources ?? [], o)).toEqual([]);
  });

  it('generates a task id from the name when none is given', () => {
    expect(taskInfo({ name: 'web', command: 'true' }, o).task_id?.value).toMatch(/^web-[0-9a-f-]{36}$/);
  });

  it('passes picked ports as PORT0.. and PORTS, letting explicit env win', () => {
    const t = taskInfo({ name: 'srv', command: 'serve', ports: 2, env: { PORTS: 'mine' } }, o);
    expect(t.command?.environment?.variables).toEqual([
      { name: 'PORT0', value: '31000' },
      { name: 'PORT1', value: '31001' },
      { name: 'PORTS', value: 'mine' },
    ]);
  });

  it.each<[string, TaskSpec, unknown]>([
    ['argv without a shell', { name: 'x', shell: false, arguments: ['/bin/echo', 'a b'] }, { shell: false, value: '/bin/echo', arguments: ['/bin/echo', 'a b'] }],
    ['a program without a shell', { name: 'x', shell: false, command: '/bin/true' }, { shell: false, value: '/bin/true', arguments: ['/bin/true'] }],
    ['user and uris', { name: 'x', command: 'run', user: 'nobody', uris: ['http://127.0.0.1/a.tgz'] }, { shell: true, value: 'run', user: 'nobody', uris: [{ value: 'http://127.0.0.1/a.tgz' }] }],
    [
      'uris with their options',
      { name: 'x', command: './run', uris: [{ value: 'http://127.0.0.1/run', executable: true, cache: true }, { value: '/opt/a.zip', extract: false, output_file: 'lib/a.zip' }] },
      { shell: true, value: './run', uris: [{ value: 'http://127.0.0.1/run', executable: true, cache: true }, { value: '/opt/a.zip', extract: false, output_file: 'lib/a.zip' }] },
    ],
  ])('compiles the command: %s', (_name, spec, expected) => {
    expect(compileTask(spec, o).command).toEqual(expected);
  });

  it('compiles kill grace period and labels', () => {
    const t = compileTask({ name: 'x', command: 'true', killGracePeriodSeconds: 1.5, labels: { team: 'a' } }, o);
    expect(t.kill_policy).toEqual({ grace_period: { nanoseconds: 1.5e9 } });
    expect(t.labels).toEqual({ labels: [{ key: 'team', value: 'a' }] });
  });

  it('accepts a container without a command', () => {
    const t = compileTask({ name: 'x', container: { type: 1, docker: { image: 'busybox' } } }, o);
    expect(t.command).toBeUndefined();
    expect(t.container?.docker?.image).toBe('busybox');
  });

  it('refuses a task with neither command nor container', () => {
    expect(() => compileTask({ name: 'x', cpus: 1 }, o)).toThrow('task "x": needs a command or a container');
  });

  it('uses resources already taken by a ledger instead of drawing again', () => {
    const ledger = new OfferLedger(o);
    ledger.tryTake({ ports: 1 });
    const take = ledger.tryTake({ ports: 1 });
    if (!take.fits) throw new Error('expected a fit');
    const t = compileTask({ name: 'x', command: 'true', ports: 1 }, o, take.resources);
    expect(portsOf(t.resources ?? [])).toEqual([31001]);
  });
});
