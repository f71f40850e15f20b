import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES } from '@caliu/common';
import type { CaseFile, MemberRole, PersonSummary } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FieldGroup } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useValidation } from '@/lib/use-validation';
import { useAddMember } from '../api/add-member';
import { PERSON_SEARCH_MIN_LENGTH, usePersonCandidates } from '../api/search-persons';
import { refusedFields, stillRefused } from '../refusals';
import { MEMBER_FIELDS, memberProblems } from '../validation';
import type { MemberField } from '../validation';
import { SelectField } from './fields';
import styles from '../case-files.module.css';

/** How long the box waits for the typing to pause before it searches. */
const DEBOUNCE_MS = 300;

const nameOf = (person: PersonSummary) =>
  [person.givenName, person.firstSurname, person.secondSurname]
    .filter((part) => part && part.trim())
    .join(' ');

/**
 * Linking a person to the case file: search by name or document, choose among those found (the
 * date of birth and municipality tell namesakes apart), and give their role in the file.
 */
export function AddMemberForm({
  caseFile,
  onAdded,
}: {
  caseFile: CaseFile;
  onAdded: (name: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formatDate = useCalendarDateFormat();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [values, setValues] = useState<Record<MemberField, string>>({ personId: '', role: '' });
  const [sent, setSent] = useState<Record<MemberField, string> | null>(null);
  const search = usePersonCandidates(query);
  const add = useAddMember();

  useEffect(() => {
    const typed = text.trim();
    if (typed === query) return;
    const timer = window.setTimeout(() => setQuery(typed), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  const own = Object.fromEntries(
    Object.entries(memberProblems(values)).map(([field, problem]) => [
      field,
      field === 'personId'
        ? t('caseFiles.addMember.choosePerson')
        : t(`caseFiles.validation.${problem}`),
    ]),
  );
  const validation = useValidation(MEMBER_FIELDS, own);
  const refused = stillRefused(refusedFields(add.error, MEMBER_FIELDS), sent, values);
  const errors = { ...refused, ...validation.shown };
  const members = new Set(caseFile.members.map((member) => member.person.id));
  const found = query.length >= PERSON_SEARCH_MIN_LENGTH ? (search.data?.items ?? []) : [];
  const settled =
    query.length >= PERSON_SEARCH_MIN_LENGTH &&
    search.isSuccess &&
    !search.isPlaceholderData &&
    text.trim() === query;
  const chosen = found.find((person) => person.id === values.personId);
  const status =
    query.length < PERSON_SEARCH_MIN_LENGTH
      ? ''
      : !settled
        ? t('caseFiles.addMember.searching')
        : found.length === 0
          ? t('caseFiles.addMember.nobody')
          : t('caseFiles.addMember.found', { count: found.length });

  const reset = () => {
    setText('');
    setQuery('');
    setValues({ personId: '', role: '' });
    setSent(null);
    validation.reset();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      add.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSent(values);
    const name = chosen ? nameOf(chosen) : '';
    add.mutate(
      { id: caseFile.id, personId: values.personId, role: values.role as MemberRole },
      {
        onSuccess: () => {
          reset();
          onAdded(name);
        },
      },
    );
  };

  return (
    <form
      className={cx(styles.addMember, 'form')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="subsection-title">
        {t('caseFiles.addMember.title')}
      </h3>
      <ErrorAlert
        error={add.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={`${id}-q`}>{t('caseFiles.addMember.search')}</label>
        <p id={`${id}-q-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('caseFiles.addMember.searchHint')}
        </p>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-q-hint ${id}-status`}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            // Other words: the person chosen among the former results is chosen no more.
            setValues((current) => ({ ...current, personId: '' }));
          }}
          onKeyDown={(event) => {
            // Enter searches at once; it does not send the form.
            if (event.key === 'Enter') {
              event.preventDefault();
              setQuery(text.trim());
            }
          }}
        />
        <p id={`${id}-status`} role="status" className={cx(fieldCss.fieldHint, 'field__hint')}>
          {status}
        </p>
      </div>
      <ErrorAlert error={search.error} focus={false} onRetry={() => void search.refetch()} />
      {found.length > 0 && (
        <FieldGroup
          id={`${id}-personId`}
          legend={t('caseFiles.addMember.person')}
          error={errors.personId}
          required
          className={cx(search.isPlaceholderData && styles.stale)}
        >
          <ul className={styles.candidates}>
            {found.map((person) => {
              const already = members.has(person.id);
              return (
                <li key={person.id}>
                  <label className={cx(fieldCss.checkbox, 'checkbox', styles.candidate)}>
                    <input
                      type="radio"
                      name="personId"
                      value={person.id}
                      checked={values.personId === person.id}
                      disabled={already}
                      onChange={() => setValues((current) => ({ ...current, personId: person.id }))}
                    />
                    <span>
                      <span className={styles.candidateName}>{nameOf(person)}</span>
                      <span className={fieldCss.checkboxNote}>
                        {[
                          person.birthDate
                            ? formatDate(person.birthDate)
                            : t('caseFiles.noBirthDate'),
                          person.municipality.name,
                          ...(person.documentNumber ? [person.documentNumber] : []),
                          ...(already ? [t('caseFiles.addMember.alreadyMember')] : []),
                        ].join(' · ')}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </FieldGroup>
      )}
      {found.length === 0 && errors.personId && (
        <p id={`${id}-personId`} tabIndex={-1} className="field__error">
          {errors.personId}
        </p>
      )}
      <SelectField
        id={`${id}-role`}
        name="role"
        label={t('caseFiles.addMember.role')}
        required
        error={errors.role}
        value={values.role}
        empty={t('caseFiles.choose')}
        options={MEMBER_ROLES.map((role) => ({ value: role, label: t(`caseFiles.roles.${role}`) }))}
        onChange={(role) => setValues((current) => ({ ...current, role }))}
        onBlur={() => validation.touch('role')}
        className={styles.roleField}
      />
      <FormActions
        submitLabel={t('caseFiles.addMember.submit')}
        pending={add.isPending}
        pendingLabel={t('caseFiles.addMember.adding')}
        onCancel={() => {
          add.reset();
          reset();
        }}
        cancelDisabled={!text && !values.personId && !values.role}
      />
    </form>
  );
}
