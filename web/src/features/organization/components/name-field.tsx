import { FormField } from '@/components/ui/form-field';

type NameFieldProps = {
  /** The form's id prefix: the field is `${idPrefix}-name`. */
  idPrefix: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
};

/** The required name of an organization record (a municipality, a sector, a team). */
export function NameField({ idPrefix, label, value, error, onChange, onBlur }: NameFieldProps) {
  return (
    <FormField id={`${idPrefix}-name`} label={label} error={error} required>
      {(control) => (
        <input
          {...control}
          name="name"
          type="text"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FormField>
  );
}
