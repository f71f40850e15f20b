import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solve } from './pow';

const bitsOf = (text: string) => leadingZeroBits(createHash('sha256').update(text).digest());

describe('the proof of work', () => {
  it('counts the leading zero bits of a digest', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0, 0x10]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('finds the first nonce whose SHA-256 with the salt has the zero bits asked for', async () => {
    for (const difficulty of [1, 4, 8, 12]) {
      const salt = `salt-${difficulty}`;
      const nonce = await solve(salt, difficulty);
      expect(bitsOf(`${salt}:${nonce}`)).toBeGreaterThanOrEqual(difficulty);
      // The first one: no smaller nonce does the work.
      for (let n = 0; n < Number(nonce); n++) {
        expect(bitsOf(`${salt}:${n}`)).toBeLessThan(difficulty);
      }
    }
  });

  it('stops when asked', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solve('x', 30, { signal: controller.signal })).rejects.toThrow(/stopped/);
  });
});
