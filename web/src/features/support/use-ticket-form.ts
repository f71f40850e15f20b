import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics, TicketCreate, TicketKind } from '@caliu/common';
import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { checkTicket } from './api/tickets';
import { canSend, fieldProblems, fieldsOf, serverProblems } from './request-kinds';
import type { DraftOf, FieldProblem } from './request-kinds';

/** How long the form waits after the last keystroke before asking the server's check. */
export const CHECK_DELAY_MS = 500;

/** How many files the new-ticket form takes: a screenshot, or a few documents. */
export const MAX_TICKET_FILES = 3;

export type CheckState = 'idle' | 'checking' | 'ok' | 'refused' | 'unavailable';

/**
 * A ticket kind's form: what was typed, the contract's checks as typed (shown once a field is
 * left), the server's debounced check of what needs the database (shown at once), and whether
 * the ticket may go.
 */
export function useTicketForm<K extends TicketKind>(
  kind: K,
  initial: DraftOf[K],
  diagnostics: Diagnostics,
) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DraftOf[K]>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  // Files go once the ticket exists (their routes are the ticket's): the form only holds them.
  const [files, setFiles] = useState<readonly File[]>([]);
  const tooManyFiles = files.length > MAX_TICKET_FILES;
  const [result, setResult] = useState<{
    key: string;
    state: 'ok' | 'refused' | 'unavailable';
    server: FieldErrors;
  } | null>(null);

  const problems = useMemo(
    () => fieldProblems(kind, draft, diagnostics),
    [kind, draft, diagnostics],
  );
  const valid = Object.keys(problems).length === 0;
  const body = useMemo(
    () => (valid ? ({ kind, fields: fieldsOf(kind, draft, diagnostics) } as TicketCreate) : null),
    [valid, kind, draft, diagnostics],
  );
  const bodyKey = body ? JSON.stringify(body) : null;

  useEffect(() => {
    if (!body || !bodyKey) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      checkTicket(body, controller.signal).then(
        () => setResult({ key: bodyKey, state: 'ok', server: {} }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
            setResult({ key: bodyKey, state: 'refused', server: serverProblems(error.details) });
          } else {
            // The check could not run: the ticket's own answer says what is wrong, if anything.
            setResult({ key: bodyKey, state: 'unavailable', server: {} });
          }
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // `bodyKey` stands for `body`: a new object with the same content asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bodyKey]);

  // The check's answer counts only for what is typed now.
  const current = result && result.key === bodyKey ? result : null;
  const check: CheckState = !body ? 'idle' : current ? current.state : 'checking';
  const server: FieldErrors = current?.server ?? {};

  const message = (problem: FieldProblem): string =>
    problem.startsWith('document_')
      ? t(`professionals.errors.document.${problem.slice('document_'.length) as 'dni'}`)
      : t(`support.form.errors.${problem as 'required'}`);

  return {
    draft,
    /** Replaces the form's values (a field changed). */
    update: (next: Partial<DraftOf[K]>) => setDraft((current) => ({ ...current, ...next })),
    replace: setDraft,
    /** Marks a field (by its path) as left: its problem shows from now on. */
    touch: (path: string) =>
      setTouched((current) => (current.has(path) ? current : new Set(current).add(path))),
    /** The problem to show beside the field at `path`, if any. */
    error: (path: string): string | undefined => {
      if (server[path]) return server[path];
      const problem = problems[path];
      return problem && touched.has(path) ? message(problem) : undefined;
    },
    /** The server's refusals not tied to a field. */
    formError: server._form,
    body,
    check,
    /** The files chosen to go with the ticket, and the problem with them, if any. */
    files,
    setFiles,
    filesError: tooManyFiles
      ? t('support.form.errors.tooManyFiles', { max: MAX_TICKET_FILES })
      : undefined,
    sendable: canSend(problems, check) && !tooManyFiles,
    problems,
  };
}
