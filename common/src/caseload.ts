import { z } from 'zod';
import { ROLES } from './roles';

/**
 * A team's caseload and temporary access to an absent professional's part of it (issue 16,
 * part 3). A cover lets a colleague work on the absent professional's case files of one team
 * from one day to another (entity time, both included); it starts and ends by itself. SIAD case
 * files stay with SIAD technicians: a cover never opens them to anyone else.
 */

export const COVER_REASONS = ['sick_leave', 'holidays', 'other'] as const;
export type CoverReason = (typeof COVER_REASONS)[number];

/** Where a cover stands today: not begun, running, over by its dates, or ended early. */
export const COVER_STATES = ['upcoming', 'live', 'ended', 'revoked'] as const;
export type CoverState = (typeof COVER_STATES)[number];

/** The longest cover, in days: a longer absence is a transfer of the caseload. */
export const COVER_MAX_DAYS = 366;

const uuid = z.uuid();
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });

export const caseloadTeamParamsSchema = z.object({ teamId: uuid });
export const coverParamsSchema = z.object({ teamId: uuid, coverId: uuid });

export const createCoverSchema = z
  .object({
    absentId: uuid,
    coverId: uuid,
    reason: z.enum(COVER_REASONS),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict();
export type CreateCover = z.infer<typeof createCoverSchema>;

export const coverSchema = z.object({
  id: z.uuid(),
  team: named,
  absent: named,
  cover: named,
  reason: z.enum(COVER_REASONS),
  startsOn: isoDate,
  endsOn: isoDate,
  state: z.enum(COVER_STATES),
  grantedBy: named.nullable(),
  createdAt: z.iso.datetime(),
  /** The absent professional's SIAD case files of the team the cover does not open (not SIAD). */
  siadKept: z.number().int(),
});
export type Cover = z.infer<typeof coverSchema>;

export const coverListSchema = z.object({ items: z.array(coverSchema) });
export type CoverList = z.infer<typeof coverListSchema>;

/** One professional of the team with what they hold in it. */
export const caseloadRowSchema = z.object({
  professional: named,
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  /** Case files of the team they are referent of or assigned to. */
  openCaseFiles: z.number().int(),
  closedCaseFiles: z.number().int(),
  /** Person records of the team they are referent of. */
  persons: z.number().int(),
});
export type CaseloadRow = z.infer<typeof caseloadRowSchema>;

export const caseloadSchema = z.object({
  team: named,
  rows: z.array(caseloadRowSchema),
  covers: z.array(coverSchema),
});
export type Caseload = z.infer<typeof caseloadSchema>;

/** The signed-in professional's covers, running or to come: whom they cover, who covers them. */
export const myCoversSchema = z.object({
  covering: z.array(coverSchema),
  coveredBy: z.array(coverSchema),
});
export type MyCovers = z.infer<typeof myCoversSchema>;

/** A record assigned or transferred to the user, not yet acknowledged (their home page). */
export const assignmentNoticeSchema = z.object({
  id: z.uuid(),
  recordType: z.enum(['person', 'case_file']),
  /** The case file's number or the person's name; null when the record is gone. */
  record: z.object({ id: z.uuid(), label: z.string().nullable() }),
  role: z.enum(['referent', 'assigned']),
  assignedBy: named.nullable(),
  createdAt: z.iso.datetime(),
});
export type AssignmentNoticeItem = z.infer<typeof assignmentNoticeSchema>;
export const assignmentNoticeListSchema = z.object({ items: z.array(assignmentNoticeSchema) });
export const noticeParamsSchema = z.object({ id: uuid });
