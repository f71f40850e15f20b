import type { z } from 'zod';
import type { Language } from '@caliu/common';
import {
  renderHtml,
  renderText,
  strictTranslator,
  type Block,
  type StrictTranslate,
} from '../render';

/** What the sender knows when it renders a message. */
export type RenderInput = {
  data: unknown;
  language: Language;
  /** The sending entity's name (also the sender name of its emails). */
  entityName: string;
  /** The code the entity's professionals write at sign-in (with its name, in access messages). */
  entityCode: string;
  /** The secret link's URL, minted by the sender; null when the message carries none. */
  link: string | null;
  /** The secret link's lifetime, for "expires in N hours". */
  linkTtlHours: number | null;
};

export type RenderedEmail = {
  channel: 'email';
  subject: string;
  text: string;
  html: string;
  replyTo: string | null;
};
export type RenderedSms = { channel: 'sms'; text: string };

/**
 * Where a secret link carries its token: after `#token=` (the console reads it, and it never
 * reaches a server log), or as the last segment of the path, followed by `suffix` — for an
 * address a program fetches as it is (a calendar feed, `/feeds/<token>.ics`), whose path the
 * request log masks (platform/logging.ts).
 */
export type LinkToken = { in: 'fragment' } | { in: 'path'; suffix: string };

/** A registered template, its data type erased: `render` validates the data itself. */
export type MessageTemplate = {
  name: string;
  channel: 'email' | 'sms';
  /** The console page a secret link opens (the token follows after `#token=`), if any. */
  linkPath: string | null;
  /** Where the link carries its token (after `#token=` unless the template says otherwise). */
  linkToken: LinkToken;
  /** Sample data (the render test renders every template with it in every language). */
  example: Record<string, unknown>;
  render(input: RenderInput): RenderedEmail | RenderedSms;
};

/** Bad data or a missing link: the message can never be sent as it is (no retry helps). */
export class TemplateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateDataError';
  }
}

export type ComposeContext<D> = {
  data: D;
  /** The recipient's language (dates and numbers are written in its locale). */
  language: Language;
  /** Texts of this template (`subject`, …) and shared ones (`common.greeting`, …). */
  t: StrictTranslate;
  entityName: string;
  entityCode: string;
  link: string | null;
  hours: number | null;
};

function parseData<S extends z.ZodType>(name: string, schema: S, input: RenderInput) {
  const parsed = schema.safeParse(input.data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(data)').join(', ');
    throw new TemplateDataError(`Template ${name}: invalid data (${fields})`);
  }
  return parsed.data as z.output<S>;
}

function requireLink(name: string, linkPath: string | null, input: RenderInput) {
  if (linkPath && !input.link) throw new TemplateDataError(`Template ${name} needs a secret link`);
}

export function defineEmailTemplate<S extends z.ZodType>(spec: {
  name: string;
  linkPath?: string;
  linkToken?: LinkToken;
  data: S;
  example: z.input<S> & Record<string, unknown>;
  /** A Reply-To the template sets (a message's own replyTo wins). */
  replyTo?: (data: z.output<S>) => string | null;
  compose(ctx: ComposeContext<z.output<S>>): { subject: string; blocks: Block[] };
}): MessageTemplate {
  const linkPath = spec.linkPath ?? null;
  return {
    name: spec.name,
    channel: 'email',
    linkPath,
    linkToken: spec.linkToken ?? { in: 'fragment' },
    example: spec.example,
    render(input) {
      requireLink(spec.name, linkPath, input);
      const data = parseData(spec.name, spec.data, input);
      const t = strictTranslator(input.language, `messaging.templates.${spec.name}`);
      const { subject, blocks } = spec.compose({
        data,
        language: input.language,
        t,
        entityName: input.entityName,
        entityCode: input.entityCode,
        link: input.link,
        hours: input.linkTtlHours,
      });
      const footer = t('common.footer', { entityName: input.entityName });
      return {
        channel: 'email',
        subject,
        text: renderText(blocks, footer),
        html: renderHtml(input.language, subject, blocks, footer, t('common.link_fallback')),
        replyTo: spec.replyTo?.(data) ?? null,
      };
    },
  };
}

export function defineSmsTemplate<S extends z.ZodType>(spec: {
  name: string;
  linkPath?: string;
  linkToken?: LinkToken;
  data: S;
  example: z.input<S> & Record<string, unknown>;
  compose(ctx: ComposeContext<z.output<S>>): string;
}): MessageTemplate {
  const linkPath = spec.linkPath ?? null;
  return {
    name: spec.name,
    channel: 'sms',
    linkPath,
    linkToken: spec.linkToken ?? { in: 'fragment' },
    example: spec.example,
    render(input) {
      requireLink(spec.name, linkPath, input);
      const data = parseData(spec.name, spec.data, input);
      const t = strictTranslator(input.language, `messaging.templates.${spec.name}`);
      const text = spec.compose({
        data,
        language: input.language,
        t,
        entityName: input.entityName,
        entityCode: input.entityCode,
        link: input.link,
        hours: input.linkTtlHours,
      });
      return { channel: 'sms', text };
    },
  };
}

/** "expires in 1 hour" / "expires in 72 hours". */
export function expiryText(t: StrictTranslate, hours: number | null): string {
  const h = hours ?? 0;
  return t(h === 1 ? 'expiry_one' : 'expiry_other', { hours: h });
}
