import {
  formatAgo, formatAmount, formatBytes, formatDuration, formatMegabytes, formatNumber, formatPercent, formatResourceList,
  formatTimestamp, humanEnum, shortId, utf8Length, describeContainer,
} from '../../master/webui/src/model/format';

describe('web UI text formats', () => {
  it.each<[string, Parameters<typeof describeContainer>[0], string | undefined]>([
    ['no container', undefined, undefined],
    ['a Docker image with network none', { type: 'DOCKER', docker: { image: 'busybox:1.36' }, network_infos: [{ mode: 'NONE' }] }, 'Docker busybox:1.36 · network none'],
    ['a tarball with volumes', { type: 'MESOS', mesos: { image: { type: 'TAR', tar: { uri: '/images/bb.tar.xz' } } }, volumes: [{}, {}] }, 'Tarball /images/bb.tar.xz · 2 volumes'],
    ['a plain process on the host network', { type: 'POSIX', network_infos: [{ mode: 'HOST' }] }, 'POSIX (plain process) · network host'],
    ['numbers for enums', { type: 1, docker: { image: 'bb' }, network_infos: [{ mode: 1 }], volumes: [{}] }, 'Docker bb · network none · 1 volume'],
  ])('describes %s', (_name, container, text) => {
    expect(describeContainer(container)).toBe(text);
  });

  it.each([
    [0, '0'],
    [1234567, '1,234,567'],
    [0.1 + 0.2, '0.3'],
    [-1500.5, '-1,500.5'],
    [Number.NaN, '–'],
  ])('formats the number %p as %p', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    [512, '512 MB'],
    [1536, '1.5 GB'],
    [2 * 1024 * 1024, '2 TB'],
  ])('formats %p megabytes as %p', (mb, text) => {
    expect(formatMegabytes(mb)).toBe(text);
  });

  it.each([
    [10, '10 B'],
    [2048, '2.0 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
  ])('formats %p bytes as %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    ['cpus', 1.5, '1.5'],
    ['mem', 2048, '2 GB'],
    ['disk', 100, '100 MB'],
    ['gpus', 2, '2'],
  ])('formats an amount of %s (%p) as %p', (name, amount, text) => {
    expect(formatAmount(name, amount)).toBe(text);
  });

  it('lists resources main ones first and leaves out zeros', () => {
    expect(formatResourceList({ ports: 10, mem: 1024, cpus: 2, disk: 0 })).toBe('cpus 2 · mem 1 GB · ports 10');
    expect(formatResourceList({})).toBe('–');
  });

  it.each([
    [45, '45s'],
    [725, '12m 5s'],
    [12000, '3h 20m'],
    [187200, '2d 4h'],
    [-3, '0s'],
  ])('formats a duration of %p s as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [undefined, 100, '–'],
    [99.5, 100, 'just now'],
    [90, 100, '10s ago'],
  ])('says how long ago %p was at %p', (time, now, text) => {
    expect(formatAgo(time, now)).toBe(text);
  });

  it('writes timestamps as sortable UTC text', () => {
    expect(formatTimestamp(0)).toBe('–');
    expect(formatTimestamp(1714571107)).toBe('2024-05-01 13:45:07');
  });

  it.each([
    [0.425, '42.5%'],
    [1, '100.0%'],
  ])('formats the share %p as %p', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });

  it.each([
    ['TASK_RUNNING', 'running'],
    ['TASK_GONE_BY_OPERATOR', 'gone by operator'],
    ['REASON_AGENT_REMOVED', 'agent removed'],
    ['UNREACHABLE', 'unreachable'],
  ])('turns %s into %p', (name, text) => {
    expect(humanEnum(name)).toBe(text);
  });

  it.each([
    ['4f1c2d3e-1111-2222-3333-444455556666', '4f1c2d3e'],
    ['web-server-1', 'web-server-1'],
  ])('shortens the id %s to %s', (id, text) => {
    expect(shortId(id)).toBe(text);
  });

  it.each([
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\uFFFD', 3],
  ])('counts the utf-8 bytes of %p as %p', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});
