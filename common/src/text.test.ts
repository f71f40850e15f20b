import { describe, expect, it } from 'vitest';
import { entityOfToken, hasControlCharacters, isUuid, textField } from './text';

describe('text fields', () => {
  it('refuse control characters, keeping line breaks and tabs in multi-line text', () => {
    const line = textField();
    const lines = textField({ multiline: true });
    for (const bad of ['a\u0000b', 'a\u0007', '\u001b[31m', 'a\u007f', 'a\u0085b', 'a\u009b']) {
      expect(line.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(lines.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    for (const breaks of ['Carrer Nou, 5\n2n 1a', 'a\tb', 'a\r\nb']) {
      expect(line.safeParse(breaks).success).toBe(false);
      expect(lines.safeParse(breaks).success).toBe(true);
    }
    for (const fine of ['Núria Puig i Vidal', "D'Amico", 'Ñandú — «ok»', '']) {
      expect(line.safeParse(fine).success).toBe(true);
    }
    const issue = line.safeParse('x\u0000').error!.issues[0]!;
    expect(issue.code).toBe('custom');
    expect((issue as { params?: unknown }).params).toEqual({ i18n: 'control_characters' });
    expect(hasControlCharacters('a\nb', { multiline: true })).toBe(false);
  });

  it('parse ids strictly: 36 characters of [0-9a-f-] are not necessarily a UUID', () => {
    expect(isUuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toBe(true);
    for (const notOne of [
      '------------------------------------',
      'ffffffffffffffffffffffffffffffffffff',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1-',
      'a0eebc999c0b-4ef8-bb6d-6bb9bd380a11-',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    ]) {
      expect(isUuid(notOne), notOne).toBe(false);
      expect(entityOfToken(`${notOne}.${'A'.repeat(43)}`)).toBeNull();
    }
    const token = `a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11.${'A'.repeat(43)}`;
    expect(entityOfToken(token)).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(entityOfToken(`${token}x`)).toBeNull();
    expect(entityOfToken(undefined)).toBeNull();
  });
});
