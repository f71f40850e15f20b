import { eq } from 'drizzle-orm';
import type { Language } from '@caliu/common';
import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import { entities } from '../../db/schema';
import { type Clock, systemClock } from '../context';
import { linkUrl } from './addresses';
import { DeliveryError } from './delivery-error';
import type { SecretLinkRequest } from './outbox';
import { mintSecretLink, revokeSecretLink } from './secret-links';
import { MissingTranslationError } from './render';
import { findTemplate, TemplateDataError } from './templates';
import { smsGatewayFor, type SmsGateway } from './transports';

export type ImmediateSms = {
  entityId: string;
  /** The mobile number: used for this one message, never stored, never logged. */
  to: string;
  /** The recipient's language; null or absent: the entity's. */
  language?: Language | null;
  template: string;
  data: Record<string, unknown>;
  secretLink?: SecretLinkRequest;
};

export type ImmediateSmsResult = { ok: true } | { ok: false; error: string };

/**
 * The one message that bypasses the outbox: the SMS with a new professional's first-access link,
 * whose number must never be stored. Call it right after the transaction that created the
 * professional commits. It mints the link (its own short transaction), sends through the SMS
 * gateway (in demo mode with no gateway: the mailbox, the number masked to its last 3 digits),
 * and on failure revokes the link and answers why, so the caller can fall back to email.
 */
export async function sendImmediateSms(
  deps: { database: Database; config: Config; clock?: Clock; sms?: SmsGateway },
  input: ImmediateSms,
): Promise<ImmediateSmsResult> {
  const template = findTemplate(input.template);
  if (!template || template.channel !== 'sms') {
    return { ok: false, error: `Unknown SMS template ${input.template}` };
  }
  if (input.to.replace(/\D/g, '').length < 6) {
    return { ok: false, error: 'The mobile number is not valid' };
  }
  const now = (deps.clock ?? systemClock).now();
  const prepared = await deps.database.tenant(input.entityId, async (tx) => {
    const [entity] = await tx
      .select({ name: entities.name, code: entities.code, language: entities.defaultLanguage })
      .from(entities)
      .where(eq(entities.id, input.entityId));
    if (!entity) return null;
    const token = input.secretLink
      ? await mintSecretLink(tx, { entityId: input.entityId, now, ...input.secretLink })
      : null;
    return { entity, token };
  });
  if (!prepared) return { ok: false, error: 'Unknown entity' };
  const { entity, token } = prepared;
  const language = input.language ?? entity.language;
  try {
    const rendered = template.render({
      data: input.data,
      language,
      entityName: entity.name,
      entityCode: entity.code,
      link:
        token && template.linkPath
          ? linkUrl(deps.config, template.linkPath, token, template.linkToken)
          : null,
      linkTtlHours: input.secretLink?.ttlHours ?? null,
    });
    if (rendered.channel !== 'sms') throw new DeliveryError('Not an SMS template', 'channel');
    const gateway = deps.sms ?? smsGatewayFor(deps);
    await gateway.send({
      entityId: input.entityId,
      outboxMessageId: null,
      template: template.name,
      language,
      senderName: entity.name,
      to: input.to,
      text: rendered.text,
    });
    return { ok: true };
  } catch (error) {
    if (token) await deps.database.tenant(input.entityId, (tx) => revokeSecretLink(tx, token, now));
    // Only our own texts go back: another error's message could repeat the number or the link.
    return {
      ok: false,
      error:
        error instanceof DeliveryError ||
        error instanceof TemplateDataError ||
        error instanceof MissingTranslationError
          ? error.message
          : 'The SMS could not be sent',
    };
  }
}
