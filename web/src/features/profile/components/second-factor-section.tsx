import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSecondFactor } from '../api/get-second-factor';
import { EnrolmentFlow } from './enrolment-flow';
import { RemoveSecondFactorForm } from './remove-second-factor-form';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../profile.module.css';
import { alertClass } from '@/components/ui/alert';

type Outcome = 'enrolled' | 'removed' | null;

/** The second factor: its state, and setting it up or removing it. */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const status = useSecondFactor();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const body = () => {
    if (status.isPending) return <p className="muted">{t('common.loading')}</p>;
    if (status.isError) {
      return (
        <p role="alert" className={alertClass('error')}>
          {status.error.message}
        </p>
      );
    }
    const state = status.data;
    return (
      <>
        <p className={styles.factorState}>
          <span className={state.enrolled ? 'badge badge--on' : 'badge badge--off'}>
            {state.enrolled ? t('profile.secondFactor.on') : t('profile.secondFactor.off')}
          </span>
          {state.enrolled && (
            <span>{t('profile.secondFactor.codesLeft', { count: state.recoveryCodesLeft })}</span>
          )}
        </p>
        {state.required && <p>{t('profile.secondFactor.requiredNote')}</p>}
        {!state.enrolled && <EnrolmentFlow onDone={() => setOutcome('enrolled')} />}
        {state.enrolled && !state.required && (
          <RemoveSecondFactorForm onDone={() => setOutcome('removed')} />
        )}
      </>
    );
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('profile.secondFactor.title')}
      </h2>
      <p className={fieldCss.formIntro}>{t('profile.secondFactor.intro')}</p>
      {outcome && (
        <div ref={outcomeRef} tabIndex={-1} role="status" className={alertClass('success')}>
          <p>
            {outcome === 'enrolled'
              ? t('profile.secondFactor.enrolled')
              : t('profile.secondFactor.removed')}
          </p>
          {outcome === 'enrolled' && <Link to="/">{t('profile.secondFactor.continue')}</Link>}
        </div>
      )}
      {body()}
    </section>
  );
}
