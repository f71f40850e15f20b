import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonField } from '../form-values';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass, alertListClass } from '@/components/ui/alert';

/** One card of the form, under its heading. */
export function FormSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className={cx(fieldCss.formSection, 'card')} aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Someone else saved the record meanwhile: say so, and offer to read it again. */
export function StaleNotice({ message, onReload }: { message: string; onReload: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={alertClass('warning')}>
      <p className={alertTitleClass}>{message}</p>
      <p>{t('persons.form.staleKept')}</p>
      <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={onReload}>
        {t('persons.form.reload')}
      </button>
    </div>
  );
}

/** After the reload: which fields the other change touched (what the user typed is kept). */
export function ReloadedNotice({ fields }: { fields: readonly PersonField[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [fields]);
  return (
    <div ref={ref} role="status" tabIndex={-1} className={alertClass('info')}>
      <p className={alertTitleClass}>{t('persons.form.reloaded')}</p>
      {fields.length > 0 ? (
        <>
          <p>{t('persons.form.changedElsewhere')}</p>
          <ul className={alertListClass}>
            {fields.map((field) => (
              <li key={field}>{t(`persons.fields.${field}`)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('persons.form.nothingChangedElsewhere')}</p>
      )}
      <p>{t('persons.form.saveAgain')}</p>
    </div>
  );
}
