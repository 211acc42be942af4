/**
 * Plain-text tables as Nomad prints them: an upper-case header, columns
 * separated by two spaces, numbers aligned right, no trailing blanks.
 */

/** One column of a table. */
export interface Column {
  /** Header text; printed as given (use upper case). */
  header: string;
  /** Alignment of the cells. @default 'left' */
  align?: 'left' | 'right';
}

/** The gap between columns. */
const GAP = '  ';

/** Replace line breaks and tabs so one row stays one line. */
function flatten(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ');
}

/**
 * Lay out `rows` under `columns`. A row shorter than the columns is padded
 * with empty cells; extra cells are ignored. Returns the lines joined with
 * `\n`, without a final newline; only the header line when there are no rows.
 */
export function formatTable(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cells = rows.map((row) => columns.map((_, i) => flatten(row[i] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** A number as a table shows it: at most three decimals, no float noise (`0.30000000000000004` → `0.3`). */
export function formatNumber(value: number | null | undefined): string {
  const n = value ?? 0;
  return String(Math.round(n * 1000) / 1000);
}

/** `used/total`, e.g. `0.5/2`. */
export function formatUsage(used: number | null | undefined, total: number | null | undefined): string {
  return `${formatNumber(used)}/${formatNumber(total)}`;
}

/** A share in [0, 1] as a percentage with one decimal: `12.5%`. */
export function formatShare(share: number | null | undefined): string {
  return `${(Math.round((share ?? 0) * 1000) / 10).toFixed(1)}%`;
}
