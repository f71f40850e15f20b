import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import { expectHeading, TEXTS } from './browser';
import type { Lang } from './browser';

/** What the person records' browser tests share: demo persons, and the search page's steps. */

/** The demo's María García López (DNI 12345678Z), in Vilanova de la Serra, born 1950-03-14. */
export const MARIA = { name: 'María García López', document: '12345678Z', birthDate: '1950-03-14' };
/** A demo person no other test touches: this file edits their mobile phone. */
export const EDITED = { query: 'Oriol Sabate', name: 'Oriol Sabaté Miró' };

/** Letters only (a digit would make the search read the words as a document number). */
export function uniqueWord(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let n = Date.now() * 100 + Math.floor(Math.random() * 100);
  let word = '';
  while (n > 0) {
    word += letters[n % 26];
    n = Math.floor(n / 26);
  }
  return `Q${word}`;
}

/** Opens the search from the section bar. */
export async function openSearch(page: Page, lang: Lang): Promise<void> {
  const text = TEXTS[lang];
  await page
    .getByRole('navigation', { name: text.navigation.label })
    .getByRole('link', { name: text.navigation.sections.persons })
    .click();
  await expectHeading(page, text.persons.title);
}

/** The names in the results list, once the search for `query` has settled. */
export async function search(page: Page, lang: Lang, query: string): Promise<string[]> {
  const box = page.getByLabel(TEXTS[lang].persons.search.label);
  await box.fill(query);
  const results = page.locator('.person-results-section');
  await expect
    .poll(
      async () =>
        `${await results.getAttribute('data-state')} ${await results.getAttribute('data-query')}`,
    )
    .toBe(`settled ${query.trim()}`);
  return page.locator('.person-results .person-result__name').allTextContents();
}

/** Every GET /api/persons?q= the page sends from now on. */
export function searchRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/persons' && request.method() === 'GET') sent.push(request);
  });
  return sent;
}

export async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}
