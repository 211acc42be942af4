import { UsageError } from '../../cli/cli-error';
import {
  amountFlag,
  attributesFlag,
  bytesFlag,
  collect,
  countFlag,
  durationFlag,
  envFlag,
  masterFlag,
  portFlag,
  resourcesFlag,
  textFlag,
} from '../../cli/flags';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('flag values that are accepted', () => {
  it.each<[string, () => unknown, unknown]>([
    ['a duration in seconds', () => durationFlag('--x', '15s'), 15],
    ['a duration in minutes, Mesos style', () => durationFlag('--x', '10mins'), 600],
    ['a duration in milliseconds', () => durationFlag('--x', '500ms'), 0.5],
    ['a plain number as seconds', () => durationFlag('--x', '3'), 3],
    ['port 0 as "any free port"', () => portFlag('--port', '0'), 0],
    ['the highest port', () => portFlag('--port', '65535'), 65535],
    ['a count at its minimum', () => countFlag('--agents', '1', 1), 1],
    ['a fractional amount', () => amountFlag('--cpus', '0.25'), 0.25],
    ['an amount starting with a dot', () => amountFlag('--cpus', '.5'), 0.5],
    ['zero when zero is allowed', () => amountFlag('--disk', '0'), 0],
    ['an env pair', () => envFlag('--env', 'A=1'), { name: 'A', value: '1' }],
    ['an env value holding "="', () => envFlag('--env', 'OPTS=a=b'), { name: 'OPTS', value: 'a=b' }],
    ['an empty env value', () => envFlag('--env', 'EMPTY='), { name: 'EMPTY', value: '' }],
    ['repeated flags collected in order', () => collect('b', collect('a', undefined)), ['a', 'b']],
    ['a text value', () => textFlag('--name', 'hello'), 'hello'],
  ])('%s', (_name, parse, expected) => {
    expect(parse()).toEqual(expected);
  });

  it('parses resources into a normalised list', () => {
    const resources = resourcesFlag('--resources', 'cpus:4;mem:8192;ports:[31000-32000]');
    expect(resources.map((r) => r.name).sort()).toEqual(['cpus', 'mem', 'ports']);
  });

  it('parses attributes', () => {
    expect(attributesFlag('--attributes', 'rack:a;zone:1').map((a) => a.name)).toEqual(['rack', 'zone']);
  });
});

describe('flag values that are refused name the flag and the problem', () => {
  it.each<[string, () => unknown, string]>([
    ['a word as a duration', () => durationFlag('--offer-timeout', 'soon'), '--offer-timeout: "soon" is not a duration'],
    ['an unknown duration unit', () => durationFlag('--kill-after', '3parsecs'), '--kill-after: "3parsecs" is not a duration'],
    ['a port above 65535', () => portFlag('--port', '70000'), '--port: "70000" is not a port number (0-65535)'],
    ['a negative port', () => portFlag('--port', '-1'), '--port: "-1" is not a port number'],
    ['a count below its minimum', () => countFlag('--agents', '0', 1), '--agents: "0" is not a whole number >= 1'],
    ['a fractional count', () => countFlag('--agents', '1.5', 1), '--agents: "1.5" is not a whole number >= 1'],
    ['zero cpus when a positive amount is needed', () => amountFlag('--cpus', '0', true), '--cpus: "0" is not a positive number'],
    ['a negative amount', () => amountFlag('--mem', '-3'), '--mem: "-3" is not a non-negative number'],
    ['a word as an amount', () => amountFlag('--mem', 'lots'), '--mem: "lots" is not a non-negative number'],
    [
      'a resource entry with a word for a number',
      () => resourcesFlag('--resources', 'cpus:2;mem:lots'),
      '--resources: invalid entry "mem:lots": "lots" is not a non-negative number',
    ],
    ['a resource entry without a value', () => resourcesFlag('--resources', 'cpus'), '--resources: invalid entry "cpus": expected NAME:VALUE'],
    ['memory with a unit', () => amountFlag('--mem', '1GB'), '--mem: "1GB" is not a non-negative number: mem is in MB without a unit: write 1024'],
    ['disk in MiB', () => amountFlag('--disk', '512MiB'), '--disk: "512MiB" is not a non-negative number: disk is in MB without a unit: write 512'],
    [
      'ports as a range without brackets',
      () => resourcesFlag('--resources', 'cpus:2;ports:31000-32000'),
      '--resources: invalid entry "ports:31000-32000": "31000-32000" is not a non-negative number: write ranges as [31000-32000]',
    ],
    [
      'memory with a unit in --resources',
      () => resourcesFlag('--resources', 'mem:2g'),
      '--resources: invalid entry "mem:2g": "2g" is not a non-negative number: mem is in MB without a unit: write 2048',
    ],
    ['an attribute without a value', () => attributesFlag('--attributes', 'rack:'), '--attributes: invalid entry "rack:": value is empty'],
    ['an env entry without "="', () => envFlag('--env', 'PATH'), '--env: "PATH" must look like NAME=VALUE'],
    ['an env name starting with a digit', () => envFlag('--env', '1A=x'), '--env: "1A=x" must look like NAME=VALUE'],
    ['a missing text value', () => textFlag('--command', undefined), '--command: required'],
    ['a blank text value', () => textFlag('--name', '  '), '--name: required'],
  ])('%s', (_name, parse, expected) => {
    expect(usageMessage(parse)).toContain(expected);
  });
});

describe('masterFlag', () => {
  it.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    ['takes --master when given', '127.0.0.1:6000', { MESETA_MASTER: '127.0.0.1:7000' }, '127.0.0.1:6000'],
    ['falls back to $MESETA_MASTER', undefined, { MESETA_MASTER: '127.0.0.1:7000' }, '127.0.0.1:7000'],
    ['falls back to 127.0.0.1:5050', undefined, {}, '127.0.0.1:5050'],
    ['accepts the URL that meseta local prints', 'http://127.0.0.1:5050/', {}, '127.0.0.1:5050'],
    ['accepts a host name', 'localhost:5050', {}, 'localhost:5050'],
  ])('%s', (_name, text, env, expected) => {
    expect(masterFlag('--master', text, env)).toBe(expected);
  });

  it.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    ['refuses an address without a port', '127.0.0.1', {}, '--master: "127.0.0.1" is not HOST:PORT'],
    ['refuses port 0', '127.0.0.1:0', {}, '--master: "127.0.0.1:0" is not HOST:PORT'],
    ['names the variable when $MESETA_MASTER is wrong', undefined, { MESETA_MASTER: 'nowhere' }, '$MESETA_MASTER: "nowhere" is not HOST:PORT'],
  ])('%s', (_name, text, env, expected) => {
    expect(usageMessage(() => masterFlag('--master', text, env))).toBe(expected);
  });
});

describe('bytesFlag', () => {
  it.each([
    ['2GB', 2 * 1024 ** 3],
    ['512MB', 512 * 1024 ** 2],
    ['100kb', 102400],
    ['1.5 GB', 1.5 * 1024 ** 3],
    ['0', 0],
    ['4096', 4096],
    ['10B', 10],
  ])('%s is %d bytes', (text, bytes) => {
    expect(bytesFlag('--fetcher-cache-size', text)).toBe(bytes);
  });

  it.each(['', 'lots', '2XB', '-1GB', '1e9'])('%j is refused naming the flag', (text) => {
    expect(usageMessage(() => bytesFlag('--fetcher-cache-size', text))).toBe(`--fetcher-cache-size: "${text}" is not a size (e.g. 2GB, 512MB, 100KB or bytes)`);
  });
});
