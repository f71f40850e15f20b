import { describe, expect, it } from 'vitest';
import { catalanDe, catalanEl } from './catalan';

describe('Catalan elision', () => {
  it("writes d' and l' before a vowel sound, and de and el elsewhere", () => {
    expect(catalanDe('Anna Puig')).toBe("d'Anna Puig");
    expect(catalanDe('Equip Nord')).toBe("d'Equip Nord");
    expect(catalanDe('Hèctor')).toBe("d'Hèctor");
    expect(catalanDe('Òscar')).toBe("d'Òscar");
    expect(catalanDe('Joan')).toBe('de Joan');
    expect(catalanDe('Iolanda')).toBe('de Iolanda');
    expect(catalanDe('Huelva')).toBe('de Huelva');
    expect(catalanEl('1/12/2026')).toBe("l'1/12/2026");
    expect(catalanEl('11/3/2026')).toBe("l'11/3/2026");
    expect(catalanEl('12/3/2026')).toBe('el 12/3/2026');
    expect(catalanEl('3/12/2026')).toBe('el 3/12/2026');
  });
});
