import { formatResources } from '@meseta/proto/resources';
import {
  AgentFlagError,
  detectedResources,
  mergeResources,
  offeredDiskMib,
  offeredMemoryMib,
  parseResourceFlag,
} from '../../agent/resource-detection';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('offered memory follows the Mesos rule (1 GiB kept back above 1 GiB)', () => {
  it.each([
    ['512 MiB is offered whole', 512 * MIB, 512],
    ['exactly 1 GiB is offered whole', GIB, 1024],
    ['1.5 GiB leaves 1 GiB to the host', 1.5 * GIB, 512],
    ['24 GiB leaves 1 GiB to the host', 24 * GIB, 23 * 1024],
    ['partial MiB are dropped', 2 * GIB + 0.7 * MIB, 1024],
  ])('%s', (_name, bytes, mib) => {
    expect(offeredMemoryMib(bytes)).toBe(mib);
  });
});

describe('offered disk follows the Mesos rule (5 GiB kept back above 10 GiB)', () => {
  it.each([
    ['unknown disk defaults to 10 GiB', undefined, 10240],
    ['4 GiB free is offered whole', 4 * GIB, 4096],
    ['exactly 10 GiB is offered whole', 10 * GIB, 10240],
    ['80 GiB free leaves 5 GiB', 80 * GIB, 75 * 1024],
  ])('%s', (_name, bytes, mib) => {
    expect(offeredDiskMib(bytes)).toBe(mib);
  });
});

describe('merging detected and configured resources', () => {
  const detected = detectedResources({ cpus: 8, memoryBytes: 17 * GIB, diskAvailableBytes: 4 * GIB });

  it.each([
    ['nothing configured keeps every detected value', '', 'cpus:8;mem:16384;disk:4096;ports:[31000-32000]'],
    ['a configured name replaces the detected one', 'cpus:2', 'cpus:2;mem:16384;disk:4096;ports:[31000-32000]'],
    ['configured ports replace the default range', 'ports:[8000-8010]', 'cpus:8;mem:16384;disk:4096;ports:[8000-8010]'],
    ['a name reserved for a role replaces the whole name', 'mem(ops):1024', 'cpus:8;disk:4096;ports:[31000-32000];mem(ops):1024'],
    [
      'unreserved and reserved parts of one name are both kept',
      'cpus:2;cpus(ops):1',
      'cpus:2;mem:16384;disk:4096;ports:[31000-32000];cpus(ops):1',
    ],
    ['custom names are added', 'gpus:2', 'cpus:8;mem:16384;disk:4096;ports:[31000-32000];gpus:2'],
  ])('%s', (_name, text, expected) => {
    const merged = mergeResources(detected, parseResourceFlag(text));
    expect(formatResources(merged).split(';').sort()).toEqual(expected.split(';').sort());
  });

  it('never offers fewer than one cpu', () => {
    expect(formatResources(detectedResources({ cpus: 0, memoryBytes: GIB }))).toContain('cpus:1');
  });
});

describe('bad --resources text is refused with the entry named', () => {
  it.each([
    ['a word for a number', 'cpus:4;mem:lots', 'mem:lots'],
    ['no value', 'cpus', 'cpus'],
    ['an inverted range', 'ports:[32000-31000]', 'ports:[32000-31000]'],
    ['a name twice', 'cpus:1;cpus:2', 'cpus:2'],
  ])('%s', (_name, text, entry) => {
    let error: unknown;
    try {
      parseResourceFlag(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AgentFlagError);
    expect((error as Error).message).toContain('--resources');
    expect((error as Error).message).toContain(entry);
  });
});
