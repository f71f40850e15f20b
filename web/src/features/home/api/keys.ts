/** The query keys of the home page. */
export const homeKey = ['home'] as const;
export const alertsKey = [...homeKey, 'alerts'] as const;
