import { FrameKind, FrameReader, LINK_PREFACE, encodeFrame, encodeOpen, encodeStatus, parseOpenPayload, parseStatusPayload } from '@meseta/runtime/link-frames';
import { sniffRoute } from '@meseta/runtime/serve';

const frameBytes = (kind: number, stream: number, payload: string): Buffer => {
  const body = Buffer.from(payload);
  const out = Buffer.alloc(9 + body.length);
  out.writeUInt32BE(5 + body.length, 0);
  out[4] = kind;
  out.writeUInt32BE(stream, 5);
  body.copy(out, 9);
  return out;
};

describe('meseta-link/1 frames', () => {
  it('encodes length, kind, stream and payload', () => {
    expect(encodeFrame(FrameKind.DATA, 7, Buffer.from('abc'))).toEqual(frameBytes(2, 7, 'abc'));
    expect(encodeFrame(FrameKind.HALF_CLOSE, 1)).toEqual(frameBytes(3, 1, ''));
    expect(encodeOpen(3, { authorization: 'Bearer t' })).toEqual(frameBytes(1, 3, '{"authorization":"Bearer t"}'));
    expect(encodeStatus(0, { code: 13, details: 'x' })).toEqual(frameBytes(5, 0, '{"code":13,"details":"x"}'));
  });

  const two = Buffer.concat([frameBytes(2, 1, 'hello'), frameBytes(4, 2, '')]);
  it.each([
    ['whole', [two], 2],
    ['byte by byte', [...two].map((b) => Buffer.from([b])), 2],
    ['cut inside the header', [two.subarray(0, 3), two.subarray(3)], 2],
    ['cut inside the payload', [two.subarray(0, 11), two.subarray(11)], 2],
    ['only the first and part of the second', [two.subarray(0, 16)], 1],
  ])('reads frames cut %s', (_name, chunks, count) => {
    const reader = new FrameReader();
    const frames = chunks.flatMap((c) => reader.push(c).frames);
    expect(frames).toHaveLength(count);
    expect(frames[0]).toMatchObject({ kind: FrameKind.DATA, stream: 1 });
    expect(frames[0].payload.toString()).toBe('hello');
    if (count === 2) expect(frames[1]).toMatchObject({ kind: FrameKind.CANCEL, stream: 2 });
  });

  it.each([
    ['a length shorter than the header', Buffer.from([0, 0, 0, 2, 1, 0]), 'frame length 2 is shorter than its 5-byte header'],
    ['an unknown kind', frameBytes(9, 1, ''), 'unknown frame kind 9'],
    ['a payload over the limit', frameBytes(2, 1, 'x'.repeat(11)), 'frame payload of 11 bytes is over the limit of 10'],
  ])('refuses %s, naming it, and stays refused', (_name, bytes, problem) => {
    const reader = new FrameReader(10);
    expect(reader.push(bytes).problem).toBe(problem);
    expect(reader.push(frameBytes(2, 1, 'ok')).problem).toBe(problem);
  });

  it.each([
    ['empty', '', { metadata: {} }],
    ['strings, keys lower-cased', '{"Authorization":"Bearer x"}', { metadata: { authorization: 'Bearer x' } }],
    ['not JSON', '{', { problem: expect.stringMatching(/^OPEN metadata: not JSON/) }],
    ['an array', '[]', { problem: 'OPEN metadata: expected a JSON object of strings' }],
    ['a number value', '{"a":1}', { problem: 'OPEN metadata: "a" must be a string, got number' }],
  ])('OPEN metadata: %s', (_name, text, expected) => {
    expect(parseOpenPayload(Buffer.from(text))).toEqual(expected);
  });

  it.each([
    ['OK', '{"code":0,"details":"OK"}', { status: { code: 0, details: 'OK' } }],
    ['no details', '{"code":14}', { status: { code: 14, details: '' } }],
    ['a code that is not an integer', '{"code":"x"}', { problem: 'STATUS: expected {"code": integer, "details": string}' }],
    ['not JSON', 'nope', { problem: expect.stringMatching(/^STATUS: not JSON/) }],
  ])('STATUS payload: %s', (_name, text, expected) => {
    expect(parseStatusPayload(Buffer.from(text))).toEqual(expected);
  });
});

describe('sniffRoute: which handler a connection goes to by its first bytes', () => {
  const h2 = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  it.each([
    ['the HTTP/2 preface', h2, true, 'grpc'],
    ['part of the HTTP/2 preface', h2.subarray(0, 5), true, undefined],
    ['the link preface', LINK_PREFACE, true, 'link'],
    ['part of the link preface', LINK_PREFACE.subarray(0, 4), true, undefined],
    ['the link preface on a port that does not serve it', LINK_PREFACE, false, 'http'],
    ['an HTTP/1.1 request', Buffer.from('GET /state HTTP/1.1\r\n'), true, 'http'],
    ['"M" then something else', Buffer.from('MKCOL / HTTP/1.1\r\n'), true, 'http'],
    ['one byte that starts both', Buffer.from('P'), true, undefined],
  ])('%s', (_name, head, linkServed, route) => {
    expect(sniffRoute(head, linkServed)).toBe(route);
  });
});
