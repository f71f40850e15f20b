import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database } from '../../db/connect';
import { readOrCreateServerKey } from './second-factor-repository';

/**
 * Encryption of secrets the server must read back (TOTP secrets): AES-256-GCM with a 32-byte
 * installation key. The key lives in `caliu_private.server_keys`, a schema the application role
 * has no privilege on: it is read (or created) once per process, as the database owner, so an
 * injection running as caliu_app, or an export of the tenant tables, yields ciphertexts only. Stored form:
 * version byte (1) ‖ 12-byte IV ‖ 16-byte tag ‖ ciphertext.
 */
export type SecretBox = {
  seal(plaintext: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
};

const KEY_NAME = 'second_factor_v1';
const VERSION = 1;

function boxFor(key: Buffer): SecretBox {
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The context (the professional's id) is authenticated: a ciphertext copied onto another
      // professional's row does not open.
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, context) {
      if (sealed[0] !== VERSION) throw new Error('Unknown secret-box version');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

const boxes = new WeakMap<Database, Promise<SecretBox>>();

/** The secret box of this database's installation (the key is created on first use). */
export function secretBoxOf(database: Database): Promise<SecretBox> {
  let box = boxes.get(database);
  if (!box) {
    box = database
      .asOwner((tx) => readOrCreateServerKey(tx, KEY_NAME, randomBytes(32)))
      .then(boxFor)
      .catch((error: unknown) => {
        boxes.delete(database);
        throw error;
      });
    boxes.set(database, box);
  }
  return box;
}
