import { useTranslation } from 'react-i18next';
import { INTERVENTION_PLACES, NOTES_MAX } from '@caliu/common';
import type { CaseFile, CreateIntervention } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/ui/alert';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { useCreateIntervention } from '../api/create-intervention';
import { useCatalogue } from '../api/get-catalogue';
import { useProfessionals } from '../api/get-professionals';
import { INTERVENTION_FIELDS, interventionBody, interventionProblems } from '../validation';
import type { InterventionField, InterventionValues } from '../validation';
import { ContentForm } from './content-form';
import type { FormApi } from './content-form';
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
  labelledBy,
  onRecorded,
}: {
  caseFile: CaseFile;
  /** The heading that names the form. */
  labelledBy?: string;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const today = todayIn(me.entity.timeZone);
  const create = useCreateIntervention();
  return (
    <ContentForm<InterventionValues, InterventionField>
      mode="create"
      className="intervention-form"
      draftKey={`intervention:new:${caseFile.id}`}
      labelledBy={labelledBy}
      initial={{
        typeId: '',
        occurredOn: today,
        durationMinutes: '',
        place: '',
        personIds: [],
        professionalIds: [],
        notes: '',
      }}
      fields={INTERVENTION_FIELDS}
      problems={(values) =>
        Object.fromEntries(
          Object.entries(interventionProblems(values, { today })).map(([field, problem]) => [
            field,
            t(`caseFiles.validation.${problem}`, { max: DURATION_MAX }),
          ]),
        )
      }
      sending={{
        send: (values) =>
          create.mutateAsync({
            caseFileId: caseFile.id,
            // Checked by the schema before it is sent.
            ...(interventionBody(values) as CreateIntervention),
          }),
        error: create.error,
        pending: create.isPending,
        reset: create.reset,
      }}
      submitLabel={() => t('caseFiles.intervention.submit')}
      pendingLabel={t('caseFiles.intervention.submitting')}
      onDone={onRecorded}
    >
      {(form) => <InterventionFields form={form} caseFile={caseFile} today={today} />}
    </ContentForm>
  );
}

/** The type and day, how long and where, who was there, and the notes. */
function InterventionFields({
  form,
  caseFile,
  today,
}: {
  form: FormApi<InterventionValues, InterventionField>;
  caseFile: CaseFile;
  today: string;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const types = useCatalogue('intervention_type');
  const professionals = useProfessionals();
  const { values } = form;
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
    <>
      <ErrorAlert error={types.error} focus={false} onRetry={() => void types.refetch()} />
      <div className={fieldCss.formRow}>
        <SelectField
          {...form.bind('typeId')}
          label={t('caseFiles.intervention.type')}
          required
          empty={types.isPending ? t('common.loading') : t('caseFiles.choose')}
          options={typeOptions}
        />
        <InputField
          {...form.bind('occurredOn')}
          type="date"
          label={t('caseFiles.intervention.occurredOn')}
          required
          max={today}
        />
      </div>
      <div className={fieldCss.formRow}>
        <InputField
          {...form.bind('durationMinutes')}
          type="number"
          inputMode="numeric"
          min="1"
          max={String(DURATION_MAX)}
          label={t('caseFiles.intervention.duration')}
          hint={t('caseFiles.intervention.durationHint')}
        />
        <SelectField
          {...form.bind('place')}
          label={t('caseFiles.intervention.place')}
          empty={t('caseFiles.notStated')}
          options={INTERVENTION_PLACES.map((place) => ({
            value: place,
            label: t(`caseFiles.places.${place}`),
          }))}
        />
      </div>
      <div className={fieldCss.formRow}>
        <CheckboxList
          id={form.id('personIds')}
          name="personIds"
          legend={t('caseFiles.intervention.persons')}
          hint={t('caseFiles.intervention.personsHint')}
          error={form.error('personIds')}
          options={memberOptions}
          selected={values.personIds}
          onChange={(ids) => form.set('personIds', ids)}
        />
        <CheckboxList
          id={form.id('professionalIds')}
          name="professionalIds"
          legend={t('caseFiles.intervention.professionals')}
          hint={t('caseFiles.intervention.professionalsHint')}
          error={form.error('professionalIds')}
          options={professionalOptions}
          selected={values.professionalIds}
          onChange={(ids) => form.set('professionalIds', ids)}
          empty={
            professionals.isPending
              ? t('common.loading')
              : t('caseFiles.intervention.noProfessionals')
          }
        />
      </div>
      <TextAreaField
        {...form.bind('notes')}
        label={t('caseFiles.intervention.notes')}
        hint={t('caseFiles.intervention.notesHint')}
        className={styles.notesField}
        rows={12}
        maxLength={NOTES_MAX}
      />
    </>
  );
}
