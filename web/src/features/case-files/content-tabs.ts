/** The tabs of a case file's content, in the order they show; the first is the default. */
export const CONTENT_TABS = [
  'timeline',
  'interventions',
  'demands',
  'problems',
  'resources',
  'procedures',
  'plans',
] as const;
export type ContentTab = (typeof CONTENT_TABS)[number];

/** The tab the address names (`?tab=`), or the timeline when it names none or no such tab. */
export function tabOf(param: string | null): ContentTab {
  return CONTENT_TABS.find((tab) => tab === param) ?? 'timeline';
}

/** The search part of the address with `tab` chosen: the default tab leaves no `?tab=`. */
export function searchWithTab(search: URLSearchParams, tab: ContentTab): URLSearchParams {
  const next = new URLSearchParams(search);
  if (tab === 'timeline') next.delete('tab');
  else next.set('tab', tab);
  return next;
}
