import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationResult } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { operationLinesInWords, type Translate } from '@/lib/operation-lines';

/** What support's operation changed on the requester's behalf: who ran it, when, and the lines. */
export function OperationResultBlock({ operation }: { operation: OperationResult }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const id = useId();
  const translate: Translate = (key, options) =>
    t(key as never, options as never) as unknown as string;
  const lines = operationLinesInWords(operation.lines, translate);
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>{t('support.ticket.operation.title')}</h4>
      <p>
        {t('support.ticket.operation.ranBy', {
          name: operation.ranBy,
          date: formatDateTime(operation.ranAt),
        })}
      </p>
      {lines.length === 0 ? (
        <p>{t('support.ticket.operation.nothing')}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.key}>{line.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
