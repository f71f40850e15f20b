import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import type { ItemOf, RecordKind } from '../api/content-api';
import { useCreateContent } from '../api/create-content';
import { useContentList } from '../api/list-content';
import { useUpdateContent } from '../api/update-content';
import type { KindRules } from '../content-validation';
import { ContentForm, useProblemWords } from './content-form';
import { ContentTools } from './content-tools';
import { EntryAttachments } from './entry-attachments';
import type { FormApi } from './content-form';
import { EntryFeed } from './entry-feed';
import { SectionCard } from './section-card';

/** A kind's fields, drawn in its form: a new entry's or an edit's. */
export type FieldsProps<V, F extends string> = {
  form: FormApi<V, F>;
  caseFile: CaseFile;
  today: string;
};

/** How one kind is recorded and shown. */
type KindParts<K extends RecordKind, V, F extends keyof V & string> = {
  kind: K;
  rules: KindRules<K, V, F>;
  Fields: (props: FieldsProps<V, F>) => ReactNode;
  /** The new entry's submit button (a resource's says whether it pre-assigns or grants). */
  submitLabel: (values: V) => string;
};

type ContentSectionProps<K extends RecordKind, V, F extends keyof V & string> = KindParts<
  K,
  V,
  F
> & {
  caseFile: CaseFile;
  Entry: (props: { item: ItemOf[K]; actions?: ReactNode; attachments?: ReactNode }) => ReactNode;
  /** An entry's buttons besides Edit (a resource's Grant, Deny, End); `done` shows a notice. */
  actions?: (item: ItemOf[K], done: (notice: string) => void) => ReactNode;
};

/**
 * A tab of the case file for one kind of content: the form to record one (while the case file is
 * open and the user may), the list of those recorded, most recent first, and a dialog to edit
 * each one the user may edit.
 */
export function ContentSection<K extends RecordKind, V extends object, F extends keyof V & string>({
  caseFile,
  Entry,
  actions,
  ...parts
}: ContentSectionProps<K, V, F>) {
  const { t } = useTranslation();
  const kind: RecordKind = parts.kind;
  const formHeadingId = useId();
  // Each recording starts a new, empty form (and its draft).
  const [recorded, setRecorded] = useState(0);
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const [editing, setEditing] = useState<ItemOf[K] | null>(null);
  const list = useContentList(parts.kind, caseFile.id);
  const say = (text: string) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 }));

  return (
    <>
      <SectionCard title={t(`caseContent.${kind}.record`)} headingId={formHeadingId}>
        {recorded > 0 && <Notice key={recorded}>{t(`caseContent.${kind}.recorded`)}</Notice>}
        {caseFile.can.addContent ? (
          <KindForm
            key={recorded}
            {...parts}
            caseFile={caseFile}
            labelledBy={formHeadingId}
            onDone={() => setRecorded((n) => n + 1)}
          />
        ) : (
          <p className="muted">
            {caseFile.state === 'closed'
              ? t(`caseContent.${kind}.closed`)
              : t(`caseContent.${kind}.notAllowed`)}
          </p>
        )}
      </SectionCard>
      <SectionCard title={t(`caseContent.${kind}.list`)}>
        {notice && <Notice key={notice.count}>{notice.text}</Notice>}
        <EntryFeed
          query={list}
          keyOf={(item) => item.id}
          className={`case-file-${kind}s`}
          empty={t(`caseContent.${kind}.empty`)}
          more={t(`caseContent.${kind}.more`)}
          loadingMore={t('caseContent.loadingMore')}
        >
          {(item) => (
            <Entry
              item={item}
              attachments={<EntryAttachments caseFile={caseFile} kind={kind} itemId={item.id} />}
              actions={
                <>
                  {item.can.edit && (
                    <Button
                      small
                      variant="secondary"
                      aria-label={t(`caseContent.${kind}.editNamed`, {
                        type: item.type.name,
                        person: item.person.name,
                      })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(item);
                      }}
                    >
                      {t('caseContent.entry.edit')}
                    </Button>
                  )}
                  {actions?.(item, say)}
                  {caseFile.can.moveContent && (
                    <ContentTools
                      caseFile={caseFile}
                      kind={kind}
                      item={{
                        id: item.id,
                        type: item.type.name,
                        date: entryDate(item),
                        persons: [item.person.name],
                      }}
                      hasGrant={
                        'state' in item && (item.state === 'granted' || item.state === 'ended')
                      }
                      onDone={say}
                    />
                  )}
                </>
              }
            />
          )}
        </EntryFeed>
      </SectionCard>
      <FormDialog
        open={editing !== null}
        title={t(`caseContent.${kind}.editTitle`)}
        onDismiss={() => setEditing(null)}
      >
        {editing && (
          <KindForm
            {...parts}
            caseFile={caseFile}
            editing={editing}
            label={t(`caseContent.${kind}.editTitle`)}
            onDismiss={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              say(t(`caseContent.${kind}.saved`));
            }}
          />
        )}
      </FormDialog>
    </>
  );
}

/** One kind's form: a new entry's (`editing` absent), or an edit of `editing`. */
function KindForm<K extends RecordKind, V extends object, F extends keyof V & string>({
  kind,
  rules,
  Fields,
  submitLabel,
  caseFile,
  editing,
  labelledBy,
  label,
  onDismiss = () => {},
  onDone,
}: KindParts<K, V, F> & {
  caseFile: CaseFile;
  editing?: ItemOf[K];
  labelledBy?: string;
  label?: string;
  onDismiss?: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const today = todayIn(me.entity.timeZone);
  const problemWords = useProblemWords();
  const create = useCreateContent(kind);
  const update = useUpdateContent(kind);
  const mutation = editing ? update : create;
  const common = {
    labelledBy,
    label,
    fields: rules.fields,
    problems: (values: V) => problemWords(rules.problems(values, { today })),
    sending: {
      send: (values: V) =>
        editing
          ? update.mutateAsync({
              caseFileId: caseFile.id,
              itemId: editing.id,
              body: rules.updateBody(values, editing),
            })
          : create.mutateAsync({ caseFileId: caseFile.id, body: rules.createBody(values) }),
      error: mutation.error,
      pending: mutation.isPending,
      reset: mutation.reset,
    },
    onDone,
    children: (form: FormApi<V, F>) => <Fields form={form} caseFile={caseFile} today={today} />,
  };
  return editing ? (
    <ContentForm
      {...common}
      mode="edit"
      onCancel={onDismiss}
      initial={rules.valuesOf(editing)}
      submitLabel={() => t('caseContent.save')}
      pendingLabel={t('forms.saving')}
    />
  ) : (
    <ContentForm
      {...common}
      mode="create"
      draftKey={`${kind}:new:${caseFile.id}`}
      initial={rules.blank(today)}
      submitLabel={submitLabel}
      pendingLabel={t('caseContent.recording')}
    />
  );
}

/** The day an entry is filed under, whatever its kind. */
function entryDate(item: ItemOf[RecordKind]): string | null {
  if ('requestedOn' in item) return item.requestedOn;
  if ('startedOn' in item) return item.startedOn;
  if ('state' in item) return item.startsOn;
  return item.filedOn;
}
