import { reasonOf } from '../../cli/master-query';

describe('reasonOf', () => {
  it.each<[string, string, string]>([
    [
      'keeps only the last connection error',
      'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1. Resolution note: ',
      'connect ECONNREFUSED 127.0.0.1:1',
    ],
    ['keeps a plain detail as it is', 'Deadline exceeded after 5.001s', 'Deadline exceeded after 5.001s'],
    ['says "unknown error" for an empty detail', '', 'unknown error'],
  ])('%s', (_name, details, reason) => {
    expect(reasonOf({ details, message: '' })).toBe(reason);
  });
});
