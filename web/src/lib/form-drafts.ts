import { useQuery } from '@tanstack/react-query';
import { type DraftKeys, draftKeysSchema } from '@caliu/common';
import { apiJson } from './api-client';

/**
 * Form drafts: what a professional has typed and not yet saved, kept in this browser so that a
 * session expiry, a reload or a closed tab loses nothing. Drafts hold personal data and
 * town-hall computers are shared, so they are stored only encrypted (AES-GCM, WebCrypto) under a
 * key the server gives to the signed-in user (GET /api/me/draft-keys: one per user and day, never
 * stored in the browser): another user, or anyone after logout, finds only ciphertext, and after
 * a day not even the user's own key opens it. They never leave the browser, and are cleared on
 * saving, on logout and after a day.
 */
const PREFIX = 'caliu.draft.v1.';
export const DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

type StoredDraft = { epoch: number; iv: string; data: string; savedAt: number };

export type Draft<T> = { values: T; savedAt: Date };

const draftKeysQueryKey = ['me', 'draft-keys'] as const;

/** The user's draft keys, held in memory only (the query cache, dropped at sign-out). */
export function useDraftKeys() {
  return useQuery({
    queryKey: draftKeysQueryKey,
    queryFn: () => apiJson('/api/me/draft-keys', draftKeysSchema),
    staleTime: 60 * 60 * 1000,
    retry: false,
  });
}

const bytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const base64 = (data: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(data)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function importKey(raw: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

const storageKey = (userId: string, form: string) => `${PREFIX}${userId}.${form}`;

function read(key: string): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as StoredDraft) : null;
  } catch {
    return null;
  }
}

/** Keeps the form's values, encrypted with today's key; the form's name is authenticated too. */
export async function saveDraft(
  keys: DraftKeys,
  userId: string,
  form: string,
  values: unknown,
  /** Asked again once encrypted: a save that finished meanwhile has dropped the draft for good. */
  stillWanted: () => boolean = () => true,
): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(form) },
    await importKey(keys.current.key),
    new TextEncoder().encode(JSON.stringify(values)),
  );
  const stored: StoredDraft = {
    epoch: keys.current.epoch,
    iv: base64(iv),
    data: base64(data),
    savedAt: Date.now(),
  };
  if (!stillWanted()) return;
  try {
    window.localStorage.setItem(storageKey(userId, form), JSON.stringify(stored));
  } catch {
    // Storage full or refused: the form still works; only the safety net is missing.
  }
}

/** The user's draft of this form, or null (none, older than a day, or not openable: dropped). */
export async function loadDraft<T>(
  keys: DraftKeys,
  userId: string,
  form: string,
): Promise<Draft<T> | null> {
  const key = storageKey(userId, form);
  const stored = read(key);
  if (!stored) return null;
  const raw = [keys.current, keys.previous].find((k) => k.epoch === stored.epoch)?.key;
  if (!raw || Date.now() - stored.savedAt > DRAFT_MAX_AGE_MS) {
    clearDraft(userId, form);
    return null;
  }
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(stored.iv),
        additionalData: new TextEncoder().encode(form),
      },
      await importKey(raw),
      fromBase64(stored.data),
    );
    return {
      values: JSON.parse(new TextDecoder().decode(plain)) as T,
      savedAt: new Date(stored.savedAt),
    };
  } catch {
    clearDraft(userId, form);
    return null;
  }
}

export function clearDraft(userId: string, form: string): void {
  try {
    window.localStorage.removeItem(storageKey(userId, form));
  } catch {
    // Nothing stored.
  }
}

/** Drops every draft of this browser (at sign-out), or only those older than a day. */
export function clearDrafts({ expiredOnly = false } = {}): void {
  try {
    const storage = window.localStorage;
    for (const key of Object.keys(storage)) {
      if (!key.startsWith(PREFIX)) continue;
      const stored = read(key);
      if (!expiredOnly || !stored || Date.now() - stored.savedAt > DRAFT_MAX_AGE_MS) {
        storage.removeItem(key);
      }
    }
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}
