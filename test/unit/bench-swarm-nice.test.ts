/**
 * The scale harness's `--swarm-nice` value (bench/scale/swarm-fleet.ts):
 * a whole niceness from -20 to 19, absent means unchanged, anything else is
 * refused naming the flag and what was given.
 */
import { swarmNiceFrom } from '../../bench/scale/swarm-fleet';

describe('swarmNiceFrom', () => {
  it.each([
    ['absent', undefined, undefined],
    ['a positive niceness', '10', 10],
    ['the lowest priority', '19', 19],
    ['the highest priority', '-20', -20],
    ['zero', '0', 0],
  ] as Array<[string, string | undefined, number | undefined]>)('%s', (_what, text, expected) => {
    expect(swarmNiceFrom(text)).toBe(expected);
  });

  it.each([
    ['above 19', '20'],
    ['below -20', '-21'],
    ['a fraction', '2.5'],
    ['not a number', 'low'],
    ['empty', ''],
  ])('refuses %s', (_what, text) => {
    expect(() => swarmNiceFrom(text)).toThrow(`--swarm-nice: expected a whole number from -20 to 19, got ${JSON.stringify(text)}`);
  });
});
