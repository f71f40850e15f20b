import { sql } from 'drizzle-orm';
import { type OperationLine, phoneProblem, type TicketFieldsOf } from '@caliu/common';
import { rowsOf } from '../db/connect';
import type { AuditActor } from '../platform/audit';
import { fieldError } from '../platform/errors';
import { findEntity } from '../modules/organization/repository';
import {
  type ActivationTarget,
  sendActivationSms,
  smsFallbackAt,
} from '../modules/professionals/activation';
import { isActiveAdministrator } from '../modules/professionals/repository';
import {
  creationCheck,
  createProfessional,
  type NewProfessional,
} from '../modules/professionals/service';
import { type Blocker, line, type Operation } from '../modules/support/operations/plan';

/**
 * A new professional from a "new professional" ticket (issue 20, decision 0010 §5): the identity
 * module's own creation (`createProfessional`: the entity's rules, a free username, the record,
 * its membership, the audit row — here naming the ticket — and a new administrator told to the
 * others). The preview says who would be created (name, username, roles, team, sector, how the
 * first-access link goes) or, as blockers, the refusals the creation would throw — and an
 * administrator account asked for by anyone but an active administrator of the entity. The link
 * goes by email (queued in the run's transaction), or by SMS to the mobile the agent types at the
 * run (asked of the requester): sent once the run committed, used for that one message and never
 * stored. Its email is queued in the run's transaction too, due ACTIVATION_SMS_FALLBACK_MINUTES
 * later: withdrawn once the SMS went, sent at once when it could not (the agent is told), and sent
 * anyway when the process stops between the commit and the SMS.
 */

/** The ticket's fields as the creation takes them: the ticket names one team and one sector. */
function creationOf(fields: TicketFieldsOf<'new_professional'>): NewProfessional {
  return {
    givenName: fields.givenName,
    surnames: fields.surnames,
    documentType: fields.documentType,
    documentNumber: fields.documentNumber,
    email: fields.email,
    roles: fields.roles,
    costCategory: fields.costCategory,
    sectorId: fields.sectorId,
    // The professional chooses their language once signed in; until then, the entity's.
    language: null,
    // A coordinator asked for with a team coordinates it (the only team the ticket names).
    teams: [{ teamId: fields.teamId, isCoordinator: fields.roles.includes('coordinator') }],
  };
}

export const newProfessional: Operation<'new_professional'> = {
  kind: 'new_professional',
  async plan({ deps, tx, entityId, t, lock, now, requesterId, inEntity }, fields) {
    const input = creationOf(fields);
    const entity = (await findEntity(tx, entityId))!;
    // The team and the sector stay until the run commits (their membership and key point there).
    const lockFor = lock ? sql`FOR KEY SHARE` : sql``;
    const [team] = await rowsOf<{ id: string; name: string }>(
      tx,
      sql`SELECT id, name FROM teams WHERE entity_id = ${entityId} AND id = ${fields.teamId}
        ${lockFor}`,
    );
    const [sector] = await rowsOf<{ id: string; name: string }>(
      tx,
      sql`SELECT id, name FROM sectors WHERE entity_id = ${entityId} AND id = ${fields.sectorId}
        ${lockFor}`,
    );
    const { refusals, username } = await creationCheck(tx, entity, input);
    const blockers = refusals.map((r): Blocker => ({
      code: r.code.replace(/^professional\./, ''),
      params: r.params ?? {},
      message: t(`errors.${r.code}`, r.params),
    }));
    // An administrator account is a grant of the entity's every power: only one of its
    // administrators asks for it (decision 0010 §5), and stays one until the run commits.
    if (
      fields.roles.includes('administrator') &&
      !(requesterId && (await isActiveAdministrator(tx, requesterId, lock)))
    ) {
      blockers.push({
        code: 'administrator_not_by_administrator',
        params: {},
        message: t('support.operations.administrator_not_by_administrator'),
      });
    }
    const name = `${fields.givenName} ${fields.surnames}`;
    const bySms = fields.firstAccessBySms;
    const created = (channel: OperationLine): OperationLine[] => [
      line('professional_created', 1, [name]),
      ...(username ? [line('username_given', 1, [username])] : []),
      ...fields.roles.map((role) => line(`role_${role}`, 1)),
      ...(team
        ? [line(input.teams[0]!.isCoordinator ? 'team_coordinated' : 'team_member', 1, [team.name])]
        : []),
      ...(sector ? [line('sector_given', 1, [sector.name])] : []),
      ...(fields.costCategory ? [line('cost_category_given', 1, [fields.costCategory])] : []),
      channel,
    ];
    const lines = created(
      bySms
        ? line('first_access_by_sms_typed', 1)
        : line('first_access_by_email', 1, [fields.email]),
    );

    // Set by the run, for the SMS once it committed.
    let sms:
      | {
          actor: AuditActor;
          ticketId: string;
          target: ActivationTarget;
          fallbackEmailId: string | null;
        }
      | undefined;
    return {
      blockers,
      lines,
      ids: [team?.id, sector?.id].filter((id): id is string => Boolean(id)),
      ...(bySms ? { asks: ['mobile' as const] } : {}),
      async apply(actor, ticketId, run) {
        if (bySms && run.mobile && phoneProblem(run.mobile, { mobile: true })) {
          throw fieldError({ t }, 400, 'support.operations.mobile_invalid', 'mobile');
        }
        const agent = `${inEntity.auth.givenName} ${inEntity.auth.surnames}`.trim();
        const by = { actor, ticketId, t, name: agent };
        const activation = bySms ? { smsFallbackAt: smsFallbackAt(deps, now) } : 'email';
        const made = await createProfessional(tx, entity, by, input, activation);
        sms = { actor, ticketId, target: made.target, fallbackEmailId: made.fallbackEmailId };
        return created(
          bySms
            ? line('first_access_by_sms_given', 1)
            : line('first_access_by_email', 1, [fields.email]),
        );
      },
      ...(bySms
        ? {
            async afterCommit(run) {
              if (!sms || !run.mobile) return [];
              const { actor, ticketId, target, fallbackEmailId } = sms;
              const by = { actor, ticketId, log: inEntity.log };
              const sent = await sendActivationSms(deps, by, target, run.mobile, fallbackEmailId);
              return [
                sent.smsFailed
                  ? line('first_access_sms_failed_email_sent', 1, [fields.email])
                  : line('first_access_sms_sent', 1),
              ];
            },
          }
        : {}),
    };
  },
};
