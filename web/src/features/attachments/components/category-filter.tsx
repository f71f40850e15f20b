import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@caliu/common';
import { cx } from '@/lib/cx';
import styles from '../attachments.module.css';

type Category = Attachment['category'] & { count: number };

/** The categories of a list's documents, each with how many, by name. */
export function categoriesOf(items: readonly Attachment[]): Category[] {
  const found = new Map<string, Category>();
  for (const item of items) {
    const known = found.get(item.category.id);
    if (known) known.count += 1;
    else found.set(item.category.id, { ...item.category, count: 1 });
  }
  return [...found.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A row of buttons that show the documents of one category, or all of them: pressed is shown.
 * Only where there is a choice (documents of two categories or more).
 */
export function CategoryFilter({
  items,
  selected,
  onSelect,
}: {
  items: readonly Attachment[];
  /** A category's id; null: all of them. */
  selected: string | null;
  onSelect: (categoryId: string | null) => void;
}) {
  const { t } = useTranslation();
  const categories = categoriesOf(items);
  if (categories.length < 2) return null;
  const chip = (id: string | null, text: ReactNode) => (
    <button
      key={id ?? 'all'}
      type="button"
      className={cx(styles.chip, selected === id && styles.chipPressed)}
      aria-pressed={selected === id}
      onClick={() => onSelect(id)}
    >
      {text}
    </button>
  );
  return (
    <div role="group" aria-label={t('attachments.filter.label')} className={styles.chips}>
      {chip(null, t('attachments.filter.all', { count: items.length }))}
      {categories.map((category) =>
        chip(
          category.id,
          <>
            {category.label} ({category.count})
          </>,
        ),
      )}
    </div>
  );
}
