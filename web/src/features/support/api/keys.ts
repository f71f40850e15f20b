/** Every query of the requester's tickets starts with this key (a new ticket refreshes them). */
export const supportTicketsKey = ['support', 'tickets'] as const;
export const supportTicketKey = (id: string) => [...supportTicketsKey, 'one', id] as const;
