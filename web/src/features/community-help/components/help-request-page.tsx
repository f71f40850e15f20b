import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { HelpRequest, HelpRequestEdit } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { QueryState } from '@/components/ui/query-state';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useDocumentTitle } from '@/lib/document-title';
import { useDateTimeFormat } from '@/lib/format';
import {
  useDeleteHelpRequest,
  useEditHelpRequest,
  useHelpRequest,
  useLinkPerson,
} from '../api/help-requests';
import { editOf, fieldErrorsOf, RequestFields, type RequestDraft } from './request-fields';
import styles from '../community-help.module.css';

function draftOf(request: HelpRequest): RequestDraft {
  return {
    name: request.name ?? '',
    phone: request.phone ?? '',
    email: request.email ?? '',
    address: request.address ?? '',
    municipalityId: request.municipality.id,
    helpType: request.helpType,
    when: request.neededOn ? 'date' : 'asap',
    neededOn: request.neededOn ?? '',
    neededPart: request.neededPart ?? '',
    urgency: request.urgency,
    description: request.description ?? '',
    language: request.language,
  };
}

/**
 * A help request's page (an audited read): verify it by editing; link one of the suggested
 * person records (a similar name and the same phone or email) or unlink; the green "Delete
 * request" asks a reason in a dialog.
 */
export function HelpRequestPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const request = useHelpRequest(requestId);
  useDocumentTitle(
    request.data
      ? t('communityHelp.request.title', { reference: request.data.reference })
      : t('communityHelp.title'),
  );
  return (
    <div className="page help-request-page">
      <p>
        <Link to="/help-requests">{t('communityHelp.request.back')}</Link>
      </p>
      <QueryState query={request} inline={false}>
        {(data) => <RequestView request={data} />}
      </QueryState>
    </div>
  );
}

