import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { FieldGroup } from '@/components/ui/form-field';
import { useCurrentUser } from '@/lib/auth';
import { cx } from '@/lib/cx';
import { useDocumentTitle } from '@/lib/document-title';
import { useEnterHelpRequest } from '../api/help-requests';
import { editOf, fieldErrorsOf, RequestFields, type RequestDraft } from './request-fields';
import styles from '../community-help.module.css';

/**
 * A professional types the request of someone who called (issue 22 item 3): the help form's
 * fields, stored as a submission marked as theirs and imported with the others.
 */
export function NewHelpRequestPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('communityHelp.entry.title'));
  const me = useCurrentUser();
  const empty = (): RequestDraft => ({
    name: '',
    phone: '',
    email: '',
    address: '',
    municipalityId: '',
    helpType: 'shopping',
    when: 'asap',
    neededOn: '',
    neededPart: '',
    urgency: 'medium',
    description: '',
    language: me.entity.defaultLanguage,
  });
  const [draft, setDraft] = useState(empty);
  const [consent, setConsent] = useState(false);
  const enter = useEnterHelpRequest();
  const errors = fieldErrorsOf(enter.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enter.mutate({ ...editOf(draft), consent: consent as true });
  };

  if (enter.data) {
    return (
      <div className="page">
        <h1 className="page__title">{t('communityHelp.entry.title')}</h1>
        <Notice>{t('communityHelp.entry.done', { reference: enter.data.reference })}</Notice>
        <p className={styles.actions}>
          <Link to="/help-requests" className={buttonClass()}>
            {t('communityHelp.request.back')}
          </Link>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => {
              setDraft(empty());
              setConsent(false);
              enter.reset();
            }}
          >
            {t('communityHelp.entry.another')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="page">
      <p>
        <Link to="/help-requests">{t('communityHelp.request.back')}</Link>
      </p>
      <h1 className="page__title">{t('communityHelp.entry.title')}</h1>
      <p className="page__lead">{t('communityHelp.entry.lead')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorAlert error={enter.error} shownByFields={[...Object.keys(errors)]} />
        <RequestFields idPrefix="help-entry" draft={draft} onChange={setDraft} errors={errors} />
        <FieldGroup
          id="help-entry-consent"
          legend={t('communityHelp.fields.consent')}
          error={errors.consent}
          required
        >
          <label className={cx(fieldCss.checkbox, 'checkbox')}>
            <input
              type="checkbox"
              checked={consent}
              onChange={(event) => setConsent(event.target.checked)}
            />
            {t('communityHelp.fields.consent')}
          </label>
        </FieldGroup>
        <p className={styles.actions}>
          <button type="submit" className={buttonClass()} disabled={enter.isPending}>
            {enter.isPending ? t('communityHelp.entry.saving') : t('communityHelp.entry.submit')}
          </button>
        </p>
      </form>
    </div>
  );
}
