/** What naming a person needs (a search result, a record, a duplicate candidate). */
export type PersonIdentificationLike = {
  givenName: string;
  firstSurname: string;
  secondSurname: string | null;
};
