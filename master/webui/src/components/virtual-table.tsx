/**
 * A sortable table that draws only the rows in view (fixed row height),
 * so 100,000 rows cost what 40 do. Columns say how to show and how to
 * sort a row; sorting is done by the caller (it keeps the order in links).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { visibleWindow, type SortSpec } from '../model/table';

/** One column. */
export interface Column<T> {
  key: string;
  label: string;
  /** CSS width, e.g. `120px` or `20%`. */
  width?: string;
  align?: 'right';
  /** The cell. */
  render: (row: T) => ComponentChildren;
  /** The cell's title (hover text), e.g. the full id. */
  title?: (row: T) => string;
  /** Extra class for the cell. */
  cellClass?: string;
  /** Clicking the header sorts by this column. @default true */
  sortable?: boolean;
}

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  rowKey: (row: T) => string;
  sort?: SortSpec;
  onSort?: (key: string) => void;
  empty: ComponentChildren;
  /** Class of the scrolling wrapper (`short` caps it at 420px). */
  wrapClass?: string;
  /** Row height in px (must match the CSS). @default 36 */
  rowHeight?: number;
  /** Smallest width before the table scrolls sideways. @default 720px */
  minWidth?: string;
  /** Label for screen readers. */
  label: string;
  /** A line under the table, e.g. "Showing 20 of 100". */
  foot?: ComponentChildren;
  /** Test hook: `data-table` attribute. */
  name?: string;
}

/** A table drawing only what is in view. */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const rowHeight = props.rowHeight ?? 36;
  const wrap = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    setHeight(el.clientHeight || 800);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 800));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A filter that shortens the list must not leave the view scrolled past its end.
  useEffect(() => {
    const el = wrap.current;
    if (el && scrollTop > props.rows.length * rowHeight) {
      el.scrollTop = 0;
      setScrollTop(0);
    }
  }, [props.rows.length]);

  const frame = useRef(0);
  const onScroll = (): void => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (wrap.current) setScrollTop(wrap.current.scrollTop);
    });
  };

  // The header row takes one row of height at the top of the scroller.
  const win = visibleWindow(props.rows.length, rowHeight, Math.max(0, scrollTop - rowHeight), height);
  const visible = props.rows.slice(win.first, win.end);
  const sort = props.sort;

  return (
    <>
      <div class={`table-wrap ${props.wrapClass ?? ''}`} ref={wrap} onScroll={onScroll} data-table={props.name}>
        <table class="data" aria-label={props.label} aria-rowcount={props.rows.length + 1} style={{ minWidth: props.minWidth ?? '720px' }}>
          <colgroup>
            {props.columns.map((c) => (
              <col key={c.key} style={c.width ? { width: c.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {props.columns.map((c) => {
                const sortable = c.sortable !== false && props.onSort !== undefined;
                const active = sort?.key === c.key;
                return (
                  <th
                    key={c.key}
                    class={`${sortable ? 'sortable' : ''} ${c.align === 'right' ? 'right' : ''}`}
                    aria-sort={active ? (sort!.descending ? 'descending' : 'ascending') : undefined}
                    onClick={sortable ? () => props.onSort!(c.key) : undefined}
                    tabIndex={sortable ? 0 : undefined}
                    onKeyDown={
                      sortable
                        ? (e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              props.onSort!(c.key);
                            }
                          }
                        : undefined
                    }
                    data-column={c.key}
                  >
                    {c.label}
                    {active && <span class="arrow">{sort!.descending ? '↓' : '↑'}</span>}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {win.padTop > 0 && (
              <tr class="spacer" aria-hidden="true">
                <td colSpan={props.columns.length} style={{ height: `${win.padTop}px` }} />
              </tr>
            )}
            {visible.map((row, i) => (
              <tr key={props.rowKey(row)} aria-rowindex={win.first + i + 2}>
                {props.columns.map((c) => (
                  <td key={c.key} class={`${c.align === 'right' ? 'right num' : ''} ${c.cellClass ?? ''}`} title={c.title?.(row)}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))}
            {win.padBottom > 0 && (
              <tr class="spacer" aria-hidden="true">
                <td colSpan={props.columns.length} style={{ height: `${win.padBottom}px` }} />
              </tr>
            )}
          </tbody>
        </table>
        {props.rows.length === 0 && <div class="empty">{props.empty}</div>}
      </div>
      {props.foot && <div class="table-foot">{props.foot}</div>}
    </>
  );
}
