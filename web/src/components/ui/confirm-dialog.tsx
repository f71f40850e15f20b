import { useId, useRef, type ReactNode } from 'react';
import { buttonClass } from './button';
import { useModalDialog } from './dialog';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The safe answer (keeps things as they are): the first button, focused when it opens. */
  stayLabel: string;
  onStay: () => void;
  /** The answer that goes ahead. */
  proceedLabel: string;
  onProceed: () => void;
};

/**
 * A question before something the user may not want: a modal `<dialog>` whose focused, first
 * answer is the safe one (Escape gives it too).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  stayLabel,
  onStay,
  proceedLabel,
  onProceed,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useModalDialog(ref, open);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <div id={bodyId}>{children}</div>
          <div className="dialog__actions">
            <button type="button" className={buttonClass()} onClick={onStay} autoFocus>
              {stayLabel}
            </button>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              onClick={onProceed}
            >
              {proceedLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
