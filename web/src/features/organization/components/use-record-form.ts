import { useEffect, useId, useRef } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useDraftedForm } from '@/lib/use-form-draft';
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

type RecordFormOptions<K extends RecordKind, F extends string, V extends object> = {
  kind: K;
  /** The record being edited; none: a new one. */
  editing: RecordOf<K> | null;
  /** The form's fields in screen order (the first with a problem takes the focus). */
  fields: readonly F[];
  /** What the form shows when it opens (the record's values, or a new one's). */
  initial: () => V;
  /** The form's own checks, by field. */
  problems: (values: V) => FieldErrors;
  /** What creating sends. */
  input: (values: V) => Records[K]['create'];
  /** What editing sends, when more than what creating does. */
  editInput?: (input: Records[K]['create'], values: V) => Records[K]['update'];
  onSaved: (record: RecordOf<K>) => void;
};

/**
 * The behaviour every organization form shares: its values kept as a draft until saved
 * (lib/use-form-draft), its checks shown as the user goes, a submit that moves the focus to the
 * first problem or creates or saves the record, the server's refusals by field, and the focus on
 * the form's heading when a record is opened for editing.
 */
export function useRecordForm<K extends RecordKind, F extends string, V extends object>({
  kind,
  editing,
  fields,
  initial,
  problems,
  input,
  editInput = (created) => created as Records[K]['update'],
  onSaved,
}: RecordFormOptions<K, F, V>) {
  const create = useCreateRecord(kind);
  const update = useUpdateRecord(kind);
  const save = editing ? update : create;
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const {
    values,
    set,
    draft,
    cancel,
    save: saving,
  } = useDraftedForm(`${kind}:${editing?.id ?? 'new'}`, initial);
  const validation = useValidation(fields, problems(values));

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
    const created = input(values);
    // onSaved runs inside the save: a page it opens is not held back by the form it leaves.
    saving(async () =>
      onSaved(
        await (editing
          ? update.mutateAsync({ id: editing.id, ...editInput(created, values) })
          : create.mutateAsync(created)),
      ),
    ).catch(() => {
      // The refusal shows through `save.error`; the typing and its draft stay.
    });
  };

  return {
    /** The prefix of the fields' ids (`${id}-name`). */
    id,
    values,
    set,
    draft,
    /** Drops the typing and its draft. */
    cancel,
    save,
    errors: { ...refusalByField(save.error), ...validation.shown },
    touch: validation.touch,
    submit,
    headingRef,
  };
}
