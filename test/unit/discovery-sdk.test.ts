import { EndpointSet, RoundRobin, SseParser, addressOf, type ServiceEndpoint } from '@meseta/sdk';

const ep = (id: string, ports: Array<[number, string]> = [[31000, 'http']]): ServiceEndpoint => ({
  id, service: 'web', framework: 'fw', frameworkId: id.split('/')[0], taskId: id.split('/')[1], agentId: 'a', host: 'h', ip: '192.0.2.1',
  ports: ports.map(([number, name]) => ({ number, name, protocol: 'tcp' })), visibility: 'CLUSTER',
});

describe('SSE parser', () => {
  it.each<[string, string[], Array<[string, string, string]>]>([
    ['one event in one chunk', ['event: snapshot\nid: m:1\ndata: {}\n\n'], [['snapshot', 'm:1', '{}']]],
    ['split across chunks, CRLF', ['event: cha', 'nge\r\nid: m:2\r\ndata: {"a"', ':1}\r\n\r\n'], [['change', 'm:2', '{"a":1}']]],
    ['comments skipped, default name message', [': keep-alive\n\ndata: x\n\n'], [['message', '', 'x']]],
    ['data lines joined, id kept for later events', ['id: m:5\ndata: a\ndata: b\n\ndata: c\n\n'], [['message', 'm:5', 'a\nb'], ['message', 'm:5', 'c']]],
    ['no blank line yet: nothing', ['data: half'], []],
  ])('%s', (_n, chunks, want) => {
    const p = new SseParser();
    const got = chunks.flatMap((c) => p.push(c)).map((e) => [e.event, e.id, e.data]);
    expect(got).toEqual(want);
  });
});

describe('endpoint set and round robin', () => {
  it('applies a snapshot, then changes (an added endpoint replaces its id)', () => {
    const s = new EndpointSet();
    expect(s.apply('snapshot', { token: 'm:1', revision: 1, instances: [ep('f/2'), ep('f/1')] })).toBe(true);
    expect(s.list().map((e) => e.id)).toEqual(['f/1', 'f/2']);
    s.apply('change', { token: 'm:2', revision: 2, added: [ep('f/3'), ep('f/1', [[31005, 'http']])], removed: [{ id: 'f/2', service: 'web' }] });
    expect(s.list().map((e) => `${e.id}@${e.ports[0].number}`)).toEqual(['f/1@31005', 'f/3@31000']);
    expect(s.token).toBe('m:2');
    expect(s.apply('current', { token: 'm:2', revision: 2 })).toBe(false);
    expect(s.apply('snapshot', { token: 'm:3', revision: 3, instances: s.list() })).toBe(false);
  });

  it('takes turns over the endpoints holding the named port, skipping the others', () => {
    const s = new EndpointSet();
    s.apply('snapshot', { token: 'm:1', revision: 1, instances: [ep('f/1'), ep('f/2', [[31001, 'admin']]), ep('f/3', [[31002, 'admin'], [31003, 'http']])] });
    const rr = new RoundRobin(s, 'http');
    expect([rr.pick(), rr.pick(), rr.pick(), rr.pick()].map((a) => a?.port)).toEqual([31000, 31003, 31000, 31003]);
    expect(new RoundRobin(new EndpointSet(), 'http').pick()).toBeUndefined();
    expect(addressOf(ep('f/9', [[31009, 'x']]))).toMatchObject({ host: '192.0.2.1', port: 31009 });
    expect(addressOf(ep('f/9', [[31009, 'x']]), 'http')).toBeUndefined();
  });
});
