import { useEffect, useRef } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { usePersonView } from '../api/get-person';
import { useCalendarDateFormat } from '../dates';
import { fullName } from '@/lib/person-names';
import { PersonActions } from './person-actions';
import { PersonActivePanel } from './person-active';
import { PersonCaseFiles } from './person-case-files';
import { PersonDetails } from './person-details';
import { PersonHistory } from './person-history';
import { isNotFound, RecordState } from './record-state';
import styles from '../persons.module.css';
import { alertClass } from '@/components/ui/alert';
import { PersonAppointments } from '@/lib/agenda-slot';
import { Attachments } from '@/lib/attachments-slot';

/** What other pages pass on when they open a person's page. */
export type PersonLocationState = {
  notice?: 'created' | 'saved';
  /** The name on the record opened, when it was merged into this one (its tombstone redirects). */
  mergedFrom?: string;
  /** The search the user came from (`?q=…`), for the way back. */
  search?: string;
};

/**
 * One person: what is active for them (for who reads their case files' content), their basic
 * data, what the user may do with the record, the history when the user may see the full record,
 * and the case files the user may see.
 */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const location = useLocation();
  const state = (location.state ?? null) as PersonLocationState | null;
  const person = usePersonView(personId);
  const record = person.data;
  const formatDate = useCalendarDateFormat();
  const name = record ? fullName(record) : '';
  useDocumentTitle(
    record ? name : isNotFound(person.error) ? t('notFound.title') : t('persons.title'),
  );

  if (!record) return <RecordState query={person} />;
  // A record merged into another by support: old links go on to the record that lives.
  if (record.mergedInto) {
    const next: PersonLocationState = { mergedFrom: name, search: state?.search };
    return <Navigate to={`/persons/${record.mergedInto.id}`} replace state={next} />;
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/persons${state?.search ?? ''}`}>{t('persons.back')}</Link>
      </p>
      <div className="page__header">
        <div>
          <h1 className="page__title">{name}</h1>
          <p className={styles.personPageStatus}>
            {record.status === 'deceased' ? (
              <span className="badge badge--deceased">
                {record.deceasedOn
                  ? t('persons.status.deceasedOn', { date: formatDate(record.deceasedOn) })
                  : t('persons.status.deceased')}
              </span>
            ) : (
              <span className="badge badge--on">{t('persons.status.active')}</span>
            )}
          </p>
        </div>
        <PersonActions person={record} />
      </div>
      {state?.notice && <SavedNotice notice={state.notice} />}
      {state?.mergedFrom && (
        <p role="status" className={alertClass('info')}>
          {t('persons.notices.merged', { name: state.mergedFrom })}
        </p>
      )}
      <PersonActivePanel person={record} />
      <PersonDetails person={record} />
      <PersonAppointments personId={record.id} personName={name} />
      <Attachments owner={{ type: 'person', personId: record.id }} variant="section" />
      {record.history && <PersonHistory personId={record.id} first={record.history} />}
      <PersonCaseFiles person={record} />
    </div>
  );
}

function SavedNotice({ notice }: { notice: 'created' | 'saved' }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={alertClass('success')}>
      {notice === 'created' ? t('persons.notices.created') : t('persons.notices.saved')}
    </p>
  );
}
