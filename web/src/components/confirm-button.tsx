import { useEffect, useId, useRef, useState } from 'react';
import styles from './confirm-button.module.css';
import { buttonClass } from './ui/button';

type ConfirmButtonProps = {
  /** The button's text ("Delete"). */
  label: string;
  /** The button's name for screen readers when the label alone is ambiguous ("Delete Nord"). */
  accessibleLabel?: string;
  /** The question asked before acting ("Delete Sector Nord?"). */
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  /** The button's look: "danger" for what cannot be undone. */
  tone?: 'danger' | 'secondary';
  small?: boolean;
};

/**
 * A button that asks before it acts, in the page itself (no browser dialog): the question and
 * its two answers take the button's place, and the focus goes to the answer that acts.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  cancelLabel,
  onConfirm,
  pending = false,
  tone = 'danger',
  small = true,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus) buttonRef.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <button
        ref={buttonRef}
        type="button"
        className={buttonClass({
          variant: tone === 'danger' ? 'danger-outline' : 'secondary',
          small,
        })}
        onClick={() => setAsking(true)}
        disabled={pending}
        aria-label={accessibleLabel}
      >
        {label}
      </button>
    );
  }
  return (
    <span className={styles.confirm} role="group" aria-labelledby={`${id}-question`}>
      <span id={`${id}-question`} className={styles.confirmQuestion}>
        {question}
      </span>
      <button
        ref={confirmRef}
        type="button"
        className={buttonClass({ variant: tone === 'danger' ? 'danger' : 'primary', small })}
        disabled={pending}
        onClick={() => {
          setReturnFocus(true);
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className={buttonClass({ variant: 'secondary', small })}
        onClick={() => {
          setReturnFocus(true);
          setAsking(false);
        }}
      >
        {cancelLabel}
      </button>
    </span>
  );
}
