import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketKind, TicketSummary } from '@caliu/common';
import { alertClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FailedTicketFile } from '@/lib/ticket-files-slot';
import type { SupportRequestStart } from '@/lib/support-request';
import {
  emptyDraft,
  isCoordinatorChoice,
  isTicketChoice,
  REQUEST_CHOICES,
  type DraftOf,
  type RequestChoice,
} from '../request-kinds';
import { CoordinatorForm } from './coordinator-form';
import { DiagnoseForm } from './diagnose-form';
import { TicketForm } from './ticket-form';
import styles from '../support.module.css';

/** The form a request starts with: empty, or filled from where it was asked (a duplicate pair). */
function initialDraft(kind: TicketKind, start: SupportRequestStart | null): DraftOf[TicketKind] {
  if (kind === 'merge_persons' && start?.mergePersons) {
    return { ...emptyDraft('merge_persons'), ...start.mergePersons };
  }
  return emptyDraft(kind);
}

/**
 * "New request": first what the user needs, in the seed's words; then its form (a ticket, the
 * coordinator's task handed to them, or the self-diagnosis); then, for a ticket, its number.
 */
export function NewRequest({
  start,
  onDone,
  onOpenTicket,
}: {
  start: SupportRequestStart | null;
  onDone: () => void;
  onOpenTicket: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<RequestChoice | null>(start?.choice ?? null);
  // The self-diagnosis may end in an "other question" ticket, its text prefilled.
  const [otherText, setOtherText] = useState<string | null>(null);
  const [sent, setSent] = useState<TicketSummary | null>(null);
  const [failedFiles, setFailedFiles] = useState<FailedTicketFile[]>([]);
  const onSent = (ticket: TicketSummary, failed: FailedTicketFile[]) => {
    setFailedFiles(failed);
    setSent(ticket);
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const step = sent ? 'sent' : choice === null ? 'choose' : `${choice}:${otherText ?? ''}`;
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const heading = sent
    ? t('support.sent.title')
    : choice === null
      ? t('support.newRequest')
      : t(`support.choices.${otherText !== null ? 'other' : choice}`);

  const back = () => {
    setChoice(null);
    setOtherText(null);
  };

  return (
    <section aria-labelledby={headingId} className={styles.newRequest}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="section-title">
        {heading}
      </h3>
      {/* Mounted (empty) before the ticket is sent: a region that appears filled may go unread. */}
      <div role="status" className={styles.liveRegion}>
        {sent && (
          <p className={alertClass('success')}>{t('support.sent.body', { number: sent.number })}</p>
        )}
        {sent && failedFiles.length > 0 && (
          <div className={alertClass('warning')}>
            <p>{t('support.sent.filesFailed')}</p>
            <ul>
              {failedFiles.map((file, index) => (
                <li key={index}>
                  {t('support.sent.fileFailed', { file: file.fileName, reason: file.reason })}
                </li>
              ))}
            </ul>
            <p>{t('support.sent.attachFromTicket')}</p>
          </div>
        )}
      </div>
      {sent ? (
        <div className={styles.row}>
          <Button small onClick={() => onOpenTicket(sent.id)}>
            {t('support.sent.open')}
          </Button>
          <Button small variant="secondary" onClick={onDone}>
            {t('support.form.backToTickets')}
          </Button>
        </div>
      ) : choice === null ? (
        <>
          <p className="muted">{t('support.chooseIntro')}</p>
          <ul className={styles.choiceList}>
            {REQUEST_CHOICES.map((c) => (
              <li key={c}>
                <button type="button" className={styles.choiceButton} onClick={() => setChoice(c)}>
                  {t(`support.choices.${c}`)}
                </button>
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={onDone}>
            {t('support.form.backToTickets')}
          </Button>
        </>
      ) : otherText !== null ? (
        <TicketForm
          key="other-from-diagnosis"
          kind="other"
          initial={{ text: otherText }}
          onSent={onSent}
          onCancel={back}
        />
      ) : choice === 'cannot_add' ? (
        <DiagnoseForm onCancel={back} onOfferTicket={setOtherText} />
      ) : isCoordinatorChoice(choice) ? (
        <CoordinatorForm key={choice} kind={choice} onCancel={back} onDone={onDone} />
      ) : isTicketChoice(choice) ? (
        <TicketForm
          key={choice}
          kind={choice}
          initial={initialDraft(choice, start)}
          onSent={onSent}
          onCancel={back}
        />
      ) : null}
    </section>
  );
}
