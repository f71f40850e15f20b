import { useId } from 'react';
import type { ReactNode } from 'react';
import { cx } from '@/lib/cx';
import styles from '../case-files.module.css';

/**
 * A section of a case file's page: a card under its heading, which names it for screen readers
 * (a region). `headingId` when something else is named by the heading too (the form inside).
 */
export function SectionCard({
  title,
  headingId,
  children,
}: {
  title: string;
  headingId?: string;
  children: ReactNode;
}) {
  const ownId = useId();
  const id = headingId ?? ownId;
  return (
    <section className={cx(styles.section, 'card')} aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
