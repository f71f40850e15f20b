/**
 * The agenda's query keys, under one root: a booking, a move or a cancellation refreshes every
 * view of the agenda (the page, a person's appointments, the home page's card) at once.
 */
export const agendaKey = ['agenda'] as const;

export const agendaViewKey = (params: Record<string, string>) =>
  [...agendaKey, 'view', params] as const;
export const agendaPeopleKey = [...agendaKey, 'people'] as const;
export const appointmentKey = (id: string) => [...agendaKey, 'appointment', id] as const;
export const personAppointmentsKey = (personId: string) =>
  [...agendaKey, 'person', personId] as const;
export const nextFreeKey = (params: Record<string, string>) =>
  [...agendaKey, 'next-free', params] as const;
