import { describe, expect, it } from 'vitest';

/**
 * Attributes that people read or hear. Their values must come from the locale files (t(...)),
 * never be written in the component: the lint rule on JSX literals checks text, this checks them.
 */
const LITERAL_USER_VISIBLE_ATTRIBUTE =
  /\s(?:aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|title|alt|placeholder|label)=(?:"[^"]*"|'[^']*'|\{\s*(?:"[^"]*"|'[^']*'|`[^`]*`)\s*\})/g;

const sources = import.meta.glob<string>('./**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('user-visible attributes', () => {
  it('finds the components', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it.each(Object.entries(sources))('%s writes none as a literal', (_file, source) => {
    const literals = [...source.matchAll(LITERAL_USER_VISIBLE_ATTRIBUTE)].map((m) => m[0].trim());
    expect(literals).toEqual([]);
  });
});
