import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Person } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { useCurrentUser } from '@/lib/auth';
import { useDeletePerson } from '../api/delete-person';
import { useMarkDeceased } from '../api/mark-deceased';
import { useReactivatePerson } from '../api/reactivate-person';
import { todayIn } from '../dates';
import { fullName } from '@/lib/person-names';
import type { SearchLocationState } from './persons-search-page';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../persons.module.css';
import { buttonClass } from '@/components/ui/button';

/** What the user may do with the record, as its `can` flags say. */
export function PersonActions({ person }: { person: Person }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeletePerson();
  const reactivate = useReactivatePerson();
  const [recording, setRecording] = useState(false);
  const name = fullName(person);
  const canRecordDeath = person.can.edit && person.status === 'active';
  if (!person.can.edit && !person.can.delete && !person.can.reactivate) return null;
  return (
    <div className={styles.personActions}>
      <div className={styles.personActionsButtons}>
        {person.can.edit && (
          <Link
            to={`/persons/${person.id}/edit`}
            className={buttonClass()}
            aria-label={t('forms.editNamed', { name })}
          >
            {t('forms.edit')}
          </Link>
        )}
        {person.can.changeTeam && (
          <Link
            to={`/persons/${person.id}/edit`}
            state={{ focus: 'teamId' }}
            className={buttonClass({ variant: 'secondary' })}
          >
            {t('persons.actions.changeTeam')}
          </Link>
        )}
        {canRecordDeath && !recording && (
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => setRecording(true)}
          >
            {t('persons.actions.recordDeath')}
          </button>
        )}
        {person.can.reactivate && (
          <ConfirmButton
            label={t('persons.actions.reactivate')}
            question={t('persons.actions.reactivateQuestion', { name })}
            confirmLabel={t('persons.actions.reactivateConfirm')}
            cancelLabel={t('forms.cancel')}
            pending={reactivate.isPending}
            tone="secondary"
            small={false}
            onConfirm={() => reactivate.mutate(person.id)}
          />
        )}
        {person.can.delete && (
          <ConfirmButton
            label={t('forms.delete')}
            accessibleLabel={t('forms.deleteNamed', { name })}
            question={t('persons.actions.deleteQuestion', { name })}
            confirmLabel={t('forms.deleteConfirm')}
            cancelLabel={t('forms.cancel')}
            pending={remove.isPending}
            small={false}
            onConfirm={() =>
              remove.mutate(person.id, {
                onSuccess: () => {
                  const state: SearchLocationState = { deleted: name };
                  void navigate('/persons', { state });
                },
              })
            }
          />
        )}
      </div>
      <ErrorAlert error={remove.error ?? reactivate.error} />
      {recording && canRecordDeath && (
        <DeathForm person={person} onDone={() => setRecording(false)} />
      )}
    </div>
  );
}

/** The date of death, asked before the record changes state. */
function DeathForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const mark = useMarkDeceased();
  const today = todayIn(me.entity.timeZone);
  const [date, setDate] = useState(today);
  const [tried, setTried] = useState(false);
  useEffect(() => inputRef.current?.focus(), []);

  const problem = !date
    ? t('persons.validation.required')
    : date > today
      ? t('persons.validation.deceased_in_future')
      : person.birthDate && date < person.birthDate
        ? t('persons.validation.deceased_before_birth')
        : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    mark.mutate({ id: person.id, deceasedOn: date }, { onSuccess: onDone });
  };
  return (
    <form
      className={cx(styles.deathForm, 'card')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="section-title">
        {t('persons.actions.recordDeathTitle', { name: fullName(person) })}
      </h2>
      <p>{t('persons.actions.recordDeathLead')}</p>
      <ErrorAlert error={mark.error} />
      <FormField
        id={`${id}-date`}
        label={t('persons.fields.deceasedOn')}
        error={tried ? problem : undefined}
        required
      >
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            type="date"
            name="deceasedOn"
            value={date}
            max={today}
            min={person.birthDate ?? undefined}
            onChange={(event) => setDate(event.target.value)}
          />
        )}
      </FormField>
      <div className={fieldCss.formActions}>
        <button
          type="submit"
          className={buttonClass({ variant: 'danger' })}
          disabled={mark.isPending}
        >
          {mark.isPending ? t('forms.saving') : t('persons.actions.recordDeathSubmit')}
        </button>
        <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={onDone}>
          {t('forms.cancel')}
        </button>
      </div>
    </form>
  );
}
