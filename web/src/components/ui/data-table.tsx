import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
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

/**
 * Whether the box scrolls sideways now (the window is narrower than its table): watched as the
 * window or the content changes size.
 */
function useScrollsSideways(box: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  // Measured before the first paint, then whenever the box or its table changes size.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child); // the table
    return () => observer.disconnect();
  }, [box]);
  return scrolls;
}

/**
 * The box a table scrolls sideways in when the window is narrow; while it scrolls it is a region
 * named by `labelledBy` (the table's caption) that the keyboard can reach, to scroll it with the
 * arrow keys (WCAG 2.1.1), and no extra tab stop when it does not.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const scrolls = useScrollsSideways(box);
  // Named by the caption and what to do with it: a section around it may carry the caption's
  // words as its own name, and two landmarks must not be named alike.
  const region = scrolls
    ? ({ role: 'region', tabIndex: 0, 'aria-labelledby': `${labelledBy} ${hintId}` } as const)
    : {};
  return (
    <div ref={box} className={styles.tableScroll} {...region}>
      <span id={hintId} hidden>
        {t('common.scrollsSideways')}
      </span>
      {children}
    </div>
  );
}

/** A table of records in a box that scrolls sideways when the window is narrow. */
export function DataTable<T>({ caption, columns, rows, rowKey, className }: DataTableProps<T>) {
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table className={cx(styles.dataTable, className)}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
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
    </TableScroll>
  );
}
