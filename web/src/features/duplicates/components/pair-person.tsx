import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '@caliu/common';
import { useCalendarDateFormat } from '@/lib/calendar';
import styles from '../duplicates.module.css';

/** A person's full name as it is written: given name, first surname, second surname. */
export function fullName(person: PersonSummary): string {
  return [person.givenName, person.firstSurname, person.secondSurname]
    .filter((part) => part && part.trim())
    .join(' ');
}

/**
 * One side of a pair: the name (a link to the record) and what tells two records apart — date of
 * birth, identity document, municipality, whether the person has died.
 */
export function PairPerson({ person, label }: { person: PersonSummary; label: string }) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  return (
    <div className={styles.pairPerson}>
      <p className={styles.pairPersonLabel}>{label}</p>
      <p className={styles.pairPersonName}>
        <Link to={`/persons/${person.id}`}>{fullName(person)}</Link>
      </p>
      <p className="person-facts">
        <span>
          <span className="visually-hidden">{t('persons.fields.birthDate')}</span>
          {person.birthDate ? (
            <time dateTime={person.birthDate}>{formatDate(person.birthDate)}</time>
          ) : (
            <span className="muted">{t('persons.summary.noBirthDate')}</span>
          )}
        </span>
        <span>
          <span className="visually-hidden">{t('persons.fields.document')}</span>
          {person.documentNumber ? (
            <span className="person-facts__document">
              {person.documentType && (
                <abbr
                  className="person-facts__type"
                  title={t(`persons.documentTypes.${person.documentType}`)}
                >
                  {person.documentType === 'passport'
                    ? t('persons.documentTypes.passport')
                    : person.documentType.toUpperCase()}
                </abbr>
              )}
              <span>{person.documentNumber}</span>
            </span>
          ) : (
            <span className="muted">{t('persons.summary.noDocument')}</span>
          )}
        </span>
        <span>
          <span className="visually-hidden">{t('persons.fields.municipalityId')}</span>
          {person.municipality.name}
        </span>
        {person.status === 'deceased' && (
          <span className="badge badge--deceased">
            {person.deceasedOn
              ? t('persons.status.deceasedOn', { date: formatDate(person.deceasedOn) })
              : t('persons.status.deceased')}
          </span>
        )}
      </p>
    </div>
  );
}
