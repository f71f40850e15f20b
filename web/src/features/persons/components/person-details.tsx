import { useId } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDateTimeFormat } from '@/lib/format';
import { LANGUAGE_NAMES } from '@/lib/languages';
import { ageOn, todayIn, useCalendarDateFormat, useCountryName } from '../dates';
import { documentAcronym } from '@/lib/person-names';
import styles from '../persons.module.css';

type Fact = { label: string; value: ReactNode };

/** A person's basic data in four cards: identification, contact, housing, who attends them. */
export function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const formatDate = useCalendarDateFormat();
  const formatDateTime = useDateTimeFormat();
  const countryName = useCountryName();
  const today = todayIn(me.entity.timeZone);
  const agreed = (value: boolean) =>
    value ? t('persons.consentGiven') : t('persons.consentNotGiven');

  const identification: Fact[] = [
    { label: t('persons.fields.givenName'), value: person.givenName },
    {
      label: t('persons.fields.surnames'),
      value: [person.firstSurname, person.secondSurname].filter(Boolean).join(' '),
    },
    { label: t('persons.fields.sex'), value: person.sex && t(`persons.sexes.${person.sex}`) },
    {
      label: t('persons.fields.birthDate'),
      value:
        person.birthDate &&
        t('persons.details.birthDateAge', {
          date: formatDate(person.birthDate),
          age: ageOn(person.birthDate, person.deceasedOn ?? today),
        }),
    },
    {
      label: t('persons.fields.nationality'),
      value: person.nationality && countryName(person.nationality),
    },
    {
      label: t('persons.fields.document'),
      value: person.documentNumber && (
        <>
          {person.documentType && `${documentAcronym(person.documentType, t)} `}
          <span className={styles.personDetailsCode}>{person.documentNumber}</span>
        </>
      ),
    },
  ];
  const contact: Fact[] = [
    { label: t('persons.fields.mobilePhone'), value: person.mobilePhone },
    { label: t('persons.fields.otherPhone'), value: person.otherPhone },
    { label: t('persons.fields.email'), value: person.email },
    {
      label: t('persons.fields.preferredLanguage'),
      value: person.preferredLanguage && LANGUAGE_NAMES[person.preferredLanguage],
    },
    { label: t('persons.fields.consentSms'), value: agreed(person.consentSms) },
    { label: t('persons.fields.consentEmail'), value: agreed(person.consentEmail) },
  ];
  const housing: Fact[] = [
    { label: t('persons.fields.address'), value: person.address },
    { label: t('persons.fields.postalCode'), value: person.postalCode },
    { label: t('persons.fields.municipalityId'), value: person.municipality.name },
    { label: t('persons.fields.sectorId'), value: person.sector?.name },
    {
      label: t('persons.fields.housingType'),
      value: person.housingType && t(`persons.housingTypes.${person.housingType}`),
    },
    {
      label: t('persons.fields.housingTenure'),
      value: person.housingTenure && t(`persons.housingTenures.${person.housingTenure}`),
    },
  ];
  const attention: Fact[] = [
    { label: t('persons.fields.referentId'), value: person.referent?.name },
    { label: t('persons.fields.teamId'), value: person.team?.name },
    { label: t('persons.details.createdAt'), value: formatDateTime(person.createdAt) },
    { label: t('persons.details.updatedAt'), value: formatDateTime(person.updatedAt) },
  ];

  return (
    <div className="person-details">
      <FactsCard title={t('persons.sections.identification')} facts={identification} />
      <FactsCard title={t('persons.sections.contact')} facts={contact} />
      <FactsCard title={t('persons.sections.housing')} facts={housing} />
      <FactsCard title={t('persons.sections.attention')} facts={attention} />
    </div>
  );
}

function FactsCard({ title, facts }: { title: string; facts: Fact[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <dl className={styles.personDetailsList}>
        {facts.map((fact) => (
          <div key={fact.label} className="person-details__row">
            <dt>{fact.label}</dt>
            <dd>
              {fact.value === null || fact.value === undefined || fact.value === '' ? (
                <span className="muted">{t('persons.notRecorded')}</span>
              ) : (
                fact.value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
