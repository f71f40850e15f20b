import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { filtersToSearchParams } from '../filters';
import type { AuditFilters, FilterName } from '../filters';
import { KNOWN_ACTIONS, KNOWN_RECORD_TYPES, OUTCOMES, useAuditVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../audit.module.css';
import { buttonClass } from '@/components/ui/button';

type AuditFilterFormProps = {
  /** The filters of the search on screen. */
  filters: AuditFilters;
  /** The professional the search is limited to, when the results name them. */
  actor: AuditEntry['actor'];
  fieldErrors: Partial<Record<FilterName, string>>;
  onApply: (filters: AuditFilters) => void;
};

/** The search form; it starts again from the filters on screen whenever those change. */
export function AuditFilterForm({ filters, actor, fieldErrors, onApply }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const vocabulary = useAuditVocabulary();
  const { entity } = useCurrentUser();
  const idPrefix = useId();
  const id = (name: string) => `${idPrefix}-${name}`;

  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    // A new search (a name clicked, Back, cleared): the form follows it.
    setShown(filters);
    setDraft(filters);
  }

  const set = (name: FilterName) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };

  // A code in the address that the console does not list still shows, by its code.
  const actions = withCurrent(KNOWN_ACTIONS, filters.action);
  const recordTypes = withCurrent(KNOWN_RECORD_TYPES, filters.recordType);
  const hasFilters = filtersToSearchParams(filters).toString() !== '';

  const field = (name: FilterName, label: string, control: ReactNode, hint?: string) => (
    <div className={cx(fieldCss.field, 'field')}>
      <label htmlFor={id(name)}>{label}</label>
      {hint && (
        <p id={`${id(name)}-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {hint}
        </p>
      )}
      {control}
      {fieldErrors[name] && (
        <p id={`${id(name)}-error`} className="field__error">
          {fieldErrors[name]}
        </p>
      )}
    </div>
  );
  const controlProps = (name: FilterName, hintId?: string) => ({
    id: id(name),
    name,
    value: draft[name] ?? '',
    'aria-invalid': fieldErrors[name] ? true : undefined,
    'aria-describedby':
      [hintId, fieldErrors[name] ? `${id(name)}-error` : undefined].filter(Boolean).join(' ') ||
      undefined,
  });

  return (
    <form
      className={cx(styles.auditFilters, 'card')}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={id('title')}
      role="search"
    >
      <h2 id={id('title')} className="section-title">
        {t('audit.filters.title')}
      </h2>
      <div className={styles.auditFiltersGrid}>
        {field(
          'action',
          t('audit.filters.action'),
          <select {...controlProps('action')} onChange={(e) => set('action')(e.target.value)}>
            <option value="">{t('audit.filters.anyAction')}</option>
            {actions.map((code) => (
              <option key={code} value={code}>
                {vocabulary.action(code)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'outcome',
          t('audit.filters.outcome'),
          <select {...controlProps('outcome')} onChange={(e) => set('outcome')(e.target.value)}>
            <option value="">{t('audit.filters.anyOutcome')}</option>
            {withCurrent(OUTCOMES, filters.outcome).map((outcome) => (
              <option key={outcome} value={outcome}>
                {vocabulary.outcome(outcome)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'recordType',
          t('audit.filters.recordType'),
          <select
            {...controlProps('recordType')}
            onChange={(e) => set('recordType')(e.target.value)}
          >
            <option value="">{t('audit.filters.anyRecordType')}</option>
            {recordTypes.map((code) => (
              <option key={code} value={code}>
                {vocabulary.recordType(code)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'recordId',
          t('audit.filters.recordId'),
          <input
            {...controlProps('recordId')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set('recordId')(e.target.value)}
          />,
        )}
        {field(
          'from',
          t('audit.filters.from'),
          <input
            {...controlProps('from', id('dates-hint'))}
            type="date"
            max={draft.to}
            onChange={(e) => set('from')(e.target.value)}
          />,
        )}
        {field(
          'to',
          t('audit.filters.to'),
          <input
            {...controlProps('to', id('dates-hint'))}
            type="date"
            min={draft.from}
            onChange={(e) => set('to')(e.target.value)}
          />,
        )}
      </div>
      <p
        id={id('dates-hint')}
        className={cx(fieldCss.fieldHint, styles.auditFiltersHint, 'field__hint')}
      >
        {t('audit.filters.datesHint', { timeZone: entity.timeZone })}
      </p>

      <ActorFilter actor={actor} filters={filters} onApply={onApply} />

      <details className={styles.auditFiltersAdvanced} open={Boolean(filters.actorId) || undefined}>
        <summary>{t('audit.filters.advanced')}</summary>
        {field(
          'actorId',
          t('audit.filters.actorId'),
          <input
            {...controlProps('actorId', `${id('actorId')}-hint`)}
            type="text"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set('actorId')(e.target.value)}
          />,
          t('audit.filters.actorIdHint'),
        )}
      </details>

      <div className={styles.auditFiltersActions}>
        <button type="submit" className={buttonClass()}>
          {t('audit.filters.submit')}
        </button>
        {hasFilters && (
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => onApply({})}
          >
            {t('audit.filters.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Whom the search is about: everybody, or one professional (chosen by a name in the results). */
function ActorFilter({
  actor,
  filters,
  onApply,
}: Pick<AuditFilterFormProps, 'actor' | 'filters' | 'onApply'>) {
  const { t } = useTranslation();
  const name = actor?.name ?? (actor?.fromSupport ? t('audit.table.supportAgent') : null);
  const only = name
    ? t('audit.filters.onlyProfessional', { name })
    : t('audit.filters.onlyProfessionalId', { id: filters.actorId });
  return (
    <div
      className={styles.auditFiltersActor}
      role="group"
      aria-label={t('audit.filters.professional')}
    >
      <span className={styles.auditFiltersActorLabel}>{t('audit.filters.professional')}</span>
      {filters.actorId ? (
        <>
          <span className={styles.auditChip}>{only}</span>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary', small: true })}
            onClick={() => onApply({ ...filters, actorId: undefined })}
          >
            {t('audit.filters.showAllProfessionals')}
          </button>
        </>
      ) : (
        <span className="muted">{t('audit.filters.anyProfessional')}</span>
      )}
    </div>
  );
}

function withCurrent<T extends string>(known: readonly T[], current: string | undefined) {
  return current && !(known as readonly string[]).includes(current) ? [...known, current] : known;
}
