/** Dynamic reservations: reservation identity in the resource algebra, RESERVE/UNRESERVE checks and transforms, as tables. */
import type { Resource } from '@meseta/proto/wire';
import { add, allocatableTo, contains, isRoleOrDescendant, normalize, scalar, shortfalls, subtract } from '@meseta/proto/resources';
import {
  applyConversion,
  DYNAMIC_RESERVATION,
  dynamicallyReserved,
  isRefusal,
  planReserve,
  planUnreserve,
  popReservation,
  reserveProblem,
  unreserveProblem,
} from '@meseta/proto/reservations';
import { allAllocatable, hasAllocatable } from '../../master/allocator/held-resources';

type Entry = NonNullable<Resource['reservations']>[number];

const dyn = (role: string, principal?: string, labels?: Record<string, string>): Entry => ({
  type: DYNAMIC_RESERVATION,
  role,
  ...(principal ? { principal } : {}),
  ...(labels ? { labels: { labels: Object.entries(labels).map(([key, value]) => ({ key, value })) } } : {}),
});
const stat = (role: string): Entry => ({ type: 1, role });
const res = (name: string, value: number, ...stack: Entry[]): Resource => ({ name, type: 0, scalar: { value }, ...(stack.length ? { reservations: stack } : {}) });
const amount = (list: readonly Resource[], name: string, ...stack: Entry[]): number => {
  const want = normalize([res(name, 1, ...stack)])[0];
  const hit = normalize(list).find((r) => r.name === name && JSON.stringify(normalize([{ ...r, scalar: { value: 1 } }])[0].reservations ?? null) === JSON.stringify(want.reservations ?? null));
  return hit?.scalar?.value ?? 0;
};

describe('reservation identity in the resource algebra', () => {
  it.each<[string, Resource, Resource, boolean]>([
    ['same dynamic reservation', res('cpus', 1, dyn('eng', 'ops')), res('cpus', 1, dyn('eng', 'ops')), true],
    ['different principal', res('cpus', 1, dyn('eng', 'ops')), res('cpus', 1, dyn('eng', 'dev')), false],
    ['principal vs none', res('cpus', 1, dyn('eng', 'ops')), res('cpus', 1, dyn('eng')), false],
    ['static vs dynamic, same role', res('cpus', 1, stat('eng')), res('cpus', 1, dyn('eng')), false],
    ['static with and without a type', res('cpus', 1, stat('eng')), res('cpus', 1, { role: 'eng' }), true],
    ['labels differ', res('cpus', 1, dyn('eng', 'ops', { a: '1' })), res('cpus', 1, dyn('eng', 'ops', { a: '2' })), false],
    ['labels in another order', res('cpus', 1, dyn('eng', 'ops', { a: '1', b: '2' })), res('cpus', 1, dyn('eng', 'ops', { b: '2', a: '1' })), true],
    ['refined vs flat', res('cpus', 1, dyn('eng'), dyn('eng/be')), res('cpus', 1, dyn('eng/be')), false],
    ['unreserved vs reserved', res('cpus', 1), res('cpus', 1, dyn('eng')), false],
  ])('%s: merge into one entry = %s', (_name, a, b, same) => {
    expect(normalize([a, b])).toHaveLength(same ? 1 : 2);
    expect(contains([a], [b])).toBe(same);
  });

  it('a shortfall names the reserved role and keeps the amounts as data', () => {
    const missing = shortfalls([res('cpus', 4), res('cpus', 1, dyn('eng', 'ops'))], [res('cpus', 2, dyn('eng', 'ops'))]);
    expect(missing).toEqual([expect.objectContaining({ name: 'cpus', requested: 2, available: 1 })]);
    expect(missing[0].message).toContain('reserved for role "eng"');
  });

  it('subtracting one reservation leaves the others alone', () => {
    const pool = [res('cpus', 4), res('cpus', 2, dyn('eng', 'a')), res('cpus', 3, dyn('eng', 'b'))];
    const left = subtract(pool, [res('cpus', 2, dyn('eng', 'a'))]);
    expect(amount(left, 'cpus')).toBe(4);
    expect(amount(left, 'cpus', dyn('eng', 'a'))).toBe(0);
    expect(amount(left, 'cpus', dyn('eng', 'b'))).toBe(3);
  });

  it.each<[string, string, boolean]>([
    ['eng', 'eng', true],
    ['eng/backend', 'eng', true],
    ['eng/backend/db', 'eng', true],
    ['engineering', 'eng', false],
    ['eng', 'eng/backend', false],
    ['ops', 'eng', false],
  ])('isRoleOrDescendant(%s, %s) = %s', (role, ancestor, expected) => {
    expect(isRoleOrDescendant(role, ancestor)).toBe(expected);
  });

  it.each<[string, string, number]>([
    // role asking, reserved-for, cpus it may use out of 4 unreserved + 2 reserved
    ['eng', 'eng', 6],
    ['eng/backend', 'eng', 6],
    ['engineering', 'eng', 4],
    ['ops', 'eng', 4],
    ['eng', 'eng/backend', 4],
  ])('role %s is offered reservations for %s: %s cpus', (role, reservedFor, cpus) => {
    const pool = [res('cpus', 4), res('cpus', 2, dyn(reservedFor))];
    expect(add([], allocatableTo(pool, role)).reduce((s, r) => s + (r.scalar?.value ?? 0), 0)).toBe(cpus);
    expect(allAllocatable(pool, role)).toBe(cpus === 6);
    expect(hasAllocatable([res('cpus', 2, dyn(reservedFor))], role)).toBe(cpus === 6);
  });
});

