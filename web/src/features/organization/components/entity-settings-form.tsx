import { useId, useMemo } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emailDomainsSchema, isValidTimeZone, LANGUAGES, SECOND_FACTOR_ROLES } from '@caliu/common';
import type { EntitySettings, EntitySettingsPatch, Language } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { LANGUAGE_NAMES } from '@/lib/languages';
import { useValidation } from '@/lib/use-validation';
import { useDraftedForm } from '@/lib/use-form-draft';
import { FormDraftNotices } from '@/components/ui/form-draft';
import { useUpdateEntity } from '../api/update-entity';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../organization.module.css';

const FIELDS = ['name', 'emailDomains', 'timeZone', 'defaultLanguage'] as const;

type Values = {
  name: string;
  emailDomains: string;
  timeZone: string;
  defaultLanguage: Language;
  requiresSecondFactor: boolean;
  appointmentReminderHours: number;
};

/** How long before an appointment its reminder may leave (the server takes 1 to 168 hours). */
const REMINDER_HOURS = [2, 4, 12, 24, 48, 72, 168];

const valuesOf = (entity: EntitySettings): Values => ({
  name: entity.name,
  emailDomains: entity.emailDomains.join('\n'),
  timeZone: entity.timeZone,
  defaultLanguage: entity.defaultLanguage,
  requiresSecondFactor: entity.requiresSecondFactor,
  appointmentReminderHours: entity.appointmentReminderHours,
});

/** The domains typed, one per line (commas and spaces also separate them). */
const domainsIn = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);

const isDomain = (domain: string) => emailDomainsSchema.element.safeParse(domain).success;

type ZoneOption = { value: string; label: string };

/**
 * The time zones by city and offset ("Madrid · GMT+01:00"), in alphabetical order of city, as
 * people look for them; the value stays the IANA identifier the server keeps. (The identifier's
 * region, "Europe", is English and is left out.)
 */
function timeZones(current: string, language: string): ZoneOption[] {
  const all = Intl.supportedValuesOf('timeZone');
  const zones = all.includes(current) ? all : [current, ...all];
  const now = new Date();
  return zones
    .map((zone) => {
      const parts = zone.split('/');
      const city = (parts.at(-1) ?? zone).replace(/_/g, ' ');
      let offset = '';
      try {
        offset =
          new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longOffset' })
            .formatToParts(now)
            .find((part) => part.type === 'timeZoneName')?.value ?? '';
      } catch {
        // A zone this browser does not know: shown by its name alone.
      }
      return { value: zone, label: offset ? `${city} · ${offset}` : city };
    })
    .sort((a, b) => a.label.localeCompare(b.label, language));
}

