/**
 * `meseta reserve|unreserve ... --refine` (issue 14): the request's stack is
 * the one the agent holds now, the new reservation pushed on it (reserve) or
 * the whole stack named (unreserve); refusals name --refine and say what the
 * agent holds.
 */
import { parseResources } from '@meseta/proto/resource-text';
import { DYNAMIC_RESERVATION, STATIC_RESERVATION } from '@meseta/proto/reservations';
import type { Resource } from '@meseta/proto/wire';
import { refinedRequest, reservationRequest } from '../../cli/commands/reserve';
import { UsageError } from '../../cli/cli-error';

type Entry = NonNullable<Resource['reservations']>[number];
const dyn = (role: string, principal?: string): Entry => ({ type: DYNAMIC_RESERVATION, role, ...(principal ? { principal } : {}) });
const held = (text: string, ...stack: Entry[]): Resource[] => parseResources(text).map((r) => ({ ...r, reservations: stack }));
const stackOf = (r: Resource): string[] => (r.reservations ?? []).map((e) => `${e.type === STATIC_RESERVATION ? 'static:' : ''}${e.role}${e.principal ? `@${e.principal}` : ''}`);

describe('refinedRequest', () => {
  const total: Resource[] = [
    ...parseResources('cpus:1;mem:512'),
    ...held('cpus:2;mem:1024', dyn('eng', 'ops')),
    ...held('cpus:1', dyn('eng', 'ops'), dyn('eng/backend', 'ops')),
    ...held('cpus:1', { type: STATIC_RESERVATION, role: 'db' }),
  ];

  it.each<[string, 'reserve' | 'unreserve', string, { role: string; principal?: string }, string | undefined, string[][]]>([
    ['reserve for eng/backend refines eng, the nearest role above', 'reserve', 'cpus:1;mem:256', { role: 'eng/backend', principal: 'ops' }, undefined, [['eng@ops', 'eng/backend@ops'], ['eng@ops', 'eng/backend@ops']]],
    ['reserve for eng/backend/api refines eng/backend (deeper than eng)', 'reserve', 'cpus:0.5', { role: 'eng/backend/api' }, undefined, [['eng@ops', 'eng/backend@ops', 'eng/backend/api']]],
    ['--refine eng names the parent', 'reserve', 'cpus:0.5', { role: 'eng/backend/api' }, 'eng', [['eng@ops', 'eng/backend/api']]],
    ['a static reservation can be refined', 'reserve', 'cpus:1', { role: 'db/pg' }, undefined, [['static:db', 'db/pg']]],
    ['unreserve names the whole stack it is held in', 'unreserve', 'cpus:1', { role: 'eng/backend', principal: 'ops' }, undefined, [['eng@ops', 'eng/backend@ops']]],
  ])('%s', (_name, verb, text, flags, parent, stacks) => {
    const out = refinedRequest(verb, reservationRequest(verb, text, flags), total, parent);
    expect(out.map(stackOf)).toEqual(stacks);
    expect(out.map((r) => r.name)).toEqual(parseResources(text).map((r) => r.name));
  });

  it.each<[string, 'reserve' | 'unreserve', string, { role: string; principal?: string }, Resource[], string]>([
    ['nothing reserved above the role', 'reserve', 'cpus:1', { role: 'web/frontend' }, total, 'reserve: --refine: the agent holds no cpus reserved for a role above "web/frontend" (its cpus reservations: eng by ops; eng by ops > eng/backend by ops; db)'],
    ['a resource never reserved', 'reserve', 'disk:10', { role: 'eng/backend' }, total, 'reserve: --refine: the agent holds no disk reserved for a role above "eng/backend"'],
    [
      'two reservations for the parent to choose from',
      'reserve',
      'cpus:1',
      { role: 'eng/backend' },
      [...held('cpus:1', dyn('eng', 'ops')), ...held('cpus:1', dyn('eng', 'dev'))],
      'reserve: --refine: the agent\'s cpus reserved for a role above "eng/backend" is held in 2 reservations (eng by ops; eng by dev); name the one to refine',
    ],
    ['unreserving a refinement that is not there', 'unreserve', 'cpus:1', { role: 'eng/backend', principal: 'dev' }, total, 'unreserve: --refine: the agent holds no cpus with a refined reservation for "eng/backend" as named'],
  ])('refuses %s, naming --refine', (_name, verb, text, flags, agentTotal, message) => {
    expect(() => refinedRequest(verb, reservationRequest(verb, text, flags), agentTotal)).toThrow(UsageError);
    expect(() => refinedRequest(verb, reservationRequest(verb, text, flags), agentTotal)).toThrow(message);
  });
});
