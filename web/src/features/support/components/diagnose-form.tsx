import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MOVABLE_KINDS, type Diagnosis, type MovableKind } from '@caliu/common';
import { ErrorAlert, alertClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { useDiagnoseContent } from '@/lib/api/coordinator-requests';
import type { PickedPerson } from '../request-kinds';
import { RadioGroup } from './form-controls';
import { CaseFileChooser, PersonChooser } from './pickers';
import type { PickedCaseFile } from './pickers';
import styles from '../support.module.css';

/** Each reason of a diagnosis in words, with the names it needs. */
export function useDiagnosisWords() {
  const { t } = useTranslation();
  return (reason: Diagnosis['reasons'][number]) =>
    t(`support.diagnosis.reasons.${reason.code}`, {
      person: reason.params.person ?? '',
      number: reason.params.number ?? '',
      personMunicipality: reason.params.personMunicipality ?? '',
      caseFileMunicipality: reason.params.caseFileMunicipality ?? '',
    });
}

/**
 * "I cannot add an intervention, demand, resource…": the person, the case file and what they
 * tried to add; the server says why not (the municipality rule first), and a ticket is offered
 * only when nothing it knows stands in the way.
 */
export function DiagnoseForm({
  onCancel,
  onOfferTicket,
}: {
  onCancel: () => void;
  /** Opens an "other question" ticket with this text. */
  onOfferTicket: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [caseFile, setCaseFile] = useState<PickedCaseFile | null>(null);
  const [kind, setKind] = useState<MovableKind | ''>('');
  const diagnose = useDiagnoseContent();
  const words = useDiagnosisWords();
  const resultRef = useRef<HTMLDivElement>(null);
  const result = diagnose.data;
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const ready = person !== null && caseFile !== null && kind !== '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!person || !caseFile || kind === '') return;
    diagnose.mutate({ personId: person.id, caseFileId: caseFile.id, kind });
  };
  const reset = () => diagnose.reset();

  return (
    <form noValidate onSubmit={onSubmit} className={styles.form}>
      <p className={alertClass('info')}>{t('support.guidance.cannot_add')}</p>
      <PersonChooser
        id={`${id}-person`}
        label={t('support.fields.person')}
        value={person}
        onChange={(p) => {
          setPerson(p);
          reset();
        }}
      />
      <CaseFileChooser
        id={`${id}-caseFile`}
        label={t('support.fields.caseFile')}
        value={caseFile}
        onChange={(c) => {
          setCaseFile(c);
          reset();
        }}
      />
      <RadioGroup
        id={`${id}-kind`}
        label={t('support.fields.contentKind')}
        options={MOVABLE_KINDS.map((k) => ({ value: k, label: t(`caseContent.kinds.${k}`) }))}
        value={kind}
        onChange={(k) => {
          setKind(k);
          reset();
        }}
      />
      <ErrorAlert error={diagnose.error} />
      {result && (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          className={alertClass(result.ok ? 'success' : 'warning')}
        >
          {result.ok ? (
            <p>{t('support.diagnosis.ok')}</p>
          ) : (
            <>
              <p>{t('support.diagnosis.found')}</p>
              <ul>
                {result.reasons.map((reason) => (
                  <li key={reason.code}>{words(reason)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className={fieldCss.formActions}>
        {result?.ok && person && caseFile && kind !== '' ? (
          <Button
            onClick={() =>
              onOfferTicket(
                t('support.diagnosis.ticketText', {
                  kind: t(`caseContent.kinds.${kind}`),
                  person: person.name,
                  number: caseFile.number,
                }),
              )
            }
          >
            {t('support.diagnosis.openTicket')}
          </Button>
        ) : (
          <Button type="submit" disabled={!ready || diagnose.isPending}>
            {diagnose.isPending ? t('support.diagnosis.checking') : t('support.diagnosis.check')}
          </Button>
        )}
        <Button variant="secondary" onClick={onCancel}>
          {t('support.form.back')}
        </Button>
      </div>
    </form>
  );
}
