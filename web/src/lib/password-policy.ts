import { useEffect, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@caliu/common';

let commonPasswords: Promise<Set<string>> | null = null;

/**
 * The most common passwords, which the server refuses: the very list it checks against
 * (common/src/common-passwords.txt), loaded on demand in its own chunk so that only
 * the pages that set a password download it. Compared trimmed and in lower case, as the server.
 */
export function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import('@caliu/common/common-passwords.txt?raw').then(
    ({ default: text }) =>
      new Set(
        text
          .split('\n')
          .map((line) => line.trim().toLowerCase())
          .filter(Boolean),
      ),
  );
  return commonPasswords;
}

/** The common passwords once loaded (null until then, or if they could not be loaded). */
export function useCommonPasswords(): Set<string> | null {
  const [list, setList] = useState<Set<string> | null>(null);
  useEffect(() => {
    let live = true;
    loadCommonPasswords().then(
      (loaded) => {
        if (live) setList(loaded);
      },
      () => {
        // Not loaded (offline?): the server still checks, and says so next to the field.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** How a new password stands against each rule; `notCommon` is null until the list is loaded. */
export type PasswordCheck = { longEnough: boolean; notCommon: boolean | null };

export function checkPassword(password: string, common: Set<string> | null): PasswordCheck {
  return {
    longEnough: password.length >= PASSWORD_MIN_LENGTH,
    notCommon: common ? !common.has(password.trim().toLowerCase()) : null,
  };
}

/** Whether the password meets every rule known so far. */
export function passwordAcceptable(check: PasswordCheck): boolean {
  return check.longEnough && check.notCommon !== false;
}
