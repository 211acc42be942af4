/**
 * Manifests, indexes and image configs, and the process a task runs in an
 * image by Mesos's rules (pure).
 */
import { choosePlatform, imageLaunch, MEDIA_TYPES, parseImageConfig, parseManifest, type ImageRuntime } from '../../agent/containerizers/registry-manifest';
import { idsByName, pullFailureMessage } from '../../agent/containerizers/registry-image';
import { RegistryError } from '../../agent/containerizers/registry-client';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const layer = (c: string, mediaType = 'application/vnd.docker.image.rootfs.diff.tar.gzip') => ({ mediaType, digest: d(c), size: 10 });

describe('a manifest', () => {
  it('of Docker schema 2 lists config and layers', () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest, config: { mediaType: 'x', digest: d('a'), size: 5 }, layers: [layer('b'), layer('c')] });
    const m = parseManifest(body);
    expect(m).toEqual({ kind: 'image', config: { mediaType: 'x', digest: d('a'), size: 5, platform: undefined }, layers: [{ ...layer('b'), platform: undefined }, { ...layer('c'), platform: undefined }] });
  });

  it('of OCI without a mediaType field is read from the Content-Type', () => {
    const body = JSON.stringify({ schemaVersion: 2, config: { digest: d('a'), size: 5 }, layers: [layer('b', 'application/vnd.oci.image.layer.v1.tar')] });
    expect(parseManifest(body, `${MEDIA_TYPES.ociManifest}; charset=utf-8`).kind).toBe('image');
  });

  it('list (OCI index) gives linux/amd64', () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [{ digest: d('1'), size: 1, platform: { os: 'linux', architecture: 'arm64' } }, { digest: d('2'), size: 1, platform: { os: 'linux', architecture: 'amd64' } }] });
    const m = parseManifest(body);
    if (m.kind !== 'index') throw new Error('not an index');
    expect(choosePlatform(m.manifests).digest).toBe(d('2'));
    expect(() => choosePlatform(m.manifests.slice(0, 1))).toThrow('the image has no linux/amd64 manifest (it has: linux/arm64)');
  });

  it.each<[string, string]>([
    ['{', 'manifest: not JSON'],
    [JSON.stringify({ schemaVersion: 1, fsLayers: [] }), 'schema version 1 is not supported'],
    [JSON.stringify({ schemaVersion: 2, mediaType: 'application/x-other' }), 'media type "application/x-other" is not supported'],
    [JSON.stringify({ schemaVersion: 2, config: { digest: 'md5:1', size: 1 }, layers: [] }), 'config.digest: "md5:1" is not a sha256 digest'],
    [JSON.stringify({ schemaVersion: 2, config: { digest: d('a'), size: -1 }, layers: [] }), 'config.size: not a byte count'],
    [JSON.stringify({ schemaVersion: 2, config: { digest: d('a'), size: 1 } }), '"layers" is not a list'],
    [JSON.stringify({ schemaVersion: 2, config: { digest: d('a'), size: 1 }, layers: [layer('b', 'application/vnd.oci.image.layer.v1.tar+zstd')] }), 'layers[0].mediaType: "application/vnd.oci.image.layer.v1.tar+zstd" is not supported'],
  ])('%s is refused: %s', (body, problem) => {
    expect(() => parseManifest(body)).toThrow(problem);
  });
});

describe('an image config', () => {
  it('gives entrypoint, cmd, env, working dir, user and diff ids', () => {
    const config = parseImageConfig(JSON.stringify({ config: { Entrypoint: ['/bin/app'], Cmd: ['-v'], Env: ['A=1'], WorkingDir: '/srv', User: '1000:1000' }, rootfs: { type: 'layers', diff_ids: [d('e')] } }));
    expect(config).toEqual({ entrypoint: ['/bin/app'], cmd: ['-v'], env: ['A=1'], workingDir: '/srv', user: '1000:1000', diffIds: [d('e')] });
  });

  it('may have no config at all', () => {
    expect(parseImageConfig('{}')).toEqual({ entrypoint: [], cmd: [], env: [], workingDir: undefined, user: undefined, diffIds: [] });
  });

  it('refuses a Cmd that is not a list of strings', () => {
    expect(() => parseImageConfig(JSON.stringify({ config: { Cmd: 'sh' } }))).toThrow('image config Cmd: not a list of strings');
  });
});

