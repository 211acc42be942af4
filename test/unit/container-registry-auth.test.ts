/**
 * Registry challenges and Docker config credentials (pure).
 */
import { credentialsFor, parseChallenge, parseDockerConfig, registryAuthHeader } from '../../agent/containerizers/registry-auth';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('a WWW-Authenticate challenge', () => {
  it.each<[string | undefined, ReturnType<typeof parseChallenge>]>([
    ['Bearer realm="https://auth.example.org/token",service="registry.example.org",scope="repository:a/b:pull"', { scheme: 'bearer', realm: 'https://auth.example.org/token', service: 'registry.example.org', scope: 'repository:a/b:pull' }],
    ['bearer realm="http://127.0.0.1:1/t"', { scheme: 'bearer', realm: 'http://127.0.0.1:1/t', service: undefined, scope: undefined }],
    ['Basic realm="Registry Realm"', { scheme: 'basic', realm: 'Registry Realm' }],
    ['Basic', { scheme: 'basic', realm: undefined }],
    ['Bearer service="x"', undefined],
    ['Negotiate abc', undefined],
    [undefined, undefined],
    ['', undefined],
  ])('%j', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });
});

describe('a Docker config', () => {
  const config = parseDockerConfig(
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:pw') },
        '127.0.0.1:5001': { auth: b64('alice:s3:cret') },
        'http://registry.example.org/v2/': { username: 'bob', password: 'x' },
        'helper.example.org': { identitytoken: 'ignored' },
      },
    }),
    '--docker-config',
  );

  it.each<[string, ReturnType<typeof credentialsFor>]>([
    ['docker.io', { username: 'hub', password: 'pw' }],
    ['127.0.0.1:5001', { username: 'alice', password: 's3:cret' }],
    ['registry.example.org', { username: 'bob', password: 'x' }],
    ['helper.example.org', undefined],
    ['127.0.0.1:5002', undefined],
  ])('credentials of %s', (registry, expected) => {
    expect(credentialsFor(config, registry)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['not json', '--docker-config: not JSON'],
    ['[]', '--docker-config: not a JSON object'],
    ['{"auths": 3}', '--docker-config: "auths" is not an object'],
    ['{"auths": {"h": 3}}', '--docker-config: auths["h"] is not an object'],
    [JSON.stringify({ auths: { h: { auth: b64('nocolon') } } }), '--docker-config: auths["h"].auth is not base64 of "user:password"'],
  ])('%s is refused: %s', (text, problem) => {
    expect(() => parseDockerConfig(text, '--docker-config')).toThrow(problem);
  });

  it('makes the Engine API header', () => {
    const header = registryAuthHeader({ username: 'a', password: 'b' }, '127.0.0.1:5001');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ username: 'a', password: 'b', serveraddress: '127.0.0.1:5001' });
    expect(header.length % 4).toBe(0); // padded, as the daemon decodes it
    expect(header).not.toMatch(/[+/]/);
  });
});
