/**
 * Catalan elision before a name or a date put into a sentence: "la fitxa d'Anna" (not "de Anna"),
 * "Membres d'Equip Nord", "obert l'1 de desembre" (not "el 1"). The translations use them as
 * i18next formats, `{{name, de}}` and `{{date, el}}` (registered by both the console and the
 * server with `elisionFormats`); other languages write their own words and never call them.
 */

// A vowel sound begins the word: a vowel or h + vowel, but not i/u (or hi/hu) before another
// vowel, which sound as consonants ("de iogurt", "de Huelva").
const VOWEL = 'aeiouàèéíïòóúü';
const SEMIVOWEL = /^h?[iuïü][aeiouàèéíòóú]/;

function startsWithVowelSound(text: string): boolean {
  const word = text.trim().toLocaleLowerCase('ca');
  if (/^(1|11)(\D|$)/.test(word)) return true; // "u", "onze"
  if (SEMIVOWEL.test(word)) return false;
  const first = word.startsWith('h') ? word[1] : word[0];
  return first !== undefined && VOWEL.includes(first);
}

/** "de" or "d'" before `text`, joined to it. */
export function catalanDe(text: string): string {
  return startsWithVowelSound(text) ? `d'${text}` : `de ${text}`;
}

/** "el" or "l'" before `text` (a date, a masculine name), joined to it. */
export function catalanEl(text: string): string {
  return startsWithVowelSound(text) ? `l'${text}` : `el ${text}`;
}

type FormatterHost = {
  services: { formatter?: { add(name: string, fn: (value: unknown) => string): void } };
};

/** Registers the `de` and `el` formats on an initialised i18next instance. */
export function elisionFormats(i18n: FormatterHost): void {
  i18n.services.formatter?.add('de', (value) => catalanDe(String(value)));
  i18n.services.formatter?.add('el', (value) => catalanEl(String(value)));
}
