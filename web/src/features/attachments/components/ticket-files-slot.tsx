import type { TicketFilesSlot } from '@/lib/ticket-files-slot';
import { uploadTicketFile } from '../api/ticket-attachments';
import { ACCEPTED_FILES } from '../files';
import { uploadInTurn } from '../ticket-files';
import { TicketFilesSection } from './ticket-files';

/**
 * What the attachments feature gives the support pages (lib/ticket-files-slot): a ticket's files
 * section, and the upload of the new-ticket form's files once its requester's ticket exists.
 */
export const ticketFilesSlot: TicketFilesSlot = {
  render: (props) => <TicketFilesSection {...props} />,
  uploadToNewTicket: (ticketId, files) =>
    uploadInTurn(files, (file) =>
      uploadTicketFile({ reader: 'requester', ticketId }, file, {
        // The panel stays open while they go: nothing cancels them but leaving the console.
        signal: new AbortController().signal,
        onProgress: () => {},
      }),
    ),
  accept: ACCEPTED_FILES,
};
