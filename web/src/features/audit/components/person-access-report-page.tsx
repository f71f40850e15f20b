import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PersonIdentification } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { ApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/document-title';
import { useAccessReport } from '../api/get-access-report';
import { usePersonLookup } from '../api/lookup-person';
import type { PersonLookup } from '../api/lookup-person';
import { AccessReport } from './access-report';
import { PersonLookupForm } from './person-lookup-form';
import { cx } from '@/lib/cx';
import styles from '../audit.module.css';
import { buttonClass } from '@/components/ui/button';
import { Loading } from '@/components/ui/query-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The administrator's answer to a data subject (GDPR art. 15): identify the person by document or
 * name (identification only; the look-up is recorded), then produce and print the report of who
 * consulted or changed their data, and when. The person chosen is kept in the address
 * (`?person=<id>`, an opaque identifier: no personal data in the address).
 */
export function PersonAccessReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.personReport.title'));
  const [params, setParams] = useSearchParams();
  const personParam = params.get('person');
  const personId = personParam && UUID.test(personParam) ? personParam : null;
  const [lookup, setLookup] = useState<PersonLookup | null>(null);
  const found = usePersonLookup(personId ? null : lookup);
  const report = useAccessReport(personId);
  const reportRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (report.isSuccess) reportRef.current?.focus();
  }, [report.isSuccess]);

  const refusal =
    found.error instanceof ApiError && found.error.status === 400 ? found.error : null;

  return (
    <div className="page">
      <p className="breadcrumb no-print">
        <Link to="/audit">{t('audit.personReport.back')}</Link>
      </p>
      <h1 className="page__title no-print">{t('audit.personReport.title')}</h1>
      <p className="page__lead no-print">{t('audit.personReport.lead')}</p>
      {!personId ? (
        <>
          <PersonLookupForm
            current={lookup}
            refusal={refusal?.details[0]?.message ?? refusal?.message}
            onLookup={(by, value) =>
              setLookup((current) => ({ by, value, attempt: (current?.attempt ?? 0) + 1 }))
            }
          />
          {lookup && (
            <LookupResults
              query={found}
              refused={refusal !== null}
              onChoose={(person) => setParams({ person: person.id })}
            />
          )}
        </>
      ) : (
        <>
          <div className={cx(styles.personReportActions, 'no-print')}>
            <button
              type="button"
              className={buttonClass()}
              onClick={() => window.print()}
              disabled={!report.isSuccess}
            >
              {t('audit.personReport.print')}
            </button>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              onClick={() => {
                setLookup(null);
                setParams({});
              }}
            >
              {t('audit.personReport.another')}
            </button>
          </div>
          {report.isPending && <Loading>{t('audit.personReport.producing')}</Loading>}
          <ErrorAlert error={report.error} />
          {report.data && (
            <div ref={reportRef} tabIndex={-1} className={styles.personReportDocument}>
              <AccessReport report={report.data} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

type LookupResultsProps = {
  query: ReturnType<typeof usePersonLookup>;
  refused: boolean;
  onChoose: (person: PersonIdentification) => void;
};

/** Who the look-up identified: enough to tell them apart, and the button that makes the report. */
function LookupResults({ query, refused, onChoose }: LookupResultsProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  if (refused) return null;
  const items = query.data?.items ?? [];
  return (
    <section className="no-print" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('audit.personReport.results.title')}
      </h2>
      {query.isPending && <Loading>{t('audit.personReport.results.searching')}</Loading>}
      <ErrorAlert error={query.error} />
      {query.isSuccess && (
        <p role="status" className="muted">
          {items.length === 0
            ? t('audit.personReport.results.empty')
            : t('audit.personReport.results.found', { count: items.length })}
        </p>
      )}
      {items.length > 0 && (
        <ul className={styles.personLookupResultsList}>
          {items.map((person) => {
            const name = [person.givenName, person.firstSurname, person.secondSurname]
              .filter(Boolean)
              .join(' ');
            return (
              <li key={person.id} className={styles.personLookupResultsItem}>
                <div>
                  <p className={styles.personLookupResultsName}>{name}</p>
                  <p className="person-facts">
                    <span>
                      {person.birthDate
                        ? format.format(new Date(`${person.birthDate}T00:00:00Z`))
                        : t('audit.personReport.results.noBirthDate')}
                    </span>
                    <span>
                      {person.documentNumber ?? t('audit.personReport.results.noDocument')}
                    </span>
                    {person.status === 'deceased' && (
                      <span className="badge badge--deceased">
                        {t('audit.personReport.results.deceased')}
                      </span>
                    )}
                  </p>
                </div>
                <button
                  type="button"
                  className={buttonClass({ variant: 'secondary' })}
                  aria-label={t('audit.personReport.results.chooseNamed', { name })}
                  onClick={() => onChoose(person)}
                >
                  {t('audit.personReport.results.choose')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
