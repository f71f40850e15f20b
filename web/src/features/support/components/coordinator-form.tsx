import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  caseFileSchema,
  coordinatorRequestCreateSchema,
  MOVABLE_KINDS,
  timelinePageSchema,
  type CoordinatorRequest,
  type CoordinatorRequestKind,
  type MovableKind,
  type TimelineEntry,
} from '@caliu/common';
import { ErrorAlert, alertClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { FieldGroup } from '@/components/ui/form-field';
import { apiJson } from '@/lib/api-client';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useCoordinators, useCreateCoordinatorRequest } from '@/lib/api/coordinator-requests';
import type { PickedPerson } from '../request-kinds';
import { TextArea, TextInput } from './form-controls';
import { CaseFileChooser, PersonChooser } from './pickers';
import type { PickedCaseFile } from './pickers';
import styles from '../support.module.css';

type Item = { kind: MovableKind; id: string; label: string };

/** The coordinator request's body from the form, or null while something is missing. */
export function coordinatorRequestOf(
  kind: CoordinatorRequestKind,
  values: {
    persons: PickedPerson[];
    caseFile: PickedCaseFile | null;
    items: Item[];
    targetNumber: string;
    note: string;
  },
) {
  const candidate = {
    kind,
    ...(kind === 'delete_persons' || kind === 'unlink_persons'
      ? { personIds: values.persons.map((p) => p.id) }
      : { items: values.items.map(({ kind: k, id }) => ({ kind: k, id })) }),
    ...(kind === 'delete_persons' ? {} : { caseFileId: values.caseFile?.id }),
    ...(kind === 'transfer_content' ? { targetNumber: values.targetNumber } : {}),
    note: values.note,
  };
  const parsed = coordinatorRequestCreateSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** The case file's members (for unlinking), as its header lists them. */
function useCaseFileMembers(caseFileId: string | undefined) {
  return useQuery({
    queryKey: ['support', 'case-file-members', caseFileId],
    queryFn: ({ signal }) =>
      apiJson(`/api/case-files/${encodeURIComponent(caseFileId ?? '')}`, caseFileSchema, {
        signal,
      }),
    enabled: Boolean(caseFileId),
    select: (caseFile) => caseFile.members.map((m) => ({ id: m.person.id, name: m.person.name })),
  });
}

/** The case file's interventions, demands, problems, resources and procedures (latest 100). */
function useCaseFileItems(caseFileId: string | undefined) {
  return useQuery({
    queryKey: ['support', 'case-file-items', caseFileId],
    queryFn: ({ signal }) =>
      apiJson(
        `/api/case-files/${encodeURIComponent(caseFileId ?? '')}/timeline?kinds=${MOVABLE_KINDS.join(',')}&limit=100`,
        timelinePageSchema,
        { signal },
      ),
    enabled: Boolean(caseFileId),
  });
}

function entryType(entry: TimelineEntry): string | null {
  if (entry.kind === 'intervention')
    return entry.item.type?.name ?? entry.item.resource?.name ?? null;
  if (entry.kind === 'plan') return null;
  return entry.item.type.name;
}

/**
 * A coordinator's task (delete person records, transfer or delete content, unlink persons): the
 * form says so, names the coordinators it reaches, asks for the records and a note, and hands it
 * to them; then says who got it.
 */
export function CoordinatorForm({
  kind,
  onCancel,
  onDone,
}: {
  kind: CoordinatorRequestKind;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formatDate = useCalendarDateFormat();
  const [persons, setPersons] = useState<PickedPerson[]>([]);
  const [caseFile, setCaseFile] = useState<PickedCaseFile | null>(null);
  const [itemIds, setItemIds] = useState<ReadonlySet<string>>(new Set());
  const [targetNumber, setTargetNumber] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<CoordinatorRequest | null>(null);
  const create = useCreateCoordinatorRequest();

  const withCaseFile = kind !== 'delete_persons';
  const withItems = kind === 'transfer_content' || kind === 'delete_content';
  const members = useCaseFileMembers(kind === 'unlink_persons' ? caseFile?.id : undefined);
  const content = useCaseFileItems(withItems ? caseFile?.id : undefined);
  const items: Item[] =
    content.data?.items.flatMap((entry) =>
      entry.kind === 'plan'
        ? []
        : [
            {
              kind: entry.kind,
              id: entry.item.id,
              label: [
                t(`caseContent.kinds.${entry.kind}`),
                entryType(entry),
                formatDate(entry.date),
              ]
                .filter(Boolean)
                .join(' · '),
            },
          ],
    ) ?? [];
  const coordinators = useCoordinators({
    caseFileId: caseFile?.id,
    personIds: persons.length > 0 ? persons.map((p) => p.id) : undefined,
  });

  const body = coordinatorRequestOf(kind, {
    persons,
    caseFile,
    items: items.filter((item) => itemIds.has(item.id)),
    targetNumber,
    note,
  });
  const names = (list: { name: string }[]) => list.map((c) => c.name).join(', ');

  // Mounted (empty) beside the form and kept once it is sent: a region that appears filled may
  // go unread.
  const status = (
    <div role="status" className={styles.liveRegion}>
      {sent && (
        <p className={alertClass('success')}>
          {sent.coordinators.length > 0
            ? t('support.coordinator.sent', { names: names(sent.coordinators) })
            : t('support.coordinator.sentNobody')}
        </p>
      )}
    </div>
  );
  if (sent) {
    return (
      <>
        {status}
        <Button variant="secondary" onClick={onDone}>
          {t('support.form.backToTickets')}
        </Button>
      </>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (body) create.mutate(body, { onSuccess: setSent });
  };

  return (
    <>
      {status}
      <form noValidate onSubmit={onSubmit} className={styles.form}>
        <p className={alertClass('info')}>{t('support.coordinator.notSupport')}</p>
        <p role="status" className={styles.coordinators}>
          {coordinators.isPending
            ? t('common.loading')
            : coordinators.isError
              ? t('support.coordinator.unknown')
              : coordinators.data.items.length === 0
                ? t('support.coordinator.nobody')
                : t('support.coordinator.named', { names: names(coordinators.data.items) })}
        </p>
        {withCaseFile && (
          <CaseFileChooser
            id={`${id}-caseFile`}
            label={t('support.fields.caseFile')}
            value={caseFile}
            onChange={(chosen) => {
              setCaseFile(chosen);
              setItemIds(new Set());
              if (kind === 'unlink_persons') setPersons([]);
            }}
          />
        )}
        {kind === 'delete_persons' && (
          <FieldGroup id={`${id}-persons`} legend={t('support.fields.personsToDelete')} required>
            {persons.length > 0 && (
              <ul className={styles.pickerList}>
                {persons.map((person) => (
                  <li key={person.id}>
                    <span>{person.name}</span>
                    <Button
                      small
                      variant="secondary"
                      aria-label={t('support.form.removeNamed', { name: person.name })}
                      onClick={() => setPersons(persons.filter((p) => p.id !== person.id))}
                    >
                      {t('support.form.remove')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {persons.length < 20 && (
              <PersonChooser
                id={`${id}-personSearch`}
                label={t('support.fields.addPerson')}
                value={null}
                onChange={(person) => {
                  if (person && !persons.some((p) => p.id === person.id))
                    setPersons([...persons, person]);
                }}
              />
            )}
          </FieldGroup>
        )}
        {kind === 'unlink_persons' && caseFile && (
          <FieldGroup id={`${id}-members`} legend={t('support.fields.personsToUnlink')} required>
            {members.isPending ? (
              <p className="muted">{t('common.loading')}</p>
            ) : (
              <div className={styles.choices}>
                {(members.data ?? []).map((member) => (
                  <label key={member.id} className={styles.choice}>
                    <input
                      type="checkbox"
                      checked={persons.some((p) => p.id === member.id)}
                      onChange={(e) =>
                        setPersons(
                          e.target.checked
                            ? [...persons, member]
                            : persons.filter((p) => p.id !== member.id),
                        )
                      }
                    />
                    {member.name}
                  </label>
                ))}
              </div>
            )}
          </FieldGroup>
        )}
        {withItems && caseFile && (
          <FieldGroup
            id={`${id}-items`}
            legend={t(`support.fields.items_${kind as 'transfer_content'}`)}
            required
          >
            {content.isPending ? (
              <p className="muted">{t('common.loading')}</p>
            ) : items.length === 0 ? (
              <p className="muted">{t('support.coordinator.noItems')}</p>
            ) : (
              <div className={styles.choices}>
                {items.map((item) => (
                  <label key={item.id} className={styles.choice}>
                    <input
                      type="checkbox"
                      checked={itemIds.has(item.id)}
                      onChange={(e) => {
                        const next = new Set(itemIds);
                        if (e.target.checked) next.add(item.id);
                        else next.delete(item.id);
                        setItemIds(next);
                      }}
                    />
                    {item.label}
                  </label>
                ))}
              </div>
            )}
            <ErrorAlert error={content.error ?? members.error} />
          </FieldGroup>
        )}
        {kind === 'transfer_content' && (
          <TextInput
            id={`${id}-target`}
            label={t('support.fields.targetNumber')}
            hint={t('support.form.numberHint')}
            required
            value={targetNumber}
            onChange={setTargetNumber}
            onBlur={() => undefined}
          />
        )}
        <TextArea
          id={`${id}-note`}
          label={t('support.form.noteForCoordinator')}
          value={note}
          onChange={setNote}
          onBlur={() => undefined}
        />
        <ErrorAlert error={create.error} />
        <div className={fieldCss.formActions}>
          <Button type="submit" disabled={!body || create.isPending}>
            {create.isPending ? t('support.form.sending') : t('support.coordinator.send')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('support.form.back')}
          </Button>
        </div>
      </form>
    </>
  );
}
