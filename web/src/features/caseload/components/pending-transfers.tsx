import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseloadTransfer, OperationLine } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { OperationLinesList } from '@/components/operation-lines-list';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { cx } from '@/lib/cx';
import { useDateTimeFormat } from '@/lib/format';
import {
  agentSide,
  coordinatorSide,
  type TransferSide,
  useApproveTransfer,
  useCancelTransfer,
  useCurrentPreview,
  useTransfers,
} from '../api/transfers';
import { TransferPreviewLines } from './transfer-form';
import styles from '../caseload.module.css';

const sameLines = (a: readonly OperationLine[], b: readonly OperationLine[]) =>
  JSON.stringify(a.map((l) => [l.key, l.count])) === JSON.stringify(b.map((l) => [l.key, l.count]));

/**
 * One transfer: who to whom, asked by whom and why, what it said it would move; for a possible
 * approver, what it would move now (and whether that changed), approving it behind a
 * confirmation; cancelling it while pending.
 */
function TransferItem({
  side,
  transfer,
  onDone,
}: {
  side: TransferSide;
  transfer: CaseloadTransfer;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formatDateTime = useDateTimeFormat();
  const current = useCurrentPreview(side, transfer);
  const approve = useApproveTransfer(side, transfer);
  const cancel = useCancelTransfer(side, transfer);
  const [asking, setAsking] = useState<'approve' | 'cancel' | null>(null);
  const names = { from: transfer.from.name, to: transfer.to.name };
  const now = current.data;
  const changed = now && !sameLines(now.lines, transfer.requestedLines);
  return (
    <li className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('caseload.transfers.itemTitle', names)}</h3>
      {transfer.entity && <p>{t('caseload.transfers.entity', { name: transfer.entity.name })}</p>}
      <p>
        {t(`caseload.transfers.statuses.${transfer.status}`)} ·{' '}
        {t('caseload.transfers.askedBy', {
          name: transfer.requestedBy.name,
          date: formatDateTime(transfer.requestedAt),
        })}
        {transfer.status === 'pending' &&
          ` · ${t('caseload.transfers.expires', { date: formatDateTime(transfer.expiresAt) })}`}
      </p>
      <p>{t('caseload.transfers.why', { reason: transfer.reason })}</p>
      <p>{t(transfer.result ? 'caseload.transfers.moved' : 'caseload.transfers.asked')}</p>
      <OperationLinesList lines={transfer.result ?? transfer.requestedLines} />
      {now && (
        <section aria-labelledby={`${id}-now`}>
          <h4 id={`${id}-now`}>{t('caseload.transfers.now')}</h4>
          {changed && <Notice tone="warning">{t('caseload.transfers.changed')}</Notice>}
          <TransferPreviewLines preview={now} />
        </section>
      )}
      <ErrorAlert error={current.error ?? approve.error ?? cancel.error} />
      <div className={styles.actions}>
        {transfer.can.approve && !now && (
          <Button disabled={current.isPending} onClick={() => current.mutate()}>
            {t('caseload.transfers.review')}
          </Button>
        )}
        {transfer.can.approve && now?.ready && (
          <Button disabled={approve.isPending} onClick={() => setAsking('approve')}>
            {t('caseload.transfers.approve')}
          </Button>
        )}
        {transfer.can.cancel && (
          <Button
            variant="secondary"
            disabled={cancel.isPending}
            onClick={() => setAsking('cancel')}
          >
            {t('caseload.transfers.cancel')}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={t(
          asking === 'cancel'
            ? 'caseload.transfers.cancelTitle'
            : 'caseload.transfers.approveTitle',
          names,
        )}
        stayLabel={t('caseload.transfers.keep')}
        onStay={() => setAsking(null)}
        proceedLabel={t(
          asking === 'cancel' ? 'caseload.transfers.cancel' : 'caseload.transfers.approve',
        )}
        onProceed={() => {
          const what = asking;
          setAsking(null);
          if (what === 'cancel') {
            cancel.mutate(undefined, {
              onSuccess: () => onDone(t('caseload.transfers.cancelled', names)),
            });
          } else if (now) {
            approve.mutate(now.fingerprint, {
              onSuccess: () => onDone(t('caseload.transfers.approved', names)),
              // The records changed between the review and the confirmation: review again.
              onError: () => current.reset(),
            });
          }
        }}
      >
        {asking === 'approve' && now ? (
          <>
            <p>{t('caseload.transfers.approveLead')}</p>
            <OperationLinesList lines={now.lines} />
          </>
        ) : (
          <p>{t('caseload.transfers.cancelLead')}</p>
        )}
      </ConfirmDialog>
    </li>
  );
}

/**
 * The caseload transfers the user may approve or cancel, and their own (issue 21): on the
 * caseload page and, when some wait, on the home page; a support agent's, every council's with
 * counts only, above the support queue. Nothing shown when none is pending and `quiet` is set.
 */
export function PendingTransfers({
  quiet = false,
  side = coordinatorSide,
}: {
  quiet?: boolean;
  side?: TransferSide;
}) {
  const { t } = useTranslation();
  const id = useId();
  const transfers = useTransfers(side);
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const items = transfers.data?.items ?? [];
  const agent = side === agentSide;
  if (quiet && items.every((x) => x.status !== 'pending') && !notice) return null;
  return (
    <section className={cx('card', quiet && styles.homeSection)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t(agent ? 'caseload.transfers.agentTitle' : 'caseload.transfers.title')}
      </h2>
      {agent && <p className="muted">{t('caseload.transfers.agentLead')}</p>}
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      <ErrorAlert error={transfers.error} />
      {items.length === 0 ? (
        <p className="muted">{t('caseload.transfers.none')}</p>
      ) : (
        <ul className={styles.transfers}>
          {items.map((transfer) => (
            <TransferItem
              key={transfer.id}
              side={side}
              transfer={transfer}
              onDone={(text) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 }))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The pending transfers of every council, for a support agent above the queue (counts only). */
export function SupportPendingTransfers() {
  return <PendingTransfers quiet side={agentSide} />;
}
