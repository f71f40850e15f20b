import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '@caliu/common';
import { useCalendarDateFormat } from '@/lib/calendar';
import { documentAcronym } from '@/lib/person-names';

/**
 * What tells two namesakes apart, in one line: date of birth, identity document, municipality,
 * and whether the person has died (search results, the form's duplicate warning, candidate
 * duplicates).
 */
export function PersonFacts({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  return (
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
                {documentAcronym(person.documentType, t)}
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
  );
}
