import type { ReactNode } from 'react';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import styles from '../case-files.module.css';

type Fact = string | false | null | undefined;

type EntryShellProps = {
  title: string;
  /** The day it is filed under (none: a resource not yet given dates). */
  date: string | null;
  /** Its kind, where entries of several kinds mix (the timeline). */
  kind?: string | undefined;
  /** Its state, as a badge after the title. */
  badge?: ReactNode;
  /** What the system recorded by itself (opened, closed, a resource granted). */
  automatic?: boolean;
  /** Short facts on one line ("Recorded by …", "45 min"); the empty ones are left out. */
  facts?: readonly Fact[];
  /** Longer facts, a line each. */
  lines?: readonly Fact[];
  /** Its text (notes, description), and what that text is when it needs saying. */
  text?: string;
  textLabel?: string | undefined;
  /** Buttons about it (edit, grant…). */
  actions?: ReactNode;
  /** Its documents, folded (EntryAttachments). */
  attachments?: ReactNode;
  /** Hooks for the browser tests: `data-kind`, `data-event`. */
  kindCode: string;
  event?: string | undefined;
};

/**
 * One entry of a case file's content as lists and the timeline show it: its title and day, its
 * state, a line of facts, its text; the same look for every kind.
 */
export function EntryShell({
  title,
  date,
  kind,
  badge,
  automatic = false,
  facts = [],
  lines = [],
  text,
  textLabel,
  actions,
  attachments,
  kindCode,
  event,
}: EntryShellProps) {
  const formatDate = useCalendarDateFormat();
  const shownFacts = facts.filter((fact): fact is string => Boolean(fact));
  const shownLines = lines.filter((line): line is string => Boolean(line));
  return (
    <li
      className={cx(styles.entry, automatic && styles.entryAutomatic)}
      data-kind={kindCode}
      data-event={event}
    >
      {kind && <p className={styles.entryKind}>{kind}</p>}
      <h3 className={styles.entryTitle}>
        <span className={styles.entryName}>
          <span>{title}</span>
          {badge}
        </span>
        {date && (
          <time dateTime={date} className={styles.entryDate}>
            {formatDate(date)}
          </time>
        )}
      </h3>
      {shownFacts.length > 0 && <p className={styles.entryFacts}>{shownFacts.join(' · ')}</p>}
      {shownLines.map((line) => (
        <p key={line} className={styles.entryFacts}>
          {line}
        </p>
      ))}
      {text && (
        <div className={styles.notes}>
          {textLabel && <p className={styles.notesLabel}>{textLabel}</p>}
          <p className={styles.notesText}>{text}</p>
        </div>
      )}
      {actions && <div className={styles.entryActions}>{actions}</div>}
      {attachments}
    </li>
  );
}