describe('the launch command in an image (Mesos rules)', () => {
  const image = (entrypoint: string[], cmd: string[]): ImageRuntime => ({ entrypoint, cmd, env: ['PATH=/img/bin', 'X=a=b'], diffIds: [], workingDir: '/w' });
  const E = ['/entry', '-e'];
  const C = ['cmd1', 'cmd2'];
  it.each<[string, Parameters<typeof imageLaunch>[0], string[], string[], string[] | string]>([
    ['no command: entrypoint + cmd', undefined, E, C, ['/entry', '-e', 'cmd1', 'cmd2']],
    ['no command: cmd alone', undefined, [], C, C],
    ['no command: entrypoint alone', undefined, E, [], E],
    ['no command, nothing in the image', undefined, [], [], 'the image img has neither Entrypoint nor Cmd'],
    ['arguments only: entrypoint + arguments', { shell: false, arguments: ['a1', 'a2'] }, E, C, ['/entry', '-e', 'a1', 'a2']],
    ['arguments only, no entrypoint: the arguments', { shell: false, arguments: ['a1', 'a2'] }, [], C, ['a1', 'a2']],
    ['a value with shell false overrides the image', { shell: false, value: '/bin/echo', arguments: ['echo', 'hi'] }, E, C, ['/bin/echo', 'hi']],
    ['a shell command overrides the image', { value: 'echo hi' }, E, C, ['/bin/sh', '-c', 'echo hi']],
    ['an empty shell command: the image', { shell: true, value: '' }, E, C, ['/entry', '-e', 'cmd1', 'cmd2']],
  ])('%s', (_name, command, entrypoint, cmd, expected) => {
    if (typeof expected === 'string') {
      expect(() => imageLaunch(command, image(entrypoint, cmd), 'img')).toThrow(expected);
      return;
    }
    const launch = imageLaunch(command, image(entrypoint, cmd), 'img');
    expect(launch.args).toEqual(expected);
    expect(launch.imageEnv).toEqual({ PATH: '/img/bin', X: 'a=b' });
    expect(launch.cwd).toBe('/w');
  });
});

describe('image users and pull failures', () => {
  it.each<[string, string, ReturnType<typeof idsByName>]>([
    ['root:x:0:0:root:/root:/bin/sh\nwww:x:33:34::/:/bin/false\n', 'www', [33, 34]],
    ['staff:x:50:\n', 'staff', [50, undefined]],
    ['root:x:0:0::/:/bin/sh\n', 'nobody', undefined],
  ])('%j: %s', (text, name, expected) => {
    expect(idsByName(text, name)).toEqual(expected);
  });

  it.each<[Error, string]>([
    [new RegistryError('not-found', 'manifest app:v9 at 127.0.0.1:1: not found'), 'image r could not be pulled from registry 127.0.0.1:1: not found: manifest app:v9 at 127.0.0.1:1: not found'],
    [new RegistryError('unauthorized', 'x'), 'image r could not be pulled from registry 127.0.0.1:1: unauthorized: x'],
    [new RegistryError('unreachable', 'x'), 'image r could not be pulled from registry 127.0.0.1:1: registry unreachable: x'],
    [new RegistryError('digest-mismatch', 'x'), 'image r could not be pulled from registry 127.0.0.1:1: content does not match its digest: x'],
    [new Error('layer bad'), 'image r could not be pulled from registry 127.0.0.1:1: cannot be unpacked: layer bad'],
  ])('%s', (error, message) => {
    expect(pullFailureMessage('r', '127.0.0.1:1', error)).toBe(message);
  });
});
