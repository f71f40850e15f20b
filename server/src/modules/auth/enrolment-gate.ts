import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from '../../platform/http-errors';

/** What a session still to enrol its required second factor may do: its own profile and session. */
const ALLOWED_WHILE_ENROLLING = new Set(['profile.view', 'profile.edit']);

/**
 * Where the entity requires a second factor of an administrator or support agent who has not
 * enrolled one, the sign-in succeeds but the session may only enrol (and read its profile, change
 * its password, sign out): anything else answers 403 `auth.second_factor_enrolment_required`, so
 * the console can send the user to the enrolment page. Runs after the guard (registered after it).
 */
async function gate(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.auth?.secondFactor.enrolmentRequired) return;
    const permission = request.routeOptions.config.permission;
    if (permission && ALLOWED_WHILE_ENROLLING.has(permission)) return;
    const code = 'auth.second_factor_enrolment_required';
    return sendError(reply, 403, code, request.t(`errors.${code}`));
  });
}

export const enrolmentGatePlugin = fp(gate, {
  name: 'caliu-enrolment-gate',
  dependencies: ['caliu-guard'],
});
