import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CreatePerson, Person, UpdatePerson } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import type { FieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useDuplicateCheck } from '../api/check-duplicates';
import { todayIn } from '../dates';
import { useDebounced } from '../use-debounced';
import {
  createBody,
  EMPTY_VALUES,
  FIELD_ORDER,
  identityChanged,
  identityOf,
  mergeAfterReload,
  updateBody,
  valuesOf,
} from '../form-values';
import type { PersonField, PersonValues } from '../form-values';
import { firstField, refusedFields } from '../refusals';
import { personProblems } from '../validation';
import { AttentionFields } from './attention-fields';
import { ContactFields } from './contact-fields';
import { DuplicateWarning } from './duplicate-warning';
import type { DuplicateCandidate } from './duplicate-warning';
import { fieldId } from './field-controls';
import type { FormBinding } from './field-controls';
import { IdentificationFields } from './identification-fields';
import { PlaceFields } from './place-fields';
import { FormSection, ReloadedNotice, StaleNotice } from './person-form-parts';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import { buttonClass } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import { useFormDraft } from '@/lib/use-form-draft';

type CommonProps = {
  pending: boolean;
  /** The last refusal of a save (kept by the page's mutation). */
  error: Error | null;
  submitLabel: string;
  /** Where "Cancel" goes. */
  cancelTo: string;
  /** The field that takes the focus when the form opens (the team, from "Change team"). */
  initialFocus?: PersonField;
};

export type PersonFormProps = CommonProps &
  (
    | { mode: 'create'; initial: PersonValues; save: (body: CreatePerson) => Promise<void> }
    | {
        mode: 'edit';
        person: Person;
        save: (body: UpdatePerson) => Promise<void>;
        /** Reads the record again (after someone else changed it). */
        reload: () => Promise<Person | undefined>;
      }
  );

type Duplicates = { signature: string; items: DuplicateCandidate[]; canOverride: boolean };

const IDENTITY_FIELDS = [
  'givenName',
  'firstSurname',
  'birthDate',
  'documentType',
  'documentNumber',
] as const;

/**
 * Whether the fields that decide a duplicate are filled in and valid: the document, or the name
 * and the date of birth (the warning then shows while the user goes on typing).
 */
function decidesDuplicates(values: PersonValues, problems: Partial<Record<PersonField, unknown>>) {
  if (IDENTITY_FIELDS.some((field) => problems[field])) return false;
  const document = values.documentType !== '' && values.documentNumber.trim() !== '';
  const nameAndBirth =
    values.givenName.trim() !== '' && values.firstSurname.trim() !== '' && values.birthDate !== '';
  return document || nameAndBirth;
}

const sameDocumentIn = (items: DuplicateCandidate[]) =>
  items.some((item) => item.reasons.includes('same_document'));

/**
 * A person's record. Every rule of the API shows next to its field as the user types (once the
 * field has been left); before saving, the likely duplicates are shown so the professional can
 * open one instead; a refusal keeps everything typed and says why, next to the field it is about.
 */
