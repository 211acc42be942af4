/**
 * The roles page's tree and the agent and task pages' reservations and
 * volumes: the master's rows (`master/http-ui-roles.ts`) and their text
 * (`master/webui/src/model/roles-view.ts`). Nothing set shows a dash.
 */
import type { Resource } from '@meseta/proto/wire';
import { ranges, scalar } from '@meseta/proto/resources';
import { uiReservations, uiRoleRow, uiVolumes, parseStoragePath } from '../../master/http-ui-roles';
import { roleTree } from '../../master/role-tree';
import type { UiRoleRow } from '../../master/http-ui-types';
import { NONE, labelsText, offerFiltersText, quotaText, reservationTableRows, roleTableRows, taskVolumes, volumeTableRows } from '../../master/webui/src/model/roles-view';
import { uiOfferFilters } from '../../master/http-ui-view';

const DYNAMIC = 2;
const dyn = (r: Resource, role: string, principal?: string, labels?: Record<string, string>): Resource => ({
  ...r,
  reservations: [...(r.reservations ?? []), { type: DYNAMIC, role, ...(principal ? { principal } : {}), ...(labels ? { labels: { labels: Object.entries(labels).map(([key, value]) => ({ key, value })) } } : {}) }],
});

describe('uiRoleRow (master)', () => {
  const tree = roleTree({
    frameworks: [{ id: 'f1', roles: ['eng/backend'], allocated: [scalar('cpus', 1.23456), scalar('mem', 256)] }],
    reserved: new Map([['eng', [scalar('cpus', 2)]]]),
    weights: new Map([['eng', 2.5]]),
    quotas: new Map([['eng', { guarantees: { cpus: 2 }, limits: { cpus: 4, mem: 2048 } }]]),
  });
  const rows = tree.map((e) => uiRoleRow(e, 0.25));

  test.each<[string, number, Partial<UiRoleRow>]>([
    ['the parent: depth 0, its quota and reservation, nothing allocated', 0, { name: 'eng', depth: 0, weight: 2.5, guarantee: { cpus: 2 }, limit: { cpus: 4, mem: 2048 }, allocated: {}, reserved: { cpus: 2 }, children: ['eng/backend'] }],
    ['the child: depth 1, its parent, amounts rounded to thousandths', 1, { name: 'eng/backend', parent: 'eng', depth: 1, weight: 1, allocated: { cpus: 1.235, mem: 256 }, reserved: {}, frameworks: ['f1'] }],
  ])('%s', (_name, i, want) => {
    expect(rows[i]).toMatchObject(want);
  });

  test('a role without a quota has neither guarantee nor limit', () => {
    expect(rows[1]).not.toHaveProperty('guarantee');
    expect(rows[1]).not.toHaveProperty('limit');
  });
});

describe('roleTableRows (UI text)', () => {
  const row = (over: Partial<UiRoleRow>): UiRoleRow => ({ name: 'r', depth: 0, children: [], weight: 1, frameworks: [], allocated: {}, reserved: {}, dominant_share: 0, ...over });

  test.each<[string, UiRoleRow, Partial<ReturnType<typeof roleTableRows>[number]>]>([
    ['a role over nothing shows dashes, not zeros', row({ name: 'idle' }), { label: 'idle', weight: '1', guarantee: NONE, limit: NONE, allocated: NONE, reserved: NONE }],
    ['zero amounts are dashes too', row({ allocated: { cpus: 0 }, reserved: { mem: 0 } }), { allocated: NONE, reserved: NONE }],
    ['a child shows its last segment, indented by depth', row({ name: 'eng/backend/db', depth: 2 }), { label: 'db', depth: 2 }],
    ['a quota with only a limit shows a dash for the guarantee', row({ guarantee: {}, limit: { cpus: 4 } }), { guarantee: NONE, limit: 'cpus 4' }],
    ['a parent shows its subtree sums beside its own', row({ name: 'eng', children: ['eng/a'], allocated: {}, reserved: { cpus: 1 }, allocated_subtree: { cpus: 2 }, reserved_subtree: { cpus: 3, mem: 256 } }), { allocated: NONE, reserved: 'cpus 1', allocated_subtree: 'cpus 2', reserved_subtree: 'cpus 3 · mem 256 MB' }],
    ['a parent whose subtree holds nothing shows a dash', row({ name: 'eng', children: ['eng/a'], allocated_subtree: {}, reserved_subtree: {} }), { allocated_subtree: NONE, reserved_subtree: NONE }],
    ['amounts: mem and disk as sizes, main resources first', row({ weight: 0.125, guarantee: { mem: 1024, cpus: 2 }, reserved: { disk: 2048, gpus: 1 } }), { weight: '0.125', guarantee: 'cpus 2 · mem 1 GB', reserved: 'disk 2 GB · gpus 1' }],
  ])('%s', (_name, input, want) => {
    expect(roleTableRows([input])[0]).toMatchObject(want);
  });

  test('quotaText of no quota is a dash', () => {
    expect(quotaText(undefined)).toBe(NONE);
  });
});

