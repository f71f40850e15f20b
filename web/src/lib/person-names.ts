import type { TFunction } from 'i18next';
import type { PERSON_DOCUMENT_TYPES } from '@caliu/common';

/** What naming a person needs (a search result, a record, a duplicate candidate). */
export type PersonIdentificationLike = {
  givenName: string;
  firstSurname: string;
  secondSurname: string | null;
};

/** A person's full name as it is written: given name, first surname, second surname. */
export function fullName(person: PersonIdentificationLike): string {
  return [person.givenName, person.firstSurname, person.secondSurname]
    .filter((part) => part && part.trim())
    .join(' ');
}

/**
 * A document type as it is written before its number: DNI and NIE are the names of those Spanish
 * documents in every language of the console; a passport is named in the console's language.
 */
export function documentAcronym(
  type: (typeof PERSON_DOCUMENT_TYPES)[number],
  t: TFunction,
): string {
  return type === 'passport' ? t('persons.documentTypes.passport') : type.toUpperCase();
}
