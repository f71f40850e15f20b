import { useTranslation } from 'react-i18next';
import type { CaseFileState } from '@caliu/common';

/** A case file's state as a badge: open (green) or closed (grey). */
export function StateBadge({ state }: { state: CaseFileState }) {
  const { t } = useTranslation();
  return (
    <span className={state === 'open' ? 'badge badge--on' : 'badge badge--off'}>
      {t(`caseFiles.states.${state}`)}
    </span>
  );
}
