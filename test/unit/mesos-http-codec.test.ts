/**
 * The Mesos v1 HTTP codec: choosing JSON or protobuf from Content-Type and
 * Accept, reading Mesos JSON (nulls, types, enums by name, base64 bytes)
 * with errors naming the field, and writing Mesos JSON and protobuf.
 */
import {
  asciiJson,
  decodeMesosMessage,
  encodeMesosMessage,
  MesosHttpError,
  requestFormat,
  responseFormat,
  type MesosFormat,
} from '@meseta/proto/mesos-http';
import { pb, v1 } from '@meseta/proto/wire';

const json = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

function refusal(fn: () => unknown): MesosHttpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MesosHttpError) return err;
    throw err;
  }
  throw new Error('expected a MesosHttpError');
}

describe('requestFormat', () => {
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON', 'json'],
    ['application/x-protobuf', 'protobuf'],
    [' application/x-protobuf ;q=1', 'protobuf'],
  ])('%s is %s', (header, format) => {
    expect(requestFormat(header)).toBe(format);
  });

  it.each([
    [undefined, /Expecting 'Content-Type'/],
    ['', /Expecting 'Content-Type'/],
    ['text/plain', /'text\/plain' is not supported/],
    ['application/recordio', /not supported/],
  ])('refuses %p with 415', (header, message) => {
    const err = refusal(() => requestFormat(header));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(message);
  });
});

describe('responseFormat', () => {
  it.each<[string | undefined, MesosFormat, MesosFormat]>([
    [undefined, 'json', 'json'],
    [undefined, 'protobuf', 'protobuf'],
    ['', 'protobuf', 'protobuf'],
    ['*/*', 'protobuf', 'protobuf'],
    ['application/*', 'json', 'json'],
    ['application/json', 'protobuf', 'json'],
    ['application/x-protobuf', 'json', 'protobuf'],
    ['text/html, application/x-protobuf', 'json', 'protobuf'],
    ['application/json;q=0.5, application/x-protobuf', 'json', 'protobuf'],
    ['application/x-protobuf;q=0.2, application/json;q=0.9', 'protobuf', 'json'],
    ['application/json, application/x-protobuf', 'protobuf', 'json'],
    ['*/*;q=0.1, application/x-protobuf;q=0.1', 'json', 'protobuf'],
    ['application/json;q=0, */*', 'protobuf', 'protobuf'],
  ])('Accept %p with fallback %s answers %s', (accept, fallback, format) => {
    expect(responseFormat(accept, fallback)).toBe(format);
  });

  it.each([['text/html'], ['application/json;q=0'], ['application/xml, text/plain']])('refuses %p with 406', (accept) => {
    const err = refusal(() => responseFormat(accept, 'json'));
    expect(err.status).toBe(406);
    expect(err.message).toContain(accept);
  });
});

