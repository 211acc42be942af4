/** The SDK's refusal codes: NOT_NOW only where it knows (an offer could hold the task), else none. */
import type { Offer } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { firstFit, RefusalCode, type ResourceSpec, type TaskSpec } from '@meseta/sdk/offer-matching';

function offer(id: string, text: string): Offer {
  return { id: { value: id }, agent_id: { value: `agent-of-${id}` }, resources: parseResources(text).map((r) => ({ ...r, allocation_role: 'web' })) };
}

const task = (name: string, spec: ResourceSpec): TaskSpec => ({ name, taskId: name, command: 'true', ...spec });

describe('firstFit refusal codes', () => {
  it.each([
    ['not now when the task fits an offer that earlier tasks filled', [task('a', { cpus: 1.5 }), task('b', { cpus: 1 })], RefusalCode.NOT_NOW],
    ['not now when it fits one offer whole but every offer is part taken', [task('a', { cpus: 1 }), task('b', { cpus: 1.5, mem: 10 })], RefusalCode.NOT_NOW],
    ['no code when no offer could hold it: only the master knows the cluster', [task('big', { cpus: 9 })], undefined],
  ])('%s', (_case, tasks, code) => {
    const plan = firstFit(tasks, [offer('o1', 'cpus:2;mem:100')]);
    expect(plan.refusals.length).toBeGreaterThan(0);
    expect(plan.refusals.map((r) => r.code)).toEqual(plan.refusals.map(() => code));
  });
});
