/** Refusal codes: never fits (larger than any agent of the role) vs not now (the cluster is busy). */
import type { InsufficientResource } from '@meseta/proto/wire';
import { classifyRefusals, describeRefusalCode, RefusalCode, refusalCode } from '@meseta/proto/refusal-code';

const largest = new Map([
  ['cpus', 16],
  ['mem', 65536],
  ['ports', 1000],
]);

function refusal(name: string, requested: number | undefined, code?: RefusalCode): InsufficientResource {
  const r: InsufficientResource = { name, requested, available: 0, message: `${name}: asked ${requested}, offer holds 0` };
  if (code !== undefined) r.code = code;
  return r;
}

describe('refusalCode', () => {
  it.each([
    ['more cpus than the largest agent has never fits', refusal('cpus', 64), RefusalCode.NEVER],
    ['exactly the largest agent fits, not now', refusal('cpus', 16), RefusalCode.NOT_NOW],
    ['less than the largest agent fits, not now', refusal('cpus', 4), RefusalCode.NOT_NOW],
    ['a fraction above the largest agent never fits', refusal('cpus', 16.001), RefusalCode.NEVER],
    ['a resource no agent has never fits', refusal('gpus', 1), RefusalCode.NEVER],
    ['a port count within the largest agent fits, not now', refusal('ports', 10), RefusalCode.NOT_NOW],
    ['more ports than any agent has never fits', refusal('ports', 1001), RefusalCode.NEVER],
    ['the master overrides a framework that guessed wrong', refusal('cpus', 64, RefusalCode.NOT_NOW), RefusalCode.NEVER],
    ['a constraint keeps its own code', refusal('constraint hostname:UNIQUE', 1, RefusalCode.NOT_NOW), RefusalCode.NOT_NOW],
    ['a constraint without a code stays unspecified', refusal('constraint rack:CLUSTER:a', 1), RefusalCode.CODE_UNSPECIFIED],
    ['a refusal without an amount stays unspecified', refusal('cpus', undefined), RefusalCode.CODE_UNSPECIFIED],
    ['a refusal asking nothing stays unspecified', refusal('cpus', 0), RefusalCode.CODE_UNSPECIFIED],
    ['a refusal asking NaN stays unspecified', refusal('cpus', NaN), RefusalCode.CODE_UNSPECIFIED],
    ['a refusal without a name stays unspecified', refusal('', 4), RefusalCode.CODE_UNSPECIFIED],
  ])('%s', (_case, r, expected) => {
    expect(refusalCode(r, largest)).toBe(expected);
  });

  it('calls everything never fits in a cluster with no agents', () => {
    expect(refusalCode(refusal('cpus', 0.1), new Map())).toBe(RefusalCode.NEVER);
  });
});

describe('classifyRefusals', () => {
  it('returns copies with codes, keeping name, numbers, message and task', () => {
    const input = [{ ...refusal('cpus', 64), task_id: { value: 't1' } }, refusal('mem', 1024)];
    const out = classifyRefusals(input, largest);
    expect(out).toEqual([
      { ...input[0], code: RefusalCode.NEVER },
      { ...input[1], code: RefusalCode.NOT_NOW },
    ]);
    expect(input[0].code).toBeUndefined();
  });

  it('adds no code where none is known', () => {
    expect(classifyRefusals([refusal('constraint hostname:UNIQUE', 1)], largest)[0].code).toBeUndefined();
  });
});

describe('describeRefusalCode', () => {
  it.each([
    ['never fits with the amount', RefusalCode.NEVER, 16, 'never fits: the largest agent has 16'],
    ['not now with the amount', RefusalCode.NOT_NOW, 16, 'not now: the largest agent has 16'],
    ['never fits without an amount', RefusalCode.NEVER, undefined, 'never fits'],
    ['nothing when unknown', RefusalCode.CODE_UNSPECIFIED, 16, ''],
    ['nothing when absent', undefined, undefined, ''],
  ])('%s', (_case, code, most, expected) => {
    expect(describeRefusalCode(code, most)).toBe(expected);
  });
});
