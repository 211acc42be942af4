/**
 * The ACCEPT → launch → status path after its CPU cuts (issue 11): each
 * shortcut gives the answers of the longer way it replaced.
 *
 * - `shortfalls` reads an offer that is already normalised as it is, and
 *   normalises anything else first: the same refusals either way;
 * - `normalizeUnallocated` is `unallocate(normalize(...))` in one copy;
 * - `coalesceRanges` of one span gives what the sort did;
 * - `recordStatus` compares uuids byte by byte (different buffers, same bytes);
 * - one ACCEPT reaches its agent as one message part, its runs in order, and
 *   the task record keeps the plan's normalised resources;
 * - the discovery index is told only of tasks it knows or should publish.
 */
import type { Resource, TaskStatus } from '@meseta/proto/wire';
import { CallType, OperationType, TaskState } from '@meseta/proto/wire';
import { coalesceRanges, formatResources, normalize, normalizeUnallocated, ranges, scalar, shortfalls, unallocate } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { newUpdateUuid } from '@meseta/proto/ids';
import { recordStatus } from '../../master/task-book';
import { EndpointIndex } from '../../master/discovery/endpoint-index';
import { type DiscoveryInstance, dnsLabel } from '../../master/discovery/discovery-instance';
import { masterTestBed } from './fixtures/master-test-bed';

const r = (text: string): Resource[] => parseResources(text);

describe('shortfalls reads a normalised offer as it is, and anything else normalised', () => {
  it.each([
    ['fits', 'cpus:2;mem:100;ports:[31000-31009]', 'cpus:1;mem:10'],
    ['too few cpus', 'cpus:2;mem:100', 'cpus:4'],
    ['a port outside the offer', 'cpus:2;ports:[31000-31009]', 'ports:[32000-32000]'],
    ['a set item missing', 'gpus:{a,b}', 'gpus:{c}'],
    ['reserved cpus do not serve an unreserved ask', 'cpus(ops):8', 'cpus:1'],
    ['a name the offer lacks', 'cpus:1', 'disk:10'],
  ])('%s', (_name, offer, ask) => {
    const available = r(offer);
    // The same resources as an unnormalised list: one kind split in two entries, ranges out of order.
    const split: Resource[] = [];
    for (const x of normalize(available)) {
      if (x.scalar) split.push({ ...x, scalar: { value: x.scalar.value! / 2 } }, { ...x, scalar: { value: x.scalar.value! / 2 } });
      else if (x.ranges) split.push({ ...x, ranges: { range: [...(x.ranges.range ?? [])].reverse() } });
      else split.push(x);
    }
    const reference = shortfalls(normalize(available), r(ask));
    expect(shortfalls(available, r(ask))).toEqual(reference);
    expect(shortfalls(split, r(ask))).toEqual(reference);
  });

  it('a scalar of zero or less in an unnormalised offer counts as absent, as when normalised', () => {
    const offer: Resource[] = [scalar('cpus', -1), scalar('mem', 10)];
    expect(shortfalls(offer, r('cpus:1'))).toEqual(shortfalls(normalize(offer), r('cpus:1')));
    expect(shortfalls(offer, r('cpus:1'))[0].message).toBe('cpus: asked 1, offer holds 0');
  });

  it('a scalar is read rounded to three decimals, as normalised', () => {
    const offer: Resource[] = [scalar('cpus', 0.99999)];
    expect(shortfalls(offer, r('cpus:1'))).toEqual([]);
  });
});

describe('normalizeUnallocated is unallocate(normalize(...)) in one copy', () => {
  it.each([
    ['plain', 'cpus:1;mem:10;ports:[1-5]', ''],
    ['merges kinds', 'cpus:1;ports:[4-5]', 'cpus:2;ports:[1-3]'],
    ['drops empty entries', 'cpus:0;mem:10', ''],
    ['keeps reservations', 'cpus(ops):1;cpus:1', ''],
  ])('%s', (_name, text, more) => {
    const list = [...r(text), ...(more ? r(more) : [])];
    expect(normalizeUnallocated(list)).toEqual(unallocate(normalize(list)));
  });

  it('drops allocation_role and leaves the caller\'s objects alone', () => {
    const list: Resource[] = [{ ...scalar('cpus', 1), allocation_role: 'web' }];
    expect(normalizeUnallocated(list)).toEqual([scalar('cpus', 1)]);
    expect(list[0].allocation_role).toBe('web');
  });

  it('takes nothing as an empty list', () => {
    expect(normalizeUnallocated(undefined)).toEqual([]);
  });
});

describe('coalesceRanges of one span', () => {
  it.each([
    ['a span', [{ begin: 1, end: 5 }], [{ begin: 1, end: 5 }]],
    ['a one-port span', [{ begin: 7, end: 7 }], [{ begin: 7, end: 7 }]],
    ['an inverted span is empty', [{ begin: 5, end: 1 }], []],
    ['nothing', [], []],
  ])('%s', (_name, spans, expected) => {
    expect(coalesceRanges(spans)).toEqual(expected);
    expect(formatResources(normalize([ranges('ports', spans.map((s) => [s.begin, s.end] as [number, number]))]))).toBe(
      expected.length === 0 ? '' : `ports:[${expected.map((s) => `${s.begin}-${s.end}`).join(',')}]`,
    );
  });

  it('returns a copy, not the caller\'s span', () => {
    const span = { begin: 1, end: 2 };
    const out = coalesceRanges([span]);
    out[0].end = 9;
    expect(span.end).toBe(2);
  });
});

