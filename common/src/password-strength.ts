import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as spanish from '@zxcvbn-ts/language-es-es';
import * as italian from '@zxcvbn-ts/language-it';

/**
 * How guessable a password is, by zxcvbn (the common-password list of every language, names and
 * words in Spanish and Italian, a few Catalan ones; keyboard patterns, dates, repetitions, l33t):
 * a score from 0 to 4. The English dictionary is left out: it doubled the download (to 1.5 MB
 * compressed) for words our users seldom build passwords from. A separate entry point
 * (`@caliu/common/password-strength`) because the dictionaries still weigh 0.9 MB compressed:
 * the console loads them only on the pages that set a password.
 */
const zxcvbn = new ZxcvbnFactory({
  dictionary: {
    ...common.dictionary,
    ...spanish.dictionary,
    ...italian.dictionary,
    // No Catalan dictionary is published: the words a Catalan speaker would try first, and
    // this product's own.
    local: [
      'contrasenya',
      'benvingut',
      'benvinguda',
      'bondia',
      'ajuntament',
      'catalunya',
      'barcelona',
      'girona',
      'lleida',
      'tarragona',
      'visca',
      'caliu',
      'hestia',
      'serveissocials',
      'serviciossociales',
      'servizisociali',
    ],
  },
  graphs: common.adjacencyGraphs,
});

/**
 * The lowest accepted score: 3 is "safely unguessable" for zxcvbn (about 10^8 guesses or more),
 * which refuses "password1234" or "barcelona2026" and accepts four unrelated words.
 */
export const PASSWORD_MIN_SCORE = 3;

/** The password's score; `related` are the user's own words (name, username, entity). */
export function passwordScore(password: string, related: readonly string[] = []): number {
  return zxcvbn.check(password, related.filter(Boolean) as string[]).score;
}

export function isGuessablePassword(password: string, related: readonly string[] = []): boolean {
  return passwordScore(password, related) < PASSWORD_MIN_SCORE;
}
