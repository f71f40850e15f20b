import { useEffect, useId, useRef } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useCreateRecord, useUpdateRecord } from '../api/records';
import type { RecordKind, RecordOf, Records } from '../api/records';

/** The server's refusal by field: a name already used is about the name. */
export function refusalByField(error: Error | null): FieldErrors {
  const errors = serverFieldErrors(error);
  if (error instanceof ApiError && error.code === 'organization.name_taken') {
    errors.name = error.message;
  }
  return errors;
}

type RecordFormOptions<K extends RecordKind, F extends string> = {
  kind: K;
  /** The record being edited; none: a new one. */
  editing: RecordOf<K> | null;
  /** The form's fields in screen order (the first with a problem takes the focus). */
  fields: readonly F[];
  /** The form's own checks, by field. */
  problems: FieldErrors;
  /** What creating sends. */
  input: () => Records[K]['create'];
  /** What editing sends, when more than what creating does. */
  editInput?: (input: Records[K]['create']) => Records[K]['update'];
  onSaved: (record: RecordOf<K>) => void;
};

/**
 * The behaviour every organization form shares: its checks shown as the user goes, a submit that
 * moves the focus to the first problem or creates or saves the record, the server's refusals by
 * field, and the focus on the form's heading when a record is opened for editing.
 */
export function useRecordForm<K extends RecordKind, F extends string>({
  kind,
  editing,
  fields,
  problems,
  input,
  editInput = (created) => created as Records[K]['update'],
  onSaved,
}: RecordFormOptions<K, F>) {
  const create = useCreateRecord(kind);
  const update = useUpdateRecord(kind);
  const save = editing ? update : create;
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const validation = useValidation(fields, problems);

  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      save.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const created = input();
    if (editing) update.mutate({ id: editing.id, ...editInput(created) }, { onSuccess: onSaved });
    else create.mutate(created, { onSuccess: onSaved });
  };

  return {
    /** The prefix of the fields' ids (`${id}-name`). */
    id,
    save,
    errors: { ...refusalByField(save.error), ...validation.shown },
    touch: validation.touch,
    submit,
    headingRef,
  };
}