describe('recordStatus compares uuids by their bytes', () => {
  const st = (state: TaskState, uuid?: number[]): TaskStatus => ({ task_id: { value: 't' }, state, uuid: uuid && new Uint8Array(uuid) });
  it.each([
    ['same bytes in another buffer: a resend', [1, 2, 3], [1, 2, 3], 'duplicate'],
    ['one byte differs: a new update', [1, 2, 3], [1, 2, 4], 'replaced'],
    ['a longer uuid with the same start: a new update', [1, 2, 3], [1, 2, 3, 4], 'replaced'],
  ])('%s', (_name, first, second, outcome) => {
    const statuses = [st(TaskState.TASK_STAGING), st(TaskState.TASK_RUNNING, first)];
    expect(recordStatus(statuses, st(TaskState.TASK_RUNNING, second), 20)).toBe(outcome);
  });

  it('a uuid that is a view into a larger buffer matches its bytes only', () => {
    const big = new Uint8Array([9, 1, 2, 3, 9]);
    const statuses = [st(TaskState.TASK_STAGING), st(TaskState.TASK_RUNNING, [1, 2, 3])];
    expect(recordStatus(statuses, { task_id: { value: 't' }, state: TaskState.TASK_RUNNING, uuid: big.subarray(1, 4) }, 20)).toBe('duplicate');
  });
});

describe('an ACCEPT on the master', () => {
  it('reaches its agent as one message part with the runs in order; the records keep normalised resources', async () => {
    const s = masterTestBed({});
    const agent = await s.addAgent('cpus:4;mem:1024;ports:[31000-31009]');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const tasks = ['a', 'b', 'c'].map((id) => s.task(id, offer, 1, 64));
    // Unnormalised ask: cpus in two entries.
    tasks[2] = { ...tasks[2], resources: [scalar('cpus', 0.5), scalar('cpus', 0.5), scalar('mem', 64)] };
    const before = agent.sink.parts.length;
    fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }] } });
    const parts = agent.sink.parts.slice(before).filter((p) => p.run);
    expect(parts).toHaveLength(1);
    expect(parts[0].run!.map((x) => x.task!.task_id!.value)).toEqual(['a', 'b', 'c']);
    const record = s.master.frameworks.get(fw.frameworkId)!.tasks.get('c')!;
    expect(formatResources(record.resources)).toBe('cpus:1;mem:64');
    expect(record.task.resources).toEqual(record.resources);
    // The first update fills the status fields every task carries from its launch.
    expect(record.task.status_update_state).toBeUndefined();
    const uuid = newUpdateUuid();
    void agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: 'c' }, state: TaskState.TASK_RUNNING, uuid } }] });
    expect(record.task.status_update_state).toBe(TaskState.TASK_RUNNING);
    expect(record.task.status_update_uuid).toEqual(uuid);
    s.stop();
  });

  it('refused tasks still get their refusal and the rest still run, in one part', async () => {
    const s = masterTestBed({});
    const agent = await s.addAgent('cpus:2;mem:1024');
    const fw = await s.subscribe();
    s.master.runAllocation();
    const offer = fw.sink.offers()[0];
    const before = agent.sink.parts.length;
    fw.call({
      type: CallType.ACCEPT,
      accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [s.task('ok1', offer, 1), s.task('big', offer, 4), s.task('ok2', offer, 1)] } }] },
    });
    const parts = agent.sink.parts.slice(before).filter((p) => p.run);
    expect(parts).toHaveLength(1);
    expect(parts[0].run!.map((x) => x.task!.task_id!.value)).toEqual(['ok1', 'ok2']);
    const refused = fw.sink.updates().filter((u) => u.state === TaskState.TASK_ERROR);
    expect(refused.map((u) => [u.task_id!.value, u.message])).toEqual([['big', 'cpus: asked 4, offer holds 1 (never fits: the largest agent has 2)']]);
    s.stop();
  });
});

describe('EndpointIndex.knows: what the discovery feed must tell the index', () => {
  const inst = (id: string): DiscoveryInstance => ({ id, service: 'web', framework: 'fw', frameworkId: 'f', taskId: id, agentId: 'a', host: 'h', ip: '192.0.2.1', ports: [], visibility: 'CLUSTER' });
  it.each([
    ['an id never staged or published', (_ix: EndpointIndex) => undefined, false],
    ['an id staged, not committed', (ix: EndpointIndex) => ix.stage('f/1', inst('f/1')), true],
    ['an id published', (ix: EndpointIndex) => (ix.stage('f/1', inst('f/1')), ix.commit()), true],
    ['an id published, then removed', (ix: EndpointIndex) => (ix.stage('f/1', inst('f/1')), ix.commit(), ix.stage('f/1', undefined), ix.commit()), false],
  ])('%s', (_name, steps, known) => {
    const ix = new EndpointIndex('m');
    steps(ix);
    expect(ix.knows('f/1')).toBe(known);
  });
});

describe('dnsLabel answers the same from its cache', () => {
  it.each([
    ['a plain name', 'Web Server', 'web-server'],
    ['a name with nothing left', '***', ''],
    ['a name over 256 characters (not cached)', `A${'b'.repeat(300)}`, `a${'b'.repeat(62)}`],
  ])('%s', (_name, text, label) => {
    expect(dnsLabel(text)).toBe(label);
    expect(dnsLabel(text)).toBe(label);
  });

  it('keeps answering right past the cache size', () => {
    for (let i = 0; i < 10_050; i++) expect(dnsLabel(`Task_${i}`)).toBe(`task-${i}`);
    expect(dnsLabel('Task_0')).toBe('task-0');
  });
});
