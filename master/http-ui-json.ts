/**
 * The JSON text of one big web UI message (a delta naming 45,000 agents or
 * offers, a client's catch-up), built a slice at a time by json-slices.ts's
 * writer instead of one `JSON.stringify` in one turn (~140 ms at 50,000
 * agents, issue 11). The text parses to the same value; its arrays come
 * after its other fields.
 */
import { StreamedObject, writeStreamedJson } from './json-slices';

/** Array items written between two calls of the caller's `maybeYield` unless told otherwise. */
export const JSON_CHECK_EVERY = 64;

/**
 * `value`'s JSON (equal to `JSON.stringify(value)` once parsed), its array
 * fields written an item at a time: `maybeYield` is awaited every
 * `checkEvery` items (it yields to the event loop when the caller's slice is
 * spent, or returns at once). The items must not change until it resolves.
 */
export async function jsonInSlices(value: object, maybeYield: () => Promise<void>, checkEvery = JSON_CHECK_EVERY): Promise<string> {
  const fields: Record<string, unknown> = {};
  const lists: Array<readonly [string, Iterable<unknown>]> = [];
  for (const [key, field] of Object.entries(value)) {
    if (Array.isArray(field)) lists.push([key, field]);
    else if (field !== undefined) fields[key] = field;
  }
  const parts: string[] = [];
  const sink = { write: (chunk: string | Uint8Array): boolean => parts.push(String(chunk)) > 0, once: (): void => undefined };
  await writeStreamedJson(sink, new StreamedObject(fields, lists), { slice: checkEvery, yieldNow: maybeYield });
  return parts.join('');
}