describe('decodeMesosMessage, JSON', () => {
  it('reads a SUBSCRIBE call as Mesos clients send it', () => {
    const call = decodeMesosMessage(
      pb.Call,
      json({
        type: 'SUBSCRIBE',
        subscribe: {
          framework_info: { user: 'ann', name: 'demo', roles: ['web'], failover_timeout: 60, checkpoint: true },
        },
      }),
      'json',
    );
    expect(call.type).toBe(v1.Call.Type.SUBSCRIBE);
    expect(call.subscribe?.framework_info?.name).toBe('demo');
    expect(call.subscribe?.framework_info?.roles).toEqual(['web']);
    expect(call.subscribe?.framework_info?.failover_timeout).toBe(60);
  });

  it('treats null as absent, at every depth', () => {
    const call = decodeMesosMessage(
      pb.Call,
      json({ type: 'DECLINE', framework_id: null, decline: { offer_ids: [{ value: 'o1' }], filters: null } }),
      'json',
    );
    expect(call.framework_id).toBeNull(); // protobufjs default for an unset message field
    expect(Object.prototype.hasOwnProperty.call(call, 'framework_id')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(call.decline, 'filters')).toBe(false);
    expect(call.decline?.offer_ids?.[0].value).toBe('o1');
  });

  it('reads bytes from base64 and 64-bit integers from numbers or strings', () => {
    const call = decodeMesosMessage(
      pb.Call,
      json({
        type: 'ACKNOWLEDGE',
        acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' }, uuid: Buffer.from([1, 2, 250]).toString('base64') },
      }),
      'json',
    );
    expect(Buffer.from(call.acknowledge?.uuid as Uint8Array)).toEqual(Buffer.from([1, 2, 250]));
    const ranges = decodeMesosMessage(pb.Value.Ranges, json({ range: [{ begin: 31000, end: '32000' }] }), 'json');
    expect(ranges.range?.[0]).toMatchObject({ begin: 31000, end: 32000 });
  });

  it('ignores fields it does not know, as Mesos does', () => {
    const call = decodeMesosMessage(pb.Call, json({ type: 'REVIVE', future_field: { x: 1 } }), 'json');
    expect(call.type).toBe(v1.Call.Type.REVIVE);
  });

  it.each([
    ['not JSON', '{"type": SUBSCRIBE}', /^Failed to parse body into Call: not JSON/],
    ['an array', [], /^expected a JSON object \(Call\), got an array/],
    ['a bare string', '"SUBSCRIBE"', /^expected a JSON object \(Call\), got the string "SUBSCRIBE"/],
    ['an unknown call type', { type: 'SUBSCRIBEE' }, /^type: unknown value "SUBSCRIBEE" for Type \(one of UNKNOWN, SUBSCRIBE/],
    ['an enum as a boolean', { type: true }, /^type: expected a Type name as a string, got boolean true/],
    ['a number where a string belongs', { framework_id: { value: 5 } }, /^framework_id\.value: expected a string, got number 5/],
    ['a string where a message belongs', { subscribe: 'yes' }, /^subscribe: expected a JSON object \(Subscribe\), got the string "yes"/],
    [
      'a list element of the wrong type',
      { accept: { offer_ids: [{ value: 'o1' }, 'o2'] } },
      /^accept\.offer_ids\[1\]: expected a JSON object \(OfferID\), got the string "o2"/,
    ],
    ['a single value where a list belongs', { accept: { offer_ids: { value: 'o1' } } }, /^accept\.offer_ids: expected a JSON array, got an object/],
    ['null inside a list', { decline: { offer_ids: [null] } }, /^decline\.offer_ids\[0\]: null is not allowed in a list/],
    ['a string where a number belongs', { decline: { filters: { refuse_seconds: 'soon' } } }, /^decline\.filters\.refuse_seconds: expected a number, got the string "soon"/],
    ['a boolean as a string', { subscribe: { framework_info: { checkpoint: 'true' } } }, /^subscribe\.framework_info\.checkpoint: expected true or false/],
    ['bad base64', { acknowledge: { uuid: 'not base64!' } }, /^acknowledge\.uuid: not valid base64: "not base64!"/],
    ['bytes as an array', { message: { data: [1, 2] } }, /^message\.data: expected a base64 string, got an array/],
    ['a fraction where an int32 belongs', { kill: { kill_policy: { grace_period: { nanoseconds: 1.5 } } } }, /^kill\.kill_policy\.grace_period\.nanoseconds: expected a whole number, got number 1.5/],
  ])('refuses %s with 400 naming the field', (_name, body, message) => {
    const err = refusal(() => decodeMesosMessage(pb.Call, json(body), 'json'));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });

  it('refuses a body that is not UTF-8', () => {
    const err = refusal(() => decodeMesosMessage(pb.Call, Buffer.from([0x7b, 0xff, 0x7d]), 'json'));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/not valid UTF-8/);
  });

  it('refuses an int32 out of range', () => {
    const err = refusal(() => decodeMesosMessage(pb.Event, json({ failure: { status: 2 ** 31 } }), 'json'));
    expect(err.message).toBe('failure.status: 2147483648 is out of range for int32');
  });

  it("reads a 64-bit time past 2^53 (Mesos's TimeInfo nanoseconds), as a number or a quoted decimal", () => {
    const nanos = 1_765_000_000_123_456_789;
    const asNumber = decodeMesosMessage(pb.TimeInfo, Buffer.from('{"nanoseconds": 1765000000123456789}'), 'json');
    const asString = decodeMesosMessage(pb.TimeInfo, json({ nanoseconds: '1765000000123456789' }), 'json');
    expect(asNumber.nanoseconds).toBe(nanos);
    expect(asString.nanoseconds).toBe(nanos);
    expect(refusal(() => decodeMesosMessage(pb.Event, json({ failure: { status: 2 ** 60 } }), 'json')).message).toMatch(/^failure\.status: expected a whole number/);
  });

  it('refuses a negative uint64', () => {
    const err = refusal(() => decodeMesosMessage(pb.Value.Range, json({ begin: -1, end: 2 }), 'json'));
    expect(err.message).toBe('begin: -1 is out of range for uint64');
  });

  it('does not walk unknown fields, however deep they nest', () => {
    let value: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) value = { nested: value };
    const call = decodeMesosMessage(pb.Call, json({ type: 'ACCEPT', accept: { operations: [{ type: 'LAUNCH', extra: value }] } }), 'json');
    expect(call.accept?.operations?.[0].type).toBe(v1.Offer.Operation.Type.LAUNCH);
  });

  it('refuses a class that is not ours', () => {
    const fake = { decode: () => ({}), encode: () => undefined, fromObject: () => ({}), toObject: () => ({}) };
    expect(() => decodeMesosMessage(fake as never, json({}), 'json')).toThrow(/not a generated message class/);
  });
});

