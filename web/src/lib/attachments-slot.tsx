import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { AttachmentOwner } from '@caliu/common';

/**
 * What a record's page tells the attachments it shows. What the user may attach there is not the
 * page's to say: the server's list answers it (`can`), by the rule it applies to an upload.
 */
export type AttachmentsProps = {
  owner: AttachmentOwner;
  /** `section`: a card of the record's page; `item`: a small disclosure in an entry of content. */
  variant: 'section' | 'item';
};

/** Draws a record's attachments (a render function: the panel is the application's choice). */
export type AttachmentsRenderer = (props: AttachmentsProps) => ReactNode;

const AttachmentsContext = createContext<AttachmentsRenderer | null>(null);

/**
 * Features never import each other: the application gives the attachments feature's panel to the
 * pages that show a record's attachments (persons, case files) through this slot.
 */
export const AttachmentsProvider = AttachmentsContext.Provider;

/** A record's attachments, as the application provides them (nothing where none is provided). */
export function Attachments(props: AttachmentsProps) {
  const render = useContext(AttachmentsContext);
  return render ? render(props) : null;
}
