import type { HelpRequestImportResult } from '@caliu/common';

/** A translator: `t` of react-i18next, or any function of a key and its values. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What "Import requests" tells the operator: how many were imported, and how many could not be
 * and why (the municipality they name was removed: they stay out of the table until the retention
 * job erases them).
 */
export function importNotice(result: HelpRequestImportResult, t: Translate): string {
  const skipped = result.skipped.municipalityRemoved;
  const lines = [
    result.imported === 0 && skipped === 0
      ? t('communityHelp.importedNone')
      : t('communityHelp.imported', { count: result.imported }),
  ];
  if (skipped > 0) lines.push(t('communityHelp.skippedMunicipality', { count: skipped }));
  return lines.join(' ');
}
