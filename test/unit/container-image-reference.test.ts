/**
 * Image references as Docker reads them: registry, repository, tag,
 * digest; bad ones refused naming the field and the problem.
 */
import { formatImageReference, parseImageReference } from '@meseta/proto/image-reference';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('an image reference', () => {
  it.each<[string, string | undefined, ReturnType<typeof parseImageReference>]>([
    ['busybox', undefined, { registry: 'docker.io', repository: 'library/busybox', tag: 'latest', digest: undefined }],
    ['busybox:1.36', undefined, { registry: 'docker.io', repository: 'library/busybox', tag: '1.36', digest: undefined }],
    ['team/app', undefined, { registry: 'docker.io', repository: 'team/app', tag: 'latest', digest: undefined }],
    ['127.0.0.1:5000/app:v1', undefined, { registry: '127.0.0.1:5000', repository: 'app', tag: 'v1', digest: undefined }],
    ['localhost/a/b/c', undefined, { registry: 'localhost', repository: 'a/b/c', tag: 'latest', digest: undefined }],
    ['registry.example.org/team/app@' + DIGEST, undefined, { registry: 'registry.example.org', repository: 'team/app', tag: undefined, digest: DIGEST }],
    ['app:v2@' + DIGEST, undefined, { registry: 'docker.io', repository: 'library/app', tag: 'v2', digest: DIGEST }],
    ['app', '127.0.0.1:5000', { registry: '127.0.0.1:5000', repository: 'app', tag: 'latest', digest: undefined }],
    ['index.docker.io/library/busybox', undefined, { registry: 'docker.io', repository: 'library/busybox', tag: 'latest', digest: undefined }],
    ['my-app__x-y/z', undefined, { registry: 'docker.io', repository: 'my-app__x-y/z', tag: 'latest', digest: undefined }],
  ])('%s (default registry %s)', (text, registry, expected) => {
    expect(parseImageReference(text, 'image', registry)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'image: required'],
    ['  ', 'image: required'],
    ['Busybox', '"Busybox" is not an image reference (the name part "Busybox" must be lowercase'],
    ['busy box', 'it has white space'],
    ['app@sha256:123', 'the digest "sha256:123" is not sha256: and 64 lowercase hex digits'],
    ['app@md5:' + 'a'.repeat(32), 'is not sha256: and 64 lowercase hex digits'],
    ['app:', 'the tag "" must be 1-128'],
    ['app:.x', 'the tag ".x" must be'],
    ['a//b', 'the name has an empty part'],
    ['/app', 'the name has an empty part'],
    ['host:99x/app', 'the registry "host:99x" is not a host name'],
    ['a'.repeat(1100), 'longer than 1024 characters'],
  ])('%j is refused: %s', (text, problem) => {
    expect(() => parseImageReference(text, 'image')).toThrow(problem);
  });

  it('names the field it was given', () => {
    expect(() => parseImageReference('X', 'task.container.docker.image')).toThrow(/^task\.container\.docker\.image: "X" is not an image reference/);
  });

  it('is written back in full', () => {
    expect(formatImageReference(parseImageReference('busybox'))).toBe('docker.io/library/busybox:latest');
    expect(formatImageReference(parseImageReference(`127.0.0.1:5000/a@${DIGEST}`))).toBe(`127.0.0.1:5000/a@${DIGEST}`);
  });
});
