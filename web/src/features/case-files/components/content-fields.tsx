import { useTranslation } from 'react-i18next';
import { DESCRIPTION_MAX } from '@caliu/common';
import type { CaseFile } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import type { RecordKind } from '../api/content-api';
import { useCatalogue } from '../api/get-catalogue';
import { InputField, SelectField, TextAreaField } from './fields';

/** What a bound field gets from the form (FormApi.bind). */
type Bound = {
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
};

/**
 * The type of a demand, a problem, a resource or a procedure: the entity's catalogue of that
 * kind (its active entries, and the one already chosen even if retired since).
 */
export function TypeField({ catalogue, ...field }: Bound & { catalogue: RecordKind }) {
  const { t } = useTranslation();
  const types = useCatalogue(catalogue);
  const options = (types.data ?? [])
    .filter((item) => item.active || item.id === field.value)
    .map((item) => ({ value: item.id, label: item.label }));
  return (
    <div>
      <SelectField
        {...field}
        label={t('caseContent.fields.type')}
        required
        empty={types.isPending ? t('common.loading') : t('caseFiles.choose')}
        options={options}
      />
      <ErrorAlert error={types.error} focus={false} onRetry={() => void types.refetch()} />
    </div>
  );
}

/**
 * The member it concerns. Content is recorded only for members who live in the case file's
 * municipality: the hint says so, and those who live elsewhere say where (the server refuses
 * them naming both municipalities).
 */
export function PersonField({ caseFile, ...field }: Bound & { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const options = caseFile.members.map((member) => ({
    value: member.person.id,
    label:
      member.municipality.id === caseFile.municipality.id
        ? member.person.name
        : t('caseContent.fields.personElsewhere', {
            name: member.person.name,
            municipality: member.municipality.name,
          }),
  }));
  return (
    <SelectField
      {...field}
      label={t('caseContent.fields.person')}
      hint={t('caseContent.fields.personHint', { municipality: caseFile.municipality.name })}
      required
      empty={t('caseFiles.choose')}
      options={options}
    />
  );
}

/** A day; `after` is the day it cannot come before (the start of what it ends). */
export function DateField({
  after,
  ...field
}: Bound & {
  label: string;
  hint?: string | undefined;
  required?: boolean;
  after?: string | null | undefined;
  max?: string;
}) {
  return <InputField {...field} type="date" min={after || undefined} />;
}

/** The notes of an entry (its text, as long as the API keeps). */
export function NotesField(field: Bound & { label?: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      label={t('caseContent.fields.notes')}
      rows={4}
      maxLength={DESCRIPTION_MAX}
      {...field}
    />
  );
}
