import type { ReactNode } from 'react';
import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { agendaSlots } from '@/features/agenda/components/agenda-slots';
import { AttachmentsPanel } from '@/features/attachments/components/attachments-panel';
import { ticketFilesSlot } from '@/features/attachments/components/ticket-files-slot';
import { ApiError } from '@/lib/api-client';
import { AgendaSlotsProvider } from '@/lib/agenda-slot';
import { AttachmentsProvider } from '@/lib/attachments-slot';
import type { AttachmentsRenderer } from '@/lib/attachments-slot';
import { i18n } from '@/lib/i18n';
import { TicketFilesProvider } from '@/lib/ticket-files-slot';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A client error (4xx) will not change by asking again.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        // Refetching in the background would keep an idle session alive.
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** The attachments feature's panel, where the persons' and case files' pages show documents. */
const renderAttachments: AttachmentsRenderer = (props) => <AttachmentsPanel {...props} />;

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {/* Features never import each other: the persons' and case files' pages get it here. */}
        <AttachmentsProvider value={renderAttachments}>
          {/* The agenda's pieces on the person, case file and home pages. */}
          <AgendaSlotsProvider value={agendaSlots}>
            {/* A support ticket's files, on the requester's and the agents' ticket pages. */}
            <TicketFilesProvider value={ticketFilesSlot}>{children}</TicketFilesProvider>
          </AgendaSlotsProvider>
        </AttachmentsProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
