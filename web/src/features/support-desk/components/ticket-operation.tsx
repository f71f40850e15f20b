import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationLine, OperationPreview, OperationResult, Ticket } from '@caliu/common';
import {
  alertClass,
  alertListClass,
  alertTitleClass,
  ErrorAlert,
  Notice,
} from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ApiError } from '@/lib/api-client';
import { useDateTimeFormat } from '@/lib/format';
import { operationLinesInWords, type Translate } from '@/lib/operation-lines';
import { usePreviewOperation, useRunOperation } from '../api/ticket-operation';
import styles from '../support-desk.module.css';

/** What an operation changes or changed, one line each, in the agent's words. */
function OperationLines({ lines }: { lines: readonly OperationLine[] }) {
  const { t } = useTranslation();
  const translate: Translate = (key, options) =>
    t(key as never, options as never) as unknown as string;
  if (lines.length === 0) return <p>{t('supportDesk.ticket.operation.nothing')}</p>;
  return (
    <ul>
      {operationLinesInWords(lines, translate).map((line) => (
        <li key={line.key}>{line.text}</li>
      ))}
    </ul>
  );
}

/** The operation as it ran: who ran it, when, and what it changed. */
function OperationDone({ operation }: { operation: OperationResult }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  return (
    <>
      <p>
        {t('supportDesk.ticket.operation.ranBy', {
          name: operation.ranBy,
          date: formatDateTime(operation.ranAt),
        })}
      </p>
      <OperationLines lines={operation.lines} />
    </>
  );
}

type PreviewShownProps = {
  preview: OperationPreview;
  headingId: string;
  pending: boolean;
  onRun: () => void;
  onPreviewAgain: () => void;
};

/**
 * A preview's answer: what would change, with the button that runs it behind a confirmation
 * that says it all again; or why it cannot run, in the server's words.
 */
function PreviewShown({ preview, headingId, pending, onRun, onPreviewAgain }: PreviewShownProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [asking, setAsking] = useState(false);
  // The Preview button that had the focus is gone: the answer takes it, so that it is read.
  useEffect(() => {
    if (preview.ready) headingRef.current?.focus();
  }, [preview]);
  const again = (
    <Button variant="secondary" disabled={pending} onClick={onPreviewAgain}>
      {t('supportDesk.ticket.operation.previewAgain')}
    </Button>
  );
  if (!preview.ready) {
    return (
      <>
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{t('supportDesk.ticket.operation.blocked')}</p>
          <ul className={alertListClass}>
            {preview.blockers.map((blocker, index) => (
              <li key={`${blocker.code}-${index}`}>{blocker.message}</li>
            ))}
          </ul>
        </div>
        <div className={styles.actions}>{again}</div>
      </>
    );
  }
  return (
    <>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('supportDesk.ticket.operation.willChange')}
      </h3>
      <OperationLines lines={preview.lines} />
      <div className={styles.actions}>
        <Button disabled={pending} onClick={() => setAsking(true)}>
          {pending
            ? t('supportDesk.ticket.operation.running')
            : t('supportDesk.ticket.operation.run')}
        </Button>
        {again}
      </div>
      <ConfirmDialog
        open={asking}
        title={t('supportDesk.ticket.operation.confirmTitle')}
        stayLabel={t('supportDesk.ticket.operation.cancel')}
        onStay={() => setAsking(false)}
        proceedLabel={t('supportDesk.ticket.operation.run')}
        onProceed={() => {
          setAsking(false);
          onRun();
        }}
      >
        <p>{t('supportDesk.ticket.operation.confirmLead')}</p>
        <OperationLines lines={preview.lines} />
      </ConfirmDialog>
    </>
  );
}

/**
 * The ticket's administrative operation (issue 20, decision 0010), for the agent: a preview that
 * changes nothing, then the run, confirmed; once it ran, what it changed. A run refused because
 * the records changed since the preview says so and offers to preview again.
 */
export function TicketOperation({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const preview = usePreviewOperation(ticket.entity.id, ticket.id);
  const run = useRunOperation(ticket.entity.id, ticket.id);
  const [outcome, setOutcome] = useState<'done' | 'alreadyRun' | null>(null);

  const askPreview = () => {
    run.reset();
    preview.mutate(undefined, {
      // Already run or closed by someone else meanwhile: the page shows the ticket as it is now.
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) onChanged();
      },
    });
  };
  const runIt = (fingerprint: string) => {
    setOutcome(null);
    run.mutate(fingerprint, {
      onSuccess: (result) => setOutcome(result.alreadyRun ? 'alreadyRun' : 'done'),
    });
  };

  let body;
  if (ticket.operation) {
    body = (
      <>
        {outcome && <Notice>{t(`supportDesk.ticket.operation.${outcome}`)}</Notice>}
        <OperationDone operation={ticket.operation} />
      </>
    );
  } else if (run.error) {
    // The preview shown is stale (the records changed, or the ticket did): only a new one may run.
    body = (
      <>
        <ErrorAlert error={run.error} />
        <div className={styles.actions}>
          <Button variant="secondary" onClick={askPreview}>
            {t('supportDesk.ticket.operation.previewAgain')}
          </Button>
        </div>
      </>
    );
  } else if (preview.data) {
    body = (
      <PreviewShown
        preview={preview.data}
        headingId={`${id}-preview`}
        pending={run.isPending}
        onRun={() => runIt(preview.data.fingerprint)}
        onPreviewAgain={askPreview}
      />
    );
  } else {
    body = (
      <>
        <p>{t('supportDesk.ticket.operation.intro')}</p>
        <div className={styles.actions}>
          <Button disabled={preview.isPending} onClick={askPreview}>
            {preview.isPending
              ? t('supportDesk.ticket.operation.previewing')
              : t('supportDesk.ticket.operation.preview')}
          </Button>
        </div>
        <ErrorAlert error={preview.error} />
      </>
    );
  }
  return (
    <section aria-labelledby={`${id}-title`} className={styles.panel}>
      <h2 id={`${id}-title`} className="section-title">
        {t('supportDesk.ticket.operation.title')}
      </h2>
      {body}
    </section>
  );
}
