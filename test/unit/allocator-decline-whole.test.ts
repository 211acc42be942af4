/**
 * Recovering a whole declined offer as it was offered (the allocator's short
 * path) leaves the allocator as the general path does: the same resources
 * free and offered to others, the same filter for the decliner, the same
 * shares; over a table of resource shapes.
 */
import { parseResources } from '@meseta/proto/resource-text';
import type { Allocation } from '../../master/allocator/allocator';
import type { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';
import { isWholeHolding } from '../../master/allocator/held-resources';
import { clock, describeOffers, newAllocator, pass } from './allocator-fixtures';

/** A fresh copy of each resource, as an offer's resources come back from a DECLINE. */
const copies = (offer: Allocation) => offer.resources.map((r) => JSON.parse(JSON.stringify(r)));

/** What the allocator offers after `f` declines its offers (`reorder`: the resources given back reversed, which takes the general path). */
function afterDecline(resources: string, reorder: boolean, refuseSeconds: number): string[][] {
  const a: HierarchicalAllocator = newAllocator();
  a.addAgent('a1', { hostname: 'h1', total: parseResources(resources) });
  a.addAgent('a2', { hostname: 'h2', total: parseResources(resources) });
  a.addFramework('f', { roles: ['r'] });
  const offers = pass(a);
  a.addFramework('g', { roles: ['r'] });
  for (const offer of offers) {
    const back = copies(offer);
    if (reorder) back.reverse();
    a.recoverResources(offer.frameworkId, offer.agentId, back, refuseSeconds > 0 ? { refuseSeconds } : undefined);
  }
  const seen = [describeOffers(pass(a)), [`share f ${a.frameworkShare('f')} g ${a.frameworkShare('g').toFixed(3)}`]];
  for (const offer of pass(a)) a.recoverResources(offer.frameworkId, offer.agentId, copies(offer));
  a.removeFramework('g');
  seen.push(describeOffers(pass(a)));
  clock.now += refuseSeconds + 1;
  seen.push(describeOffers(pass(a)));
  return seen;
}

describe('recovering a whole declined offer', () => {
  it.each([
    ['cpus:4;mem:4096'],
    ['cpus:4;mem:8192;disk:10000;ports:[31000-32000]'],
    ['cpus:2;ports:[31000-31004,31010-31020];gpus:1'],
    ['cpus:2;mem:64;zones:{a,b,c}'],
  ])('%s: same as the general path, with and without a filter', (resources) => {
    for (const refuseSeconds of [0, 5, 600]) {
      const short = afterDecline(resources, false, refuseSeconds);
      expect(short[0].length).toBe(2);
      expect(short).toEqual(afterDecline(resources, true, refuseSeconds));
    }
  });

  it.each([
    ['the same entries', 'cpus:4;mem:64', 'cpus:4;mem:64', true],
    ['another amount', 'cpus:4;mem:64', 'cpus:3;mem:64', false],
    ['another range', 'ports:[1-5]', 'ports:[1-4]', false],
    ['another set', 'zones:{a,b}', 'zones:{a,c}', false],
    ['fewer entries', 'cpus:4;mem:64', 'cpus:4', false],
    ['reserved', 'cpus(r):4', 'cpus(r):4', false],
  ])('isWholeHolding: %s', (_name, held, wanted, expected) => {
    const withRole = (text: string) => parseResources(text).map((r) => ({ ...r, allocation_role: 'r' }));
    expect(isWholeHolding(withRole(wanted), withRole(held))).toBe(expected);
  });

  it('isWholeHolding is false for resources of two roles or without a role', () => {
    const held = parseResources('cpus:4;mem:64').map((r, i) => ({ ...r, allocation_role: i === 0 ? 'r' : 's' }));
    expect(isWholeHolding(held, held)).toBe(false);
    const bare = parseResources('cpus:4');
    expect(isWholeHolding(bare, bare)).toBe(false);
  });

  it('recovers only the part held when more is given back, whole or not', () => {
    const a = newAllocator();
    a.addAgent('a1', { hostname: 'h1', total: parseResources('cpus:4;mem:64') });
    a.addFramework('f', { roles: ['r'] });
    const [offer] = pass(a);
    a.recoverResources('f', 'a1', [...copies(offer), ...parseResources('gpus:1').map((r) => ({ ...r, allocation_role: 'r' }))]);
    expect(describeOffers(pass(a))).toEqual(['f@a1(r) cpus:4;mem:64']);
  });
});
