import { EventEmitter } from 'node:events';
import { RecoveryHold, type HoldableStream } from '../../master/leader/recovery-hold';

/** A stand-in server stream: an emitter that records what is written to it. */
class FakeStream extends EventEmitter implements HoldableStream {
  written: unknown[] = [];
  constructor(readonly name: string) {
    super();
  }
  write(m: unknown): boolean {
    this.written.push(m);
    return true;
  }
}

const noYield = (): Promise<void> => Promise.resolve();

describe('RecoveryHold: agent links held while the registry loads', () => {
  test.each([
    // [case, links, closed while held (indexes), slice, expected released in order]
    ['all open, one slice', 3, [], 500, ['s0', 's1', 's2']],
    ['all open, slices of one', 3, [], 1, ['s0', 's1', 's2']],
    ['the middle one closed while held', 3, [1], 2, ['s0', 's2']],
    ['every one closed', 2, [0, 1], 500, []],
    ['none held', 0, [], 500, []],
  ] as const)('%s', async (_case, links, closed, slice, expected) => {
    const hold = new RecoveryHold({ releaseSlice: slice, yieldTurn: noYield, heldMessage: () => 'held' });
    const streams = Array.from({ length: links }, (_, i) => new FakeStream(`s${i}`));
    for (const s of streams) expect(hold.hold(s)).toBe(true);
    for (const i of closed) streams[i].emit('end');
    const seen: string[] = [];
    const released = await hold.release((s) => seen.push((s as FakeStream).name));
    expect(seen).toEqual(expected);
    expect(released).toBe(expected.length);
    expect(hold.size).toBe(0);
    expect(hold.closedWhileHeld).toBe(closed.length);
    // Each held link was told at once that it is held.
    for (const s of streams) expect(s.written).toEqual(['held']);
  });

  test('messages that arrived while held reach the handler in order, and later ones too', async () => {
    const hold = new RecoveryHold({ yieldTurn: noYield });
    const s = new FakeStream('a');
    hold.hold(s);
    s.emit('data', { register: 1 });
    s.emit('data', { register: 2 });
    const got: unknown[] = [];
    await hold.release((stream) => stream.on('data', (m) => got.push(m)));
    s.emit('data', { heartbeat: 3 });
    expect(got).toEqual([{ register: 1 }, { register: 2 }, { heartbeat: 3 }]);
    // The hold's own listeners are gone: a close after release is not counted as closed while held.
    s.emit('end');
    expect(hold.closedWhileHeld).toBe(0);
    expect(s.listenerCount('data')).toBe(1);
  });

  test('past its limit a link is not held (the caller refuses it)', () => {
    const hold = new RecoveryHold({ limit: 2 });
    expect([hold.hold(new FakeStream('a')), hold.hold(new FakeStream('b')), hold.hold(new FakeStream('c'))]).toEqual([true, true, false]);
    expect(hold.heldTotal).toBe(2);
  });

  test('the default held message is a heartbeat (a busy master holding the register)', () => {
    const s = new FakeStream('a');
    new RecoveryHold().hold(s);
    expect(s.written).toHaveLength(1);
    expect((s.written[0] as { heartbeat?: { timestamp?: number } }).heartbeat?.timestamp).toEqual(expect.any(Number));
  });

  test('refuseAll refuses the open links and forgets them all', async () => {
    const hold = new RecoveryHold({ yieldTurn: noYield });
    const [a, b] = [new FakeStream('a'), new FakeStream('b')];
    hold.hold(a);
    hold.hold(b);
    b.emit('error', new Error('gone'));
    const refused: string[] = [];
    hold.refuseAll((s) => refused.push((s as FakeStream).name));
    expect(refused).toEqual(['a']);
    expect(await hold.release(() => undefined)).toBe(0);
  });

  test('links held during a release are released too', async () => {
    const later = new FakeStream('later');
    let hold!: RecoveryHold;
    let turns = 0;
    hold = new RecoveryHold({
      releaseSlice: 1,
      yieldTurn: async () => {
        if (turns++ === 0) hold.hold(later);
      },
    });
    hold.hold(new FakeStream('a'));
    hold.hold(new FakeStream('b'));
    const seen: string[] = [];
    await hold.release((s) => seen.push((s as FakeStream).name));
    expect(seen).toEqual(['a', 'b', 'later']);
  });
});
