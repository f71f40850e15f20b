import { useTranslation } from 'react-i18next';
import type { OperationLine } from '@caliu/common';
import { operationLinesInWords, type Translate } from '@/lib/operation-lines';

/**
 * What an operation changes or changed (a support ticket's operation, a caseload transfer), one
 * line each in the reader's words: "2 case files transferred: 2026/000005, 2026/000006".
 */
export function OperationLinesList({ lines }: { lines: readonly OperationLine[] }) {
  const { t } = useTranslation();
  const translate: Translate = (key, options) =>
    t(key as never, options as never) as unknown as string;
  return (
    <ul>
      {operationLinesInWords(lines, translate).map((line) => (
        <li key={line.key}>{line.text}</li>
      ))}
    </ul>
  );
}
