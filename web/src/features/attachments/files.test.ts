import { describe, expect, it } from 'vitest';
import { formatFileSize, mayAttach, percentOf, titleFromFileName } from './files';

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
  it('follows the right the page gives', () => {
    expect(mayAttach('all', 'health')).toBe(true);
    expect(mayAttach('none', 'identity')).toBe(false);
    expect(mayAttach({ only: ['identity'] }, 'identity')).toBe(true);
    expect(mayAttach({ only: ['identity'] }, 'health')).toBe(false);
    expect(mayAttach({ except: ['identity'] }, 'identity')).toBe(false);
    expect(mayAttach({ except: ['identity'] }, 'health')).toBe(true);
  });
});

describe('percentOf', () => {
  it('reaches 100 only with the last byte', () => {
    expect(percentOf(0, 10)).toBe(0);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
  });
});
