/**
 * The master's --credentials file: a good file becomes hashed principals;
 * a bad one is refused with a message naming the field. And the
 * authenticator built from it: tokens map to principals, nothing else does.
 */
import { CredentialsAuthenticator } from '../../master/auth/authenticator';
import { CredentialsError, hashToken, parseCredentials, parseOwnCredential } from '../../master/auth/credentials';

const good = {
  credentials: [
    { principal: 'ops', kind: ['operator', 'framework', 'operator'], token: 'ops-token-0123456789' },
    { principal: 'web', kind: 'framework', token_sha256: hashToken('web-token-0123456789').toUpperCase() },
    { principal: 'agents', kind: 'agent', token: 'agent-token-0123456789' },
  ],
};

describe('parseCredentials', () => {
  it('keeps principals with their kinds and only the hashes of their tokens', () => {
    const parsed = parseCredentials(JSON.stringify(good));
    expect(parsed).toEqual([
      { principal: 'ops', kinds: ['operator', 'framework'], tokenSha256: hashToken('ops-token-0123456789') },
      { principal: 'web', kinds: ['framework'], tokenSha256: hashToken('web-token-0123456789') },
      { principal: 'agents', kinds: ['agent'], tokenSha256: hashToken('agent-token-0123456789') },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('ops-token');
  });

  const entry = (fields: Record<string, unknown>): string => JSON.stringify({ credentials: [{ principal: 'p', kind: 'operator', token: 'a-long-enough-token', ...fields }] });
  it.each<[string, string, string]>([
    ['text that is not JSON', '{', 'f: not JSON'],
    ['a list at the top', '[]', 'f: must be a JSON object with a "credentials" list'],
    ['an unknown top-level field', '{"credentials": [], "users": []}', 'f: users: unknown field (the file holds only "credentials")'],
    ['no credentials list', '{}', 'f: credentials: required, a list of { principal, kind, token | token_sha256 }'],
    ['an entry that is not an object', '{"credentials": [7]}', 'credentials[0]: must be an object'],
    ['an unknown field in an entry', entry({ secret: 'x' }), 'credentials[0].secret: unknown field (allowed: principal, kind, token, token_sha256)'],
    ['an empty principal', entry({ principal: '' }), 'credentials[0].principal: required, a non-empty string'],
    ['a principal with a space', entry({ principal: 'a b' }), 'credentials[0].principal: "a b" holds whitespace or control characters'],
    ['an unknown kind', entry({ kind: 'admin' }), 'credentials[0].kind: "admin" is not one of framework, agent, operator, master'],
    ['a missing kind', entry({ kind: undefined }), 'credentials[0].kind: null is not one of framework, agent, operator, master'],
    ['an unknown kind in a list', entry({ kind: ['operator', 'root'] }), 'credentials[0].kind[1]: "root" is not one of framework, agent, operator, master'],
    ['an empty list of kinds', entry({ kind: [] }), 'credentials[0].kind: an empty list; give one or more of framework, agent, operator, master'],
    ['a short token', entry({ token: 'short' }), 'credentials[0].token: 5 characters; at least 16 are required'],
    ['a token with a space', entry({ token: 'a long token with spaces' }), 'credentials[0].token: holds whitespace or control characters (it travels in an HTTP header)'],
    ['a bad hash', entry({ token: undefined, token_sha256: 'abc' }), 'credentials[0].token_sha256: must be 64 hex digits (sha256sum of the token)'],
    ['both token forms', entry({ token_sha256: hashToken('x') }), 'credentials[0]: give token or token_sha256, not both'],
    ['no token', entry({ token: undefined }), 'credentials[0]: token or token_sha256 is required'],
    [
      'a principal listed twice',
      JSON.stringify({ credentials: [{ principal: 'p', kind: 'agent', token: 'first-token-0123456' }, { principal: 'p', kind: 'agent', token: 'second-token-012345' }] }),
      'credentials[1].principal: "p" is listed twice',
    ],
    [
      'two principals sharing a token',
      JSON.stringify({ credentials: [{ principal: 'p', kind: 'agent', token: 'same-token-0123456' }, { principal: 'q', kind: 'agent', token: 'same-token-0123456' }] }),
      'credentials[1].token: the same token as principal "p"; each principal needs its own',
    ],
  ])('refuses %s, naming the field', (_name, text, message) => {
    expect(() => parseCredentials(text, 'f')).toThrow(CredentialsError);
    expect(() => parseCredentials(text, 'f')).toThrow(message);
  });
});

describe('CredentialsAuthenticator', () => {
  const auth = new CredentialsAuthenticator(parseCredentials(JSON.stringify(good)));
  it.each<[string, string, object | undefined]>([
    ['an operator (and framework) token', 'ops-token-0123456789', { name: 'ops', kinds: ['operator', 'framework'] }],
    ['a framework token given as a hash in the file', 'web-token-0123456789', { name: 'web', kinds: ['framework'] }],
    ['an unknown token', 'ops-token-0123456780', undefined],
    ['a hash instead of the token', hashToken('ops-token-0123456789'), undefined],
    ['an empty token', '', undefined],
  ])('%s', (_name, token, principal) => {
    expect(auth.authenticate(token)).toEqual(principal);
  });

  it('finds principals by name (a verified certificate CN)', () => {
    expect(auth.byName('agents')).toEqual({ name: 'agents', kinds: ['agent'] });
    expect(auth.byName('nobody')).toBeUndefined();
  });
});

describe('parseOwnCredential', () => {
  it.each<[string, string, object]>([
    ['a bare token', 'tok-0123456789abcdef\n', { token: 'tok-0123456789abcdef' }],
    ['a JSON credential', '{"principal": "agent-1", "token": "tok"}', { principal: 'agent-1', token: 'tok' }],
  ])('reads %s', (_name, text, expected) => {
    expect(parseOwnCredential(text)).toEqual(expected);
  });
  it.each<[string, string, string]>([
    ['an empty file', '', 'f: must hold one token (no spaces) or { "principal", "token" }'],
    ['JSON without a token', '{"principal": "x"}', 'f: token: required, a non-empty string'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseOwnCredential(text, 'f')).toThrow(message);
  });
});
