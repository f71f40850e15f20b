import nodemailer, { type Transporter } from 'nodemailer';
import type { Language } from '@caliu/common';
import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import { maskPhone } from './addresses';
import { DeliveryError, fromSmtpError } from './delivery-error';
import { storeInMailbox } from './mailbox-store';
import { smtpOptionsFromUrl } from './smtp-options';

/** Where a message comes from and which outbox row (if any) it is. */
export type MessageMeta = {
  entityId: string;
  outboxMessageId: string | null;
  template: string;
  language: Language;
};

export type OutgoingEmail = MessageMeta & {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

export type OutgoingSms = MessageMeta & { senderName: string; to: string; text: string };

export type EmailTransport = {
  kind: 'smtp' | 'mailbox';
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
};

/** The SMS gateway interface: an HTTP adapter, the demo mailbox, or none (outside demo mode). */
export type SmsGateway = {
  kind: 'http' | 'mailbox' | 'none';
  send(sms: OutgoingSms): Promise<void>;
};

/**
 * Email through SMTP_URL with nodemailer (TLS as the URL asks: smtp-options.ts), over pooled
 * connections bounded by the worker's concurrency.
 */
export function smtpTransport(url: string, maxConnections: number): EmailTransport {
  const transporter: Transporter = nodemailer.createTransport(
    smtpOptionsFromUrl(url, maxConnections),
  );
  return {
    kind: 'smtp',
    async send(email) {
      try {
        await transporter.sendMail({
          from: email.from,
          to: email.to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw fromSmtpError(error);
      }
    },
    close: () => transporter.close(),
  };
}

function formatSender(from: { name: string; address: string }): string {
  return `"${from.name.replace(/["\\]/g, '')}" <${from.address}>`;
}

/** The demo mailbox as an email transport: the console shows what would have been sent. */
export function mailboxEmailTransport(database: Database): EmailTransport {
  return {
    kind: 'mailbox',
    send: (email) =>
      storeInMailbox(database, {
        entityId: email.entityId,
        outboxMessageId: email.outboxMessageId,
        channel: 'email',
        template: email.template,
        language: email.language,
        recipient: email.to,
        sender: formatSender(email.from),
        replyTo: email.replyTo,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
      }),
    close: () => undefined,
  };
}

/**
 * An HTTP SMS gateway: POST SMS_GATEWAY_URL with `{ to, text, sender, reference }` as JSON and
 * `Authorization: Bearer SMS_GATEWAY_TOKEN`; any 2xx is success. Errors name the HTTP status
 * only (a gateway's body may echo the number).
 */
export function httpSmsGateway(url: string, token: string | undefined): SmsGateway {
  return {
    kind: 'http',
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({
            to: sms.to,
            text: sms.text,
            sender: sms.senderName,
            reference: sms.outboxMessageId ?? undefined,
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        throw new DeliveryError(`SMS gateway unreachable (${name})`, 'sms_unreachable');
      }
      await response.body?.cancel();
      if (!response.ok) {
        throw new DeliveryError(
          `SMS gateway answered HTTP ${response.status}`,
          `sms_http_${response.status}`,
          response.status >= 400 && response.status < 500 && response.status !== 429,
        );
      }
    },
  };
}

/** The demo mailbox as an SMS gateway: the number is kept masked (its last 3 digits). */
export function mailboxSmsGateway(database: Database): SmsGateway {
  return {
    kind: 'mailbox',
    send: (sms) =>
      storeInMailbox(database, {
        entityId: sms.entityId,
        outboxMessageId: sms.outboxMessageId,
        channel: 'sms',
        template: sms.template,
        language: sms.language,
        recipient: maskPhone(sms.to),
        sender: sms.senderName,
        replyTo: null,
        subject: null,
        text: sms.text,
        html: null,
        messageId: null,
      }),
  };
}

const noSmsGateway: SmsGateway = {
  kind: 'none',
  send: async () => {
    throw new DeliveryError('No SMS gateway is configured (SMS_GATEWAY_URL)', 'sms_none', true);
  },
};

/** Email: SMTP_URL, else (demo mode only: config refuses otherwise) the demo mailbox. */
export function emailTransportFor(deps: { database: Database; config: Config }): EmailTransport {
  const { config } = deps;
  if (config.smtpUrl) return smtpTransport(config.smtpUrl, config.outbox.concurrency);
  if (!config.demo) throw new Error('SMTP_URL is required outside demo mode');
  return mailboxEmailTransport(deps.database);
}

/** SMS: SMS_GATEWAY_URL, else in demo mode the mailbox, else none (every SMS fails at once). */
export function smsGatewayFor(deps: { database: Database; config: Config }): SmsGateway {
  const { config } = deps;
  if (config.smsGatewayUrl) return httpSmsGateway(config.smsGatewayUrl, config.smsGatewayToken);
  return config.demo ? mailboxSmsGateway(deps.database) : noSmsGateway;
}
