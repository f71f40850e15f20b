import { filtersToSearchParams, type AuditFilters } from '../filters';

/**
 * The address of the CSV download of the entries matching `filters`. It is meant for a plain
 * link: the browser downloads the file itself, with the session cookie (a GET needs no CSRF
 * token), instead of holding up to 50,000 rows in this page's memory.
 */
export function auditExportUrl(filters: AuditFilters): string {
  const query = filtersToSearchParams(filters).toString();
  return query ? `/api/audit/export?${query}` : '/api/audit/export';
}
