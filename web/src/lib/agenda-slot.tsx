import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

/** A person on the page that draws the slot: their id and name (the booking form shows it). */
export type SlotPerson = { id: string; name: string };

/** What a person's page tells the agenda: whose appointments to show and book. */
export type PersonAppointmentsProps = { personId: string; personName: string };

/** What a case file's page tells the agenda: the case file and its members, to book with. */
export type CaseFileAppointmentProps = {
  caseFileId: string;
  caseFileNumber: string;
  persons: readonly SlotPerson[];
};

/** The agenda's pieces on other features' pages (render functions: the application chooses). */
export type AgendaSlots = {
  personAppointments: (props: PersonAppointmentsProps) => ReactNode;
  caseFileAppointmentButton: (props: CaseFileAppointmentProps) => ReactNode;
  todayAppointments: () => ReactNode;
};

const AgendaSlotsContext = createContext<AgendaSlots | null>(null);

/**
 * Features never import each other: the application gives the agenda feature's pieces to the
 * person page, the case file page and the home page through these slots (as it does the
 * attachments, lib/attachments-slot.tsx).
 */
export const AgendaSlotsProvider = AgendaSlotsContext.Provider;

/** A person's coming and recent appointments, and booking one for them. */
export function PersonAppointments(props: PersonAppointmentsProps) {
  const slots = useContext(AgendaSlotsContext);
  return slots ? slots.personAppointments(props) : null;
}

/** Booking an appointment with a case file and its members. */
export function CaseFileAppointmentButton(props: CaseFileAppointmentProps) {
  const slots = useContext(AgendaSlotsContext);
  return slots ? slots.caseFileAppointmentButton(props) : null;
}

/** The signed-in user's appointments of today (the home page's card). */
export function TodayAppointments() {
  const slots = useContext(AgendaSlotsContext);
  return slots ? slots.todayAppointments() : null;
}
