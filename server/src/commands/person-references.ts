/**
 * Every foreign key to `persons`, with what merging two person records from a support ticket does
 * with the rows behind the merged one (commands/merge-persons.ts; docs/decisions/0010 "Nothing
 * forgotten"). The test "what a merge of person records does with every reference"
 * (modules/support/operations/person-references.test.ts) walks the live schema's foreign keys to
 * `persons`, has a factory insert a row through each for the record that is merged, runs the
 * merge and checks the row's fate against this list; a key in no entry fails it, so a table added
 * later cannot be forgotten. Add your table here, a factory there and its move in the command.
 * (Case files: commands/record-references.ts; professionals: commands/referent-registry.ts.)
 *
 * - `moves`: the row now names the survivor.
 * - `combined`: moves, except where the survivor already holds the same place (both members of
 *   one case file, both at one appointment…): there the merged record's row is folded into the
 *   survivor's and goes.
 * - `deleted`: goes (it only made sense for the merged record).
 * - `stays`: stays on the tombstone, which remains (its old links resolve to the survivor).
 */
export type PersonReferenceFate = 'moves' | 'combined' | 'deleted' | 'stays';

export type PersonReference = {
  table: string;
  column: string;
  fate: PersonReferenceFate;
  /** Which rows of the table the fate applies to, when it depends on the row. */
  rows?: string;
  reason: string;
};

export const PERSON_REFERENCES: PersonReference[] = [
  {
    table: 'case_file_members',
    column: 'person_id',
    fate: 'combined',
    rows: 'a case file both were members of keeps one membership, the survivor’s',
    reason: 'the case files are the human’s, whichever record named them',
  },
  {
    table: 'intervention_persons',
    column: 'person_id',
    fate: 'combined',
    rows: 'an intervention that named both names the survivor once',
    reason: 'the intervention concerned the human',
  },
  { table: 'demands', column: 'person_id', fate: 'moves', reason: 'content of the human' },
  { table: 'problems', column: 'person_id', fate: 'moves', reason: 'content of the human' },
  { table: 'resources', column: 'person_id', fate: 'moves', reason: 'content of the human' },
  { table: 'procedures', column: 'person_id', fate: 'moves', reason: 'content of the human' },
  {
    table: 'attachments',
    column: 'person_id',
    fate: 'moves',
    rows: 'uploads in progress too (their upload goes on, on the survivor)',
    reason: 'the human’s documents',
  },
  {
    table: 'appointment_persons',
    column: 'person_id',
    fate: 'combined',
    rows: 'an appointment with both has the survivor once',
    reason: 'the human is expected at the appointment',
  },
  {
    table: 'person_duplicate_dismissals',
    column: 'person_low',
    fate: 'combined',
    rows: 'the pair of the two merged records is deleted (they are one record now)',
    reason: '"not the same person as X" was said of the human; the survivor keeps it',
  },
  {
    table: 'person_duplicate_dismissals',
    column: 'person_high',
    fate: 'combined',
    rows: 'the pair of the two merged records is deleted (they are one record now)',
    reason: '"not the same person as X" was said of the human; the survivor keeps it',
  },
  {
    table: 'help_requests',
    column: 'person_id',
    fate: 'moves',
    rows: 'deleted and erased requests too',
    reason: 'an operator linked the request to the human (issue 22)',
  },
  {
    table: 'persons',
    column: 'merged_into_id',
    fate: 'moves',
    rows: 'earlier tombstones of the merged record',
    reason: 'a tombstone points at the record that lives, in one step',
  },
  {
    table: 'person_history',
    column: 'person_id',
    fate: 'stays',
    reason:
      'the changes of the merged record’s own fields (referent, team, municipality, status): ' +
      'on the survivor they would describe fields it never had; the merge itself is in the ' +
      'survivor’s audit',
  },
  {
    table: 'person_name_terms',
    column: 'person_id',
    fate: 'deleted',
    reason:
      'the word index of name search: a tombstone is not found (the triggers keep the ' +
      'survivor’s own terms; a tombstone’s name never changes again, nothing edits it)',
  },
];

/**
 * Columns that name a person without a foreign key, and what a merge does with them. Not walked
 * by the schema test: keep this list by hand. (Help requests name their person by a foreign key,
 * above; home alerts are computed from the rows above, never stored.)
 */
export const PERSON_NAMED_WITHOUT_KEY = [
  {
    table: 'audit_log',
    column: 'record_id',
    fate: 'stays',
    reason: 'audit rows are never rewritten: the tombstone they name points at the survivor',
  },
  {
    table: 'audit_subjects',
    column: 'person_id',
    fate: 'stays',
    reason: 'append-only like the log; the merge’s own row is tagged with both records',
  },
  {
    table: 'assignment_notices',
    column: 'record_id',
    fate: 'stays',
    reason: 'a notice opens the tombstone, whose page goes on to the survivor',
  },
  {
    table: 'coordinator_requests',
    column: 'person_ids',
    fate: 'stays',
    reason: 'a request keeps what it was about, as history; the tombstone resolves',
  },
  {
    table: 'support_tickets',
    column: 'fields',
    fate: 'stays',
    reason: 'what the requester typed, as history (the merge ticket itself names both)',
  },
] as const;
