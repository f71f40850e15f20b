import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256';

describe('SHA-256 in JavaScript', () => {
  it('agrees with Node on messages of every length around the block boundaries', () => {
    for (const length of [0, 1, 3, 31, 55, 56, 57, 63, 64, 65, 119, 120, 200, 1000]) {
      const message = randomBytes(length);
      const expected = createHash('sha256').update(message).digest('hex');
      expect(Buffer.from(sha256(new Uint8Array(message))).toString('hex'), String(length)).toBe(
        expected,
      );
    }
  });
});
