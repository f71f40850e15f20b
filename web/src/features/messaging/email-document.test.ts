import { describe, expect, it } from 'vitest';
import { emailSrcDoc, linkParts } from './email-document';

const BASE = '<base target="_blank"><meta name="referrer" content="no-referrer">';

describe("the frame's document", () => {
  it('opens links in a new tab: the base comes first in the head', () => {
    const html =
      '<!DOCTYPE html>\n<html lang="ca">\n<head><meta charset="utf-8"></head><body></body>';
    expect(emailSrcDoc(html)).toBe(
      `<!DOCTYPE html>\n<html lang="ca">\n<head>${BASE}<meta charset="utf-8"></head><body></body>`,
    );
  });

  it('keeps the attributes of the head, whatever its case', () => {
    expect(emailSrcDoc('<HEAD data-x="1"><title>t</title></HEAD>')).toBe(
      `<HEAD data-x="1">${BASE}<title>t</title></HEAD>`,
    );
  });

  it('makes a head when there is none', () => {
    expect(emailSrcDoc('<html><body>Hi</body></html>')).toBe(
      `<html><head>${BASE}</head><body>Hi</body></html>`,
    );
    expect(emailSrcDoc('<p>Hi</p>')).toBe(`<head>${BASE}</head><p>Hi</p>`);
  });

  it('is not fooled by a <header> element', () => {
    expect(emailSrcDoc('<html><body><header>x</header></body></html>')).toBe(
      `<html><head>${BASE}</head><body><header>x</header></body></html>`,
    );
  });
});

describe('links in plain text', () => {
  it('finds the addresses, without the punctuation that follows them', () => {
    const text = 'Choose it:\nhttps://caliu.example/reset-password#token=a.b-c_1. Thanks';
    expect(linkParts(text)).toEqual([
      { kind: 'text', text: 'Choose it:\n' },
      { kind: 'link', url: 'https://caliu.example/reset-password#token=a.b-c_1' },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('leaves text without addresses whole', () => {
    expect(linkParts('No links here.')).toEqual([{ kind: 'text', text: 'No links here.' }]);
    expect(linkParts('')).toEqual([]);
  });

  it('takes an address that ends the text', () => {
    expect(linkParts('at http://localhost:3000/x (single use)')).toEqual([
      { kind: 'text', text: 'at ' },
      { kind: 'link', url: 'http://localhost:3000/x' },
      { kind: 'text', text: ' (single use)' },
    ]);
  });
});
