import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, UpdateCaseFile } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import fieldCss from '@/components/ui/form-field.module.css';
import { ApiError } from '@/lib/api-client';
import { OPTIONS_STALE_TIME, useMunicipalities, useTeams } from '@/lib/api/organization';
import { cx } from '@/lib/cx';
import { useDraftedForm } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import { useProfessionals } from '../api/get-professionals';
import { useUpdateCaseFile } from '../api/update-case-file';
import { refusedFields, stillRefused } from '../refusals';
import { HEADER_FIELDS, headerProblems } from '../validation';
import type { HeaderValues } from '../validation';
import { SelectField } from './fields';
import { StaticField } from './static-field';

type HeaderFormProps = {
  caseFile: CaseFile;
  onSaved: () => Promise<void>;
  onCancel: () => void;
  /** Reads the case file again (after someone else changed it). */
  onReload: () => Promise<unknown>;
};

const valuesOf = (caseFile: CaseFile): HeaderValues => ({
  municipalityId: caseFile.municipality.id,
  teamId: caseFile.team?.id ?? '',
  referentId: caseFile.referent?.id ?? '',
  assignedIds: caseFile.assigned.map((p) => p.id),
});

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** What saving sends: only what changed, with the version the user started from. */
function patchOf(values: HeaderValues, caseFile: CaseFile): UpdateCaseFile {
  const stored = valuesOf(caseFile);
  return {
    version: caseFile.version,
    ...(values.municipalityId !== stored.municipalityId
      ? { municipalityId: values.municipalityId }
      : {}),
    ...(caseFile.can.changeTeam && values.teamId && values.teamId !== stored.teamId
      ? { teamId: values.teamId }
      : {}),
    ...(caseFile.can.changeReferent && values.referentId !== stored.referentId
      ? { referentId: values.referentId || null }
      : {}),
    ...(!same(values.assignedIds, stored.assignedIds) ? { assignedIds: values.assignedIds } : {}),
  };
}

/**
 * The header of a case file: its municipality and assigned professionals; its referent and team
 * for a coordinator of its team (shown as they are to anyone else). Kept as a draft until saved.
 */
export function HeaderForm({ caseFile, onSaved, onCancel, onReload }: HeaderFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const { values, set, draft, cancel, save } = useDraftedForm<HeaderValues>(
    `case-file:${caseFile.id}`,
    () => valuesOf(caseFile),
  );
  const update = useUpdateCaseFile();
  const municipalities = useMunicipalities({ staleTime: OPTIONS_STALE_TIME });
  const teams = useTeams({ staleTime: OPTIONS_STALE_TIME, enabled: caseFile.can.changeTeam });
  const professionals = useProfessionals();
  const [sent, setSent] = useState<HeaderValues | null>(null);
  const [reloaded, setReloaded] = useState(false);

  const own = Object.fromEntries(
    Object.entries(headerProblems(values)).map(([field, problem]) => [
      field,
      t(`caseFiles.validation.${problem}`),
    ]),
  );
  const validation = useValidation(HEADER_FIELDS, own);
  const refused = stillRefused(refusedFields(update.error, HEADER_FIELDS), sent, values);
  const errors = { ...refused, ...validation.shown };
  const stale = update.error instanceof ApiError && update.error.code === 'case_files.stale';
  const focus = (field: string) => document.getElementById(`${id}-${field}`)?.focus();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      update.reset();
      focus(first);
      return;
    }
    setSent(values);
    setReloaded(false);
    // onSaved runs inside the save: the page it opens is not held back by this form.
    save(async () => {
      await update.mutateAsync({ id: caseFile.id, ...patchOf(values, caseFile) });
      await onSaved();
    }).catch((refusal: unknown) => {
      const byField = refusedFields(refusal, HEADER_FIELDS);
      const field = HEADER_FIELDS.find((f) => byField[f]);
      if (field) focus(field);
    });
  };

  const professionalOptions = (professionals.data ?? []).map((p) => ({
    value: p.id,
    label: p.name,
  }));
  const teamOptions = (teams.data ?? [])
    .filter((team) => team.active || team.id === values.teamId)
    .map((team) => ({ value: team.id, label: team.name }));

  return (
    <form className="form card" onSubmit={submit} noValidate>
      <FormDraftNotices draft={draft} />
      {stale ? (
        <div role="alert" tabIndex={-1} className={alertClass('warning')}>
          <p className={alertTitleClass}>{update.error?.message}</p>
          <p>{t('caseFiles.edit.staleKept')}</p>
          <Button
            variant="secondary"
            onClick={() =>
              void onReload().then(() => {
                update.reset();
                setReloaded(true);
              })
            }
          >
            {t('caseFiles.edit.reload')}
          </Button>
        </div>
      ) : (
        <ErrorAlert
          error={update.error}
          focus={Object.keys(refused).length === 0}
          shownByFields={Object.keys(refused)}
        />
      )}
      {reloaded && (
        <p role="status" className={alertClass('info')}>
          {t('caseFiles.edit.reloaded')}
        </p>
      )}
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <div className={fieldCss.formRow}>
        <SelectField
          id={`${id}-municipalityId`}
          name="municipalityId"
          label={t('caseFiles.fields.municipality')}
          hint={t('caseFiles.hints.municipalityEdit')}
          required
          error={errors.municipalityId}
          value={values.municipalityId}
          empty={municipalities.isPending ? t('common.loading') : t('caseFiles.choose')}
          options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(value) => set('municipalityId', value)}
          onBlur={() => validation.touch('municipalityId')}
        />
        {caseFile.can.changeTeam ? (
          <SelectField
            id={`${id}-teamId`}
            name="teamId"
            label={t('caseFiles.fields.team')}
            error={errors.teamId}
            value={values.teamId}
            empty={teams.isPending ? t('common.loading') : t('caseFiles.noTeam')}
            options={teamOptions}
            onChange={(value) => set('teamId', value)}
            onBlur={() => validation.touch('teamId')}
          />
        ) : (
          <StaticField
            label={t('caseFiles.fields.team')}
            value={caseFile.team?.name ?? t('caseFiles.noTeam')}
            hint={t('caseFiles.hints.teamCoordinatorOnly')}
          />
        )}
      </div>
      {caseFile.can.changeReferent ? (
        <SelectField
          id={`${id}-referentId`}
          name="referentId"
          label={t('caseFiles.fields.referent')}
          hint={t('caseFiles.hints.referent')}
          error={errors.referentId}
          value={values.referentId}
          empty={professionals.isPending ? t('common.loading') : t('caseFiles.noReferent')}
          options={professionalOptions}
          onChange={(value) => set('referentId', value)}
          onBlur={() => validation.touch('referentId')}
        />
      ) : (
        <StaticField
          label={t('caseFiles.fields.referent')}
          value={caseFile.referent?.name ?? t('caseFiles.noReferent')}
          hint={t('caseFiles.hints.referentCoordinatorOnly')}
        />
      )}
      <CheckboxList
        id={`${id}-assignedIds`}
        name="assignedIds"
        legend={t('caseFiles.fields.assigned')}
        hint={t('caseFiles.hints.assigned')}
        error={errors.assignedIds}
        options={professionalOptions.filter((p) => p.value !== values.referentId)}
        selected={values.assignedIds}
        onChange={(ids) => set('assignedIds', ids)}
        empty={professionals.isPending ? t('common.loading') : t('caseFiles.noAssigned')}
      />
      <FormActions
        submitLabel={t('forms.saveChanges')}
        pending={update.isPending}
        onCancel={() => {
          cancel();
          onCancel();
        }}
      />
    </form>
  );
}
