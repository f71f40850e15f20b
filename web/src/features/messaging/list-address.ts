/**
 * The mailbox list's address: `/mailbox`, or `/mailbox?entity=<id>` for the support agent's
 * choice of one entity, which survives a reload, Back and a bookmark.
 */
export const MAILBOX_PATH = '/mailbox';

export function entityFromSearch(params: URLSearchParams): string | null {
  return params.get('entity')?.trim() || null;
}

/** The address of the list (of one entity's mail, or of all the user may read). */
export function mailboxListHref(entity: string | null): string {
  return entity ? `${MAILBOX_PATH}?${new URLSearchParams({ entity }).toString()}` : MAILBOX_PATH;
}

/** The address of one message. */
export function mailboxMessageHref(id: string): string {
  return `${MAILBOX_PATH}/${encodeURIComponent(id)}`;
}

/** Set by the list's links: where the message's "back" link returns (the list as it was). */
export type MessageLocationState = { back?: string } | null;

/** The way back from a message: the list it was opened from, or the whole mailbox. */
export function backHref(state: unknown): string {
  const back = (state as MessageLocationState)?.back;
  const isList =
    typeof back === 'string' && (back === MAILBOX_PATH || back.startsWith(`${MAILBOX_PATH}?`));
  return isList ? back : MAILBOX_PATH;
}