/** The entity's settings; only what changed is sent. */
export function EntitySettingsForm({ entity }: { entity: EntitySettings }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateEntity();
  const id = useId();
  const { values, set, draft, dirty, cancel, save } = useDraftedForm(`entity:${entity.id}`, () =>
    valuesOf(entity),
  );
  const zones = useMemo(
    () => timeZones(entity.timeZone, i18n.language),
    [entity.timeZone, i18n.language],
  );

  const domains = domainsIn(values.emailDomains);
  const problems: FieldErrors = {};
  if (!values.name.trim()) problems.name = t('forms.required');
  const invalid = domains.filter((domain) => !isDomain(domain));
  if (domains.length === 0) problems.emailDomains = t('organization.entity.errors.noDomain');
  else if (invalid.length) {
    problems.emailDomains = t('organization.entity.errors.badDomain', {
      domains: invalid.join(', '),
    });
  } else if (new Set(domains).size !== domains.length) {
    problems.emailDomains = t('organization.entity.errors.duplicateDomain');
  }
  if (!isValidTimeZone(values.timeZone))
    problems.timeZone = t('organization.entity.errors.timeZone');
  const validation = useValidation(FIELDS, problems);
  const errors = { ...serverFieldErrors(update.error), ...validation.shown };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      update.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const before = valuesOf(entity);
    const patch: EntitySettingsPatch = {};
    if (values.name.trim() !== before.name) patch.name = values.name.trim();
    if (domains.join('\n') !== before.emailDomains) patch.emailDomains = domains;
    if (values.timeZone !== before.timeZone) patch.timeZone = values.timeZone;
    if (values.defaultLanguage !== before.defaultLanguage) {
      patch.defaultLanguage = values.defaultLanguage;
    }
    if (values.requiresSecondFactor !== before.requiresSecondFactor) {
      patch.requiresSecondFactor = values.requiresSecondFactor;
    }
    if (values.appointmentReminderHours !== before.appointmentReminderHours) {
      patch.appointmentReminderHours = values.appointmentReminderHours;
    }
    save(() => update.mutateAsync(patch))
      .then(() => validation.reset())
      .catch(() => {
        // The refusal shows above the form; the typing and its draft stay.
      });
  };

  const roles = SECOND_FACTOR_ROLES.map((role) => t(`roles.${role}`)).join(', ');
  return (
    <form className={cx(styles.formSettings, 'card form')} onSubmit={submit} noValidate>
      <FormDraftNotices draft={draft} />
      {update.isSuccess && <Notice>{t('organization.entity.saved')}</Notice>}
      <ErrorAlert error={update.error} shownByFields={FIELDS} />
      <p className="muted">{t('organization.entity.code', { code: entity.code })}</p>
      <FormField
        id={`${id}-name`}
        label={t('organization.entity.name')}
        error={errors.name}
        required
      >
        {(control) => (
          <input
            {...control}
            name="name"
            type="text"
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
            onBlur={() => validation.touch('name')}
          />
        )}
      </FormField>
      <FormField
        id={`${id}-emailDomains`}
        label={t('organization.entity.emailDomains')}
        hint={t('organization.entity.emailDomainsHint')}
        error={errors.emailDomains}
        required
      >
        {(control) => (
          <textarea
            {...control}
            name="emailDomains"
            rows={3}
            spellCheck={false}
            autoCapitalize="none"
            value={values.emailDomains}
            onChange={(event) => set('emailDomains', event.target.value)}
            onBlur={() => validation.touch('emailDomains')}
          />
        )}
      </FormField>
      <div className={fieldCss.formRow}>
        <FormField
          id={`${id}-timeZone`}
          label={t('organization.entity.timeZone')}
          hint={t('organization.entity.timeZoneHint')}
          error={errors.timeZone}
          required
        >
          {(control) => (
            <select
              {...control}
              name="timeZone"
              value={values.timeZone}
              onChange={(event) => set('timeZone', event.target.value)}
            >
              {zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={`${id}-defaultLanguage`}
          label={t('organization.entity.defaultLanguage')}
          hint={t('organization.entity.defaultLanguageHint')}
          error={errors.defaultLanguage}
          required
        >
          {(control) => (
            <select
              {...control}
              name="defaultLanguage"
              value={values.defaultLanguage}
              onChange={(event) => set('defaultLanguage', event.target.value as Language)}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField
        id={`${id}-appointmentReminderHours`}
        label={t('organization.entity.appointmentReminderHours')}
        hint={t('organization.entity.appointmentReminderHoursHint')}
        required
      >
        {(control) => (
          <select
            {...control}
            name="appointmentReminderHours"
            value={values.appointmentReminderHours}
            onChange={(event) => set('appointmentReminderHours', Number(event.target.value))}
          >
            {[...new Set([...REMINDER_HOURS, entity.appointmentReminderHours])]
              .sort((a, b) => a - b)
              .map((hours) => (
                <option key={hours} value={hours}>
                  {t('organization.entity.reminderHours', { count: hours })}
                </option>
              ))}
          </select>
        )}
      </FormField>
      <div className={cx(fieldCss.field, 'field')}>
        <label className={cx(fieldCss.checkbox, 'checkbox')}>
          <input
            type="checkbox"
            name="requiresSecondFactor"
            checked={values.requiresSecondFactor}
            aria-describedby={`${id}-2fa-hint`}
            onChange={(event) => set('requiresSecondFactor', event.target.checked)}
          />
          <span>{t('organization.entity.requiresSecondFactor')}</span>
        </label>
        <p
          id={`${id}-2fa-hint`}
          className={cx(fieldCss.fieldHint, fieldCss.checkboxHint, 'field__hint')}
        >
          {t('organization.entity.requiresSecondFactorHint', { roles })}
        </p>
      </div>
      <FormActions
        submitLabel={t('forms.save')}
        pending={update.isPending}
        onCancel={cancel}
        cancelDisabled={!dirty}
      />
    </form>
  );
}
