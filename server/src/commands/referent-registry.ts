import { type SQL, sql } from 'drizzle-orm';

/**
 * Every foreign key to `professionals` is listed here, once: either it makes the professional
 * responsible for something (a referent) and blocks deactivation (deactivate-professional.ts)
 * until that is transferred, or it does not, with the reason. The test "the referent registry"
 * (modules/professionals/deactivation.test.ts) walks every foreign key to `professionals` in the
 * live schema, has a factory (testing/identity-factories.ts) insert a row through it, and fails
 * on any key in neither list: a table added later cannot be forgotten. Add your table to one
 * list and a factory to REFERENCE_FACTORIES.
 */

export type ReferentReference = {
  table: string;
  /** The column that holds the professional's id. */
  column: string;
  /**
   * What the professional is referent of, as a key under `identity.referents` in the server
   * locales (a plural: "{{count}} person records"): the refusal lists these to transfer first.
   */
  what: string;
  /** Only the rows that still need someone (future appointments) at `now`, as a condition. */
  pending?: (now: Date) => SQL;
};

export type NonBlockingReference = { table: string; column: string; reason: string };

/** References that block deactivation: the professional is responsible for these rows. */
export const REFERENT_REFERENCES: ReferentReference[] = [
  { table: 'persons', column: 'referent_id', what: 'persons' },
  { table: 'case_files', column: 'referent_id', what: 'case_files' },
  // Booked appointments still to come: persons expect this professional (commands/move-appointments.ts).
  {
    table: 'appointments',
    column: 'professional_id',
    what: 'appointments',
    pending: (now) => sql`state = 'booked' AND ends_at > ${now}`,
  },
];

/** References that do not block deactivation, and why. */
export const NON_BLOCKING_REFERENCES: NonBlockingReference[] = [
  {
    table: 'team_memberships',
    column: 'professional_id',
    reason:
      'Membership, not responsibility: a deactivated professional stays in their teams as ' +
      'inactive, so a reactivation restores them; coordinators remove members themselves.',
  },
  {
    table: 'sessions',
    column: 'professional_id',
    reason: 'Deactivation ends every session of the professional in the same transaction.',
  },
  {
    table: 'support_tickets',
    column: 'requester_id',
    reason: 'The author of a ticket: history, with nothing to hand over.',
  },
  {
    table: 'coordinator_requests',
    column: 'requester_id',
    reason: 'Who handed a request to the coordinators: history; the request stays with them.',
  },
  {
    table: 'coordinator_requests',
    column: 'closed_by',
    reason: 'The coordinator who closed a request: history, kept as it happened.',
  },
  {
    table: 'coordinator_request_recipients',
    column: 'coordinator_id',
    reason:
      'A coordinator a request was sent to: an open request left with no active recipient ' +
      "reaches the active coordinators of its requester's and its records' teams instead " +
      '(modules/support/coordinator-requests), so deactivating one leaves no request with nobody.',
  },
  {
    table: 'second_factors',
    column: 'professional_id',
    reason: "The professional's own credential; kept for a reactivation, unusable meanwhile.",
  },
  {
    table: 'second_factor_recovery_codes',
    column: 'professional_id',
    reason: "The professional's own credential; kept for a reactivation, unusable meanwhile.",
  },
  {
    table: 'login_challenges',
    column: 'professional_id',
    reason: 'A pending sign-in step; it cannot be completed by an inactive professional.',
  },
  {
    table: 'case_file_professionals',
    column: 'professional_id',
    reason:
      "Assigned beside the case file's referent, who stays responsible for it: a deactivated " +
      'professional simply stops reaching it; the referent or a coordinator updates the list.',
  },

  {
    table: 'interventions',
    column: 'author_id',
    reason: 'The author of an intervention: history, kept as written.',
  },
  {
    table: 'intervention_professionals',
    column: 'professional_id',
    reason: 'Who took part in an intervention: history, kept as it happened.',
  },
  {
    table: 'assignment_notices',
    column: 'professional_id',
    reason: 'A notice to the professional that something was assigned to them: their own, kept.',
  },
  {
    table: 'assignment_notices',
    column: 'assigned_by',
    reason: 'Who assigned it: history, kept as it happened.',
  },
  {
    table: 'caseload_transfers',
    column: 'from_professional_id',
    reason:
      'A transfer of their caseload: pending, it is how their case files leave them (it may ' +
      'still be approved once they are deactivated); done or cancelled, history.',
  },
  {
    table: 'caseload_transfers',
    column: 'to_professional_id',
    reason:
      'The receiver of a transfer: a pending one to a deactivated professional is refused at ' +
      'approval (the plan blocks an inactive receiver); done or cancelled, history.',
  },
  ...['requested_by', 'decided_by'].map((column) => ({
    table: 'caseload_transfers',
    column,
    reason: 'Who asked for a transfer or decided on it: history, kept as it happened.',
  })),
  ...['absent_id', 'cover_id', 'granted_by', 'revoked_by'].map((column) => ({
    table: 'caseload_covers',
    column,
    reason:
      'A temporary cover of an absence: it ends by its dates, a deactivated cover loses access ' +
      'with their sessions, and the absent colleague keeps their caseload; the rest is history.',
  })),
  {
    table: 'appointments',
    column: 'booked_by',
    reason: 'Who booked an appointment: history; the appointment stays with its professional.',
  },
  {
    table: 'appointments',
    column: 'cancelled_by',
    reason: 'Who cancelled an appointment: history, kept as it happened.',
  },
  {
    table: 'time_reservation_professionals',
    column: 'professional_id',
    reason: "Time blocked in the professional's own agenda: nobody waits for it.",
  },
  {
    table: 'time_reservations',
    column: 'created_by',
    reason: 'Who blocked the time: history; the reservation stays with its professionals.',
  },
  {
    table: 'sector_working_hours',
    column: 'updated_by',
    reason: "Who last set a sector's working hours: history.",
  },
  {
    table: 'public_holidays',
    column: 'created_by',
    reason: 'Who added a public holiday: history.',
  },
  {
    table: 'calendar_feeds',
    column: 'professional_id',
    reason: "The professional's own feed: its link stops with the account (the feed checks it).",
  },
  {
    table: 'attachments',
    column: 'uploaded_by',
    reason:
      'Who uploaded a file: history, kept as it happened; the record it is on stays with its ' +
      'referent, and an upload a deactivated professional left unfinished is cleaned up after an hour.',
  },
  {
    table: 'help_request_submissions',
    column: 'entered_by',
    reason: 'Who typed a help request after a phone call: history; the operators import it.',
  },
  {
    table: 'help_requests',
    column: 'entered_by',
    reason: 'Who typed a help request after a phone call: history, kept as it happened.',
  },
  {
    table: 'help_requests',
    column: 'imported_by',
    reason: "The operator who imported a help request: history; the entity's operators follow it.",
  },
  {
    table: 'help_requests',
    column: 'deleted_by',
    reason: 'Who deleted a help request, with its reason: history, kept as it happened.',
  },
  ...['demands', 'problems', 'resources', 'procedures', 'intervention_plans'].map((table) => ({
    table,
    column: 'author_id',
    reason:
      "Who recorded this content of a case file: history, kept as written; the case file's " +
      'referent stays responsible for following it up.',
  })),
];
