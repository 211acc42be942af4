/**
 * Mesos's `/master/roles` document (`master/mesos-roles-json.ts`): Mesos's
 * field names (quota's singular `guarantee` / `limit`, `consumed`,
 * `resources` = allocated + offered) and Meseta's `parent` / `children`.
 */
import { scalar } from '@meseta/proto/resources';
import { mesosRoles, offeredByRole } from '../../master/mesos-roles-json';
import { roleTree } from '../../master/role-tree';

describe('mesosRoles', () => {
  const tree = roleTree({
    frameworks: [{ id: 'f1', roles: ['eng/backend'], allocated: [scalar('cpus', 1), scalar('mem', 128)] }],
    reserved: new Map([['eng', [scalar('disk', 50)]]]),
    weights: new Map([['eng', 2]]),
    quotas: new Map([['eng/backend', { guarantees: { cpus: 1 }, limits: { cpus: 2, mem: 512 } }]]),
  });
  const doc = mesosRoles(tree, offeredByRole([{ role: 'eng/backend', resources: [scalar('cpus', 0.5)] }, { role: 'web', resources: [scalar('cpus', 9)] }]));
  const by = new Map(doc.roles.map((r) => [r.name, r]));

  test.each<[string, string, unknown]>([
    ['a parent with no frameworks of its own is listed with its weight and reservations', 'eng', {
      name: 'eng', weight: 2, frameworks: [], children: ['eng/backend'],
      reserved: { cpus: 0, gpus: 0, mem: 0, disk: 50 }, allocated: { cpus: 0, gpus: 0, mem: 0, disk: 0 },
    }],
    ['a child carries its quota in Mesos\'s words, what it consumes, allocated + offered as resources', 'eng/backend', {
      name: 'eng/backend', weight: 1, parent: 'eng', frameworks: ['f1'], children: [],
      quota: { role: 'eng/backend', guarantee: { cpus: 1 }, limit: { cpus: 2, mem: 512 }, consumed: { cpus: 1, mem: 128 } },
      allocated: { cpus: 1, gpus: 0, mem: 128, disk: 0 },
      offered: { cpus: 0.5, gpus: 0, mem: 0, disk: 0 },
      resources: { cpus: 1.5, gpus: 0, mem: 128, disk: 0 },
    }],
  ])('%s', (_name, role, want) => {
    expect(by.get(role)).toMatchObject(want as object);
  });

  test('a role without a quota has no quota field; a top-level role no parent; offers to unlisted roles add no role', () => {
    expect(by.get('eng')).not.toHaveProperty('quota');
    expect(by.get('eng')).not.toHaveProperty('parent');
    expect(by.has('web')).toBe(false);
  });
});