export function PersonForm(props: PersonFormProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const idPrefix = useId();
  const editing = props.mode === 'edit' ? props.person : undefined;
  const [values, setValues] = useState<PersonValues>(() =>
    props.mode === 'edit' ? valuesOf(props.person) : props.initial,
  );
  // The record the user started from (a reload after someone else's change replaces it).
  const [base, setBase] = useState<Person | undefined>(editing);
  const [sent, setSent] = useState<PersonValues | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<Error | null>(null);
  const [reloaded, setReloaded] = useState<PersonField[] | null>(null);
  const check = useDuplicateCheck();
  // The check made while typing (its failures are silent: saving checks again).
  const liveCheck = useDuplicateCheck();
  const [focusRequest, setFocusRequest] = useState(0);
  // What typing is compared with: the record as last read, or the new form as it opened.
  const [opened] = useState(values);
  const savedValues = base ? valuesOf(base) : opened;
  const draft = useFormDraft({
    form: props.mode === 'edit' ? `person:${props.person.id}` : 'person:new',
    values,
    dirty: JSON.stringify(values) !== JSON.stringify(savedValues),
    apply: setValues,
  });
  const today = todayIn(me.entity.timeZone);
  // Referent and team: a coordinator of the person's team (for a new record, of the team it gets).
  const reassign = base
    ? base.can.changeReferent && base.can.changeTeam
    : me.permissions.includes('persons.change_referent');
  const teamChoice = reassign;

  const problems = personProblems(values, { today });
  const own: FieldErrors = Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, t(`persons.validation.${problem}`)]),
  );
  const validation = useValidation(FIELD_ORDER, own);
  const error = props.error && props.error !== dismissed ? props.error : null;
  const stale = error instanceof ApiError && error.code === 'persons.stale';
  // A refusal about a field stays until that field changes.
  const stillRefused: FieldErrors = Object.fromEntries(
    Object.entries(refusedFields(error)).filter(
      ([field]) => sent !== null && sent[field as PersonField] === values[field as PersonField],
    ),
  );
  const errors = { ...stillRefused, ...validation.shown };
  const signature = JSON.stringify(identityOf(values));
  const checked = duplicates?.signature === signature ? duplicates : null;
  const shownDuplicates = checked && checked.items.length > 0 ? checked : null;

  // As soon as the deciding fields are filled: the likely duplicates, beside them.
  const decisive =
    decidesDuplicates(values, problems) && (base ? identityChanged(values, base) : true);
  const [settled] = useDebounced(decisive ? signature : null, 500);
  const { mutateAsync: checkWhileTyping } = liveCheck;
  const baseId = base?.id;
  useEffect(() => {
    if (settled === null || settled !== signature || duplicates?.signature === settled) return;
    let current = true;
    const identity = JSON.parse(settled) as ReturnType<typeof identityOf>;
    checkWhileTyping(baseId ? { ...identity, excludeId: baseId } : identity)
      .then((found) => {
        if (!current) return;
        setDuplicates({
          signature: settled,
          items: found.items,
          canOverride: !sameDocumentIn(found.items),
        });
      })
      .catch(() => {
        // Saving checks again, and says so if it fails.
      });
    return () => {
      current = false;
    };
  }, [settled, signature, duplicates?.signature, checkWhileTyping, baseId]);

  const set: FormBinding['set'] = (field, value) =>
    setValues((current) => ({
      ...current,
      [field]: value,
      // Another municipality: the sector chosen in the former one no longer applies.
      ...(field === 'municipalityId' && value !== current.municipalityId ? { sectorId: '' } : {}),
    }));
  const form: FormBinding = { idPrefix, values, errors, set, touch: validation.touch };
  const focusField = (field: PersonField) =>
    document.getElementById(fieldId(idPrefix, field))?.focus();
  const { initialFocus } = props;
  useEffect(() => {
    if (!initialFocus) return;
    // After the console has moved the focus to the new page's main region.
    const frame = window.requestAnimationFrame(() =>
      document.getElementById(fieldId(idPrefix, initialFocus))?.focus(),
    );
    return () => window.cancelAnimationFrame(frame);
  }, [initialFocus, idPrefix]);

  /** After a refusal: to the first field it names; a taken document shows who holds it. */
  const afterRefusal = async (refusal: unknown, from: PersonValues) => {
    const first = firstField(refusedFields(refusal));
    if (first) focusField(first);
    if (refusal instanceof ApiError && refusal.code === 'persons.duplicate_document') {
      const holders = await check
        .mutateAsync(
          identityOf(
            {
              ...EMPTY_VALUES,
              documentType: from.documentType,
              documentNumber: from.documentNumber,
            },
            base?.id,
          ),
        )
        .catch(() => null);
      if (holders?.items.length) {
        setDuplicates({
          signature: JSON.stringify(identityOf(from)),
          items: holders.items,
          canOverride: false,
        });
        setFocusRequest((n) => n + 1);
      }
    }
  };

  const send = async (from: PersonValues) => {
    setSent(from);
    setReloaded(null);
    setDismissed(null);
    try {
      if (props.mode === 'edit' && base) {
        const body = updateBody(from, base, { withTeam: teamChoice });
        await draft.saving(() => props.save(body));
      } else if (props.mode === 'create') {
        const body = createBody(from, { withTeam: teamChoice });
        await draft.saving(() => props.save(body));
      }
    } catch (refusal) {
      await afterRefusal(refusal, from);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      focusField(first);
      return;
    }
    const mustCheck = base ? identityChanged(values, base) : true;
    if (mustCheck && confirmed !== signature) {
      // Checked while typing, or now.
      const found =
        checked ?? (await check.mutateAsync(identityOf(values, base?.id)).catch(() => null));
      if (!found) return;
      if (found.items.length > 0) {
        // A record with the same document cannot be saved twice: the only way on is to open it.
        setDuplicates({
          signature,
          items: found.items,
          canOverride: !sameDocumentIn(found.items),
        });
        setFocusRequest((n) => n + 1);
        return;
      }
    }
    await send(values);
  };

  const saveAnyway = () => {
    setConfirmed(signature);
    void send(values);
  };

  const reload = async () => {
    if (props.mode !== 'edit' || !base) return;
    const latest = await props.reload();
    if (!latest) return;
    const merged = mergeAfterReload(values, base, latest);
    setValues(merged.values);
    setBase(latest);
    setDismissed(props.error);
    setReloaded(merged.changedElsewhere);
  };

  const busy = props.pending || check.isPending;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormDraftNotices draft={draft} />
      {stale ? (
        <StaleNotice message={error.message} onReload={() => void reload()} />
      ) : (
        <ErrorAlert
          error={error}
          focus={Object.keys(stillRefused).length === 0}
          shownByFields={Object.keys(stillRefused)}
        />
      )}
      {reloaded && <ReloadedNotice fields={reloaded} />}
      <ErrorAlert error={check.error} />
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <FormSection id={`${idPrefix}-identification`} title={t('persons.sections.identification')}>
        <IdentificationFields form={form} today={today} />
      </FormSection>
      {/* Beside the fields that decide it, announced as it appears while the user types. */}
      <div aria-live="polite">
        {shownDuplicates && (
          <DuplicateWarning
            candidates={shownDuplicates.items}
            creating={!base}
            pending={busy}
            onSaveAnyway={shownDuplicates.canOverride ? saveAnyway : undefined}
            focusRequest={focusRequest}
          />
        )}
      </div>
      <FormSection id={`${idPrefix}-contact`} title={t('persons.sections.contact')}>
        <ContactFields form={form} />
      </FormSection>
      <FormSection id={`${idPrefix}-housing`} title={t('persons.sections.housing')}>
        <PlaceFields form={form} />
      </FormSection>
      <FormSection id={`${idPrefix}-attention`} title={t('persons.sections.attention')}>
        <AttentionFields form={form} person={base} reassign={reassign} />
      </FormSection>
      <div className={fieldCss.formActions}>
        {/* A record with the same document cannot be saved: the warning offers only to open it.
            With likely duplicates, saving leads to the warning and its "different person". */}
        {!(shownDuplicates && !shownDuplicates.canOverride) && (
          <button type="submit" className={buttonClass()} disabled={busy}>
            {check.isPending
              ? t('persons.duplicates.checking')
              : props.pending
                ? t('forms.saving')
                : props.submitLabel}
          </button>
        )}
        <Link to={props.cancelTo} className={buttonClass({ variant: 'secondary' })}>
          {t('forms.cancel')}
        </Link>
      </div>
    </form>
  );
}
