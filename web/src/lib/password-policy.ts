import { useEffect, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@caliu/common';

/**
 * What the server checks a new password against, loaded on demand in their own chunks so that
 * only the pages that set a password download them: the most common passwords (the very list the
 * server uses, common/src/common-passwords.txt, compared trimmed and in lower case) and the
 * strength estimator with its dictionaries (@caliu/common/password-strength, as the server).
 */
export type PasswordRules = {
  common: Set<string>;
  isGuessable: (password: string) => boolean;
};

let rules: Promise<PasswordRules> | null = null;

export function loadPasswordRules(): Promise<PasswordRules> {
  rules ??= Promise.all([
    import('@caliu/common/common-passwords.txt?raw'),
    import('@caliu/common/password-strength'),
  ]).then(([{ default: text }, strength]) => ({
    common: new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter(Boolean),
    ),
    isGuessable: (password: string) => strength.isGuessablePassword(password),
  }));
  return rules;
}

/** The rules once loaded (null until then, or if they could not be loaded). */
export function usePasswordRules(): PasswordRules | null {
  const [loaded, setLoaded] = useState<PasswordRules | null>(null);
  useEffect(() => {
    let live = true;
    loadPasswordRules().then(
      (value) => {
        if (live) setLoaded(value);
      },
      () => {
        // Not loaded (offline?): the server still checks, and says so next to the field.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

/**
 * How a new password stands against each rule; `notCommon` and `notGuessable` are null until the
 * rules are loaded (and the estimator speaks only of a password the other rules accept).
 */
export type PasswordCheck = {
  longEnough: boolean;
  notCommon: boolean | null;
  notGuessable: boolean | null;
};

export function checkPassword(password: string, loaded: PasswordRules | null): PasswordCheck {
  const longEnough = password.length >= PASSWORD_MIN_LENGTH;
  const notCommon = loaded ? !loaded.common.has(password.trim().toLowerCase()) : null;
  // The estimator is asked only about a password the other rules accept.
  const notGuessable = loaded
    ? longEnough && notCommon === true && !loaded.isGuessable(password)
    : null;
  return { longEnough, notCommon, notGuessable };
}

/** Whether the password meets every rule known so far. */
export function passwordAcceptable(check: PasswordCheck): boolean {
  return check.longEnough && check.notCommon !== false && check.notGuessable !== false;
}
