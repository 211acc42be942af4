import { validateApp, instanceSize, type AppDefinition } from '../../frameworks/services/app-definition';

const base = { id: 'web', instances: 2, cpus: 0.5, mem: 64, ports: 1, command: 'serve' };
const largest = { cpus: 2, mem: 2048, disk: 8192 };

describe('app definitions', () => {
  it('fills in defaults for a minimal definition', () => {
    const result = validateApp({ id: 'a', command: 'true' });
    expect(result.ok).toBe(true);
    const app = (result as { app: AppDefinition }).app;
    expect(app).toMatchObject({ instances: 1, cpus: 0.1, mem: 32, disk: 0, ports: 0, env: {}, constraints: [] });
    expect(app.upgradeStrategy).toEqual({ minimumHealthCapacity: 1, maximumOverCapacity: 1, rollbackAfterFailures: 3 });
    expect(app.backoff).toEqual({ initialSeconds: 1, factor: 2, maxSeconds: 60 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown field', { ...base, colour: 'red' }, 'colour: unknown field'],
    ['negative instances', { ...base, instances: -1 }, 'instances: must be a whole number >= 0, got -1'],
    ['fractional instances', { ...base, instances: 1.5 }, 'instances: must be a whole number >= 0, got 1.5'],
    ['cpus bigger than any agent', { ...base, cpus: 64 }, 'cpus: asks 64 but the largest agent has 2'],
    ['mem bigger than any agent', { ...base, mem: 4096 }, 'mem: asks 4096 but the largest agent has 2048'],
    ['zero cpus', { ...base, cpus: 0 }, 'cpus: must be a number > 0, got 0'],
    ['a malformed constraint', { ...base, constraints: [['hostname']] }, 'constraints[0]: must be [field, operator]'],
    ['an unknown constraint operator', { ...base, constraints: [['hostname', 'SOMETIMES']] }, 'constraints[0]: unknown operator "SOMETIMES"'],
    ['MAX_PER without a number', { ...base, constraints: [['rack', 'MAX_PER', 'x']] }, 'constraints[0]: MAX_PER needs a whole number >= 1 as value, got "x"'],
    ['a bad LIKE regex', { ...base, constraints: [['rack', 'LIKE', '(']] }, 'constraints[0]: LIKE value "(" is not a regular expression'],
    ['no command, container or pod', { id: 'x' }, 'command: required'],
    ['a bad id', { ...base, id: 'Web_App' }, 'id: "Web_App" must be lower-case letters'],
    ['a health check on a port the app lacks', { ...base, ports: 0, healthCheck: { protocol: 'HTTP', portIndex: 0 } }, 'healthCheck.portIndex: is 0 but the app asks for no ports'],
    ['a misspelt health check field', { ...base, healthCheck: { protocol: 'HTTP', intervalSecond: 1 } }, 'healthCheck.intervalSecond: unknown field'],
    ['an unknown health check protocol', { ...base, healthCheck: { protocol: 'UDP' } }, 'healthCheck.protocol: must be HTTP, TCP or COMMAND, got "UDP"'],
    ['a COMMAND check without a command', { ...base, healthCheck: { protocol: 'COMMAND' } }, 'healthCheck.command: required'],
    ['minimumHealthCapacity above 1', { ...base, upgradeStrategy: { minimumHealthCapacity: 1.5 } }, 'upgradeStrategy.minimumHealthCapacity: must be a number >= 0 and <= 1, got 1.5'],
    ['autoscale min above max', { ...base, autoscale: { metric: { name: 'load' }, target: 5, minInstances: 4, maxInstances: 2 } }, 'autoscale.minInstances: is 4, more than maxInstances 2'],
    ['autoscale without target', { ...base, autoscale: { metric: { name: 'load' }, minInstances: 1, maxInstances: 2 } }, 'autoscale.target: required'],
    ['a pod with a command at app level', { id: 'p', command: 'x', pod: { containers: [{ name: 'a', command: 'y' }] } }, 'command: not allowed on a pod'],
    ['a pod with two containers of one name', { id: 'p', pod: { containers: [{ name: 'a', command: 'y' }, { name: 'a', command: 'z' }] } }, 'pod.containers[1].name: "a" is used by two containers'],
    ['a pod bigger than any agent', { id: 'p', pod: { containers: [{ name: 'a', command: 'y', cpus: 1.5 }, { name: 'b', command: 'z', cpus: 1 }] } }, 'pod.containers (cpus summed): asks 2.5 but the largest agent has 2'],
  ])('refuses %s, naming the field', (_name, input, message) => {
    const result = validateApp(input, largest);
    expect(result.ok).toBe(false);
    const lines = (result as { problems: Array<{ field: string; message: string }> }).problems.map((p) => `${p.field}: ${p.message}`);
    expect(lines.some((l) => l.startsWith(message))).toBe(true);
  });

  it('lists every problem at once', () => {
    const result = validateApp({ id: 'x', instances: -2, cpus: 'lots', command: 'y', extra: 1 });
    expect(result.ok).toBe(false);
    expect((result as { problems: Array<{ field: string }> }).problems.map((p) => p.field).sort()).toEqual(['cpus', 'extra', 'instances']);
  });

  it.each<[string, Record<string, unknown>, { cpus: number; mem: number }]>([
    ['a plain app', base, { cpus: 0.5, mem: 64 }],
    ['a pod (sum of containers)', { id: 'p', pod: { containers: [{ name: 'a', command: 'y', cpus: 0.2, mem: 10 }, { name: 'b', command: 'z', cpus: 0.3, mem: 20 }] } }, { cpus: 0.5, mem: 30 }],
  ])('sizes %s', (_name, input, size) => {
    const result = validateApp(input);
    expect(result.ok).toBe(true);
    expect(instanceSize((result as { app: AppDefinition }).app)).toMatchObject(size);
  });
});
