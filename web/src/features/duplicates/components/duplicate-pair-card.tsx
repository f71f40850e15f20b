import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicatePair } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, linkButtonClass } from '@/components/ui/button';
import { openSupportRequest } from '@/lib/support-request';
import { useCurrentUser } from '@/lib/auth';
import { cx } from '@/lib/cx';
import { fullName } from '@/lib/person-names';
import { useDismissDuplicate } from '../api/dismiss-duplicate';
import { useUndoDismissal } from '../api/undo-dismissal';
import { PairPerson } from './pair-person';
import styles from '../duplicates.module.css';

type DuplicatePairCardProps = {
  pair: DuplicatePair;
  /** Dismissed on this page: shown marked, with a way to undo, until the list is read again. */
  dismissed: boolean;
  onDismissedChange: (dismissed: boolean) => void;
};

/**
 * Two records side by side, why they look alike, and "not the same person" (asked before it
 * acts; remembered by the server, so the pair is not listed again).
 */
export function DuplicatePairCard({ pair, dismissed, onDismissedChange }: DuplicatePairCardProps) {
  const { t } = useTranslation();
  const [first, second] = pair.persons;
  const ids = { firstId: first.id, secondId: second.id };
  const names = t('duplicates.pair', { first: fullName(first), second: fullName(second) });
  const mayAskSupport = useCurrentUser().permissions.includes('support.open_ticket');
  const dismiss = useDismissDuplicate();
  const undo = useUndoDismissal();
  const headingId = useId();
  const undoRef = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLLIElement>(null);
  // The focus follows the change: to "undo" once dismissed, back to the pair once undone.
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    if (dismissed) undoRef.current?.focus();
    else cardRef.current?.focus();
  }, [dismissed]);

  const onDismiss = () => {
    undo.reset();
    dismiss.mutate(ids, {
      onSuccess: () => {
        moved.current = true;
        onDismissedChange(true);
      },
    });
  };
  const onUndo = () => {
    dismiss.reset();
    undo.mutate(ids, {
      onSuccess: () => {
        moved.current = true;
        onDismissedChange(false);
      },
    });
  };

  return (
    <li
      ref={cardRef}
      tabIndex={-1}
      className={cx(styles.pair, 'card', dismissed && styles.pairDismissed)}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="visually-hidden">
        {names}
      </h2>
      <div className={styles.pairPersons}>
        <PairPerson person={first} label={t('duplicates.first')} />
        <PairPerson person={second} label={t('duplicates.second')} />
      </div>
      <div className={styles.pairReasons}>
        <p className={styles.pairReasonsLabel}>{t('duplicates.reasonsLabel')}</p>
        <ul className={styles.pairReasonList}>
          {pair.reasons.map((reason) => (
            <li key={reason} className={styles.pairReason}>
              {t(`duplicates.reasons.${reason}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className={styles.pairActions}>
        {dismissed ? (
          <p role="status" className={styles.pairDismissedNote}>
            <span>{t('duplicates.dismissed')}</span>
            <button
              ref={undoRef}
              type="button"
              className={linkButtonClass}
              aria-label={t('duplicates.undoNamed', { pair: names })}
              disabled={undo.isPending}
              onClick={onUndo}
            >
              {t('duplicates.undo')}
            </button>
          </p>
        ) : (
          <ConfirmButton
            label={t('duplicates.notSame')}
            accessibleLabel={t('duplicates.notSameNamed', { pair: names })}
            question={t('duplicates.notSameQuestion')}
            confirmLabel={t('duplicates.notSameConfirm')}
            cancelLabel={t('duplicates.cancel')}
            tone="secondary"
            pending={dismiss.isPending}
            onConfirm={onDismiss}
          />
        )}
        {mayAskSupport && (
          <Button
            variant="secondary"
            aria-label={t('support.duplicates.askMergeNamed', { pair: names })}
            onClick={() =>
              openSupportRequest({
                choice: 'merge_persons',
                mergePersons: {
                  persons: [
                    { id: first.id, name: fullName(first) },
                    { id: second.id, name: fullName(second) },
                  ],
                  note: t('support.duplicates.note', {
                    reasons: pair.reasons.map((r) => t(`duplicates.reasons.${r}`)).join('; '),
                  }),
                },
              })
            }
          >
            {t('support.duplicates.askMerge')}
          </Button>
        )}
      </div>
      <ErrorAlert error={dismiss.error ?? undo.error} />
    </li>
  );
}
