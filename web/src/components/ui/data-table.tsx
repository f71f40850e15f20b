import type { ReactNode } from 'react';
import { cx } from '@/lib/cx';
import styles from './data-table.module.css';

export type Column<T> = {
  /** The column's heading; `hidden`: read by screen readers only (a column of buttons). */
  header: ReactNode;
  hidden?: boolean;
  /** The cell of a row; the first column's is the row's header (`<th scope="row">`). */
  cell: (row: T) => ReactNode;
  /** The column holds the row's buttons, side by side. */
  actions?: boolean;
  className?: string;
};

type DataTableProps<T> = {
  /** What the table is, for screen readers (the caption is not shown). */
  caption: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  className?: string;
};

/** A table of records in a box that scrolls sideways when the window is narrow. */
export function DataTable<T>({ caption, columns, rows, rowKey, className }: DataTableProps<T>) {
  return (
    <div className={styles.tableScroll}>
      <table className={cx(styles.dataTable, className)}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column.hidden ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) => {
                const className =
                  cx(column.actions && styles.rowActions, column.className) || undefined;
                return index === 0 ? (
                  <th key={index} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The classes of a table and of its scrolling box, for a table laid out by hand. */
export const tableClasses = {
  scroll: styles.tableScroll,
  table: styles.dataTable,
  actions: styles.rowActions,
};
