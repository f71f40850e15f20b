import type { Language } from '@caliu/common';
import type { Database } from '../../db/connect';
import { mailboxMessages } from '../../db/schema';

export type MailboxEntry = {
  entityId: string;
  outboxMessageId: string | null;
  channel: 'email' | 'sms';
  template: string;
  language: Language;
  /** An email address, or a phone number already masked (maskPhone). */
  recipient: string;
  sender: string;
  replyTo: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  messageId: string | null;
};

/**
 * Delivers into the demo mailbox, behind the entity's wall. A repeat of the same outbox message
 * (a crash between delivering and marking sent) keeps the first copy.
 */
export async function storeInMailbox(database: Database, entry: MailboxEntry): Promise<void> {
  await database.tenant(entry.entityId, (tx) =>
    tx
      .insert(mailboxMessages)
      .values({
        entityId: entry.entityId,
        outboxMessageId: entry.outboxMessageId,
        channel: entry.channel,
        template: entry.template,
        language: entry.language,
        recipient: entry.recipient,
        sender: entry.sender,
        replyTo: entry.replyTo,
        subject: entry.subject,
        textBody: entry.text,
        htmlBody: entry.html,
        messageId: entry.messageId,
      })
      .onConflictDoNothing({
        target: [mailboxMessages.entityId, mailboxMessages.outboxMessageId],
      }),
  );
}
