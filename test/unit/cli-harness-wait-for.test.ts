import { waitFor } from '../harness/wait-for';

describe('waitFor', () => {
  it('returns the first truthy value of the predicate', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), 2000, 'three calls', 1)).resolves.toBe('after 3');
  });

  it('treats a throwing predicate as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(() => {
      if (++calls < 2) throw new Error('not ready');
      return 42;
    }, 2000, 'a value', 1);
    expect(value).toBe(42);
  });

  it('says what it was waiting for when time runs out, with the last error', async () => {
    await expect(
      waitFor(() => {
        throw new Error('connection refused');
      }, 50, 'the master to answer', 10),
    ).rejects.toThrow('timed out after 50 ms waiting for the master to answer (last error: connection refused)');
  });

  it('awaits an async predicate', async () => {
    await expect(waitFor(async () => Promise.resolve(true), 100, 'a promise')).resolves.toBe(true);
  });
});
