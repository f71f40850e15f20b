import { useId, useRef, type ReactNode } from 'react';
import { useModalDialog } from './dialog';

type FormDialogProps = {
  open: boolean;
  title: string;
  /** What the dialog asks or explains, under its title (read with it). */
  lead?: ReactNode;
  /** Escape, or Cancel: the dialog goes, nothing is done. */
  onDismiss: () => void;
  children: ReactNode;
};

/**
 * The console's modal `<dialog>`: a title, what it asks, and a short form or a row of answers
 * (ConfirmDialog; a closing reason, a reason to reopen). Escape dismisses it, and the focus
 * returns to what opened it.
 */
export function FormDialog({ open, title, lead, onDismiss, children }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const leadId = useId();
  useModalDialog(ref, open);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={lead ? leadId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {lead && <div id={leadId}>{lead}</div>}
          {children}
        </div>
      )}
    </dialog>
  );
}
