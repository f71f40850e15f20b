import { Fragment, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import type { Column } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import type { QueryLike } from '@/components/ui/query-state';
import { useDeleteRecord } from '../api/records';
import type { RecordOf } from '../api/records';
import { OrganizationPage } from './organization-page';
import styles from '../organization.module.css';

type ListKind = 'municipalities' | 'sectors';

/** What a record's form gets from the page that shows it. */
export type RecordFormProps<K extends ListKind> = {
  editing: RecordOf<K> | null;
  onSaved: (record: RecordOf<K>) => void;
  onCancel: () => void;
};

type RecordListPageProps<K extends ListKind> = {
  kind: K;
  /** The records to list (and whatever the form needs, loaded with them). */
  query: QueryLike<RecordOf<K>[]>;
  /** The form needs the query's data too: it waits for it. */
  formWaits?: boolean;
  /** The columns after the record's name. */
  columns: readonly Column<RecordOf<K>>[];
  form: (props: RecordFormProps<K>) => ReactNode;
};

/**
 * The organization's list-and-form pages (municipalities, sectors): a form to add a record or
 * edit the one chosen, and the list, each row with its edit and delete buttons. What was saved or
 * deleted is said in a notice that takes the focus.
 */
export function RecordListPage<K extends ListKind>({
  kind,
  query,
  formWaits = false,
  columns,
  form,
}: RecordListPageProps<K>) {
  const { t } = useTranslation();
  const remove = useDeleteRecord(kind);
  const [editing, setEditing] = useState<RecordOf<K> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A new key gives a fresh form (empty, or filled with the record chosen).
  const [formKey, setFormKey] = useState(0);

  const edit = (record: RecordOf<K>) => {
    setEditing(record);
    setFormKey((key) => key + 1);
    setNotice(null);
    remove.reset();
  };
  const closeForm = (message: string | null) => {
    setEditing(null);
    setFormKey((key) => key + 1);
    setNotice(message);
  };

  const listTitle = t(`organization.${kind}.listTitle`);
  const actions: Column<RecordOf<K>> = {
    header: t('forms.actions'),
    hidden: true,
    actions: true,
    cell: (record) => (
      <>
        <Button
          variant="secondary"
          small
          onClick={() => edit(record)}
          aria-label={t('forms.editNamed', { name: record.name })}
        >
          {t('forms.edit')}
        </Button>
        <ConfirmButton
          label={t('forms.delete')}
          accessibleLabel={t('forms.deleteNamed', { name: record.name })}
          question={t('forms.deleteQuestion', { name: record.name })}
          confirmLabel={t('forms.deleteConfirm')}
          cancelLabel={t('forms.cancel')}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(record.id, {
              onSuccess: () => {
                if (editing?.id === record.id) closeForm(null);
                setNotice(t('organization.deleted', { name: record.name }));
              },
            })
          }
        />
      </>
    ),
  };
  const list = (
    <>
      <Fragment key={formKey}>
        {form({
          editing,
          onSaved: (saved) => closeForm(t('organization.saved', { name: saved.name })),
          onCancel: () => closeForm(null),
        })}
      </Fragment>
      <section aria-labelledby={`${kind}-list`} className={styles.listSection}>
        <h2 id={`${kind}-list`} className="section-title">
          {listTitle}
        </h2>
        <ErrorAlert error={remove.error} />
        <QueryState query={query} empty={t(`organization.${kind}.empty`)}>
          {(records) => (
            <DataTable
              caption={listTitle}
              columns={[
                { header: t(`organization.${kind}.name`), cell: (record) => record.name },
                ...columns,
                actions,
              ]}
              rows={records}
              rowKey={(record) => record.id}
            />
          )}
        </QueryState>
      </section>
    </>
  );

  return (
    <OrganizationPage section={kind} notice={notice}>
      {formWaits && !query.data ? <QueryState query={query}>{() => null}</QueryState> : list}
    </OrganizationPage>
  );
}
