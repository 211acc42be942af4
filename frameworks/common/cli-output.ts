/**
 * Output of the framework CLIs, the `meseta` CLI's way: tables with an
 * upper-case header (cli/table.ts), or a line saying there is nothing; and
 * the one-line progress display of `--watch` (rewritten in place on a
 * terminal, one line per change when piped, so a log keeps every step).
 */
import { formatTable, type Column } from '../../cli/table';

/** A table to print: columns, rows, and what to say when there are no rows. */
export interface TableView {
  columns: Column[];
  rows: string[][];
  /** Printed instead of an empty table, e.g. `no apps`. */
  empty: string;
}

/** The table's text with a final newline (or the `empty` line). */
export function tableText(view: TableView): string {
  return (view.rows.length === 0 ? view.empty : formatTable(view.columns, view.rows)) + '\n';
}

/** A text on one line, cut to `max` characters. */
export function oneLine(text: string | undefined, max = 80): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Where a progress display writes. */
export interface ProgressOutput {
  write(text: string): unknown;
  /** True on a terminal: the line is rewritten in place. */
  isTTY?: boolean;
}

/**
 * The progress line of `--watch`: `update` shows the latest state (a
 * repeated text is not printed again), `finish` ends it with the outcome
 * on a line of its own.
 */
export class ProgressLine {
  private last = '';
  private open = false;

  constructor(private readonly out: ProgressOutput = process.stdout) {}

  /** Show `text` as the current progress. */
  update(text: string): void {
    const line = oneLine(text, 160);
    if (line === this.last) return;
    this.last = line;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${line}`);
      this.open = true;
    } else this.out.write(`${line}\n`);
  }

  /** End with the outcome. */
  finish(text: string): void {
    if (this.open) this.out.write('\r\x1b[K');
    this.open = false;
    this.out.write(`${text}\n`);
  }
}
