/**
 * Mesos's HTTP Basic authentication on the master: the header read into a
 * principal and a secret, and the secret checked to be that principal's
 * token.
 */
import type { IncomingMessage } from 'node:http';
import { basicAuthorization, presentedByRequest, type Presented } from '../../master/auth/request-identity';
import { MasterTrust } from '../../master/auth/trust';
import { InMemoryAuthenticator, type Principal } from '../../master/auth/authenticator';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('basicAuthorization', () => {
  it.each<[string, string | undefined, boolean, Presented]>([
    ['no header', undefined, false, {}],
    ['a bearer token', 'Bearer abc', false, {}],
    ['principal and secret', `Basic ${b64('fw:secret-token')}`, true, { basic: { principal: 'fw', secret: 'secret-token' } }],
    ['a secret holding colons', `basic ${b64('fw:a:b:c')}`, true, { basic: { principal: 'fw', secret: 'a:b:c' } }],
    ['no colon', `Basic ${b64('fw')}`, true, { malformed: 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret' }],
    ['an empty principal', `Basic ${b64(':secret')}`, true, { malformed: 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret' }],
    ['an empty secret', `Basic ${b64('fw:')}`, true, { malformed: 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret' }],
    ['not base64', 'Basic !!!', true, { malformed: 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret' }],
    ['nothing after Basic', 'Basic', true, { malformed: 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret' }],
  ])('%s', (_name, header, isBasic, presented) => {
    const out: Presented = {};
    expect(basicAuthorization(header, out)).toBe(isBasic);
    expect(out).toEqual(presented);
  });

  it('presentedByRequest reads Basic and still reads Bearer', () => {
    const req = (authorization: string) => ({ headers: { authorization }, socket: {} }) as unknown as IncomingMessage;
    expect(presentedByRequest(req(`Basic ${b64('fw:t')}`)).basic).toEqual({ principal: 'fw', secret: 't' });
    expect(presentedByRequest(req('Bearer t')).token).toBe('t');
  });
});

describe('MasterTrust.identify with Basic credentials', () => {
  const principals = new Map<string, Principal>([
    ['fw-token', { name: 'fw', kinds: ['framework'] }],
    ['other-token', { name: 'other', kinds: ['framework'] }],
  ]);
  const trust = new MasterTrust({ authenticator: new InMemoryAuthenticator(principals) });

  it.each<[string, Presented, unknown]>([
    ['the principal and its token', { basic: { principal: 'fw', secret: 'fw-token' } }, { name: 'fw', kinds: ['framework'] }],
    ['a wrong secret', { basic: { principal: 'fw', secret: 'nope' } }, { refused: 'unauthenticated', message: '/api/v1/scheduler: Basic credentials of principal "fw" do not match the master\'s --credentials (the secret is the principal\'s token)' }],
    ["another principal's token", { basic: { principal: 'fw', secret: 'other-token' } }, { refused: 'unauthenticated', message: '/api/v1/scheduler: Basic credentials of principal "fw" do not match the master\'s --credentials (the secret is the principal\'s token)' }],
  ])('%s', (_name, presented, expected) => {
    expect(trust.identify(presented, '/api/v1/scheduler', ['framework'])).toEqual(expected);
  });
});
