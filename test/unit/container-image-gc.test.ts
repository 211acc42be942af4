/** Which images the store removes past its limit: least recently used first, never one in use. */
import { imagesToCollect, type ImageRecord } from '../../agent/containerizers/image-gc';

const MB = 1 << 20;
const image = (digest: string, mb: number, lastUsedMs: number): ImageRecord => ({ digest, bytes: mb * MB, lastUsedMs });
const STORE = [image('a', 10, 300), image('b', 20, 100), image('c', 30, 200)];

describe('image collection', () => {
  it.each<[string, string[], number, string[]]>([
    ['nothing when the store fits', [], 60, []],
    ['the least recently used first, until it fits', [], 45, ['b']],
    ['as many as it takes', [], 15, ['b', 'c']],
    ['never an image in use, even past the limit', ['b', 'c'], 0, ['a']],
    ['nothing when everything is in use', ['a', 'b', 'c'], 0, []],
    ['all of them for a limit of 0', [], 0, ['b', 'c', 'a']],
  ])('removes %s', (_name, inUse, maxMb, expected) => {
    expect(imagesToCollect(STORE, new Set(inUse), maxMb * MB)).toEqual(expected);
  });
});
