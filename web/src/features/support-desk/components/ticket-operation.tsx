import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OperationConflict,
  OperationLine,
  OperationPreview,
  OperationResult,
  OperationRunResult,
  Ticket,
} from '@caliu/common';
import {
  alertClass,
  alertListClass,
  alertTitleClass,
  ErrorAlert,
  Notice,
} from '@/components/ui/alert';
import { OperationLinesList } from '@/components/operation-lines-list';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { ApiError } from '@/lib/api-client';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { LANGUAGE_NAMES } from '@/lib/languages';
import { useCountryName } from '@/lib/country-name';
import { useDateTimeFormat } from '@/lib/format';
import { usePreviewOperation, useRunOperation } from '../api/ticket-operation';
import styles from '../support-desk.module.css';

/** What an operation changes or changed, in the agent's words (or that it concerns nothing). */
function OperationLines({ lines }: { lines: readonly OperationLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p>{t('supportDesk.ticket.operation.nothing')}</p>;
  return <OperationLinesList lines={lines} />;
}

/** The operation as it ran: who ran it, when, and what it changed. */
function OperationDone({ operation }: { operation: OperationResult }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  return (
    <>
      <p>
        {t('supportDesk.ticket.operation.ranBy', {
          name: operation.ranBy,
          date: formatDateTime(operation.ranAt),
        })}
      </p>
      <OperationLines lines={operation.lines} />
    </>
  );
}

/** What the agent gives at the run besides the confirmation. */
export type RunChoices = { takeFromOther: string[]; mobile?: string };

/** The person fields whose values are codes, with where their words are. */
const CODED: Record<string, string> = {
  sex: 'persons.sexes',
  housingType: 'persons.housingTypes',
  housingTenure: 'persons.housingTenures',
};
/** The persons' label of a conflicting field (the server names the place `municipality`). */
const LABEL: Record<string, string> = { municipality: 'municipalityId' };

/**
 * The fields where the two person records differ: for each, the survivor's value (kept unless
 * the agent chooses) or the other's.
 */
function ConflictChoices({
  conflicts,
  taken,
  onChange,
  idPrefix,
}: {
  conflicts: readonly OperationConflict[];
  taken: ReadonlySet<string>;
  onChange: (field: string, fromOther: boolean) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const countryName = useCountryName();
  const worded = (field: string, value: string) => {
    if (field === 'preferredLanguage' && value in LANGUAGE_NAMES) {
      return LANGUAGE_NAMES[value as keyof typeof LANGUAGE_NAMES];
    }
    if (field === 'birthDate') return formatDate(value);
    if (field === 'nationality') return countryName(value);
    const coded = CODED[field];
    return coded ? t(`${coded}.${value}` as never, { defaultValue: value }) : value;
  };
  return (
    <>
      <h3>{t('supportDesk.ticket.operation.conflictsTitle')}</h3>
      <p className={cx(fieldCss.fieldHint, 'field__hint')}>
        {t('supportDesk.ticket.operation.conflictsLead')}
      </p>
      {conflicts.map((conflict) => (
        <fieldset key={conflict.field} className={fieldCss.fieldset}>
          <legend>{t(`persons.fields.${LABEL[conflict.field] ?? conflict.field}` as never)}</legend>
          <div className={fieldCss.radioRow}>
            {([false, true] as const).map((fromOther) => (
              <label key={String(fromOther)} className={cx(fieldCss.checkbox, 'checkbox')}>
                <input
                  type="radio"
                  name={`${idPrefix}-${conflict.field}`}
                  checked={taken.has(conflict.field) === fromOther}
                  onChange={() => onChange(conflict.field, fromOther)}
                />
                <span>
                  {t(
                    fromOther
                      ? 'supportDesk.ticket.operation.takeOther'
                      : 'supportDesk.ticket.operation.keepSurvivor',
                    {
                      value: worded(conflict.field, fromOther ? conflict.other : conflict.survivor),
                    },
                  )}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

const MOBILE = /^\+?[0-9 ]{6,20}$/;

type PreviewShownProps = {
  preview: OperationPreview;
  headingId: string;
  pending: boolean;
  /** A refusal of the run that leaves this preview valid (a mobile the server would not take). */
  error: Error | null;
  onRun: (choices: RunChoices) => void;
  onPreviewAgain: () => void;
};

/**
 * A preview's answer: what would change, with the button that runs it behind a confirmation
 * that says it all again; or why it cannot run, in the server's words.
 */
function PreviewShown({
  preview,
  headingId,
  pending,
  error,
  onRun,
  onPreviewAgain,
}: PreviewShownProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [asking, setAsking] = useState(false);
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());
  const [mobile, setMobile] = useState('');
  const [tried, setTried] = useState(false);
  const asksMobile = preview.asks.includes('mobile');
  const mobileProblem = !asksMobile
    ? undefined
    : mobile.trim() === ''
      ? t('supportDesk.ticket.operation.mobileRequired')
      : MOBILE.test(mobile.trim())
        ? undefined
        : t('supportDesk.ticket.operation.mobileInvalid');
  const choose = (field: string, fromOther: boolean) =>
    setTaken((was) => {
      const next = new Set(was);
      if (fromOther) next.add(field);
      else next.delete(field);
      return next;
    });
  const choices = (): RunChoices => ({
    takeFromOther: [...taken],
    ...(asksMobile ? { mobile: mobile.trim() } : {}),
  });
  // The Preview button that had the focus is gone: the answer takes it, so that it is read.
  useEffect(() => {
    if (preview.ready) headingRef.current?.focus();
  }, [preview]);
  const again = (
    <Button variant="secondary" disabled={pending} onClick={onPreviewAgain}>
      {t('supportDesk.ticket.operation.previewAgain')}
    </Button>
  );
  if (!preview.ready) {
    return (
      <>
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{t('supportDesk.ticket.operation.blocked')}</p>
          <ul className={alertListClass}>
            {preview.blockers.map((blocker, index) => (
              <li key={`${blocker.code}-${index}`}>{blocker.message}</li>
            ))}
          </ul>
        </div>
        <div className={styles.actions}>{again}</div>
      </>
    );
  }
  return (
    <>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('supportDesk.ticket.operation.willChange')}
      </h3>
      <OperationLines lines={preview.lines} />
      {preview.conflicts.length > 0 && (
        <ConflictChoices
          conflicts={preview.conflicts}
          taken={taken}
          onChange={choose}
          idPrefix={headingId}
        />
      )}
      {asksMobile && (
        <FormField
          id={`${headingId}-mobile`}
          label={t('supportDesk.ticket.operation.mobileLabel')}
          hint={t('supportDesk.ticket.operation.mobileHint')}
          error={tried ? mobileProblem : undefined}
          required
        >
          {(control) => (
            <input
              {...control}
              type="tel"
              name="mobile"
              autoComplete="off"
              inputMode="tel"
              value={mobile}
              onChange={(event) => setMobile(event.target.value)}
            />
          )}
        </FormField>
      )}
      <ErrorAlert error={error} />
      <div className={styles.actions}>
        <Button
          disabled={pending}
          onClick={() => {
            setTried(true);
            if (!mobileProblem) setAsking(true);
          }}
        >
          {pending
            ? t('supportDesk.ticket.operation.running')
            : t('supportDesk.ticket.operation.run')}
        </Button>
        {again}
      </div>
      <ConfirmDialog
        open={asking}
        title={t('supportDesk.ticket.operation.confirmTitle')}
        stayLabel={t('supportDesk.ticket.operation.cancel')}
        onStay={() => setAsking(false)}
        proceedLabel={t('supportDesk.ticket.operation.run')}
        onProceed={() => {
          setAsking(false);
          onRun(choices());
        }}
      >
        <p>{t('supportDesk.ticket.operation.confirmLead')}</p>
        <OperationLines lines={preview.lines} />
        {preview.conflicts.length > 0 && (
          <p>
            {taken.size > 0
              ? t('supportDesk.ticket.operation.confirmTaken', {
                  fields: preview.conflicts
                    .filter((c) => taken.has(c.field))
                    .map((c) => t(`persons.fields.${LABEL[c.field] ?? c.field}` as never))
                    .join(', '),
                })
              : t('supportDesk.ticket.operation.confirmKept')}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/**
 * The ticket's administrative operation (issue 20, decision 0010), for the agent: a preview that
 * changes nothing, then the run, confirmed; once it ran, what it changed. A run refused because
 * the records changed since the preview says so and offers to preview again.
 */
export function TicketOperation({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const preview = usePreviewOperation(ticket.entity.id, ticket.id);
  const run = useRunOperation(ticket.entity.id, ticket.id);
  const [outcome, setOutcome] = useState<'done' | 'alreadyRun' | null>(null);
  const [afterwards, setAfterwards] = useState<OperationRunResult['afterwards']>([]);

  const askPreview = () => {
    run.reset();
    preview.mutate(undefined, {
      // Already run or closed by someone else meanwhile: the page shows the ticket as it is now.
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) onChanged();
      },
    });
  };
  const runIt = (fingerprint: string, choices: RunChoices) => {
    setOutcome(null);
    run.mutate(
      { fingerprint, ...choices },
      {
        onSuccess: (result) => {
          setOutcome(result.alreadyRun ? 'alreadyRun' : 'done');
          setAfterwards(result.afterwards);
        },
      },
    );
  };
  // A 400 refuses what the agent typed (a mobile): the preview stays good, fix and run again.
  const typedRefused = run.error instanceof ApiError && run.error.status === 400;

  let body;
  if (ticket.operation) {
    body = (
      <>
        {outcome && <Notice>{t(`supportDesk.ticket.operation.${outcome}`)}</Notice>}
        {afterwards.length > 0 && (
          <>
            <h3>{t('supportDesk.ticket.operation.afterwards')}</h3>
            <OperationLines lines={afterwards} />
          </>
        )}
        <OperationDone operation={ticket.operation} />
      </>
    );
  } else if (run.error && !typedRefused) {
    // The preview shown is stale (the records changed, or the ticket did): only a new one may run.
    body = (
      <>
        <ErrorAlert error={run.error} />
        <div className={styles.actions}>
          <Button variant="secondary" onClick={askPreview}>
            {t('supportDesk.ticket.operation.previewAgain')}
          </Button>
        </div>
      </>
    );
  } else if (preview.data) {
    body = (
      <PreviewShown
        preview={preview.data}
        headingId={`${id}-preview`}
        pending={run.isPending}
        error={typedRefused ? run.error : null}
        onRun={(choices) => runIt(preview.data.fingerprint, choices)}
        onPreviewAgain={askPreview}
      />
    );
  } else {
    body = (
      <>
        <p>{t('supportDesk.ticket.operation.intro')}</p>
        <div className={styles.actions}>
          <Button disabled={preview.isPending} onClick={askPreview}>
            {preview.isPending
              ? t('supportDesk.ticket.operation.previewing')
              : t('supportDesk.ticket.operation.preview')}
          </Button>
        </div>
        <ErrorAlert error={preview.error} />
      </>
    );
  }
  return (
    <section aria-labelledby={`${id}-title`} className={styles.panel}>
      <h2 id={`${id}-title`} className="section-title">
        {t('supportDesk.ticket.operation.title')}
      </h2>
      {body}
    </section>
  );
}
