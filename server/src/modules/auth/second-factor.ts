import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { SecondFactorEnrolment, SecondFactorStatus } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { sha256, verifyPassword } from '../../platform/secrets';
import { findPasswordHash } from './repository';
import * as repo from './second-factor-repository';
import { secretBoxOf, type SecretBox } from './secret-box';

const RECOVERY_CODES = 10;
/** A code is accepted from the previous, current or next 30-second step (clock drift). */
const TOLERANCE_SECONDS = 30;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A recovery code: 10 random Base32 characters (50 bits), shown as "xxxxx-xxxxx". */
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => BASE32[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function recoveryCodeHash(code: string): Buffer {
  return sha256(`recovery:${code.toLowerCase().replace(/[^a-z2-7]/g, '')}`);
}

/** The time step the code belongs to, or null; a step at or before `after` is refused (replay). */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  after: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(after !== null ? { afterTimeStep: after } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Starts enrolment: a new secret and recovery codes, shown this once. */
export async function startEnrolment(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<SecondFactorEnrolment> {
  const { auth } = ctx;
  const box = await secretBoxOf(deps.database);
  const secret = generateSecret();
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await deps.database.tenant(auth.entity.id, async (tx) => {
    const existing = await repo.findSecondFactor(tx, auth.professionalId);
    if (existing?.confirmedAt) throw new AppError('second_factor.already_enrolled', 409);
    await repo.replacePendingSecondFactor(
      tx,
      {
        entityId: auth.entity.id,
        professionalId: auth.professionalId,
        secretCiphertext: box.seal(secret, auth.professionalId),
      },
      recoveryCodes.map(recoveryCodeHash),
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'auth.second_factor_enrolment_start',
      recordType: 'professional',
      recordId: auth.professionalId,
    });
  });
  const otpauthUri = generateURI({
    issuer: `Caliu ${auth.entity.code}`,
    label: auth.username,
    secret,
  });
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M' });
  return {
    otpauthUri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    secret,
    recoveryCodes,
  };
}

/** Confirms a pending enrolment with a first code: from then on every login asks for one. */
export async function confirmEnrolment(deps: AppDeps, ctx: RequestContext, code: string) {
  const { auth } = ctx;
  const box = await secretBoxOf(deps.database);
  const now = deps.clock.now();
  await deps.database.tenant(auth.entity.id, async (tx) => {
    const row = await repo.findSecondFactor(tx, auth.professionalId);
    if (!row || row.confirmedAt) throw new AppError('second_factor.no_pending_enrolment', 409);
    const step = await checkTotp(
      box.open(row.secretCiphertext, auth.professionalId),
      code,
      now,
      null,
    );
    if (step === null) throw new AppError('second_factor.wrong_code', 400);
    await repo.confirmSecondFactor(tx, auth.professionalId, step, now);
    await writeAudit(tx, actorOf(ctx), {
      action: 'auth.second_factor_enrol',
      recordType: 'professional',
      recordId: auth.professionalId,
    });
  });
}

/** Removes the second factor, after checking the password; refused where it is required. */
export async function removeSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  currentPassword: string,
) {
  const { auth } = ctx;
  const found = await deps.database.tenant(auth.entity.id, (tx) =>
    findPasswordHash(tx, auth.professionalId),
  );
  if (!(await verifyPassword(found?.passwordHash ?? null, currentPassword))) {
    throw new AppError('auth.wrong_password', 400);
  }
  if (auth.secondFactor.required) throw new AppError('second_factor.required', 409);
  await deps.database.tenant(auth.entity.id, async (tx) => {
    await repo.deleteSecondFactor(tx, auth.professionalId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'auth.second_factor_remove',
      recordType: 'professional',
      recordId: auth.professionalId,
    });
  });
}

export async function status(deps: AppDeps, { auth }: RequestContext): Promise<SecondFactorStatus> {
  const left = await deps.database.tenant(auth.entity.id, (tx) =>
    repo.countUnusedRecoveryCodes(tx, auth.professionalId),
  );
  const state = auth.secondFactor;
  return { ...state, recoveryCodesLeft: state.enrolled ? left : 0 };
}

/** Checks a login's second factor (a TOTP code or a recovery code), using it up when right. */
export async function verifyLoginFactor(
  tx: Tx,
  box: SecretBox,
  professionalId: string,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
  now: Date,
): Promise<'totp' | 'recovery_code' | null> {
  const row = await repo.findSecondFactor(tx, professionalId);
  if (!row?.confirmedAt) return null;
  if (input.code) {
    const secret = box.open(row.secretCiphertext, professionalId);
    const step = await checkTotp(secret, input.code, now, row.lastTimeStep);
    return step !== null && (await repo.useTimeStep(tx, professionalId, step)) ? 'totp' : null;
  }
  if (input.recoveryCode) {
    const used = await repo.useRecoveryCode(
      tx,
      professionalId,
      recoveryCodeHash(input.recoveryCode),
    );
    return used ? 'recovery_code' : null;
  }
  return null;
}
