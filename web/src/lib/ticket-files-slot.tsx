import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Ticket } from '@caliu/common';

/** Who reads the ticket: its requester (their own tickets' routes) or an agent (the desk's). */
export type TicketReader = 'requester' | 'agent';

/** What a ticket's page tells the files section it shows. */
export type TicketFilesProps = {
  ticket: Ticket;
  reader: TicketReader;
  /** The level of the section's heading in the page's outline. */
  headingLevel: 2 | 4;
  /** The page's own look for a section. */
  className?: string | undefined;
  /** A file was added or deleted: the page reads the ticket again. */
  onChanged: () => void;
};

/** A file that did not go to a ticket, and why in the server's words. */
export type FailedTicketFile = { fileName: string; reason: string };

/**
 * The attachments feature's part of the support pages: the files section of a ticket, and the
 * upload of the files chosen in the new-ticket form once the ticket exists.
 */
export type TicketFilesSlot = {
  render: (props: TicketFilesProps) => ReactNode;
  /** Uploads files in turn to a ticket its requester just opened; answers those that failed. */
  uploadToNewTicket: (ticketId: string, files: readonly File[]) => Promise<FailedTicketFile[]>;
  /** What a file picker offers (the types the server accepts). */
  accept: string;
};

const TicketFilesContext = createContext<TicketFilesSlot | null>(null);

/**
 * Features never import each other: the application gives the attachments feature's ticket files
 * to the requester's and the agents' ticket pages through this slot.
 */
export const TicketFilesProvider = TicketFilesContext.Provider;

/** A ticket's files, as the application provides them (nothing where none is provided). */
export function TicketFiles(props: TicketFilesProps) {
  const slot = useContext(TicketFilesContext);
  return slot ? slot.render(props) : null;
}

/** The slot itself, for the new-ticket form (null where the application provides none). */
export function useTicketFilesSlot(): TicketFilesSlot | null {
  return useContext(TicketFilesContext);
}
