import { hkdfSync, randomBytes } from 'node:crypto';
import type { DraftKeys } from '@caliu/common';
import type { Database } from '../../db/connect';
import type { AuthContext } from '../../platform/context';
import { readOrCreateServerKey } from './second-factor-repository';

/**
 * The keys of a user's form drafts. The console keeps what a professional is typing in the
 * browser (it survives a session expiry or a reload), encrypted, because town-hall computers are
 * shared: the key comes from here, to that user only, after sign-in, and is never stored in the
 * browser. Nothing is stored here either: each key is derived (HKDF-SHA-256) from an installation
 * key in `caliu_private` (as the second factor's), the user and the day, so yesterday's drafts
 * open today and older ones open nowhere.
 */
const KEY_NAME = 'form_drafts_v1';
const DAY_MS = 24 * 60 * 60 * 1000;

const masters = new WeakMap<Database, Promise<Buffer>>();

/** The installation's draft master key (created on first use; read as the owner). */
export function draftMasterKeyOf(database: Database): Promise<Buffer> {
  let master = masters.get(database);
  if (!master) {
    master = database
      .asOwner((tx) => readOrCreateServerKey(tx, KEY_NAME, randomBytes(32)))
      .catch((error: unknown) => {
        masters.delete(database);
        throw error;
      });
    masters.set(database, master);
  }
  return master;
}

export async function draftKeysFor(
  database: Database,
  auth: AuthContext,
  now: Date,
): Promise<DraftKeys> {
  const master = await draftMasterKeyOf(database);
  const info = `caliu form drafts:${auth.entity.id}:${auth.professionalId}`;
  const derive = (epoch: number) => ({
    epoch,
    key: Buffer.from(hkdfSync('sha256', master, Buffer.from(String(epoch)), info, 32)).toString(
      'base64url',
    ),
  });
  const epoch = Math.floor(now.getTime() / DAY_MS);
  return { current: derive(epoch), previous: derive(epoch - 1) };
}
