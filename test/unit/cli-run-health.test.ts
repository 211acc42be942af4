import { runHealthCheck } from '../../cli/run-health';

describe('meseta run --health-check', () => {
  it.each<[string, { healthCheck?: string; healthInterval?: string }, unknown]>([
    ['none', {}, undefined],
    ['http with a path', { healthCheck: 'http:80/health', healthInterval: '1s' }, { type: 2, http: { port: 80, path: '/health' }, delay_seconds: 1, interval_seconds: 1, timeout_seconds: 1, grace_period_seconds: 10, consecutive_failures: 3 }],
    ['http without a path', { healthCheck: 'HTTP:8080' }, { type: 2, http: { port: 8080, path: '/' }, delay_seconds: 10, interval_seconds: 10, timeout_seconds: 10, grace_period_seconds: 30, consecutive_failures: 3 }],
    ['tcp', { healthCheck: 'tcp:5432', healthInterval: '500ms' }, { type: 3, tcp: { port: 5432 }, delay_seconds: 0.5, interval_seconds: 0.5, timeout_seconds: 0.5, grace_period_seconds: 10, consecutive_failures: 3 }],
  ])('%s', (_n, flags, want) => expect(runHealthCheck(flags)).toEqual(want));

  it.each<[string, { healthCheck?: string; healthInterval?: string }, string]>([
    ['no kind', { healthCheck: '80' }, '--health-check: "80" is not http:PORT[/path] or tcp:PORT'],
    ['port 0', { healthCheck: 'tcp:0' }, '--health-check: port 0 is not 1-65535'],
    ['a port too big', { healthCheck: 'http:70000' }, '--health-check: port 70000 is not 1-65535'],
    ['tcp with a path', { healthCheck: 'tcp:80/x' }, '--health-check: a tcp check has no path ("/x")'],
    ['an interval without a check', { healthInterval: '1s' }, '--health-interval: needs --health-check'],
    ['a bad interval', { healthCheck: 'tcp:80', healthInterval: 'soon' }, '--health-interval: "soon" is not a duration from 1ms to 1d, such as 2s'],
  ])('refuses %s', (_n, flags, message) => expect(() => runHealthCheck(flags)).toThrow(message));
});
