import { describe, expect, it } from 'vitest';
import {
  formatFileSize,
  identityOnly,
  mayAttach,
  NO_RIGHTS,
  percentOf,
  titleFromFileName,
} from './files';

describe('titleFromFileName', () => {
  it('leaves the extension out', () => {
    expect(titleFromFileName('Informe mèdic.pdf')).toBe('Informe mèdic');
    expect(titleFromFileName('scan.2026.03.jpeg')).toBe('scan.2026.03');
  });

  it('keeps a name without an extension, or one that starts with a dot', () => {
    expect(titleFromFileName('README')).toBe('README');
    expect(titleFromFileName('.hidden')).toBe('.hidden');
  });

  it('stops at the longest title the server takes', () => {
    expect(titleFromFileName(`${'a'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('formatFileSize', () => {
  it('says kilobytes under a megabyte, at least one', () => {
    expect(formatFileSize(1, 'en')).toBe('1 kB');
    expect(formatFileSize(12 * 1024 + 1, 'en')).toBe('13 kB');
  });

  it('says megabytes with a decimal above', () => {
    expect(formatFileSize(20 * 1024 * 1024, 'en')).toBe('20 MB');
    expect(formatFileSize(1.5 * 1024 * 1024, 'ca')).toBe('1,5 MB');
  });
});

describe('mayAttach', () => {
  it("follows what the server's list says, identity documents apart from the rest", () => {
    const identity = { ...NO_RIGHTS, attachIdentity: true };
    const other = { ...NO_RIGHTS, attachOther: true };
    expect(mayAttach({ ...identity, attachOther: true }, 'health')).toBe(true);
    expect(mayAttach(NO_RIGHTS, 'identity')).toBe(false);
    expect(mayAttach(identity, 'identity')).toBe(true);
    expect(mayAttach(identity, 'health')).toBe(false);
    expect(mayAttach(other, 'identity')).toBe(false);
    expect(mayAttach(other, 'health')).toBe(true);
  });
});

describe('identityOnly', () => {
  it('is said of who sees identity documents and none of the others', () => {
    expect(identityOnly({ ...NO_RIGHTS, viewIdentity: true })).toBe(true);
    expect(identityOnly({ ...NO_RIGHTS, viewIdentity: true, viewOther: true })).toBe(false);
    expect(identityOnly(NO_RIGHTS)).toBe(false);
  });
});

describe('percentOf', () => {
  it('reaches 100 only with the last byte', () => {
    expect(percentOf(0, 10)).toBe(0);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
  });
});
