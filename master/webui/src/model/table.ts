/**
 * Filtering and sorting of table rows, and the window of rows a
 * virtualised table draws. Pure, unit-tested.
 */

/** A sort: column key and direction. */
export interface SortSpec {
  key: string;
  descending: boolean;
}

/** `"cpus"` → ascending by cpus, `"-cpus"` → descending (the form kept in links). */
export function parseSort(text: string | undefined, fallback: SortSpec): SortSpec {
  if (!text) return fallback;
  return text.startsWith('-') ? { key: text.slice(1), descending: true } : { key: text, descending: false };
}

/** The link form of a sort. */
export function sortText(sort: SortSpec): string {
  return `${sort.descending ? '-' : ''}${sort.key}`;
}

/** Clicking a column: the same column flips direction, another sorts by it ascending. */
export function toggleSort(current: SortSpec, key: string): SortSpec {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** Compare two cell values: numbers numerically, text naturally (`a2` before `a10`), blanks last. */
export function compareValues(a: unknown, b: unknown): number {
  const blankA = a === undefined || a === null || a === '';
  const blankB = b === undefined || b === null || b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return COLLATOR.compare(String(a), String(b));
}

const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Rows sorted by a value; stable; does not change the input. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => unknown, descending: boolean): T[] {
  const keyed = rows.map((row, index) => ({ row, index, v: value(row) }));
  keyed.sort((x, y) => {
    const c = compareValues(x.v, y.v);
    if (c !== 0) {
      // Blanks stay last either way.
      const blank = x.v === undefined || x.v === null || x.v === '' || y.v === undefined || y.v === null || y.v === '';
      return descending && !blank ? -c : c;
    }
    return x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/**
 * Rows matching a search: every whitespace-separated word must appear
 * (case-insensitive) in one of the row's texts; `field:word` restricts a word
 * to one named field (`state:running`, `agent:web-1`).
 */
export function filterRows<T>(rows: readonly T[], query: string, fields: (row: T) => Record<string, string>): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...rows];
  const terms = words.map((w) => {
    const colon = w.indexOf(':');
    return colon > 0 ? { field: w.slice(0, colon), text: w.slice(colon + 1) } : { field: '', text: w };
  });
  return rows.filter((row) => {
    const values = fields(row);
    return terms.every(({ field, text }) => {
      if (field) {
        const v = values[field];
        return v !== undefined && v.toLowerCase().includes(text);
      }
      for (const key in values) if (values[key].toLowerCase().includes(text)) return true;
      return false;
    });
  });
}

/** Which rows a scrolled virtual table draws. */
export interface RowWindow {
  first: number;
  /** One past the last row drawn. */
  end: number;
  /** Space above and below the drawn rows, in px. */
  padTop: number;
  padBottom: number;
}

/**
 * The rows visible in a viewport of `height` px scrolled to `scrollTop`,
 * with `overscan` extra rows each side.
 */
export function visibleWindow(rowCount: number, rowHeight: number, scrollTop: number, height: number, overscan = 8): RowWindow {
  if (rowCount === 0) return { first: 0, end: 0, padTop: 0, padBottom: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const first = Math.min(top, Math.max(0, rowCount - 1));
  const end = Math.min(rowCount, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { first, end: Math.max(end, first), padTop: first * rowHeight, padBottom: (rowCount - Math.max(end, first)) * rowHeight };
}
