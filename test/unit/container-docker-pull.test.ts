/**
 * Reading the Docker Engine's pull stream (layers done/total, the error it
 * ends with, its kind) and the agent's registry flags (pure tables, and a
 * config file in a temp dir).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerPullProgress, dockerPullFailure } from '../../agent/containerizers/docker-pull-progress';
import { registrySettings } from '../../agent/containerizer-registry';

const line = (o: object): string => JSON.stringify(o) + '\n';

describe('a Docker pull stream', () => {
  it('counts layers done of layers seen, across chunks split anywhere', () => {
    const stream = [
      line({ status: 'Pulling from meseta/app', id: 'v1' }),
      line({ status: 'Pulling fs layer', id: 'a' }),
      line({ status: 'Already exists', id: 'b' }),
      line({ status: 'Waiting', id: 'c' }),
      line({ status: 'Downloading', progressDetail: { current: 10, total: 20 }, id: 'a' }),
      line({ status: 'Pull complete', id: 'a' }),
      line({ status: 'Pull complete', id: 'c' }),
      line({ status: 'Digest: sha256:00' }),
      line({ status: 'Status: Downloaded newer image for x' }),
    ].join('');
    const progress = new DockerPullProgress();
    const seen: string[] = [];
    for (let i = 0; i < stream.length; i += 7) {
      if (progress.feed(stream.slice(i, i + 7))) seen.push(`${progress.state().layersDone}/${progress.state().layersTotal}`);
    }
    progress.end();
    expect(progress.state()).toEqual({ layersDone: 3, layersTotal: 3, error: undefined });
    expect(seen).toEqual(['0/1', '1/2', '1/3', '2/3', '3/3']);
  });

  it('keeps the first error', () => {
    const progress = new DockerPullProgress();
    progress.feed(line({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' }) + line({ error: 'later' }));
    expect(progress.state().error).toBe('manifest unknown');
  });

  it.each<[string, ReturnType<typeof dockerPullFailure>]>([
    ['manifest for 127.0.0.1:5000/app:nope not found: manifest unknown: manifest unknown', 'not found'],
    ['Head "http://127.0.0.1:5001/v2/app/manifests/v1": no basic auth credentials', 'unauthorized'],
    ['pull access denied for meseta-test/absent, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'unauthorized'],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'registry unreachable'],
    ['Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', 'registry unreachable'],
    ['something else', 'failed'],
  ])('%s is %s', (message, kind) => {
    expect(dockerPullFailure(message)).toBe(kind);
  });
});

describe('the registry flags', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-flags-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('take a registry host with a port and a Docker config file', () => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ auths: { 'registry.example.org:5000': { auth: Buffer.from('u:p').toString('base64') } } }));
    const settings = registrySettings({ dockerRegistry: 'https://registry.example.org:5000/', dockerConfig: file });
    expect(settings.defaultRegistry).toBe('registry.example.org:5000');
    expect(settings.registryCredentials?.('registry.example.org:5000')).toEqual({ username: 'u', password: 'p' });
    expect(settings.registryCredentials?.('other.example.org')).toBeUndefined();
  });

  it.each<[string, Parameters<typeof registrySettings>[0], string]>([
    ['a registry with a path', { dockerRegistry: 'registry.example.org/team' }, '--docker-registry: "registry.example.org/team" is not a registry host with an optional port'],
    ['a missing config file', { dockerConfig: '/nonexistent/config.json' }, '--docker-config: "/nonexistent/config.json" cannot be read: ENOENT'],
  ])('refuse %s, naming the flag', (_what, options, message) => {
    expect(() => registrySettings(options)).toThrow(message);
  });

  it('refuse a config file that is not a Docker config, naming the flag', () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{"auths": []}');
    expect(() => registrySettings({ dockerConfig: file })).toThrow(`--docker-config: ${file}: "auths" is not an object`);
  });
});
