import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { keepAlive, useCurrentUser } from './auth';
import {
  clearDraft,
  clearDrafts,
  type Draft,
  loadDraft,
  saveDraft,
  useDraftKeys,
} from './form-drafts';

/** Typing keeps the session alive, at most once a minute. */
const KEEP_ALIVE_EVERY_MS = 60 * 1000;
/** A draft is written this long after the last change. */
const SAVE_AFTER_MS = 700;

let lastKeepAlive = 0;

/**
 * The state of a link that answers the form instead of leaving it (opening the existing record a
 * duplicate warning names): it is not held back, and the draft goes.
 */
export const LEAVES_FORM = { leavesForm: true } as const;

const leavesForm = (state: unknown) =>
  typeof state === 'object' && state !== null && 'leavesForm' in state;

function keepAliveWhileTyping() {
  const now = Date.now();
  if (now - lastKeepAlive < KEEP_ALIVE_EVERY_MS) return;
  lastKeepAlive = now;
  keepAlive().catch(() => {
    // An expired session: the sign-in page takes over, and the draft is kept for after it.
  });
}

export type FormDraft<T> = {
  /** A draft of this form kept from before (a reload, an expired session), not yet answered. */
  offer: Draft<T> | null;
  restore(): void;
  discard(): void;
  /** The navigation that unsaved changes hold back, to confirm (dropping the draft) or cancel. */
  blocker: ReturnType<typeof useBlocker>;
  leave(): void;
  /** Wraps the save: leaving is allowed while it runs, and the draft is dropped once it succeeds. */
  saving<R>(work: () => Promise<R>): Promise<R>;
};

/**
 * The one mechanism every form uses so that typed work is never lost: it asks before leaving the
 * page with unsaved changes (in the console and when closing the tab), keeps an encrypted draft
 * in the browser (lib/form-drafts) that is offered back after a reload or a new sign-in, and
 * counts typing as activity for the session. `form` names the form and its record
 * ("person:new", "person:<id>"); `dirty` says whether the values differ from what is saved.
 */
export function useFormDraft<T>({
  form,
  values,
  dirty,
  apply,
}: {
  form: string;
  values: T;
  dirty: boolean;
  apply: (values: T) => void;
}): FormDraft<T> {
  const me = useCurrentUser();
  const { data: keys } = useDraftKeys();
  const [offer, setOffer] = useState<Draft<T> | null>(null);
  const [answered, setAnswered] = useState(false);
  const leaving = useRef(false);
  // Bumped by each successful save: drafts encrypted before it are not written after it.
  const generation = useRef(0);

  // Once the keys are here: the draft kept from before, if any (older ones are dropped).
  useEffect(() => {
    if (!keys) return;
    let live = true;
    clearDrafts({ expiredOnly: true });
    void loadDraft<T>(keys, me.id, form).then((found) => {
      if (live && found) setOffer(found);
      else if (live) setAnswered(true);
    });
    return () => {
      live = false;
    };
  }, [keys, me.id, form]);

  // While an old draft waits for an answer, it is not overwritten by what the form shows.
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (!keys || !answered || !dirty) return;
    keepAliveWhileTyping();
    const started = generation.current;
    const timer = setTimeout(
      () => void saveDraft(keys, me.id, form, values, () => generation.current === started),
      SAVE_AFTER_MS,
    );
    return () => clearTimeout(timer);
    // `values` is followed through its serialization: a new object with the same content is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys, answered, dirty, serialized, me.id, form]);

  // The sign-in page after an expired session is not held back: the draft waits for the user.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (leavesForm(nextLocation.state)) {
      generation.current += 1;
      clearDraft(me.id, form);
      return false;
    }
    return (
      dirty &&
      !leaving.current &&
      nextLocation.pathname !== '/login' &&
      currentLocation.pathname !== nextLocation.pathname
    );
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const restore = useCallback(() => {
    if (offer) apply(offer.values);
    setOffer(null);
    setAnswered(true);
  }, [offer, apply]);

  const discard = useCallback(() => {
    clearDraft(me.id, form);
    setOffer(null);
    setAnswered(true);
  }, [me.id, form]);

  const saving = useCallback(
    async <R>(work: () => Promise<R>): Promise<R> => {
      leaving.current = true;
      try {
        const result = await work();
        generation.current += 1;
        clearDraft(me.id, form);
        return result;
      } finally {
        leaving.current = false;
      }
    },
    [me.id, form],
  );

  const leave = useCallback(() => {
    generation.current += 1;
    clearDraft(me.id, form);
    blocker.proceed?.();
  }, [blocker, me.id, form]);

  return { offer, restore, discard, blocker, leave, saving };
}

/**
 * A form's values held with their draft: what a form without values of its own to reconcile
 * uses (the person form, which merges a reload, calls useFormDraft itself). `initial` is what the
 * form opens with; the values are unsaved while they differ from it. `cancel` drops the typing
 * and its draft (the Cancel button, which is an answer, not a loss).
 */
export function useDraftedForm<T extends object>(
  form: string,
  initial: T | (() => T),
  {
    stored = (values) => values,
  }: {
    /** What of the values the draft keeps (a new professional's mobile number is never stored). */
    stored?: (values: T) => T;
  } = {},
) {
  const [opened, setOpened] = useState(initial);
  const [values, setValues] = useState(opened);
  const dirty = JSON.stringify(values) !== JSON.stringify(opened);
  const draft = useFormDraft({ form, values: stored(values), dirty, apply: setValues });
  const set = useCallback(
    <K extends keyof T>(field: K, value: T[K]) =>
      setValues((current) => ({ ...current, [field]: value })),
    [],
  );
  const cancel = () => {
    draft.discard();
    setValues(opened);
  };
  /** Saves through `work`; once it succeeds, what was sent is the form's saved state. */
  const save = <R>(work: () => Promise<R>) =>
    draft.saving(async () => {
      const sent = values;
      const result = await work();
      setOpened(sent);
      return result;
    });
  return { values, set, setValues, dirty, draft, cancel, save };
}