describe('RESERVE and UNRESERVE checks', () => {
  const F = 'accept.operations[0].reserve.resources';
  it.each<[string, Resource[], { role?: string; principal?: string }, string | undefined]>([
    ['a dynamic reservation for the framework role', [res('cpus', 1, dyn('eng', 'p'))], { role: 'eng', principal: 'p' }, undefined],
    ['a refinement to a role under it', [res('cpus', 1, dyn('eng'), dyn('eng/be'))], { role: 'eng/be' }, undefined],
    ['a reservation for a role under the framework role', [res('cpus', 1, dyn('eng/be'))], { role: 'eng' }, undefined],
    ['an operator (no role)', [res('cpus', 1, dyn('any'))], {}, undefined],
    ['nothing named', [], { role: 'eng' }, `${F}: required`],
    ['no reservation', [res('cpus', 1)], { role: 'eng' }, `${F}[0].reservations: required`],
    ['a static type', [res('cpus', 1, stat('eng'))], { role: 'eng' }, `${F}[0].reservations[0].type: must be DYNAMIC`],
    ['role "*"', [res('cpus', 1, dyn('*'))], {}, `${F}[0].reservations[0].role: required`],
    ['another role', [res('cpus', 1, dyn('ops'))], { role: 'eng' }, `${F}[0].reservations[0].role: "ops" is not the framework's role "eng"`],
    ['a parent of the framework role', [res('cpus', 1, dyn('eng'))], { role: 'eng/be' }, `"eng" is not the framework's role "eng/be"`],
    ['a refinement not under its parent', [res('cpus', 1, dyn('eng'), dyn('ops'))], {}, `${F}[0].reservations[1].role: "ops" must lie under "eng"`],
    ['a refinement to the same role', [res('cpus', 1, dyn('eng'), dyn('eng'))], {}, `must lie under "eng"`],
    ['a missing principal', [res('cpus', 1, dyn('eng'))], { role: 'eng', principal: 'p' }, `${F}[0].reservations[0].principal: required, the caller's principal "p"`],
    ['a wrong principal', [res('cpus', 1, dyn('eng', 'q'))], { role: 'eng', principal: 'p' }, `"q" does not match the caller's principal "p"`],
    ['no name', [{ type: 0, scalar: { value: 1 }, reservations: [dyn('eng')] }], {}, `${F}[0].name: required`],
  ])('reserve: %s', (_name, resources, actor, problem) => {
    const got = reserveProblem(resources, actor, F);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });

  const U = 'accept.operations[1].unreserve.resources';
  it.each<[string, Resource[], string | undefined]>([
    ['a dynamic reservation', [res('cpus', 1, dyn('eng'))], undefined],
    ['a refinement', [res('cpus', 1, dyn('eng'), dyn('eng/be'))], undefined],
    ['nothing named', [], `${U}: required`],
    ['unreserved', [res('cpus', 1)], `${U}[0].reservations: cpus is not reserved`],
    ['static', [res('cpus', 1, stat('eng'))], `${U}[0].reservations[0].type: only a DYNAMIC reservation can be unreserved`],
    ['a refinement of a static one, unreserving the dynamic top', [res('cpus', 1, stat('eng'), dyn('eng/be'))], undefined],
  ])('unreserve: %s', (_name, resources, problem) => {
    const got = unreserveProblem(resources, U);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
});

describe('RESERVE and UNRESERVE transforms', () => {
  const pool = normalize([res('cpus', 4), res('mem', 1024), res('cpus', 2, dyn('eng', 'p'))]);

  it.each<[string, Resource[], Array<[string, Entry[], number]>]>([
    ['reserve unreserved cpus', [res('cpus', 1, dyn('ops', 'q'))], [['cpus', [], 3], ['cpus', [dyn('ops', 'q')], 1], ['cpus', [dyn('eng', 'p')], 2]]],
    ['reserve more for the same reservation merges', [res('cpus', 1, dyn('eng', 'p'))], [['cpus', [], 3], ['cpus', [dyn('eng', 'p')], 3]]],
    ['refine a reservation to a child role', [res('cpus', 2, dyn('eng', 'p'), dyn('eng/be', 'p'))], [['cpus', [dyn('eng', 'p')], 0], ['cpus', [dyn('eng', 'p'), dyn('eng/be', 'p')], 2]]],
    ['reserve all of mem', [res('mem', 1024, dyn('eng'))], [['mem', [], 0], ['mem', [dyn('eng')], 1024]]],
  ])('%s', (_name, reserve, expected) => {
    const plan = planReserve(pool, reserve, 'f');
    if (isRefusal(plan)) throw new Error(plan.message);
    const after = applyConversion(pool, plan);
    for (const [name, stack, value] of expected) expect([name, stack, amount(after, name, ...stack)]).toEqual([name, stack, value]);
    // Totals by name never change.
    expect(after.filter((r) => r.name === 'cpus').reduce((s, r) => s + (r.scalar?.value ?? 0), 0)).toBe(6);
  });

  it.each<[string, Resource[], { name: string; requested: number; available: number }]>([
    ['more than is unreserved', [res('cpus', 5, dyn('ops'))], { name: 'cpus', requested: 5, available: 4 }],
    ['a refinement of a reservation that is not there', [res('cpus', 1, dyn('ops'), dyn('ops/a'))], { name: 'cpus', requested: 1, available: 0 }],
    ['a resource the pool lacks', [res('gpus', 1, dyn('eng'))], { name: 'gpus', requested: 1, available: 0 }],
  ])('reserve refused: %s, with the amounts', (_name, reserve, shortfall) => {
    const plan = planReserve(pool, reserve, 'accept.operations[0].reserve.resources');
    expect(isRefusal(plan)).toBe(true);
    if (!isRefusal(plan)) return;
    expect(plan.message).toMatch(/^accept\.operations\[0\]\.reserve\.resources: the resources to reserve are not all there: /);
    expect(plan.shortfalls).toEqual([expect.objectContaining(shortfall)]);
  });

  it('unreserve gives back the popped form', () => {
    const plan = planUnreserve(pool, [res('cpus', 1.5, dyn('eng', 'p'))], 'f');
    if (isRefusal(plan)) throw new Error(plan.message);
    const after = applyConversion(pool, plan);
    expect(amount(after, 'cpus')).toBe(5.5);
    expect(amount(after, 'cpus', dyn('eng', 'p'))).toBe(0.5);
  });

  it.each<[string, Resource[], { requested: number; available: number }]>([
    ['more than is reserved', [res('cpus', 3, dyn('eng', 'p'))], { requested: 3, available: 2 }],
    ['another principal', [res('cpus', 1, dyn('eng', 'x'))], { requested: 1, available: 0 }],
    ['another role', [res('cpus', 1, dyn('ops', 'p'))], { requested: 1, available: 0 }],
  ])('unreserve refused: %s', (_name, unreserve, shortfall) => {
    const plan = planUnreserve(pool, unreserve, 'f');
    expect(isRefusal(plan) && plan.shortfalls).toEqual([expect.objectContaining({ name: 'cpus', ...shortfall })]);
  });

  it('reserve then unreserve is the identity', () => {
    const reserve = [res('cpus', 1, dyn('ops', 'q', { why: 'db' })), res('mem', 512, dyn('ops', 'q', { why: 'db' }))];
    const plan = planReserve(pool, reserve, 'f');
    if (isRefusal(plan)) throw new Error(plan.message);
    const reserved = applyConversion(pool, plan);
    expect(dynamicallyReserved(reserved)).toHaveLength(3);
    const back = planUnreserve(reserved, reserve, 'f');
    if (isRefusal(back)) throw new Error(back.message);
    expect(applyConversion(reserved, back)).toEqual(pool);
  });

  it.each<[string, Entry[], Entry[] | undefined]>([
    ['one entry', [dyn('eng')], undefined],
    ['two entries', [dyn('eng'), dyn('eng/be')], [dyn('eng')]],
  ])('popReservation of %s', (_name, stack, left) => {
    const popped = popReservation(res('cpus', 1, ...stack));
    expect(popped.reservations).toEqual(left);
    expect(stack).toHaveLength(left ? 2 : 1); // the input is untouched
  });

  it('scalar sums by name are unchanged by reservations', () => {
    expect(normalize([scalar('cpus', 1), res('cpus', 1, dyn('eng'))]).length).toBe(2);
  });
});