describe('decodeMesosMessage, protobuf', () => {
  it('decodes what protobuf encodes', () => {
    const bytes = pb.Call.encode({ type: v1.Call.Type.KILL, kill: { task_id: { value: 't1' } } }).finish();
    const call = decodeMesosMessage(pb.Call, Buffer.from(bytes), 'protobuf');
    expect(call.kill?.task_id?.value).toBe('t1');
  });

  it('refuses bad bytes with 400', () => {
    const err = refusal(() => decodeMesosMessage(pb.Call, Buffer.from([0x0a, 0xff, 0xff, 0xff]), 'protobuf'));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Failed to parse body into Call: /);
  });
});

describe('encodeMesosMessage', () => {
  const update: v1.IEvent = {
    type: v1.Event.Type.UPDATE,
    update: {
      status: {
        task_id: { value: 'café' },
        state: v1.TaskState.TASK_RUNNING,
        uuid: Buffer.from([0, 1, 2, 255]),
        timestamp: 1700000000.5,
        source: v1.TaskStatus.Source.SOURCE_EXECUTOR,
      },
    },
  };

  it('writes Mesos JSON: enums by name, bytes in base64, unset fields left out, ASCII only', () => {
    const body = encodeMesosMessage(pb.Event, update, 'json');
    const text = body.toString('latin1');
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(text).toContain('"value":"caf\\u00e9"');
    expect(JSON.parse(text)).toEqual({
      type: 'UPDATE',
      update: {
        status: {
          task_id: { value: 'café' },
          state: 'TASK_RUNNING',
          uuid: 'AAEC/w==',
          timestamp: 1700000000.5,
          source: 'SOURCE_EXECUTOR',
        },
      },
    });
  });

  it('writes protobuf that decodes back', () => {
    const body = encodeMesosMessage(pb.Event, update, 'protobuf');
    const back = pb.Event.decode(body);
    expect(back.update?.status?.task_id?.value).toBe('café');
    expect(Buffer.from(back.update?.status?.uuid as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it.each<MesosFormat>(['json', 'protobuf'])('round-trips through decodeMesosMessage in %s', (format) => {
    const back = decodeMesosMessage(pb.Event, encodeMesosMessage(pb.Event, update, format), format);
    expect(pb.Event.toObject(back as v1.Event, { bytes: String })).toEqual(pb.Event.toObject(pb.Event.fromObject(update), { bytes: String }));
  });

  it('writes 64-bit integers as JSON numbers', () => {
    const text = encodeMesosMessage(pb.Value.Range, { begin: 31000, end: 32000 }, 'json').toString();
    expect(text).toBe('{"begin":31000,"end":32000}');
  });
});

describe('asciiJson', () => {
  it.each([
    ['plain', { a: 'b' }, '{"a":"b"}'],
    ['accents', 'é', '"\\u00e9"'],
    ['astral characters as surrogate pairs', '😀', '"\\ud83d\\ude00"'],
    ['DEL', '\u007f', '"\\u007f"'],
  ])('%s', (_name, value, text) => {
    expect(asciiJson(value)).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });
});
