import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationResult } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { OperationLinesList } from '@/components/operation-lines-list';

/** What support's operation changed on the requester's behalf: who ran it, when, and the lines. */
export function OperationResultBlock({ operation }: { operation: OperationResult }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>{t('support.ticket.operation.title')}</h4>
      <p>
        {t('support.ticket.operation.ranBy', {
          name: operation.ranBy,
          date: formatDateTime(operation.ranAt),
        })}
      </p>
      {operation.lines.length === 0 ? (
        <p>{t('support.ticket.operation.nothing')}</p>
      ) : (
        <OperationLinesList lines={operation.lines} />
      )}
    </section>
  );
}
