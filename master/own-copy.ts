/**
 * A plain copy of an object's own fields that keeps V8's hidden classes
 * shared (issue 11). `{ ...decoded, x }` over many decoded messages gives
 * each copy a hidden class of its own once the spread's inline cache gives
 * up (V8's slow clone path): a heap snapshot of 10,000 held tasks had
 * 10,000 one-object shapes and descriptor arrays, ~260 B per task. Copying
 * field by field walks the shared transition tree instead, so copies with
 * the same fields in the same order share one shape. Pure.
 */

/**
 * `{ ...source, ...extra }` for plain data: `source`'s own enumerable
 * string-keyed fields in their order, then `extra`'s (a field already there
 * keeps its place and takes the new value; a new one comes last). Symbol
 * keys are not copied (decoded messages and our records have none).
 */
export function ownCopy<T extends object>(source: T, extra?: Partial<T>): T {
  const out: Record<string, unknown> = {};
  const from = source as Record<string, unknown>;
  for (const k of Object.keys(source)) out[k] = from[k];
  if (extra) {
    const more = extra as Record<string, unknown>;
    for (const k of Object.keys(extra)) out[k] = more[k];
  }
  return out as T;
}
