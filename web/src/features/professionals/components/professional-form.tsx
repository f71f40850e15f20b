import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';
import { useSectors, useTeams } from '@/lib/api/organization';
import { ErrorAlert } from '@/components/ui/alert';
import { useCurrentUser } from '@/lib/auth';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { LEAVES_FORM, useDraftedForm } from '@/lib/use-form-draft';
import { FormDraftNotices } from '@/components/ui/form-draft';
import { useEmailDomains } from '../api/get-email-domains';
import { EMPTY_VALUES, FIELD_ORDER, valuesOf } from '../form-values';
import type { ProfessionalField, ProfessionalValues } from '../form-values';
import { professionalProblems } from '../validation';
import type { Problem } from '../validation';
import { IdentityFields } from './identity-fields';
import { MobileField, WorkFields } from './work-fields';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import { FormActions } from '@/components/ui/button';

type ProfessionalFormProps = {
  /** The professional being edited; none: a new one. */
  professional?: Professional;
  pending: boolean;
  error: Error | null;
  /** Saves (a new professional: and opens their page); refusals show through `error`. */
  onSubmit: (values: ProfessionalValues) => Promise<unknown>;
  submitLabel: string;
  /** Where Cancel goes (a new professional); none: Cancel puts the record back as saved. */
  cancelTo?: string;
};

/**
 * A professional's record. Every rule the console can check shows next to its field once the
 * user has left it, and follows each keystroke after that; what only the server knows (a taken
 * email or document) shows there too after a refusal, with everything typed kept.
 */
export function ProfessionalForm({
  professional,
  pending,
  error,
  onSubmit,
  submitLabel,
  cancelTo,
}: ProfessionalFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const id = useId();
  const creating = !professional;
  const teams = useTeams();
  const sectors = useSectors();
  const domains = useEmailDomains(me.permissions.includes('organization.manage'));
  const {
    values,
    set,
    draft,
    dirty,
    cancel,
    save: saving,
  } = useDraftedForm<ProfessionalValues>(
    `professional:${professional?.id ?? 'new'}`,
    () => (professional ? valuesOf(professional) : EMPTY_VALUES),
    { stored: (typed) => ({ ...typed, mobile: '' }) },
  );
  const [sent, setSent] = useState<ProfessionalValues | null>(null);

  const knownDomains = domains.data ?? null;
  const problems = professionalProblems(values, { domains: knownDomains, creating });
  const message = (problem: Problem): string => {
    switch (problem) {
      case 'required':
        return t('forms.required');
      case 'document':
        return t(`professionals.errors.document.${values.documentType}`);
      case 'email':
        return t('professionals.errors.email');
      case 'email_domain':
        return t('professionals.errors.emailDomain', { domains: knownDomains?.join(', ') ?? '' });
      case 'username':
        return t('professionals.errors.username');
      case 'roles':
        return t('professionals.errors.roles');
      case 'cost_category_required':
        return t('professionals.errors.costCategory');
      case 'mobile':
        return t('professionals.errors.mobile');
    }
  };
  const ownErrors: FieldErrors = Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, message(problem)]),
  );
  const validation = useValidation(FIELD_ORDER, ownErrors);
  // A refusal about a field stays until that field changes.
  const refused = serverFieldErrors(error);
  const stillRefused: FieldErrors = Object.fromEntries(
    Object.entries(refused).filter(
      ([field]) =>
        sent !== null &&
        JSON.stringify(sent[field as keyof ProfessionalValues]) ===
          JSON.stringify(values[field as keyof ProfessionalValues]),
    ),
  );
  const errors = { ...stillRefused, ...validation.shown };

  const touch = (field: ProfessionalField) => validation.touch(field);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSent(values);
    saving(() => onSubmit(values)).catch(() => {
      // The refusal shows through `error`; the typing and its draft stay.
    });
  };

  const fields = { idPrefix: id, values, errors, set, touch, creating };
  return (
    <form className="form professional-form" onSubmit={submit} noValidate>
      <FormDraftNotices draft={draft} />
      <ErrorAlert error={error} shownByFields={Object.keys(stillRefused)} />
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <section className={cx(fieldCss.formSection, 'card')} aria-labelledby={`${id}-identity`}>
        <h2 id={`${id}-identity`} className="section-title">
          {t('professionals.sections.identity')}
        </h2>
        <IdentityFields
          {...fields}
          domains={knownDomains}
          entityLanguage={me.entity.defaultLanguage}
        />
      </section>
      <section className={cx(fieldCss.formSection, 'card')} aria-labelledby={`${id}-work`}>
        <h2 id={`${id}-work`} className="section-title">
          {t('professionals.sections.work')}
        </h2>
        <WorkFields
          {...fields}
          teams={teams.data ?? []}
          sectors={sectors.data ?? []}
          rolesLocked={professional ? !professional.can.editRoles : false}
        />
      </section>
      {creating && (
        <section className={cx(fieldCss.formSection, 'card')} aria-labelledby={`${id}-activation`}>
          <h2 id={`${id}-activation`} className="section-title">
            {t('professionals.sections.activation')}
          </h2>
          <p>{t('professionals.activationIntro')}</p>
          <MobileField {...fields} />
        </section>
      )}
      <FormActions
        submitLabel={submitLabel}
        pending={pending}
        cancelDisabled={!cancelTo && !dirty}
        onCancel={() => {
          cancel();
          // A new professional's page is left: Cancel answers the question leaving would ask.
          if (cancelTo) navigate(cancelTo, { state: LEAVES_FORM });
        }}
      />
    </form>
  );
}
