import { eq } from 'drizzle-orm';
import type { Language } from '@caliu/common';
import type { Database } from '../../db/connect';
import { entities, mailboxMessages } from '../../db/schema';
import { DeliveryError } from './delivery-error';

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

/** Why a message of an entity other than the demo one was not delivered (its last error). */
export const NOT_DELIVERED = {
  no_mail_server: 'not delivered: no mail server configured',
  no_sms_gateway: 'not delivered: no SMS gateway configured',
} as const;

/**
 * Delivers into the demo mailbox, behind the entity's wall. Only the demo entity's messages keep
 * their bodies: any other entity's messages would put live links (activation, password reset)
 * where others read them, so they are kept as metadata (to, subject, time) and fail with the
 * reason — that entity needs a real mail server or SMS gateway. A repeat of the same outbox
 * message (a crash between delivering and marking sent) keeps the first copy.
 */
export async function storeInMailbox(database: Database, entry: MailboxEntry): Promise<void> {
  const failure = entry.channel === 'sms' ? 'no_sms_gateway' : 'no_mail_server';
  const delivered = await database.tenant(entry.entityId, async (tx) => {
    const [entity] = await tx
      .select({ isDemo: entities.isDemo })
      .from(entities)
      .where(eq(entities.id, entry.entityId));
    const keepsBodies = entity?.isDemo === true;
    await tx
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
        textBody: keepsBodies ? entry.text : null,
        htmlBody: keepsBodies ? entry.html : null,
        messageId: entry.messageId,
        failure: keepsBodies ? null : failure,
      })
      .onConflictDoNothing({
        target: [mailboxMessages.entityId, mailboxMessages.outboxMessageId],
      });
    return keepsBodies;
  });
  if (!delivered) throw new DeliveryError(NOT_DELIVERED[failure], failure, true);
}
