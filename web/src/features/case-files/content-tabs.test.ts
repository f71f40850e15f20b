import { describe, expect, it } from 'vitest';
import { searchWithTab, tabOf } from './content-tabs';

describe('the tabs of a case file', () => {
  it('open on the timeline unless the address names another', () => {
    expect(tabOf(null)).toBe('timeline');
    expect(tabOf('nonsense')).toBe('timeline');
    expect(tabOf('resources')).toBe('resources');
  });

  it('keep the rest of the address, and leave no ?tab= for the timeline', () => {
    const search = new URLSearchParams('tab=demands&x=1');
    expect(searchWithTab(search, 'resources').toString()).toBe('tab=resources&x=1');
    expect(searchWithTab(search, 'timeline').toString()).toBe('x=1');
    expect(search.toString()).toBe('tab=demands&x=1');
  });
});
