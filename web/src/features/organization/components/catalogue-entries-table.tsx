import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@caliu/common';
import type { Catalogue, CatalogueAdminEntry, Language } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import type { Column } from '@/components/ui/data-table';
import { currentLanguage } from '@/lib/i18n';
import { useDeleteCatalogueEntry } from '../api/delete-catalogue-entry';
import { useReinstateCatalogueEntry } from '../api/reinstate-catalogue-entry';
import { useRetireCatalogueEntry } from '../api/retire-catalogue-entry';
import styles from '../organization.module.css';

type CatalogueEntriesTableProps = {
  catalogue: Catalogue;
  caption: string;
  entries: readonly CatalogueAdminEntry[];
  onEdit: (entry: CatalogueAdminEntry) => void;
  /** What was just done, in words ("“Food” has been retired…"). */
  onDone: (notice: string, entry: CatalogueAdminEntry) => void;
};

/**
 * A catalogue's entries in order: the name in the user's language (and the code), the names in
 * the other languages, official code, state and use; each row with its buttons. Delete is offered
 * only for an entry no record uses (and never the catalogue's last active one); an entry in use
 * is retired instead.
 */
export function CatalogueEntriesTable({
  catalogue,
  caption,
  entries,
  onEdit,
  onDone,
}: CatalogueEntriesTableProps) {
  const { t } = useTranslation();
  const retire = useRetireCatalogueEntry(catalogue);
  const reinstate = useReinstateCatalogueEntry(catalogue);
  const remove = useDeleteCatalogueEntry(catalogue);
  const pending = retire.isPending || reinstate.isPending || remove.isPending;
  const language = currentLanguage();
  const others = LANGUAGES.filter((l) => l !== language);
  const nameOf = (entry: CatalogueAdminEntry) => entry.labels[language];
  const reset = () => {
    retire.reset();
    reinstate.reset();
    remove.reset();
  };

  const labelColumn = (l: Language): Column<CatalogueAdminEntry> => ({
    header: t(`organization.catalogues.labels.${l}`),
    cell: (entry) => <span lang={l}>{entry.labels[l]}</span>,
  });
  const columns: Column<CatalogueAdminEntry>[] = [
    {
      header: t(`organization.catalogues.labels.${language}`),
      cell: (entry) => (
        <>
          {nameOf(entry)}
          <br />
          <code className="muted">{entry.code}</code>
        </>
      ),
    },
    ...others.map(labelColumn),
    {
      header: t('organization.catalogues.officialCode'),
      cell: (entry) => entry.officialCode ?? '—',
    },
    {
      header: t('organization.catalogues.state'),
      cell: (entry) => (
        <span className={entry.active ? 'badge badge--on' : 'badge badge--off'}>
          {entry.active
            ? t('organization.catalogues.active')
            : t('organization.catalogues.retired')}
        </span>
      ),
    },
    {
      header: t('organization.catalogues.uses'),
      cell: (entry) =>
        !entry.inUse
          ? t('organization.catalogues.usesNone')
          : entry.uses === null
            ? t('organization.catalogues.usesFew')
            : t('organization.catalogues.usesCount', { count: entry.uses }),
    },
    {
      header: t('forms.actions'),
      hidden: true,
      actions: true,
      cell: (entry) => {
        const name = nameOf(entry);
        return (
          <>
            <Button
              variant="secondary"
              small
              onClick={() => {
                reset();
                onEdit(entry);
              }}
              aria-label={t('forms.editNamed', { name })}
            >
              {t('forms.edit')}
            </Button>
            {entry.can.retire && (
              <Button
                variant="secondary"
                small
                disabled={pending}
                aria-label={t('organization.catalogues.retireNamed', { name })}
                onClick={() => {
                  reset();
                  retire.mutate(entry.id, {
                    onSuccess: (saved) =>
                      onDone(t('organization.catalogues.retiredNotice', { name }), saved),
                  });
                }}
              >
                {t('organization.catalogues.retire')}
              </Button>
            )}
            {!entry.active && (
              <Button
                variant="secondary"
                small
                disabled={pending}
                aria-label={t('organization.catalogues.reinstateNamed', { name })}
                onClick={() => {
                  reset();
                  reinstate.mutate(entry.id, {
                    onSuccess: (saved) =>
                      onDone(t('organization.catalogues.reinstatedNotice', { name }), saved),
                  });
                }}
              >
                {t('organization.catalogues.reinstate')}
              </Button>
            )}
            {entry.can.delete && (
              <ConfirmButton
                label={t('forms.delete')}
                accessibleLabel={t('forms.deleteNamed', { name })}
                question={t('forms.deleteQuestion', { name })}
                confirmLabel={t('forms.deleteConfirm')}
                cancelLabel={t('forms.cancel')}
                pending={pending}
                onConfirm={() => {
                  reset();
                  remove.mutate(entry.id, {
                    onSuccess: () => onDone(t('organization.deleted', { name }), entry),
                  });
                }}
              />
            )}
          </>
        );
      },
    },
  ];

  return (
    <>
      <ErrorAlert error={retire.error ?? reinstate.error ?? remove.error} />
      <DataTable
        caption={caption}
        columns={columns}
        rows={entries}
        rowKey={(entry) => entry.id}
        className={styles.catalogueTable}
      />
    </>
  );
}
