/**
 * A card that holds one short table: its title with the row count, a line
 * saying so when there are no rows, else a scrolling table with the given
 * header (each column's label and, when set, its width) and one row per item.
 */
import type { ComponentChildren, VNode } from 'preact';
import { Card, Empty } from './common';

/** A header cell: its label and, when set, its CSS width. */
export type TableCardColumn = readonly [label: string, width?: string];

/** The card; `table` is the table's `data-table` name (tests find it by that). */
export function TableCard<T>(props: {
  title: string;
  items: readonly T[];
  empty: ComponentChildren;
  table: string;
  columns: readonly TableCardColumn[];
  row: (item: T) => VNode;
}) {
  return (
    <Card title={props.title} count={props.items.length} flush>
      {props.items.length === 0 ? (
        <Empty>{props.empty}</Empty>
      ) : (
        <div class="table-wrap short">
          <table class="data" data-table={props.table}>
            <thead>
              <tr>
                {props.columns.map(([label, width]) => (
                  <th key={label} style={width ? { width } : undefined}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.items.map(props.row)}</tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
