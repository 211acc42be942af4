/**
 * A plain copy of an object's own fields that keeps V8's hidden classes
 * shared (issue 11). `{ ...decoded, x }` over many decoded messages gives
 * each copy a hidden class of its own once the spread's inline cache gives
 * up (V8's slow clone path): a heap snapshot of 10,000 held tasks had
 * 10,000 one-object shapes and descriptor arrays, ~260 B per task. Copying
 * field by field walks the shared transition tree instead, so copies with
 * the same fields in the same order share one shape. Pure.
 *
 * The copy starts as `new PlainObject()`, not `{}`: a literal `{}` has room
 * for 4 fields in the object itself and puts the rest in a separate
 * property array (a task has 7-9 fields: 56 B and one more object per held
 * task in a heap snapshot); an object made by a constructor gets room for
 * more, trimmed by V8 to what its copies use. Its prototype is
 * `Object.prototype`, so it is a plain object to every reader.
 */

/**
 * `{ ...source, ...extra }` for plain data: `source`'s own enumerable
 * string-keyed fields in their order, then `extra`'s (a field already there
 * keeps its place and takes the new value; a new one comes last). Symbol
 * keys are not copied (decoded messages and our records have none).
 */
export function ownCopy<T extends object>(source: T, extra?: Partial<T>): T {
  const out = new (PlainObject as unknown as new () => Record<string, unknown>)();
  const from = source as Record<string, unknown>;
  for (const k of Object.keys(source)) out[k] = from[k];
  if (extra) {
    const more = extra as Record<string, unknown>;
    for (const k of Object.keys(extra)) out[k] = more[k];
  }
  return out as T;
}

/** A constructor of plain objects (prototype `Object.prototype`) with in-object room for a task's fields; see above. */
function PlainObject(): void {}
PlainObject.prototype = Object.prototype;
