/** The query keys of the persons feature: everything under `persons`, so one call refreshes all. */
export const personsKey = ['persons'] as const;

export const personKey = (id: string) => [...personsKey, 'one', id] as const;
