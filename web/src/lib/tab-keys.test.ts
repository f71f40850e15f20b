import { describe, expect, it } from 'vitest';
import { tabAfterKey } from './tab-keys';

const TABS = ['one', 'two', 'three'] as const;

describe('moving along tabs with the keyboard', () => {
  it('goes next and back with the arrows, round the ends', () => {
    expect(tabAfterKey(TABS, 'one', 'ArrowRight')).toBe('two');
    expect(tabAfterKey(TABS, 'three', 'ArrowRight')).toBe('one');
    expect(tabAfterKey(TABS, 'two', 'ArrowLeft')).toBe('one');
    expect(tabAfterKey(TABS, 'one', 'ArrowLeft')).toBe('three');
  });

  it('goes to the first and the last with Home and End, and ignores other keys', () => {
    expect(tabAfterKey(TABS, 'two', 'Home')).toBe('one');
    expect(tabAfterKey(TABS, 'two', 'End')).toBe('three');
    expect(tabAfterKey(TABS, 'two', 'Enter')).toBeNull();
  });
});
