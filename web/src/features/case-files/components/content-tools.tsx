import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, ContentItemFacts, ContentMove, MovableKind } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useDeleteContent, useTransferContent } from '../api/content-tools';
import { refusedFields } from '../refusals';
import { InputField } from './fields';

type ContentToolsProps = {
  caseFile: CaseFile;
  kind: MovableKind;
  /** The item as its list shows it: id, type's name, day and the persons it concerns. */
  item: { id: string; type: string; date: string | null; persons: string[] };
  /** A resource granted once: an intervention records the grant, and goes with it. */
  hasGrant?: boolean;
  /** Says what was done, in the list's notice. */
  onDone: (notice: string) => void;
};

/**
 * A coordinator's buttons on an item of content: transfer it to another case file of their teams
 * (the number typed, then what will happen said in full before it happens) or delete it (asked
 * first, saying what goes with it). Shown where the case file says `can.moveContent`.
 */
export function ContentTools({
  caseFile,
  kind,
  item,
  hasGrant = false,
  onDone,
}: ContentToolsProps) {
  const { t } = useTranslation();
  const [transferring, setTransferring] = useState(false);
  const remove = useDeleteContent();
  const what = useItemWords(kind, item);
  return (
    <>
      <Button
        small
        variant="secondary"
        aria-label={t('caseTools.transfer.named', { what })}
        onClick={() => setTransferring(true)}
      >
        {t('caseTools.transfer.button')}
      </Button>
      <ConfirmButton
        label={t('caseTools.delete.button')}
        accessibleLabel={t('caseTools.delete.named', { what })}
        question={`${t('caseTools.delete.question', { what })}${
          hasGrant ? ` ${t('caseTools.delete.withGrant')}` : ''
        }`}
        confirmLabel={t('caseTools.delete.confirm')}
        cancelLabel={t('forms.cancel')}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(
            { caseFileId: caseFile.id, kind, itemId: item.id },
            { onSuccess: () => onDone(t('caseTools.delete.done', { what })) },
          )
        }
      />
      <ErrorAlert error={remove.error} />
      <FormDialog
        open={transferring}
        title={t('caseTools.transfer.title')}
        lead={<p>{t('caseTools.transfer.lead', { what, number: caseFile.number })}</p>}
        onDismiss={() => setTransferring(false)}
      >
        {transferring && (
          <TransferForm
            caseFile={caseFile}
            kind={kind}
            itemId={item.id}
            onDismiss={() => setTransferring(false)}
            onDone={(move) => {
              setTransferring(false);
              onDone(t('caseTools.transfer.done', { what, number: move.to.number }));
            }}
          />
        )}
      </FormDialog>
    </>
  );
}

/** "Home visit of 10/03/2026 (Joan Ferrer)": how the tools name an item. */
function useItemWords(kind: MovableKind, item: ContentToolsProps['item'] | ContentItemFacts) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const persons = item.persons.map((p) => (typeof p === 'string' ? p : p.name));
  const words = {
    kind: t(`caseTools.kinds.${kind}`),
    type: item.type,
    persons: persons.join(', ') || t('caseTools.nobody'),
  };
  return item.date
    ? t('caseTools.item', { ...words, date: formatDate(item.date) })
    : t('caseTools.itemUndated', words);
}

function TransferForm({
  caseFile,
  kind,
  itemId,
  onDismiss,
  onDone,
}: {
  caseFile: CaseFile;
  kind: MovableKind;
  itemId: string;
  onDismiss: () => void;
  onDone: (move: ContentMove) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const transfer = useTransferContent();
  const [target, setTarget] = useState('');
  const [preview, setPreview] = useState<ContentMove | null>(null);
  const refused = refusedFields(transfer.error, ['target']);
  const ref = { caseFileId: caseFile.id, kind, itemId };

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    transfer.mutate({ ...ref, target, preview: true }, { onSuccess: setPreview });
  };
  if (preview) {
    return (
      <TransferPreview
        preview={preview}
        pending={transfer.isPending}
        error={transfer.error}
        onBack={() => {
          transfer.reset();
          setPreview(null);
        }}
        onConfirm={() =>
          transfer.mutate(
            { ...ref, target: preview.to.number, preview: false },
            { onSuccess: onDone },
          )
        }
      />
    );
  }
  return (
    <form className="form" onSubmit={check} noValidate>
      <ErrorAlert error={transfer.error} shownByFields={Object.keys(refused)} />
      <InputField
        id={`${id}-target`}
        name="target"
        label={t('caseTools.transfer.target')}
        hint={t('caseTools.transfer.targetHint')}
        required
        value={target}
        maxLength={20}
        onChange={(value) => {
          setTarget(value);
          if (transfer.error) transfer.reset();
        }}
        error={refused.target}
      />
      <FormActions
        submitLabel={t('caseTools.transfer.check')}
        pending={transfer.isPending}
        pendingLabel={t('caseTools.transfer.checking')}
        onCancel={onDismiss}
      />
    </form>
  );
}

/** What the transfer will do, in words, and the two answers. */
function TransferPreview({
  preview,
  pending,
  error,
  onBack,
  onConfirm,
}: {
  preview: ContentMove;
  pending: boolean;
  error: Error | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const what = useItemWords(preview.item.kind, preview.item);
  return (
    <div className="form" data-testid="transfer-preview">
      <ErrorAlert error={error} />
      <p>
        {t('caseTools.transfer.willMove', {
          what,
          from: preview.from.number,
          to: preview.to.number,
        })}
      </p>
      {preview.carried > 0 && <p>{t('caseTools.transfer.carried', { count: preview.carried })}</p>}
      {preview.attachments > 0 && (
        <p>{t('caseTools.transfer.attachments', { count: preview.attachments })}</p>
      )}
      <p className="muted">{t('caseTools.transfer.audited')}</p>
      <div className="dialog__actions">
        <Button onClick={onConfirm} disabled={pending}>
          {t('caseTools.transfer.confirm', { number: preview.to.number })}
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={pending}>
          {t('caseTools.transfer.back')}
        </Button>
      </div>
    </div>
  );
}
