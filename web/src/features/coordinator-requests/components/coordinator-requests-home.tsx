import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoordinatorRequest } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { QueryState } from '@/components/ui/query-state';
import { ApiError } from '@/lib/api-client';
import { currentLanguage } from '@/lib/i18n';
import { useCloseCoordinatorRequest, useCoordinatorRequests } from '../api/coordinator-requests';
import styles from '../coordinator-requests.module.css';

/** The longest reason the API keeps with a closing. */
const REASON_MAX = 2000;

/**
 * A coordinator's home page section "Requests from your teams" (issue 19): the open requests
 * the floating button handed to them — who asks, what, the records it names (with a link to the
 * page where the coordinator's tools do it), the note and how long it has waited — and a dialog
 * to close one as done, or declined with the reason (the requester is emailed either way).
 */
export function CoordinatorRequestsHome() {
  const { t } = useTranslation();
  const headingId = useId();
  const requests = useCoordinatorRequests('coordinator');
  const [closing, setClosing] = useState<CoordinatorRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="card coordinator-requests" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('coordinatorRequests.home.title')}
      </h2>
      {notice && <Notice>{notice}</Notice>}
      <QueryState query={requests}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('coordinatorRequests.home.none')}</p>
          ) : (
            <ul className={styles.list}>
              {data.items.map((request) => (
                <RequestItem key={request.id} request={request} onClose={setClosing} />
              ))}
            </ul>
          )
        }
      </QueryState>
      <p className="muted">{t('coordinatorRequests.home.hint')}</p>
      <CloseDialog
        request={closing}
        onDismiss={() => setClosing(null)}
        onDone={(closed) => {
          setClosing(null);
          setNotice(
            t(
              closed.status === 'declined'
                ? 'coordinatorRequests.close.doneDeclined'
                : 'coordinatorRequests.close.doneDone',
              { requester: closed.requester.name },
            ),
          );
        }}
      />
    </section>
  );
}

/** "3 days ago", in the console's language. */
function useAge(): (iso: string) => string {
  const format = new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' });
  return (iso) => {
    const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
    if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return format.format(hours, 'hour');
    return format.format(Math.round(hours / 24), 'day');
  };
}

function RequestItem({
  request,
  onClose,
}: {
  request: CoordinatorRequest;
  onClose: (request: CoordinatorRequest) => void;
}) {
  const { t } = useTranslation();
  const age = useAge();
  const caseFile = request.caseFile;
  return (
    <li className={styles.item}>
      <p>
        <strong>{request.requester.name}</strong> · {t(`coordinatorRequests.kinds.${request.kind}`)}{' '}
        ·{' '}
        <time dateTime={request.createdAt} title={request.createdAt}>
          {age(request.createdAt)}
        </time>
      </p>
      <ul className={styles.records}>
        {caseFile && (
          <li>
            {t('coordinatorRequests.home.caseFile')}{' '}
            <Link to={`/case-files/${caseFile.id}`}>{caseFile.number}</Link>
            {request.targetNumber &&
              ` → ${t('coordinatorRequests.home.target', { number: request.targetNumber })}`}
          </li>
        )}
        {request.persons.map((person) => (
          <li key={person.id}>
            {request.kind === 'delete_persons' ? (
              <Link to={`/persons/${person.id}`}>{person.name}</Link>
            ) : (
              person.name
            )}
          </li>
        ))}
        {request.items.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            {t(`coordinatorRequests.itemKinds.${item.kind}`)}: {item.label}
          </li>
        ))}
      </ul>
      {request.note && <p className={styles.note}>{request.note}</p>}
      <p className={styles.actions}>
        {caseFile ? (
          <Link to={`/case-files/${caseFile.id}`}>
            {t(`coordinatorRequests.home.tools.${request.kind}`)}
          </Link>
        ) : (
          <span className="muted">{t('coordinatorRequests.home.tools.delete_persons')}</span>
        )}
        {request.can.close && (
          <Button
            small
            variant="secondary"
            aria-label={t('coordinatorRequests.close.named', { requester: request.requester.name })}
            onClick={() => onClose(request)}
          >
            {t('coordinatorRequests.close.button')}
          </Button>
        )}
      </p>
    </li>
  );
}

function CloseDialog({
  request,
  onDismiss,
  onDone,
}: {
  request: CoordinatorRequest | null;
  onDismiss: () => void;
  onDone: (closed: CoordinatorRequest) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={request !== null}
      title={t('coordinatorRequests.close.title')}
      lead={
        request ? (
          <p>
            {t('coordinatorRequests.close.lead', {
              requester: request.requester.name,
              what: t(`coordinatorRequests.kinds.${request.kind}`),
            })}
          </p>
        ) : null
      }
      onDismiss={onDismiss}
    >
      {request && <CloseForm request={request} onDismiss={onDismiss} onDone={onDone} />}
    </FormDialog>
  );
}

function CloseForm({
  request,
  onDismiss,
  onDone,
}: {
  request: CoordinatorRequest;
  onDismiss: () => void;
  onDone: (closed: CoordinatorRequest) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const close = useCloseCoordinatorRequest();
  const [outcome, setOutcome] = useState<'done' | 'declined'>('done');
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const refusedReason =
    close.error instanceof ApiError
      ? close.error.details.find((d) => d.field === 'reason')?.message
      : undefined;
  const reasonError = missingReason ? t('coordinatorRequests.close.reasonRequired') : refusedReason;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (outcome === 'declined' && !reason.trim()) {
      setMissingReason(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    close.mutate(
      {
        id: request.id,
        outcome,
        reason: outcome === 'declined' ? reason.trim() : undefined,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert error={close.error} shownByFields={['reason']} />
      <FieldGroup id={`${id}-outcome`} legend={t('coordinatorRequests.close.outcome')} required>
        {(['done', 'declined'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => {
                setOutcome(value);
                setMissingReason(false);
              }}
            />{' '}
            {t(`coordinatorRequests.close.outcomes.${value}`)}
          </label>
        ))}
      </FieldGroup>
      {outcome === 'declined' && (
        <FormField
          id={`${id}-reason`}
          label={t('coordinatorRequests.close.reason')}
          hint={t('coordinatorRequests.close.reasonHint')}
          required
          error={reasonError}
        >
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={3}
              maxLength={REASON_MAX}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setMissingReason(false);
              }}
            />
          )}
        </FormField>
      )}
      <FormActions
        submitLabel={t('coordinatorRequests.close.submit')}
        pending={close.isPending}
        onCancel={onDismiss}
      />
    </form>
  );
}
