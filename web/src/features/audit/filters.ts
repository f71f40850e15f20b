/** The audit search's filters, as the page's address and the API's query string both carry them. */
export const FILTER_NAMES = [
  'actorId',
  'action',
  'outcome',
  'recordType',
  'recordId',
  'from',
  'to',
] as const;

export type FilterName = (typeof FILTER_NAMES)[number];

/** Only the filters in use; values are as typed (the API validates them and says what is wrong). */
export type AuditFilters = Partial<Record<FilterName, string>>;

export function isFilterName(value: string): value is FilterName {
  return (FILTER_NAMES as readonly string[]).includes(value);
}

/** Keeps the filters that hold something, trimmed, in a stable order. */
export function cleanFilters(filters: AuditFilters): AuditFilters {
  const clean: AuditFilters = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value) clean[name] = value;
  }
  return clean;
}

export function filtersFromSearchParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value !== null) filters[name] = value;
  }
  return cleanFilters(filters);
}

export function filtersToSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(cleanFilters(filters))) params.set(name, value);
  return params;
}
