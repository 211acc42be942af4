/**
 * Hierarchical roles in the allocator (issue 14): DRF along the role tree,
 * weights at each level, quota on the tree (a parent's limit caps its
 * subtree, guarantees cover subtrees), reservations counted toward quota and
 * offered only within their role's subtree.
 */
import { addAgents, newAllocator, pass } from './allocator-fixtures';
import type { HierarchicalAllocator } from '../../master/allocator/hierarchical-allocator';

const q = (o: Record<string, number>) => new Map(Object.entries(o));

/** Cpus held by each role after the passes. */
function cpusOf(allocator: HierarchicalAllocator, roles: string[]): Record<string, number> {
  return Object.fromEntries(roles.map((r) => [r, allocator.consumedBy(r).get('cpus') ?? 0]));
}

describe('hierarchical DRF', () => {
  it.each([
    ['ops competes with eng as a whole; eng/a and eng/b split what eng wins', {}, 12, { 'eng/a': 12, 'eng/b': 12, ops: 24 }],
    ['a parent weight shifts shares between parents', { eng: 3 }, 16, { 'eng/a': 24, 'eng/b': 24, ops: 16 }],
    ['a child weight shifts shares between siblings only', { 'eng/a': 3 }, 16, { 'eng/a': 24, 'eng/b': 8, ops: 32 }],
  ])('%s', (_name, weights, agents, expected) => {
    const allocator = newAllocator();
    for (const [role, w] of Object.entries(weights)) allocator.updateWeight(role, w);
    for (const role of ['eng/a', 'eng/b', 'ops']) allocator.addFramework(role.toUpperCase(), { roles: [role] });
    addAgents(allocator, agents);
    pass(allocator);
    expect(cpusOf(allocator, ['eng/a', 'eng/b', 'ops'])).toEqual(expected);
  });

  it('many children do not outweigh one sibling parent', () => {
    const allocator = newAllocator();
    for (let i = 0; i < 5; i++) allocator.addFramework(`E${i}`, { roles: [`eng/t${i}`] });
    allocator.addFramework('OPS', { roles: ['ops'] });
    addAgents(allocator, 10);
    pass(allocator);
    expect(allocator.consumedBy('ops').get('cpus')).toBe(20);
    const eng = Object.values(cpusOf(allocator, [0, 1, 2, 3, 4].map((i) => `eng/t${i}`))).reduce((a, b) => a + b, 0);
    expect(eng).toBe(20);
  });
});
