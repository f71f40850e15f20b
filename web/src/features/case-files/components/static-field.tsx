import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** A field the user may not change: its value, and who may. */
export function StaticField({
  label,
  value,
  hint,
}: {
  label: string;
  value: string;
  hint: string;
}) {
  return (
    <div className={cx(fieldCss.field, 'field')}>
      <span className={fieldCss.fieldLabel}>{label}</span>
      <p className={fieldCss.fieldStatic}>{value}</p>
      <p className={cx(fieldCss.fieldHint, 'field__hint')}>{hint}</p>
    </div>
  );
}
