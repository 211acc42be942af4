/** The UI shows a refusal's code: "never fits" vs "waiting for resources", the message unchanged. */
import { uiRefusal } from '../../master/http-ui-view';
import { fitOutlook } from '../../master/webui/src/model/stats';
import { RefusalCode } from '@meseta/proto/refusal-code';

describe('uiRefusal', () => {
  const base = { name: 'cpus', requested: 64, available: 2, message: 'cpus: asked 64, largest offer 2', task_id: { value: 't1' } };

  it.each([
    ['a NEVER refusal as NEVER', RefusalCode.NEVER, 'NEVER'],
    ['a NOT_NOW refusal as NOT_NOW', RefusalCode.NOT_NOW, 'NOT_NOW'],
    ['an unspecified code as no code', RefusalCode.CODE_UNSPECIFIED, undefined],
    ['a refusal without a code as no code', undefined, undefined],
  ])('maps %s, keeping name, numbers, message and task', (_case, code, expected) => {
    const row = uiRefusal(code === undefined ? base : { ...base, code });
    expect(row).toEqual({ resource: 'cpus', requested: 64, available: 2, message: 'cpus: asked 64, largest offer 2', task_id: 't1', ...(expected ? { code: expected } : {}) });
  });

  it('writes a message naming the field and numbers when the framework sent none', () => {
    expect(uiRefusal({ name: 'mem', requested: 4096, available: 1024, code: RefusalCode.NOT_NOW }).message).toBe('mem: asked 4096, offer holds 1024');
  });
});

describe('fitOutlook', () => {
  it.each([
    ['NEVER reads never fits, in red', 'NEVER' as const, 'never fits', 'bad'],
    ['NOT_NOW reads waiting for resources, in amber', 'NOT_NOW' as const, 'waiting for resources', 'warn'],
  ])('%s', (_case, code, label, tone) => {
    expect(fitOutlook(code)).toMatchObject({ label, tone });
  });

  it('says nothing when the code is unknown', () => {
    expect(fitOutlook(undefined)).toBeUndefined();
  });
});
