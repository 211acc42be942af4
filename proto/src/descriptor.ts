/**
 * The protobufjs JSON descriptor of every message and enum in
 * proto/meseta/v1 (made by `npm run gen:proto`), for code that walks the
 * schema (the master's direct JSON writers).
 */
import descriptor = require('../gen/meseta-descriptor');

/** The descriptor as `protobufjs/light`'s `Root.fromJSON` reads it. */
export const MESETA_DESCRIPTOR: { nested: Record<string, unknown> } = descriptor;
