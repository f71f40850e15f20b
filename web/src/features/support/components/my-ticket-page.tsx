import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { TicketView } from './ticket-view';

/** One of the user's own support tickets on a page of its own (`/my-tickets/:id`). */
export function MyTicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useDocumentTitle(t('support.title'));
  return (
    <div className="page">
      <h1>{t('support.title')}</h1>
      <TicketView id={id} />
    </div>
  );
}
