import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useUpdatePlan } from '../api/plan-update';
import { isOverdue, nextReviewIndex, reviewsByDate } from '../plan-values';
import styles from '../plans.module.css';

type PlanCardProps = {
  plan: Plan;
  today: string;
  /** Editing is offered (the plan's own `can.edit`, and the file is open). */
  editable: boolean;
  /** Give the focus to "Edit plan" (back from its form, cancelled). */
  focusEdit?: boolean;
  onEdit: () => void;
  onStateChanged: (state: Plan['state']) => void;
};

/**
 * One intervention plan as it reads: its state and start, whether the person signed it, the
 * objectives, the agreed actions as a checklist (who, by when, overdue), and the review dates
 * with the next one marked; for who may, the way to edit, close or reopen it.
 */
export function PlanCard({
  plan,
  today,
  editable,
  focusEdit = false,
  onEdit,
  onStateChanged,
}: PlanCardProps) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const headingId = useId();
  const update = useUpdatePlan();
  const [confirmClose, setConfirmClose] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editRef.current?.focus();
  }, [focusEdit]);
  const reviews = reviewsByDate(plan.reviews);
  const serverNext = reviews.findIndex((r) => r.heldOn === null && r.dueOn === plan.nextReviewOn);
  const next = serverNext >= 0 ? serverNext : nextReviewIndex(reviews);
  const done = plan.actions.filter((action) => action.done).length;

  const changeState = (state: Plan['state']) => {
    setConfirmClose(false);
    update.mutate(
      { caseFileId: plan.caseFileId, planId: plan.id, version: plan.version, state },
      { onSuccess: () => onStateChanged(state) },
    );
  };

  return (
    <article
      className={cx(styles.plan, plan.state === 'closed' && styles.planClosed, 'plan')}
      aria-labelledby={headingId}
      data-state={plan.state}
    >
      <header className={styles.planHeader}>
        <h3 id={headingId} className={styles.planTitle}>
          {t('plans.plan.heading', { date: formatDate(plan.startedOn) })}
        </h3>
        <p className="badges">
          <span className={cx('badge', plan.state === 'active' ? 'badge--on' : 'badge--off')}>
            {t(`plans.states.${plan.state}`)}
          </span>
          <span className={cx('badge', plan.signedByPerson ? 'badge--info' : 'badge--pending')}>
            {plan.signedByPerson ? t('plans.plan.signed') : t('plans.plan.notSigned')}
          </span>
        </p>
      </header>
      {plan.author && (
        <p className={styles.planFacts}>{t('plans.plan.author', { name: plan.author.name })}</p>
      )}

      <h4 className={styles.planSubtitle}>{t('plans.plan.objectives')}</h4>
      <p className={styles.planText}>{plan.objectives}</p>

      <h4 className={styles.planSubtitle}>
        {t('plans.plan.actions')}
        {plan.actions.length > 0 && (
          <span className={styles.planCount}>
            {t('plans.plan.actionsDone', { done, total: plan.actions.length })}
          </span>
        )}
      </h4>
      {plan.actions.length === 0 ? (
        <p className="muted">{t('plans.plan.noActions')}</p>
      ) : (
        <ul className={cx(styles.checklist, 'plan-actions')}>
          {plan.actions.map((action, index) => (
            <li
              // Actions have no id of their own: the list is replaced whole on each save.
              key={index}
              className={cx(styles.checklistItem, action.done && styles.checklistItemDone)}
            >
              <span className={cx(styles.checkbox, action.done && styles.checkboxDone)} />
              <span className="visually-hidden">
                {action.done ? t('plans.plan.done') : t('plans.plan.toDo')}
              </span>
              <span className={styles.checklistText}>
                <span className={styles.checklistWhat}>{action.description}</span>
                <span className={styles.planFacts}>
                  <span className={styles.fact}>
                    {t('plans.plan.who', { name: action.responsible })}
                  </span>
                  {action.dueOn && (
                    <time dateTime={action.dueOn} className={styles.fact}>
                      {t('plans.plan.by', { date: formatDate(action.dueOn) })}
                    </time>
                  )}
                  {isOverdue(action, today) && (
                    <strong className={cx(styles.fact, styles.overdue)}>
                      {t('plans.plan.overdue')}
                    </strong>
                  )}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}

      <h4 className={styles.planSubtitle}>{t('plans.plan.reviews')}</h4>
      {reviews.length === 0 ? (
        <p className="muted">{t('plans.plan.noReviews')}</p>
      ) : (
        <ol className={cx(styles.reviews, 'plan-reviews')}>
          {reviews.map((review, index) => (
            <li
              key={`${review.dueOn}-${index}`}
              className={cx(styles.review, index === next && styles.reviewNext)}
            >
              <span className={styles.reviewLine}>
                <time dateTime={review.dueOn} className={styles.reviewDate}>
                  {formatDate(review.dueOn)}
                </time>
                {index === next && (
                  <span className={cx('badge', 'badge--pending')}>
                    {review.dueOn < today ? t('plans.plan.nextOverdue') : t('plans.plan.next')}
                  </span>
                )}
                {review.heldOn && (
                  <span className={styles.planFacts}>
                    {t('plans.plan.heldOn', { date: formatDate(review.heldOn) })}
                  </span>
                )}
              </span>
              {review.notes && <span className={styles.planText}>{review.notes}</span>}
            </li>
          ))}
        </ol>
      )}

      {editable && (
        <>
          <ErrorAlert error={update.error} />
          <p className={styles.planButtons}>
            {plan.state === 'active' ? (
              <>
                <button
                  ref={editRef}
                  type="button"
                  className={buttonClass({ variant: 'secondary' })}
                  onClick={onEdit}
                >
                  {t('plans.plan.edit')}
                </button>
                <Button variant="secondary" onClick={() => setConfirmClose(true)}>
                  {t('plans.plan.close')}
                </Button>
              </>
            ) : (
              <Button
                variant="secondary"
                disabled={update.isPending}
                onClick={() => changeState('active')}
              >
                {t('plans.plan.reopen')}
              </Button>
            )}
          </p>
          <ConfirmDialog
            open={confirmClose}
            title={t('plans.plan.closeTitle')}
            stayLabel={t('plans.plan.keepActive')}
            onStay={() => setConfirmClose(false)}
            proceedLabel={t('plans.plan.close')}
            onProceed={() => changeState('closed')}
          >
            <p>{t('plans.plan.closeBody')}</p>
          </ConfirmDialog>
        </>
      )}
    </article>
  );
}
