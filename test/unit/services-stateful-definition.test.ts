import { validateApp, instanceSize, type AppDefinition } from '../../frameworks/services/app-definition';
import { statefulChangeProblems } from '../../frameworks/services/app-volumes';

const db = { id: 'db', instances: 1, cpus: 0.5, mem: 64, command: 'run-db', volumes: [{ containerPath: 'data', sizeMb: 100 }] };
const inRole = { frameworkRole: 'db' };

function lines(input: unknown, context: { frameworkRole?: string } = inRole): string[] {
  const result = validateApp(input, undefined, context);
  return result.ok ? [] : result.problems.map((p) => `${p.field}: ${p.message}`);
}

describe('stateful app definitions (volumes)', () => {
  it('reads volumes with defaults; replaced in place: no surge, half kept', () => {
    const result = validateApp(db, undefined, inRole);
    expect(result.ok).toBe(true);
    const app = (result as { app: AppDefinition }).app;
    expect(app.volumes).toEqual([{ containerPath: 'data', sizeMb: 100, mode: 'RW' }]);
    expect(app.upgradeStrategy).toEqual({ minimumHealthCapacity: 0.5, maximumOverCapacity: 0, rollbackAfterFailures: 3 });
    expect(instanceSize(app)).toEqual({ cpus: 0.5, mem: 64, disk: 100 });
  });

  it('accepts RO volumes, nested relative paths and a strategy within the rules', () => {
    const result = validateApp(
      { ...db, volumes: [{ containerPath: 'data', sizeMb: 10 }, { containerPath: 'conf/seed', sizeMb: 1, mode: 'ro' }], upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } },
      undefined,
      inRole,
    );
    expect(result.ok).toBe(true);
    expect((result as { app: AppDefinition }).app.volumes?.[1]).toEqual({ containerPath: 'conf/seed', sizeMb: 1, mode: 'RO' });
  });

  // Every row has four entries: a test function with more parameters than its row gets a `done` callback from jest.
  it.each<[string, Record<string, unknown>, string, { frameworkRole?: string }]>([
    ['a size of 0', { ...db, volumes: [{ containerPath: 'data', sizeMb: 0 }] }, 'volumes[0].sizeMb: must be a positive integer (MB), got 0', inRole],
    ['a fractional size', { ...db, volumes: [{ containerPath: 'data', sizeMb: 1.5 }] }, 'volumes[0].sizeMb: must be a positive integer (MB), got 1.5', inRole],
    ['a size as text', { ...db, volumes: [{ containerPath: 'data', sizeMb: '10' }] }, 'volumes[0].sizeMb: must be a positive integer (MB), got "10"', inRole],
    ['no size', { ...db, volumes: [{ containerPath: 'data' }] }, 'volumes[0].sizeMb: required', inRole],
    ['no container path', { ...db, volumes: [{ sizeMb: 10 }] }, 'volumes[0].containerPath: required', inRole],
    ['an absolute container path', { ...db, volumes: [{ containerPath: '/data', sizeMb: 10 }] }, 'volumes[0].containerPath: must be a path relative to the sandbox', inRole],
    ['a path leaving the sandbox', { ...db, volumes: [{ containerPath: 'a/../../etc', sizeMb: 10 }] }, 'volumes[0].containerPath: must not contain "." or ".." segments', inRole],
    ['a path with odd characters', { ...db, volumes: [{ containerPath: 'da ta', sizeMb: 10 }] }, 'volumes[0].containerPath: must be letters, digits', inRole],
    ['two volumes at one path', { ...db, volumes: [{ containerPath: 'data', sizeMb: 1 }, { containerPath: 'data', sizeMb: 2 }] }, 'volumes[1].containerPath: "data" is used by two volumes', inRole],
    ['an unknown mode', { ...db, volumes: [{ containerPath: 'data', sizeMb: 1, mode: 'RWX' }] }, 'volumes[0].mode: must be RW or RO, got "RWX"', inRole],
    ['a misspelt volume field', { ...db, volumes: [{ containerPath: 'data', size: 1, sizeMb: 1 }] }, 'volumes[0].size: unknown field', inRole],
    ['volumes not a list', { ...db, volumes: { containerPath: 'data' } }, 'volumes: must be a list', inRole],
    ['an empty list', { ...db, volumes: [] }, 'volumes: must hold at least one volume', inRole],
    ['a volume that is not an object', { ...db, volumes: ['data'] }, 'volumes[0]: must be an object', inRole],
    ['the framework in role "*"', db, 'volumes: an app with volumes needs the services framework to run in a role other than "*"', {}],
    ['a pod with volumes', { id: 'p', pod: { containers: [{ name: 'a', command: 'y' }] }, volumes: [{ containerPath: 'data', sizeMb: 1 }] }, 'volumes: not supported on a pod yet', inRole],
    ['a surge', { ...db, upgradeStrategy: { maximumOverCapacity: 0.5 } }, 'upgradeStrategy.maximumOverCapacity: must be 0 for an app with volumes', inRole],
    ['keeping every instance while replacing', { ...db, upgradeStrategy: { minimumHealthCapacity: 1 } }, 'upgradeStrategy.minimumHealthCapacity: must be at most 0.5 for an app with volumes', inRole],
  ])('refuses %s, naming the field', (_name, input, message, context) => {
    const found = lines(input, context);
    expect(found.find((l) => l.startsWith(message))).toBeDefined();
  });

  it('refuses a stateful app bigger than any agent, counting its volumes as disk', () => {
    const result = validateApp({ ...db, disk: 50, volumes: [{ containerPath: 'data', sizeMb: 8000 }] }, { cpus: 4, mem: 4096, disk: 4000 }, inRole);
    expect(result.ok).toBe(false);
    expect((result as { problems: Array<{ field: string; message: string }> }).problems).toContainEqual({
      field: 'disk (with volumes[].sizeMb)',
      message: 'asks 8050 but the largest agent has 4000',
    });
  });

  it('an app without volumes keeps the usual strategy and needs no role', () => {
    const result = validateApp({ id: 'web', command: 'serve' }, undefined, {});
    expect(result.ok).toBe(true);
    expect((result as { app: AppDefinition }).app.upgradeStrategy.maximumOverCapacity).toBe(1);
  });
});

