/**
 * Refusal codes: does a task that did not fit wait for the cluster, or can
 * it never fit? Like kube-scheduler's Unschedulable vs
 * UnschedulableAndUnresolvable, so frameworks and the UI can tell a hopeless
 * task from a waiting one.
 *
 * The judgement is by amount against the largest agent usable by the role
 * (the master keeps it, see `master/allocator/cluster-capacity.ts`): asking
 * more of a resource than any agent has in total never fits; otherwise the
 * cluster is busy. Pure.
 */
import type { InsufficientResource } from './wire';
import { pb, type v1 } from './wire';

/** `InsufficientResource.Code`: CODE_UNSPECIFIED, NOT_NOW, NEVER. */
export const RefusalCode = pb.InsufficientResource.Code;
export type RefusalCode = v1.InsufficientResource.Code;

/**
 * The grammar of resource names agents declare (`proto/src/resource-text.ts`).
 * A refusal named otherwise (`constraint hostname:UNIQUE`) is not about a
 * resource, and its code is left as it came.
 */
const RESOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

/**
 * The code of one refusal, given per resource name the most one agent has
 * (names no agent has are absent): NEVER when it asks more than that,
 * NOT_NOW when it asks no more. A refusal that names no resource or asks no
 * amount keeps its own code (CODE_UNSPECIFIED when it has none).
 */
export function refusalCode(refusal: InsufficientResource, largest: ReadonlyMap<string, number>): RefusalCode {
  const own = refusal.code ?? RefusalCode.CODE_UNSPECIFIED;
  const name = refusal.name ?? '';
  const requested = refusal.requested;
  if (!RESOURCE_NAME.test(name) || typeof requested !== 'number' || !Number.isFinite(requested) || requested <= 0) return own;
  return requested > (largest.get(name) ?? 0) ? RefusalCode.NEVER : RefusalCode.NOT_NOW;
}

/** Copies of `refusals` with {@link refusalCode} filled in. */
export function classifyRefusals(refusals: readonly InsufficientResource[], largest: ReadonlyMap<string, number>): InsufficientResource[] {
  return refusals.map((r) => {
    const code = refusalCode(r, largest);
    return code === RefusalCode.CODE_UNSPECIFIED && r.code == null ? { ...r } : { ...r, code };
  });
}

/**
 * A few words for people: `never fits: the largest agent has 16`, `not now:
 * the largest agent has 16`, or '' when the code is unknown. `most` is the
 * largest agent's amount, when known.
 */
export function describeRefusalCode(code: RefusalCode | null | undefined, most?: number): string {
  const amount = most === undefined ? '' : `: the largest agent has ${most}`;
  if (code === RefusalCode.NEVER) return `never fits${amount}`;
  if (code === RefusalCode.NOT_NOW) return `not now${amount}`;
  return '';
}