describe('uiReservations (master) and their text', () => {
  test.each<[string, Resource[], Array<Partial<ReturnType<typeof reservationTableRows>[number]>>]>([
    ['unreserved resources make no row', [scalar('cpus', 4)], []],
    [
      'one row per reservation: role, principal, labels, all its resources',
      [dyn(scalar('cpus', 1), 'db', 'ops', { owner: 'team-a' }), dyn(scalar('mem', 512), 'db', 'ops', { owner: 'team-a' }), dyn(ranges('ports', [[31000, 31005]]), 'db', 'ops', { owner: 'team-a' }), scalar('cpus', 3)],
      [{ role: 'db', type: 'dynamic', principal: 'ops', labels: 'owner=team-a', resources: 'cpus:1; mem:512; ports:[31000-31005]' }],
    ],
    [
      'different principals are different rows; no principal or labels show dashes',
      [dyn(scalar('cpus', 1), 'db', 'ops'), dyn(scalar('cpus', 2), 'db')],
      [{ role: 'db', principal: NONE, labels: NONE, resources: 'cpus:2' }, { role: 'db', principal: 'ops', resources: 'cpus:1' }],
    ],
    ['a static reservation', [scalar('disk', 100, 'archive')], [{ role: 'archive', type: 'static', principal: NONE, resources: 'disk:100' }]],
    ['a refinement names what it refines', [dyn(dyn(scalar('cpus', 1), 'eng', 'ops'), 'eng/be', 'ops')], [{ role: 'eng/be (refines eng)', resources: 'cpus:1' }]],
  ])('%s', (_name, total, want) => {
    const rows = reservationTableRows(uiReservations(total));
    expect(rows).toHaveLength(want.length);
    want.forEach((w, i) => expect(rows[i]).toMatchObject(w));
  });

  test('scalar amounts are kept for the figures', () => {
    expect(uiReservations([dyn(scalar('cpus', 1), 'db'), dyn(scalar('mem', 512), 'db')])[0].amounts).toEqual({ cpus: 1, mem: 512 });
  });

  test('labelsText: a key without a value stands alone', () => {
    expect(labelsText([{ key: 'a', value: '1' }, { key: 'b' }])).toBe('a=1, b');
  });
});

describe('uiVolumes (master: the documented /state shape) and their text', () => {
  test.each<[string, unknown, ReturnType<typeof uiVolumes>]>([
    ['no volumes list in the state: undefined (the card is left out)', undefined, undefined],
    ['an empty list', [], []],
    ['entries without persistence id or role are left out', [{ role: 'db' }, { persistence_id: 'x' }, null, 'nope'], []],
    [
      'a volume in use, sorted by role and id',
      [
        { persistence_id: 'v2', role: 'db', principal: 'ops', container_path: 'data', mode: 'RW', disk_mb: 2048, used_by_task_ids: ['t1'] },
        { persistence_id: 'v1', role: 'db', container_path: 'logs', mode: 'RO', disk_mb: 64 },
      ],
      [
        { persistence_id: 'v1', role: 'db', container_path: 'logs', mode: 'RO', disk_mb: 64, used_by_task_ids: [] },
        { persistence_id: 'v2', role: 'db', principal: 'ops', container_path: 'data', mode: 'RW', disk_mb: 2048, used_by_task_ids: ['t1'] },
      ],
    ],
  ])('%s', (_name, input, want) => {
    expect(uiVolumes(input)).toEqual(want);
  });

  test('volume rows: size as MB/GB, no principal a dash, users kept', () => {
    expect(volumeTableRows([{ persistence_id: 'v', role: 'db', container_path: '', mode: 'RW', disk_mb: 2048, used_by_task_ids: ['t1'] }])[0]).toEqual({
      key: 'db:v', persistence_id: 'v', role: 'db', size: '2 GB', container_path: NONE, mode: 'RW', principal: NONE, used_by: ['t1'],
    });
  });
});

describe('taskVolumes (a task page, from the Task JSON)', () => {
  test.each<[string, Record<string, unknown>, ReturnType<typeof taskVolumes>]>([
    ['no resources', {}, []],
    ['plain disk is no volume', { resources: [{ name: 'disk', type: 'SCALAR', scalar: { value: 10 } }] }, []],
    [
      'a persistent volume with its path, mode, size and role',
      { resources: [{ name: 'disk', type: 'SCALAR', scalar: { value: 512 }, reservations: [{ type: 'DYNAMIC', role: 'db' }], disk: { persistence: { id: 'pg-0' }, volume: { container_path: 'data', mode: 'RO' } } }] },
      [{ persistence_id: 'pg-0', container_path: 'data', mode: 'RO', size: '512 MB', role: 'db' }],
    ],
  ])('%s', (_name, task, want) => {
    expect(taskVolumes(task)).toEqual(want);
  });
});

describe('parseStoragePath', () => {
  test.each([
    ['/api/v1/agents/a-1/storage', 'a-1'],
    ['/api/v1/agents/a%2F1/storage', 'a/1'],
    ['/api/v1/agents/a-1/images', undefined],
    ['/api/v1/agents/%E0%A4%A/storage', undefined],
  ])('%s → %s', (path, id) => {
    expect(parseStoragePath(path)).toBe(id);
  });
});

describe('offer filters on the framework page', () => {
  const q = (m: Record<string, number>) => ({ quantities: Object.fromEntries(Object.entries(m).map(([k, value]) => [k, { value }])) });
  test.each<[string, Parameters<typeof uiOfferFilters>[0], string[] | undefined]>([
    ['none set', {}, undefined],
    ['an empty map', { offer_filters: {} }, undefined],
    ['one role, two sets: either suffices', { offer_filters: { web: { min_allocatable_resources: { quantities: [q({ cpus: 2, mem: 1024 }), q({ disk: 1024 })] } } } }, ['web: cpus 2 · mem 1 GB or disk 1 GB']],
    ['a role with an empty list takes anything', { offer_filters: { b: { min_allocatable_resources: { quantities: [] } }, a: {} } }, ['a: anything (no minimum)', 'b: anything (no minimum)']],
  ])('%s', (_name, info, want) => {
    expect(offerFiltersText(uiOfferFilters(info).offer_filters)).toEqual(want);
  });
});
