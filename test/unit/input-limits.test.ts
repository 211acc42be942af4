/**
 * The pure parts of the one port's input limits: connection counting,
 * checking the limits, body limits by path, the flags, and gRPC receive
 * limits per method (runtime/http-limits.ts, runtime/grpc-limits.ts,
 * cli/http-limit-flags.ts). Their behaviour over real sockets is
 * test/integration/input-limits.test.ts.
 */
import { ConnectionCounter, DEFAULT_HTTP_LIMITS, bodyLimitFor, resolveHttpLimits, type HttpLimits } from '@meseta/runtime/http-limits';
import { DEFAULT_RECEIVE_LIMIT, receiveLimitOf, withReceiveLimits } from '@meseta/runtime/grpc-limits';
import { httpLimitsFrom, type HttpLimitFlags } from '../../cli/http-limit-flags';
import { OperatorService, SchedulerService } from '@meseta/proto/services';
import { parseRequestTarget } from '@meseta/runtime/http-request-guard';

describe('ConnectionCounter', () => {
  test('admits up to the per-address limit, refuses the next, admits again after a release', () => {
    const counter = new ConnectionCounter({ maxConnections: 10, maxConnectionsPerAddress: 2 });
    expect(counter.admit('a')).toEqual({ admitted: true });
    expect(counter.admit('a')).toEqual({ admitted: true });
    expect(counter.admit('a')).toEqual({ admitted: false, limit: 'maxConnectionsPerAddress', open: 2, max: 2 });
    expect(counter.admit('b')).toEqual({ admitted: true });
    counter.release('a');
    expect(counter.admit('a')).toEqual({ admitted: true });
    expect(counter.open).toBe(3);
    expect(counter.openFrom('a')).toBe(2);
  });

  test('refuses past the total limit whatever the address', () => {
    const counter = new ConnectionCounter({ maxConnections: 3, maxConnectionsPerAddress: 3 });
    for (const a of ['a', 'b', 'c']) expect(counter.admit(a).admitted).toBe(true);
    expect(counter.admit('d')).toEqual({ admitted: false, limit: 'maxConnections', open: 3, max: 3 });
  });

  test('a release of an address it never admitted changes nothing', () => {
    const counter = new ConnectionCounter({ maxConnections: 1, maxConnectionsPerAddress: 1 });
    counter.release('ghost');
    expect(counter.open).toBe(0);
    expect(counter.admit('a').admitted).toBe(true);
    counter.release('a');
    counter.release('a');
    expect(counter.open).toBe(0);
  });
});

describe('resolveHttpLimits', () => {
  test('the defaults pass', () => {
    expect(resolveHttpLimits()).toEqual(DEFAULT_HTTP_LIMITS);
  });
  const rows: Array<[string, Partial<HttpLimits>, string]> = [
    ['a zero timeout', { headersTimeoutMs: 0 }, 'headersTimeoutMs: 0 is not allowed (a whole number, at least 1)'],
    ['a NaN connection limit', { maxConnections: NaN }, 'maxConnections: NaN is not allowed'],
    ['a fractional header size', { maxHeaderBytes: 1.5 }, 'maxHeaderBytes: 1.5 is not allowed'],
    ['a negative body limit', { maxBodyBytes: -1 }, 'maxBodyBytes: -1 is not allowed (a whole number of bytes, 0 or more)'],
    ['a body limit on a path without a slash', { bodyBytesByPath: { api: 10 } }, 'bodyBytesByPath: api=10 is not allowed'],
    ['headers slower than the whole request', { headersTimeoutMs: 5000, requestTimeoutMs: 4000 }, 'headersTimeoutMs: 5000 is not allowed (at most requestTimeoutMs (4000))'],
  ];
  test.each(rows)('refuses %s', (_name, partial, message) => {
    expect(() => resolveHttpLimits(partial)).toThrow(message);
  });
});

