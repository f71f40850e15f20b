/**
 * What the demo mailbox's frame shows of an email's HTML part. The frame is sandboxed (no
 * scripts, no same origin); `<base target="_blank">` makes every link open in a new tab, which
 * the sandbox allows (`allow-popups allow-popups-to-escape-sandbox`) so that a demo user can follow
 * an activation or reset link. No referrer is sent with them.
 */
export const EMAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

const INJECTED = '<base target="_blank"><meta name="referrer" content="no-referrer">';

/** The HTML part with the tags above first in its <head> (one is made when there is none). */
export function emailSrcDoc(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const end = head.index + head[0].length;
    return `${html.slice(0, end)}${INJECTED}${html.slice(end)}`;
  }
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) {
    const end = htmlTag.index + htmlTag[0].length;
    return `${html.slice(0, end)}<head>${INJECTED}</head>${html.slice(end)}`;
  }
  return `<head>${INJECTED}</head>${html}`;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; url: string };

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** Punctuation that ends a sentence rather than the address before it. */
const TRAILING = /[.,;:!?)\]}'»]+$/;

/** Plain text split into text and web addresses, so that the addresses can be links. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
