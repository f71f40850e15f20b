import { describe, expect, it } from 'vitest';
import type { PersonActive } from '@caliu/common';
import { anythingActive, isScope } from './active';

const ID = '2ee69b55-b558-4b0e-b325-07d9433ccec4';
const nothing: PersonActive = { caseFiles: [], problems: [], resources: [], nextReview: null };

describe('what is active for a person', () => {
  it('is nothing when every list is empty and no review is due', () => {
    expect(anythingActive(nothing)).toBe(false);
  });

  it('is something as soon as one kind has an entry', () => {
    expect(
      anythingActive({
        ...nothing,
        nextReview: {
          planId: ID,
          caseFileId: ID,
          caseFileNumber: '2026/000001',
          dueOn: '2027-01-10',
        },
      }),
    ).toBe(true);
    expect(
      anythingActive({
        ...nothing,
        caseFiles: [{ id: ID, number: '2026/000001', scope: 'ssb', referent: null }],
      }),
    ).toBe(true);
  });

  it('names only the scopes it knows', () => {
    expect(isScope('eaia')).toBe(true);
    expect(isScope('unknown')).toBe(false);
  });
});