describe('bodyLimitFor', () => {
  const limits = { maxBodyBytes: 100, bodyBytesByPath: { '/api': 1000, '/api/v1/upload': 5000 } };
  test.each([
    ['/health', 100],
    ['/api/v1/tasks?x=1', 1000],
    ['/api/v1/upload/x', 5000],
    ['/apix', 1000],
  ])('%s: %d bytes', (path, expected) => {
    expect(bodyLimitFor(limits, path)).toBe(expected);
  });
});

describe('the limit flags', () => {
  const rows: Array<[string, HttpLimitFlags, Partial<HttpLimits> | string]> = [
    ['none given', {}, {}],
    ['durations in any unit', { httpHeadersTimeout: '5s', httpRequestTimeout: '1mins', httpIdleTimeout: '500ms', httpFirstBytesTimeout: '2s' }, { headersTimeoutMs: 5000, requestTimeoutMs: 60000, keepAliveTimeoutMs: 500, firstBytesTimeoutMs: 2000 }],
    ['sizes and counts', { httpMaxHeaderBytes: '8192', httpMaxBodyBytes: '0', maxConnections: '100', maxConnectionsPerAddress: '10' }, { maxHeaderBytes: 8192, maxBodyBytes: 0, maxConnections: 100, maxConnectionsPerAddress: 10 }],
    ['a word as a count', { maxConnections: 'many' }, '--max-connections: "many" is not a whole number >= 1'],
    ['zero connections per address', { maxConnectionsPerAddress: '0' }, '--max-connections-per-address: "0" is not a whole number >= 1'],
    ['a zero timeout', { httpIdleTimeout: '0s' }, '--http-idle-timeout: 0 is not allowed (a whole number, at least 1)'],
    ['headers timeout above the request timeout', { httpHeadersTimeout: '90s' }, '--http-headers-timeout: 90000 is not allowed (at most requestTimeoutMs (60000))'],
  ];
  test.each(rows)('%s', (_name, flags, expected) => {
    if (typeof expected === 'string') expect(() => httpLimitsFrom(flags)).toThrow(expected);
    else expect(httpLimitsFrom(flags)).toEqual(expected);
  });
});

describe('gRPC receive limits per method', () => {
  test.each([
    ['/meseta.v1.Operator/Call', 1024 * 1024],
    ['/meseta.v1.Scheduler/Call', 16 * 1024 * 1024],
    ['/meseta.v1.AgentLink/Connect', 64 * 1024 * 1024],
    ['/some.Unknown/Method', DEFAULT_RECEIVE_LIMIT],
  ])('%s: %d bytes', (path, bytes) => {
    expect(receiveLimitOf(path)).toBe(bytes);
  });

  test('a message within the limit is decoded; one past it is not, and says why', () => {
    const limited = withReceiveLimits(OperatorService, { '/meseta.v1.Operator/Call': 8 });
    const small = limited.call.requestSerialize({ type: 1 });
    expect(limited.call.requestDeserialize(small)).toMatchObject({ type: 1 });
    const over = limited.call.requestDeserialize(Buffer.alloc(9)) as unknown as { text: string };
    expect(over.text).toBe('/meseta.v1.Operator/Call: message of 9 bytes, the limit for this method is 8');
  });

  test('the other methods of a service keep their own limits', () => {
    const limited = withReceiveLimits(SchedulerService);
    expect(limited.call.requestDeserialize(Buffer.alloc(0))).toMatchObject({});
    expect(limited.subscribe.path).toBe('/meseta.v1.Scheduler/Subscribe');
  });
});

describe('request targets that new URL refuses are caught before any handler', () => {
  test.each([
    ['/state?x=1', true],
    ['/', true],
    ['*', true],
    ['http://127.0.0.1/health', true],
    ['//%2F', false],
    ['//', false],
    ['http://[', false],
  ])('%s: %s', (target, valid) => {
    expect(parseRequestTarget(target) !== undefined).toBe(valid);
  });
});