describe('what a new version of a stateful app may change', () => {
  const vol = (sizeMb = 100, containerPath = 'data') => [{ containerPath, sizeMb, mode: 'RW' as const }];
  const app = (over: Partial<{ volumes: ReturnType<typeof vol> | undefined; cpus: number; mem: number; disk: number }> = {}) => ({ volumes: vol(), cpus: 0.5, mem: 64, disk: 0, ...over });

  it.each<[string, ReturnType<typeof app>, ReturnType<typeof app>, string[]]>([
    ['the same volumes and amounts: anything else may change', app(), app(), []],
    ['two apps without volumes: no rule', app({ volumes: undefined }), app({ volumes: undefined, cpus: 2 }), []],
    ['a bigger volume', app(), app({ volumes: vol(200) }), ['volumes: cannot change in a new version (was data:100MB:RW, asked data:200MB:RW)']],
    ['another path', app(), app({ volumes: vol(100, 'db') }), ['volumes: cannot change in a new version']],
    ['volumes dropped', app(), app({ volumes: undefined }), ['volumes: an app with volumes cannot drop them']],
    ['volumes added', app({ volumes: undefined }), app(), ['volumes: an app without volumes cannot get volumes']],
    ['more cpus and mem', app(), app({ cpus: 1, mem: 128 }), [
      "cpus: cannot change for an app with volumes (its instances' reservations hold 0.5, asked 1)",
      "mem: cannot change for an app with volumes (its instances' reservations hold 64, asked 128)",
    ]],
  ])('%s', (_name, before, after, expected) => {
    const found = statefulChangeProblems(before, after).map((p) => `${p.field}: ${p.message}`);
    expect(found.length).toBe(expected.length);
    expected.forEach((e, i) => expect(found[i].startsWith(e)).toBe(true));
  });
});
