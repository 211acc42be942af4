import { followPlan, readsStillValid, type ListedFile } from '../../cli/log-follow';

const f = (name: string, ino: number, size: number): ListedFile => ({ name, ino, size });

describe('followPlan: every byte once, in order, across rotations', () => {
  it.each([
    ['no file yet: nothing to read', [], undefined, { reads: [] }],
    ['first poll: the live file from its start', [f('stdout', 10, 5), f('stderr', 11, 0)], undefined, { reads: [{ name: 'stdout', ino: 10, from: 0 }] }],
    ['same file: on from the offset', [f('stdout', 10, 50)], { ino: 10, offset: 20 }, { reads: [{ name: 'stdout', ino: 10, from: 20 }] }],
    ['rotated once: the rest of stdout.1, then the new stdout from 0',
      [f('stdout', 12, 3), f('stdout.1', 10, 100)], { ino: 10, offset: 40 },
      { reads: [{ name: 'stdout.1', ino: 10, from: 40, to: 100 }, { name: 'stdout', ino: 12, from: 0 }] }],
    ['rotated three times: the rest of stdout.3, stdout.2 and stdout.1 whole, then stdout',
      [f('stdout', 14, 1), f('stdout.1', 13, 64), f('stdout.2', 12, 64), f('stdout.3', 10, 64), f('stdout.10', 9, 64)], { ino: 10, offset: 60 },
      { reads: [{ name: 'stdout.3', ino: 10, from: 60, to: 64 }, { name: 'stdout.2', ino: 12, from: 0, to: 64 }, { name: 'stdout.1', ino: 13, from: 0, to: 64 }, { name: 'stdout', ino: 14, from: 0 }] }],
    ['the followed file was read to its end before it rotated: nothing more of it',
      [f('stdout', 12, 3), f('stdout.1', 10, 100)], { ino: 10, offset: 100 },
      { reads: [{ name: 'stdout', ino: 12, from: 0 }] }],
    ['the followed file was dropped: every file left, oldest first, and the loss said',
      [f('stdout', 15, 1), f('stdout.1', 14, 64), f('stdout.2', 13, 64)], { ino: 10, offset: 5 },
      { reads: [{ name: 'stdout.2', ino: 13, from: 0, to: 64 }, { name: 'stdout.1', ino: 14, from: 0, to: 64 }, { name: 'stdout', ino: 15, from: 0 }],
        lost: 'some stdout output was rotated away before it could be read (the agent keeps --container-logger-max-files files)' }],
    ['stderr\'s rotations are not stdout\'s', [f('stdout', 1, 0), f('stderr', 22, 0), f('stderr.1', 20, 9), f('stdout.1', 2, 9)], { ino: 20, offset: 4 },
      { reads: [{ name: 'stderr.1', ino: 20, from: 4, to: 9 }, { name: 'stderr', ino: 22, from: 0 }] }],
  ])('%s', (_name, listing, followed, plan) => {
    const stream = _name.startsWith('stderr') ? 'stderr' : 'stdout';
    const out = followPlan(stream, listing, followed);
    expect(out.reads).toEqual(plan.reads);
    expect(out.lost).toBe((plan as { lost?: string }).lost);
  });
});

describe('readsStillValid: a rotation during the reads makes the poll start again', () => {
  const reads = [{ name: 'stdout.1', ino: 10, from: 4, to: 9 }, { name: 'stdout', ino: 12, from: 0 }];
  it.each([
    ['nothing moved', [f('stdout', 12, 30), f('stdout.1', 10, 9)], true],
    ['another rotation', [f('stdout', 13, 0), f('stdout.1', 12, 64), f('stdout.2', 10, 9)], false],
  ])('%s', (_name, listing, valid) => expect(readsStillValid(reads, listing)).toBe(valid));
});
