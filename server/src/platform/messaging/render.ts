import { catalanDe, catalanEl, type Language } from '@caliu/common';
import { serverLocales } from '../i18n';

/**
 * Message rendering. Translations are plain text (no markup); template data is interpolated into
 * them, and the HTML part escapes every text it writes, so data always arrives as text.
 */

/** A piece of a message; the text and HTML parts are both drawn from the same blocks. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'small'; text: string };

export class MissingTranslationError extends Error {
  constructor(
    readonly language: Language,
    readonly key: string,
    readonly variable?: string,
  ) {
    super(
      variable
        ? `Message text ${language}:${key} needs the value "${variable}"`
        : `Message text ${language}:${key} is missing`,
    );
    this.name = 'MissingTranslationError';
  }
}

export type Vars = Record<string, string | number>;

/** The formats a text may apply to a value, `{{name, de}}`: Catalan elision, as i18next does. */
const FORMATS: Record<string, (value: string) => string> = { de: catalanDe, el: catalanEl };

/** Looks up a message text and fills its {{placeholders}}; fails on a missing key or value. */
export type StrictTranslate = (key: string, vars?: Vars) => string;

function lookup(language: Language, key: string): string | undefined {
  let node: unknown = serverLocales[language];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * A translator for `messaging.*` texts that never falls back to another language and never leaves
 * a placeholder unfilled. One pass of replace: a value that contains "{{x}}" stays as it is.
 */
export function strictTranslator(language: Language, prefix: string): StrictTranslate {
  return (key, vars = {}) => {
    const fullKey = key.startsWith('common.') ? `messaging.${key}` : `${prefix}.${key}`;
    const raw = lookup(language, fullKey);
    if (raw === undefined) throw new MissingTranslationError(language, fullKey);
    return raw.replace(
      /\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g,
      (_match, name: string, format: string | undefined) => {
        const value = vars[name];
        if (value === undefined) throw new MissingTranslationError(language, fullKey, name);
        if (format === undefined) return String(value);
        const apply = FORMATS[format];
        if (apply === undefined) throw new MissingTranslationError(language, fullKey, format);
        return apply(String(value));
      },
    );
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The plain-text part: paragraphs separated by blank lines, an action as its label and URL. */
export function renderText(blocks: Block[], footer: string): string {
  const parts = blocks.map((b) => (b.kind === 'action' ? `${b.label}:\n${b.url}` : b.text));
  return `${parts.join('\n\n')}\n\n-- \n${footer}\n`;
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f5f1ec;font-family:Helvetica,Arial,sans-serif;color:#222222;',
  card: 'max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px;',
  p: 'margin:0 0 16px;font-size:16px;line-height:1.5;',
  small: 'margin:0 0 16px;font-size:13px;line-height:1.5;color:#555555;',
  button:
    'display:inline-block;padding:12px 20px;background:#a8431f;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;',
  footer:
    'margin:24px 0 0;padding-top:16px;border-top:1px solid #e5e0da;font-size:12px;color:#595959;',
};

/** The HTML part: every text escaped; the only markup is this layout. */
export function renderHtml(
  language: Language,
  subject: string,
  blocks: Block[],
  footer: string,
  linkFallback: string,
): string {
  const body = blocks
    .map((b) => {
      if (b.kind === 'paragraph') return `<p style="${STYLE.p}">${escapeHtml(b.text)}</p>`;
      if (b.kind === 'small') return `<p style="${STYLE.small}">${escapeHtml(b.text)}</p>`;
      const url = escapeHtml(b.url);
      return (
        `<p style="${STYLE.p}"><a href="${url}" style="${STYLE.button}">${escapeHtml(b.label)}</a></p>` +
        `<p style="${STYLE.small}">${escapeHtml(linkFallback)}<br>` +
        `<a href="${url}" style="color:#a8431f;word-break:break-all;">${url}</a></p>`
      );
    })
    .join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    body,
    `<p style="${STYLE.footer}">${escapeHtml(footer)}</p>`,
    '</div></body></html>',
    '',
  ].join('\n');
}
