import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { FormDialog } from './form-dialog';

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
  return (
    <FormDialog open={open} title={title} lead={children} onDismiss={onStay}>
      <div className="dialog__actions">
        <button type="button" className={buttonClass()} onClick={onStay} autoFocus>
          {stayLabel}
        </button>
        <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={onProceed}>
          {proceedLabel}
        </button>
      </div>
    </FormDialog>
  );
}