function RequestView({ request }: { request: HelpRequest }) {
  const { t } = useTranslation();
  const dateTime = useDateTimeFormat();
  const calendarDate = useCalendarDateFormat();
  const edit = useEditHelpRequest(request.id);
  const link = useLinkPerson(request.id);
  const remove = useDeleteHelpRequest(request.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const deleted = request.status === 'deleted';
  const errors = fieldErrorsOf(edit.error);
  const confirmDelete = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(reason, { onSuccess: () => setAsking(false) });
  };

  return (
    <>
      <h1 className="page__title">
        {t('communityHelp.request.title', { reference: request.reference })}
      </h1>
      <p className="page__lead">
        {t('communityHelp.request.submitted', { date: dateTime(request.submittedAt) })} ·{' '}
        {t('communityHelp.request.importedBy', { name: request.importedBy })}
        {request.enteredBy && (
          <> · {t('communityHelp.request.enteredBy', { name: request.enteredBy })}</>
        )}{' '}
        · {t(`communityHelp.statuses.${request.status}`)}
      </p>
      {remove.isSuccess && <Notice>{t('communityHelp.delete.done')}</Notice>}
      {deleted && request.deletedAt && (
        <p className="alert alert--info">
          {request.deleteReason === null
            ? t('communityHelp.request.deletedInfoErased', {
                name: request.deletedBy ?? '—',
                date: dateTime(request.deletedAt),
              })
            : t('communityHelp.request.deletedInfo', {
                name: request.deletedBy ?? '—',
                date: dateTime(request.deletedAt),
                reason: request.deleteReason,
              })}
          {request.erasedAt && (
            <> {t('communityHelp.request.erasedInfo', { date: dateTime(request.erasedAt) })}</>
          )}
        </p>
      )}
      {/* A completed request is erased too, the retention period after its completion. */}
      {!deleted && request.erasedAt && (
        <p className="alert alert--info">
          {t('communityHelp.request.erasedInfo', { date: dateTime(request.erasedAt) })}
        </p>
      )}

      {!deleted && (
        <section className={styles.section} aria-labelledby="help-person-title">
          <h2 id="help-person-title">{t('communityHelp.person.title')}</h2>
          {request.person ? (
            <p className={styles.actions}>
              {t('communityHelp.person.linked', { name: request.person.name })}{' '}
              <Link to={`/persons/${request.person.id}`}>{t('communityHelp.person.open')}</Link>
              <button
                type="button"
                className={buttonClass({ variant: 'secondary', small: true })}
                disabled={link.isPending}
                onClick={() => link.mutate(null)}
              >
                {t('communityHelp.person.unlink')}
              </button>
            </p>
          ) : (
            <p>{t('communityHelp.person.none')}</p>
          )}
          <h3>{t('communityHelp.person.suggestions')}</h3>
          <p>{t('communityHelp.person.suggestionsLead')}</p>
          {request.suggestions.length === 0 ? (
            <p>{t('communityHelp.person.noSuggestions')}</p>
          ) : (
            <ul className={styles.suggestions} aria-label={t('communityHelp.person.suggestions')}>
              {request.suggestions.map((s) => (
                <li key={s.id} className={styles.suggestion}>
                  <span>
                    <Link to={`/persons/${s.id}`}>{s.name}</Link>
                    {' — '}
                    {[
                      s.birthDate &&
                        t('communityHelp.person.born', { date: calendarDate(s.birthDate) }),
                      s.municipality,
                      s.samePhone && t('communityHelp.person.samePhone'),
                      s.sameEmail && t('communityHelp.person.sameEmail'),
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </span>
                  {request.person?.id !== s.id && (
                    <button
                      type="button"
                      className={buttonClass({ variant: 'secondary', small: true })}
                      disabled={link.isPending}
                      onClick={() => link.mutate(s.id)}
                    >
                      {t('communityHelp.person.link', { name: s.name })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <ErrorAlert error={link.error} />
        </section>
      )}

      {!deleted && (
        <section className={styles.section} aria-labelledby="help-verify-title">
          <h2 id="help-verify-title">{t('communityHelp.request.verify')}</h2>
          <p>{t('communityHelp.request.verifyLead')}</p>
          {/* The draft starts again from the request as saved (after a save, or another change). */}
          <VerifyForm
            key={request.updatedAt}
            request={request}
            onSave={(body) => edit.mutate(body)}
            saving={edit.isPending}
            errors={errors}
          >
            {edit.isSuccess && <Notice>{t('communityHelp.request.saved')}</Notice>}
            <ErrorAlert error={edit.error} shownByFields={Object.keys(errors)} />
          </VerifyForm>
          <p className={styles.actions}>
            <button
              type="button"
              className={buttonClass({}, styles.deleteButton)}
              onClick={() => setAsking(true)}
            >
              {t('communityHelp.delete.button')}
            </button>
          </p>
        </section>
      )}

      <FormDialog
        open={asking}
        title={t('communityHelp.delete.title')}
        lead={<p>{t('communityHelp.delete.lead')}</p>}
        onDismiss={() => setAsking(false)}
      >
        <form onSubmit={confirmDelete} noValidate>
          <ErrorAlert error={remove.error} shownByFields={['reason']} />
          <FormField
            id="help-delete-reason"
            label={t('communityHelp.delete.reason')}
            error={fieldErrorsOf(remove.error).reason}
            required
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </FormField>
          <div className="dialog__actions">
            <button
              type="button"
              className={buttonClass()}
              onClick={() => setAsking(false)}
              autoFocus
            >
              {t('communityHelp.delete.stay')}
            </button>
            <button
              type="submit"
              className={buttonClass({}, styles.deleteButton)}
              disabled={remove.isPending}
            >
              {remove.isPending
                ? t('communityHelp.delete.deleting')
                : t('communityHelp.delete.proceed')}
            </button>
          </div>
        </form>
      </FormDialog>
    </>
  );
}

function VerifyForm({
  request,
  onSave,
  saving,
  errors,
  children,
}: {
  request: HelpRequest;
  onSave: (body: HelpRequestEdit) => void;
  saving: boolean;
  errors: Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(request));
  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(editOf(draft));
  };
  return (
    <form onSubmit={save} noValidate>
      {children}
      <RequestFields idPrefix="help-edit" draft={draft} onChange={setDraft} errors={errors} />
      <p className={styles.actions}>
        <button type="submit" className={buttonClass()} disabled={saving}>
          {saving ? t('communityHelp.request.saving') : t('communityHelp.request.save')}
        </button>
      </p>
    </form>
  );
}
