/**
 * Every foreign key to `case_files`, with what deleting a case file from a support ticket does
 * with the rows behind it (commands/delete-case-files.ts) and what merging it into another does
 * (commands/merge-case-files.ts; docs/decisions/0010 "Nothing forgotten"). The test "what a case file's deletion does with every reference"
 * (modules/support/operations/references.test.ts) walks the live schema's foreign keys to
 * `case_files`, has a factory insert a row through each, runs the deletion and checks the row's
 * fate against this list; a key in no entry fails it, so a table added later cannot be forgotten.
 * Add your table here and a factory there. (Professionals: commands/referent-registry.ts.)
 *
 * - `blocks`: a professional recorded it: the deletion is refused while it exists (the preview
 *   says so with counts); the foreign key may cascade, the command never lets it.
 * - `cascade`: goes with the case file (ON DELETE CASCADE).
 * - `deleted_first`: the command deletes it, audited, before the case file (its key does not
 *   cascade, so a path that forgot it fails loudly instead of losing it).
 * - `unlinked`: stays, its link to the case file cleared (the row belongs to someone else too).
 */
export type CaseFileReferenceFate = 'blocks' | 'cascade' | 'deleted_first' | 'unlinked';

/**
 * What a merge of case files (commands/merge-case-files.ts) does with the other's rows:
 * - `moves`: the row now names the survivor;
 * - `combined`: moves, unless the survivor has the same (person, professional) already — then the
 *   other's row goes and the survivor's stays;
 * - `stays`: names the other (a tombstone of the merge) still, for the reason given.
 */
export type CaseFileMergeFate = 'moves' | 'combined' | 'stays';

export type CaseFileReference = {
  table: string;
  column: string;
  fate: CaseFileReferenceFate;
  merge: CaseFileMergeFate;
  /** Which rows of the table the fate applies to, when it depends on the row. */
  rows?: string;
  reason: string;
};

export const CASE_FILE_REFERENCES: CaseFileReference[] = [
  {
    table: 'case_file_members',
    column: 'case_file_id',
    fate: 'cascade',
    merge: 'combined',
    reason: 'a membership is the link itself; the persons stay',
  },
  {
    table: 'case_file_professionals',
    column: 'case_file_id',
    fate: 'cascade',
    merge: 'combined',
    reason: 'an assignment is the link itself; the professionals stay',
  },
  {
    table: 'interventions',
    column: 'case_file_id',
    fate: 'cascade',
    merge: 'moves',
    rows: 'the automatic ones (opened, closed, reopened): any other blocks',
    reason: 'the system recorded them with the case file, nobody did',
  },
  {
    table: 'demands',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    reason: 'a professional recorded it',
  },
  {
    table: 'problems',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    reason: 'a professional recorded it',
  },
  {
    table: 'resources',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    reason: 'a professional recorded it',
  },
  {
    table: 'procedures',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    reason: 'a professional recorded it',
  },
  {
    table: 'intervention_plans',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    reason: 'a professional wrote it',
  },
  {
    table: 'attachments',
    column: 'case_file_id',
    fate: 'blocks',
    merge: 'moves',
    rows: 'ready ones; uploads still in progress are deleted first, audited',
    reason: 'a professional filed the document',
  },
  {
    table: 'appointments',
    column: 'case_file_id',
    fate: 'unlinked',
    merge: 'moves',
    reason: "an appointment is the professional's and the persons' agenda, not the case file's",
  },
  {
    table: 'case_files',
    column: 'merged_into_id',
    fate: 'blocks',
    merge: 'stays',
    rows: 'case files merged into it (tombstones of a merge)',
    reason:
      "a merged case file's number resolves through it; merged again, the chain still resolves",
  },
];

/**
 * Columns that name a case file without a foreign key (a key would tie rows of another lifetime to
 * it), and what a deletion and a merge do with them. Not walked by the schema test: keep this list
 * by hand. A merge leaves them all on the tombstone, whose page leads to the survivor.
 */
export const CASE_FILE_NAMED_WITHOUT_KEY = [
  {
    table: 'assignment_notices',
    column: 'record_id',
    fate: 'deleted',
    merge: 'stays',
    reason:
      '"you were assigned this case file" is moot once it is gone; merged, its link leads on to ' +
      'the survivor',
  },
  {
    table: 'coordinator_requests',
    column: 'case_file_id',
    fate: 'stays',
    merge: 'stays',
    reason:
      'a request keeps what it was about, as history; its page then says the case file was ' +
      'deleted (coordinator_requests.deleted_case_file)',
  },
  {
    table: 'audit_log',
    column: 'record_id',
    fate: 'stays',
    merge: 'stays',
    reason: 'audit rows are never rewritten (their details keep the number)',
  },
] as const;
