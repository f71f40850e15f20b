import type { ButtonHTMLAttributes } from 'react';
import { cx } from '@/lib/cx';
import styles from './button.module.css';

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
