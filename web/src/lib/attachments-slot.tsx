import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { AttachmentOwner } from '@caliu/common';

/**
 * What the user may attach to a record: every category, only some (on a person, `identity` to
 * whoever edits basic data, the others to whoever reads the full record), or nothing.
 */
export type AttachRight =
  'all' | 'none' | { only: readonly string[] } | { except: readonly string[] };

/** What a record's page tells the attachments it shows. */
export type AttachmentsProps = {
  owner: AttachmentOwner;
  attach: AttachRight;
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
