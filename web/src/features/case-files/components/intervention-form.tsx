import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVENTION_PLACES, NOTES_MAX } from '@caliu/common';
import type { CaseFile, CreateIntervention } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useDraftedForm } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import { useCreateIntervention } from '../api/create-intervention';
import { useCatalogue } from '../api/get-catalogue';
import { useProfessionals } from '../api/get-professionals';
import { refusedFields, stillRefused } from '../refusals';
import { INTERVENTION_FIELDS, interventionBody, interventionProblems } from '../validation';
import type { InterventionValues } from '../validation';
import { InputField, SelectField, TextAreaField } from './fields';
import styles from '../case-files.module.css';

/** The longest an intervention may last, in minutes (a working day). */
const DURATION_MAX = 720;

/**
 * Recording an intervention: its type, the day (today unless told), how long, where, who was
 * there (members of the case file, other professionals) and the notes. What is typed is kept as
 * an encrypted draft in this browser until it is saved (lib/use-form-draft): a reload or an
 * expired session in the middle of an interview loses nothing. A refusal keeps it all too.
 */
export function InterventionForm({
  caseFile,
  onRecorded,
}: {
  caseFile: CaseFile;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const id = useId();
  const today = todayIn(me.entity.timeZone);
  const { values, set, dirty, draft, cancel, save } = useDraftedForm<InterventionValues>(
    `intervention:new:${caseFile.id}`,
    () => ({
      typeId: '',
      occurredOn: today,
      durationMinutes: '',
      place: '',
      personIds: [],
      professionalIds: [],
      notes: '',
    }),
  );
  const types = useCatalogue('intervention_type');
  const professionals = useProfessionals();
  const create = useCreateIntervention();
  const [sent, setSent] = useState<InterventionValues | null>(null);

  const own = Object.fromEntries(
    Object.entries(interventionProblems(values, { today })).map(([field, problem]) => [
      field,
      t(`caseFiles.validation.${problem}`, { max: DURATION_MAX }),
    ]),
  );
  const validation = useValidation(INTERVENTION_FIELDS, own);
  const refused = stillRefused(refusedFields(create.error, INTERVENTION_FIELDS), sent, values);
  const errors = { ...refused, ...validation.shown };
  const focus = (field: string) => document.getElementById(`${id}-${field}`)?.focus();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      create.reset();
      focus(first);
      return;
    }
    setSent(values);
    save(async () => {
      await create.mutateAsync({
        caseFileId: caseFile.id,
        // Checked by the schema before it is sent.
        ...(interventionBody(values) as CreateIntervention),
      });
      onRecorded();
    }).catch((refusal: unknown) => {
      // The refusal shows through `create.error`; everything typed stays, and its draft too.
      const byField = refusedFields(refusal, INTERVENTION_FIELDS);
      const field = INTERVENTION_FIELDS.find((f) => byField[f]);
      if (field) focus(field);
    });
  };

  const typeOptions = (types.data ?? [])
    .filter((item) => item.active || item.id === values.typeId)
    .map((item) => ({ value: item.id, label: item.label }));
  const memberOptions = caseFile.members.map((member) => ({
    value: member.person.id,
    label: member.person.name,
    note:
      member.municipality.id !== caseFile.municipality.id
        ? t('caseFiles.intervention.livesIn', { municipality: member.municipality.name })
        : undefined,
  }));
  const professionalOptions = (professionals.data ?? [])
    .filter((p) => p.id !== me.id)
    .map((p) => ({ value: p.id, label: p.name }));

  return (
    <form className="form intervention-form" onSubmit={submit} noValidate>
      <FormDraftNotices draft={draft} />
      <ErrorAlert
        error={create.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      <ErrorAlert error={types.error} focus={false} onRetry={() => void types.refetch()} />
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <div className={fieldCss.formRow}>
        <SelectField
          id={`${id}-typeId`}
          name="typeId"
          label={t('caseFiles.intervention.type')}
          required
          error={errors.typeId}
          value={values.typeId}
          empty={types.isPending ? t('common.loading') : t('caseFiles.choose')}
          options={typeOptions}
          onChange={(value) => set('typeId', value)}
          onBlur={() => validation.touch('typeId')}
        />
        <InputField
          id={`${id}-occurredOn`}
          name="occurredOn"
          type="date"
          label={t('caseFiles.intervention.occurredOn')}
          required
          max={today}
          error={errors.occurredOn}
          value={values.occurredOn}
          onChange={(value) => set('occurredOn', value)}
          onBlur={() => validation.touch('occurredOn')}
        />
      </div>
      <div className={fieldCss.formRow}>
        <InputField
          id={`${id}-durationMinutes`}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min="1"
          max={String(DURATION_MAX)}
          label={t('caseFiles.intervention.duration')}
          hint={t('caseFiles.intervention.durationHint')}
          error={errors.durationMinutes}
          value={values.durationMinutes}
          onChange={(value) => set('durationMinutes', value)}
          onBlur={() => validation.touch('durationMinutes')}
        />
        <SelectField
          id={`${id}-place`}
          name="place"
          label={t('caseFiles.intervention.place')}
          error={errors.place}
          value={values.place}
          empty={t('caseFiles.notStated')}
          options={INTERVENTION_PLACES.map((place) => ({
            value: place,
            label: t(`caseFiles.places.${place}`),
          }))}
          onChange={(value) => set('place', value)}
          onBlur={() => validation.touch('place')}
        />
      </div>
      <div className={fieldCss.formRow}>
        <CheckboxList
          id={`${id}-personIds`}
          name="personIds"
          legend={t('caseFiles.intervention.persons')}
          hint={t('caseFiles.intervention.personsHint')}
          error={errors.personIds}
          options={memberOptions}
          selected={values.personIds}
          onChange={(ids) => set('personIds', ids)}
        />
        <CheckboxList
          id={`${id}-professionalIds`}
          name="professionalIds"
          legend={t('caseFiles.intervention.professionals')}
          hint={t('caseFiles.intervention.professionalsHint')}
          error={errors.professionalIds}
          options={professionalOptions}
          selected={values.professionalIds}
          onChange={(ids) => set('professionalIds', ids)}
          empty={
            professionals.isPending
              ? t('common.loading')
              : t('caseFiles.intervention.noProfessionals')
          }
        />
      </div>
      <TextAreaField
        id={`${id}-notes`}
        name="notes"
        label={t('caseFiles.intervention.notes')}
        hint={t('caseFiles.intervention.notesHint')}
        className={styles.notesField}
        rows={12}
        maxLength={NOTES_MAX}
        error={errors.notes}
        value={values.notes}
        onChange={(value) => set('notes', value)}
        onBlur={() => validation.touch('notes')}
      />
      <FormActions
        submitLabel={t('caseFiles.intervention.submit')}
        pending={create.isPending}
        pendingLabel={t('caseFiles.intervention.submitting')}
        onCancel={() => {
          create.reset();
          validation.reset();
          cancel();
        }}
        cancelDisabled={!dirty}
      />
    </form>
  );
}
