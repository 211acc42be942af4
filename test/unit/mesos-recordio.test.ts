/**
 * RecordIO framing (`<length>\n<bytes>`): encoding, decoding across any
 * split of the stream into chunks, and the refusals of a bad stream.
 */
import { encodeRecord, RecordIoDecoder, RecordIoError } from '@meseta/proto/recordio';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('encodeRecord', () => {
  it.each([
    ['an empty record', '', '0\n'],
    ['ASCII', 'hello', '5\nhello'],
    ['counts bytes, not characters', 'é', '2\né'],
    ['a JSON event', '{"type":"HEARTBEAT"}', '20\n{"type":"HEARTBEAT"}'],
  ])('%s', (_name, record, framed) => {
    expect(encodeRecord(bytes(record)).toString('utf8')).toBe(framed);
  });

  it('frames binary bytes as they are', () => {
    const record = Buffer.from([0, 10, 255, 0x0a]);
    expect(encodeRecord(record)).toEqual(Buffer.concat([Buffer.from('4\n'), record]));
  });
});

describe('RecordIoDecoder', () => {
  const records = ['hello', '', '{"type":"SUBSCRIBED"}', 'é and ü', 'x'.repeat(1000)];
  const stream = Buffer.concat(records.map((r) => encodeRecord(bytes(r))));

  it.each([
    ['the whole stream in one chunk', [stream.length]],
    ['one byte at a time', Array(stream.length).fill(1) as number[]],
    ['chunks of 3', Array(Math.ceil(stream.length / 3)).fill(3) as number[]],
    ['split inside the first length prefix', [1, stream.length - 1]],
    ['split right after a newline', [2, stream.length - 2]],
  ])('decodes %s', (_name, sizes) => {
    const decoder = new RecordIoDecoder();
    const out: string[] = [];
    let at = 0;
    for (const size of sizes) {
      for (const record of decoder.push(stream.subarray(at, at + size))) out.push(record.toString('utf8'));
      at += size;
    }
    expect(out).toEqual(records);
    expect(decoder.partial).toBe(false);
  });

  it('says when the stream stops inside a record', () => {
    const decoder = new RecordIoDecoder();
    expect(decoder.push(bytes('5\nhel'))).toEqual([]);
    expect(decoder.partial).toBe(true);
    expect(decoder.push(bytes('lo'))).toEqual([bytes('hello')]);
    expect(decoder.partial).toBe(false);
  });

  it.each([
    ['a letter in the prefix', '5x\nhello', /length prefix holding 'x'.*at byte 1/],
    ['a sign', '-5\nhello', /length prefix holding '-'/],
    ['a space', ' 5\nhello', /length prefix holding ' '/],
    ['an empty prefix', '\nhello', /empty length prefix.*at byte 0/],
    ['a carriage return', '5\r\nhello', /byte 0x0d/],
    ['a prefix too long', '12345678901234567\n', /longer than 16 digits/],
    ['a record over the limit', '101\n', /a record of 101 bytes, the limit is 100/],
  ])('refuses %s', (_name, text, message) => {
    const decoder = new RecordIoDecoder({ maxRecordBytes: 100 });
    expect(() => decoder.push(bytes(text))).toThrow(message);
    expect(() => decoder.push(bytes(text))).toThrow(RecordIoError);
  });

  it('counts the byte offset across chunks in its error', () => {
    const decoder = new RecordIoDecoder();
    decoder.push(bytes('2\nok'));
    expect(() => decoder.push(bytes('1z'))).toThrow(/at byte 5 of the stream/);
  });

  it('stays broken after an error', () => {
    const decoder = new RecordIoDecoder();
    expect(() => decoder.push(bytes('x'))).toThrow(RecordIoError);
    expect(() => decoder.push(bytes('2\nok'))).toThrow(/holding 'x'/);
  });

  it('accepts a record exactly at the limit', () => {
    const decoder = new RecordIoDecoder({ maxRecordBytes: 5 });
    expect(decoder.push(bytes('5\nhello'))).toEqual([bytes('hello')]);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses maxRecordBytes %p', (max) => {
    expect(() => new RecordIoDecoder({ maxRecordBytes: max })).toThrow(/maxRecordBytes/);
  });
});
