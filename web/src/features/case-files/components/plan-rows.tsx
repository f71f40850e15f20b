import { type RefObject, useEffect, useRef } from 'react';
import { buttonClass } from '@/components/ui/button';
import styles from '../plans.module.css';

/**
 * What the plan's lists of rows (agreed actions, review dates) share: changing, adding and
 * removing a row, and where the focus goes — a new row's first field, or "Add…" after a removal.
 */
export function useEditableRows<R extends { key: string }>({
  rows,
  onChange,
  make,
  firstFieldId,
}: {
  rows: readonly R[];
  onChange: (rows: R[]) => void;
  make: () => R;
  /** The DOM id of a row's first field. */
  firstFieldId: (key: string) => string;
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    if (target === 'add') addRef.current?.focus();
    else document.getElementById(firstFieldId(target))?.focus();
  }, [rows, firstFieldId]);
  return {
    addRef,
    change: (key: string, patch: Partial<R>) =>
      onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row))),
    add: () => {
      const row = make();
      focusNext.current = row.key;
      onChange([...rows, row]);
    },
    remove: (key: string) => {
      focusNext.current = 'add';
      onChange(rows.filter((row) => row.key !== key));
    },
  };
}

/** The "Add…" button under a list of rows, and why it is off once the list is full. */
export function AddRowButton({
  addRef,
  full,
  onAdd,
  label,
  fullNote,
}: {
  addRef: RefObject<HTMLButtonElement | null>;
  full: boolean;
  onAdd: () => void;
  label: string;
  fullNote: string;
}) {
  return (
    <p className={styles.planRowsAdd}>
      <button
        ref={addRef}
        type="button"
        className={buttonClass({ variant: 'secondary', small: true })}
        disabled={full}
        onClick={onAdd}
      >
        {label}
      </button>
      {full && <span className="muted">{fullNote}</span>}
    </p>
  );
}
