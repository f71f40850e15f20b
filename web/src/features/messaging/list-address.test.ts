import { describe, expect, it } from 'vitest';
import { backHref, entityFromSearch, mailboxListHref, mailboxMessageHref } from './list-address';

describe("the mailbox's addresses", () => {
  it('read the entity chosen, ignoring an empty one', () => {
    expect(entityFromSearch(new URLSearchParams('entity=+e1+&x=1'))).toBe('e1');
    expect(entityFromSearch(new URLSearchParams('entity='))).toBeNull();
    expect(entityFromSearch(new URLSearchParams(''))).toBeNull();
  });

  it('write the list with its entity, or the whole mailbox', () => {
    expect(mailboxListHref('a b&c')).toBe('/mailbox?entity=a+b%26c');
    expect(entityFromSearch(new URLSearchParams(mailboxListHref('a b&c').split('?')[1]))).toBe(
      'a b&c',
    );
    expect(mailboxListHref(null)).toBe('/mailbox');
    expect(mailboxMessageHref('7f0c')).toBe('/mailbox/7f0c');
  });

  it('go back to the list the message was opened from, and only to the mailbox', () => {
    expect(backHref({ back: '/mailbox?entity=e1' })).toBe('/mailbox?entity=e1');
    expect(backHref({ back: 'https://elsewhere.example/' })).toBe('/mailbox');
    expect(backHref(null)).toBe('/mailbox');
    expect(backHref({ back: 7 })).toBe('/mailbox');
  });
});
