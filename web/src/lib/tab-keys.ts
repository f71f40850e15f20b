/**
 * The tab a key moves to along a row of tabs (WAI-ARIA tabs pattern): the arrows to the next or
 * the previous one, round the ends, Home and End to the first and the last; null for any other
 * key.
 */
export function tabAfterKey<T>(tabs: readonly T[], current: T, key: string): T | null {
  const index = tabs.indexOf(current);
  const last = tabs.length - 1;
  const moves: Partial<Record<string, number>> = {
    ArrowRight: index === last ? 0 : index + 1,
    ArrowLeft: index <= 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  const target = moves[key];
  return target === undefined ? null : (tabs[target] ?? null);
}
