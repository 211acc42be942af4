import { dnsOptionsFrom } from '../../cli/commands/dns';
import { masterOptionsFrom } from '../../cli/commands/master';
import { dnsAudienceFlag } from '../../cli/flags';

describe('DNS visibility flags', () => {
  it.each<[string, string, 'cluster' | 'external']>([
    ['cluster', 'cluster', 'cluster'],
    ['any case', 'EXTERNAL', 'external'],
  ])('dnsAudienceFlag: %s', (_n, text, want) => expect(dnsAudienceFlag('--visibility', text)).toBe(want));

  it.each<[string, string, string]>([
    ['framework (DNS cannot tell who asks)', 'framework', '--visibility: framework: a DNS server cannot tell which framework asks; FRAMEWORK tasks are found through the watch API (visibility=framework)'],
    ['anything else', 'world', '--visibility: "world" is not cluster or external'],
  ])('dnsAudienceFlag refuses %s', (_n, text, message) => expect(() => dnsAudienceFlag('--visibility', text)).toThrow(message));

  it('meseta dns: cluster by default, external when asked', () => {
    expect(dnsOptionsFrom({}).audience).toBe('cluster');
    expect(dnsOptionsFrom({ visibility: 'external' }).audience).toBe('external');
  });

  it('meseta master: --dns-visibility goes with --dns-port only', () => {
    expect(masterOptionsFrom({ dnsPort: '0', dnsVisibility: 'external' }).dns).toEqual({ port: 0, audience: 'external' });
    expect(() => masterOptionsFrom({ dnsVisibility: 'external' })).toThrow('--dns-visibility: needs --dns-port');
  });
});
