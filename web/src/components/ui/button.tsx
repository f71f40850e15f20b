import type { ButtonHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '@/lib/cx';
import styles from './button.module.css';
import fieldCss from './form-field.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'danger-outline' | 'ghost';
export type ButtonLook = { variant?: ButtonVariant; small?: boolean; wide?: boolean };

const VARIANTS: Record<ButtonVariant, string | undefined> = {
  primary: styles.buttonPrimary,
  secondary: styles.buttonSecondary,
  danger: styles.buttonDanger,
  'danger-outline': styles.buttonDangerOutline,
  ghost: styles.buttonGhost,
};

/** The classes of a button's look, for a link that reads as a button. */
export function buttonClass({ variant = 'primary', small, wide }: ButtonLook = {}, extra?: string) {
  // "button": a hook by which a page places the buttons it holds (its own CSS module says how).
  return cx(
    'button',
    styles.button,
    VARIANTS[variant],
    small && styles.buttonSmall,
    wide && styles.buttonWide,
    extra,
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & ButtonLook;

/** A button of the console (type="button" unless told otherwise). */
export function Button({
  variant,
  small,
  wide,
  className,
  type = 'button',
  ...props
}: ButtonProps) {
  return (
    <button type={type} className={buttonClass({ variant, small, wide }, className)} {...props} />
  );
}

/** A button that reads as a link (it acts on the page, it does not leave it). */
export const linkButtonClass = cx('link-button', styles.linkButton);
/** A round button that holds only an icon (its name is an aria-label). */
export const iconButtonClass = styles.iconButton;

type FormActionsProps = {
  /** The submit button's label; while `pending`, `pendingLabel` instead (and it cannot be pressed). */
  submitLabel: string;
  pending: boolean;
  /** What the submit button says while pending; "Saving…" unless told. */
  pendingLabel?: string;
  /** The submit button's look: `danger` for one that removes something. */
  submitVariant?: ButtonVariant;
  /** Cancel: puts the form back as it opened (and leaves, where the form is a page of its own). */
  onCancel: () => void;
  /** Nothing to cancel yet (the form is as it opened). */
  cancelDisabled?: boolean;
};

/** A form's buttons, in the house's order: submit, then Cancel (every form has one). */
export function FormActions({
  submitLabel,
  pending,
  pendingLabel,
  submitVariant,
  onCancel,
  cancelDisabled,
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className={fieldCss.formActions}>
      <Button type="submit" variant={submitVariant} disabled={pending}>
        {pending ? (pendingLabel ?? t('forms.saving')) : submitLabel}
      </Button>
      <Button variant="secondary" onClick={onCancel} disabled={cancelDisabled}>
        {t('forms.cancel')}
      </Button>
    </div>
  );
}
