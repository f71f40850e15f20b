/**
 * Opening the floating button's support panel from another feature's page (a pair of the
 * duplicates list asks support to merge the two records). Features never import each other: the
 * support feature listens here, the others call `openSupportRequest`.
 */

/** A person record named in a request: enough to show it. */
export type RequestPerson = { id: string; name: string };

/** What the panel opens on: a request's form, filled where the caller knows the answers. */
export type SupportRequestStart = {
  choice: 'merge_persons';
  /** The "merge person records" form's two records and the note it starts with. */
  mergePersons?: { persons: [RequestPerson, RequestPerson]; note: string };
};

type Listener = (start: SupportRequestStart) => void;
const listeners = new Set<Listener>();

/** Opens the support panel on "New request", with `start`'s form chosen and filled. */
export function openSupportRequest(start: SupportRequestStart): void {
  for (const listener of listeners) listener(start);
}

/** The floating button listens; answers the unsubscribe function. */
export function onSupportRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
