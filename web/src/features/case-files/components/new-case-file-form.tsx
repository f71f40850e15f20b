import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { creatableScopes, TECHNICIAN_ROLES } from '@caliu/common';
import type { Person } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import { OPTIONS_STALE_TIME, useMunicipalities } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { cx } from '@/lib/cx';
import { LEAVES_FORM, useDraftedForm } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCreateCaseFile } from '../api/create-case-file';
import { useProfessionals } from '../api/get-professionals';
import { refusedFields, stillRefused } from '../refusals';
import { CREATE_FIELDS, createBody, createProblems } from '../validation';
import type { CreateValues } from '../validation';
import { SelectField } from './fields';
import { StaticField } from './static-field';
import type { CaseFileLocationState } from './case-file-page';

/** Whether these roles may be a referent (technicians and coordinators, as for persons). */
const mayBeReferent = (roles: readonly string[]) =>
  roles.some(
    (role) => role === 'coordinator' || (TECHNICIAN_ROLES as readonly string[]).includes(role),
  );

/**
 * The new case file's scope (those the user may open; chosen already when there is one), its
 * municipality (the holder's unless told otherwise) and its referent (the user, by default).
 */
export function NewCaseFileForm({ person, cancelTo }: { person: Person; cancelTo: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const id = useId();
  const scopes = creatableScopes(me.roles);
  const referent = mayBeReferent(me.roles);
  const reassign = me.permissions.includes('persons.change_referent');
  const { values, set, draft, cancel, save } = useDraftedForm<CreateValues>(
    `case-file:new:${person.id}`,
    () => ({
      scope: scopes.length === 1 ? scopes[0]! : '',
      municipalityId: person.municipality.id,
      referentId: referent ? me.id : '',
    }),
  );
  const create = useCreateCaseFile();
  const municipalities = useMunicipalities({ staleTime: OPTIONS_STALE_TIME });
  const professionals = useProfessionals();
  const [sent, setSent] = useState<CreateValues | null>(null);

  const own = Object.fromEntries(
    Object.entries(createProblems(person.id, values)).map(([field, problem]) => [
      field,
      t(`caseFiles.validation.${problem}`),
    ]),
  );
  const validation = useValidation(CREATE_FIELDS, own);
  const refused = stillRefused(refusedFields(create.error, CREATE_FIELDS), sent, values);
  const errors = { ...refused, ...validation.shown };

  const referentOptions = (professionals.data ?? [])
    .filter((p) => reassign || p.id === me.id || p.id === values.referentId)
    .map((p) => ({ value: p.id, label: p.name }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      create.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSent(values);
    save(async () => {
      const caseFile = await create.mutateAsync(
        createBody(person.id, values, { withReferent: referent || reassign }),
      );
      const state: CaseFileLocationState = { notice: 'created' };
      await navigate(`/case-files/${caseFile.id}`, { state });
    }).catch((refusal: unknown) => {
      // The refusal shows through `create.error`; a field it names takes the focus.
      const byField = refusedFields(refusal, CREATE_FIELDS);
      const field = CREATE_FIELDS.find((f) => byField[f]);
      if (field) document.getElementById(`${id}-${field}`)?.focus();
    });
  };

  return (
    <form className="form card" onSubmit={submit} noValidate>
      <FormDraftNotices draft={draft} />
      <ErrorAlert
        error={create.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <SelectField
        id={`${id}-scope`}
        name="scope"
        label={t('caseFiles.fields.scope')}
        hint={t('caseFiles.hints.scope')}
        required
        error={errors.scope}
        value={values.scope}
        empty={scopes.length === 1 ? undefined : t('caseFiles.choose')}
        options={scopes.map((scope) => ({ value: scope, label: t(`caseFiles.scopes.${scope}`) }))}
        onChange={(value) => set('scope', value)}
        onBlur={() => validation.touch('scope')}
      />
      <div className={fieldCss.formRow}>
        <SelectField
          id={`${id}-municipalityId`}
          name="municipalityId"
          label={t('caseFiles.fields.municipality')}
          hint={t('caseFiles.hints.municipality')}
          required
          error={errors.municipalityId}
          value={values.municipalityId}
          empty={municipalities.isPending ? t('common.loading') : t('caseFiles.choose')}
          options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(value) => set('municipalityId', value)}
          onBlur={() => validation.touch('municipalityId')}
        />
        {referent || reassign ? (
          <SelectField
            id={`${id}-referentId`}
            name="referentId"
            label={t('caseFiles.fields.referent')}
            hint={reassign ? t('caseFiles.hints.referent') : t('caseFiles.hints.referentSelf')}
            error={errors.referentId}
            value={values.referentId}
            empty={professionals.isPending ? t('common.loading') : t('caseFiles.noReferent')}
            options={referentOptions}
            onChange={(value) => set('referentId', value)}
            onBlur={() => validation.touch('referentId')}
          />
        ) : (
          <StaticField
            label={t('caseFiles.fields.referent')}
            value={t('caseFiles.noReferent')}
            hint={t('caseFiles.hints.referentCoordinator')}
          />
        )}
      </div>
      <FormActions
        submitLabel={t('caseFiles.new.submit')}
        pending={create.isPending}
        pendingLabel={t('caseFiles.new.submitting')}
        onCancel={() => {
          cancel();
          void navigate(cancelTo, { state: LEAVES_FORM });
        }}
      />
    </form>
  );
}
