import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, Plan } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Loading, emptyStateClass } from '@/components/ui/query-state';
import { useCurrentUser } from '@/lib/auth';
import { todayIn, useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { usePlans } from '../api/plan-list';
import { PlanCard } from './plan-card';
import { PlanForm } from './plan-form';
import styles from '../plans.module.css';

type Done = 'started' | 'saved' | 'closed' | 'reopened';

/**
 * A case file's intervention plans (DESIGN.md: objectives, agreed actions, review dates), for who
 * reads its content: each plan as it reads, and — while the file is open, for who may edit its
 * plans — "Start a plan" and, on a plan they may edit, the way to edit, close or reopen it.
 */
export function PlansSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const headingId = useId();
  const newTitleId = useId();
  const newHeadingRef = useRef<HTMLHeadingElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  // After Cancel, the focus goes back where the form was opened from.
  const backToStart = useRef(false);
  const [backToPlan, setBackToPlan] = useState<string | null>(null);
  const today = todayIn(me.entity.timeZone);
  const plans = usePlans(caseFile.id, caseFile.can.viewContent);
  const [starting, setStarting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  // Each notice is new (its key), so that the same one after another save is read again.
  const [done, setDone] = useState<{ what: Done; n: number } | null>(null);
  const open = caseFile.state === 'open';
  const mayEdit = caseFile.can.editPlans && open;
  const items = plans.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    if (starting) newHeadingRef.current?.focus();
    else if (backToStart.current) startRef.current?.focus();
    backToStart.current = false;
  }, [starting]);

  if (!caseFile.can.viewContent) return null;
  const tell = (what: Done) => setDone((current) => ({ what, n: (current?.n ?? 0) + 1 }));

  return (
    <section className={cx(styles.plans, 'card', 'case-file-plans')} aria-labelledby={headingId}>
      <div className={styles.plansHeader}>
        <h2 id={headingId} className="section-title">
          {t('plans.title')}
        </h2>
        {mayEdit && !starting && (
          <button
            ref={startRef}
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => {
              setDone(null);
              setBackToPlan(null);
              setStarting(true);
            }}
          >
            {t('plans.start')}
          </button>
        )}
      </div>
      {!open ? (
        <p className="muted">{t('plans.fileClosed')}</p>
      ) : (
        !caseFile.can.editPlans && <p className="muted">{t('plans.notAllowed')}</p>
      )}
      {done && <Notice key={done.n}>{t(`plans.notices.${done.what}`)}</Notice>}
      {starting && mayEdit && (
        <div className={styles.planNew}>
          <h3 id={newTitleId} ref={newHeadingRef} tabIndex={-1} className={styles.planTitle}>
            {t('plans.newTitle')}
          </h3>
          <PlanForm
            labelledBy={newTitleId}
            caseFile={caseFile}
            onSaved={() => {
              setStarting(false);
              tell('started');
            }}
            onCancel={() => {
              backToStart.current = true;
              setStarting(false);
            }}
            onReload={() => plans.refetch()}
          />
        </div>
      )}
      {plans.isError && !plans.isFetchNextPageError ? (
        <ErrorAlert error={plans.error} focus={false} onRetry={() => void plans.refetch()} />
      ) : !plans.data ? (
        <Loading inline />
      ) : items.length === 0 ? (
        <p className={emptyStateClass}>{t('plans.none')}</p>
      ) : (
        <div className={styles.planList}>
          {items.map((plan) =>
            editing === plan.id && mayEdit && plan.can.edit ? (
              <EditedPlan
                key={plan.id}
                caseFile={caseFile}
                plan={plan}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) tell('saved');
                  else setBackToPlan(plan.id);
                }}
                onReload={() => plans.refetch()}
              />
            ) : (
              <PlanCard
                key={plan.id}
                plan={plan}
                today={today}
                editable={mayEdit && plan.can.edit}
                focusEdit={backToPlan === plan.id}
                onEdit={() => {
                  setDone(null);
                  setBackToPlan(null);
                  setEditing(plan.id);
                }}
                onStateChanged={(state) => tell(state === 'closed' ? 'closed' : 'reopened')}
              />
            ),
          )}
        </div>
      )}
      {plans.isFetchNextPageError && <ErrorAlert error={plans.error} focus={false} />}
      {plans.hasNextPage && (
        <p className="list-more">
          <Button
            variant="secondary"
            disabled={plans.isFetchingNextPage}
            onClick={() => void plans.fetchNextPage()}
          >
            {plans.isFetchingNextPage ? t('plans.loadingMore') : t('plans.more')}
          </Button>
        </p>
      )}
    </section>
  );
}

/** A plan in its edit form, under a heading that names it (the heading takes the focus). */
function EditedPlan({
  caseFile,
  plan,
  onDone,
  onReload,
}: {
  caseFile: CaseFile;
  plan: Plan;
  onDone: (saved: boolean) => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <article className={cx(styles.plan, styles.planEditing)}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1} className={styles.planTitle}>
        {t('plans.editTitle', { date: formatDate(plan.startedOn) })}
      </h3>
      <PlanForm
        labelledBy={titleId}
        caseFile={caseFile}
        plan={plan}
        onSaved={() => onDone(true)}
        onCancel={() => onDone(false)}
        onReload={onReload}
      />
    </article>
  );
}
