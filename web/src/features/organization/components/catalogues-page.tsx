import { Fragment, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CATALOGUES } from '@caliu/common';
import type { Catalogue, CatalogueAdminEntry } from '@caliu/common';
import { FormField } from '@/components/ui/form-field';
import { QueryState } from '@/components/ui/query-state';
import { currentLanguage } from '@/lib/i18n';
import { useCatalogueEntries } from '../api/get-catalogue-entries';
import { CatalogueEntriesTable } from './catalogue-entries-table';
import { CatalogueEntryForm } from './catalogue-entry-form';
import { OrganizationPage } from './organization-page';
import styles from '../organization.module.css';

/**
 * The catalogues in the order the issues name them: what professionals record, then closing, then
 * the categories of attached documents.
 */
const ORDER: readonly Catalogue[] = [
  'problem',
  'demand',
  'intervention_type',
  'resource',
  'procedure',
  'closing_reason',
  'document_category',
];

const isCatalogue = (value: string | null): value is Catalogue =>
  (CATALOGUES as readonly string[]).includes(value ?? '');

/**
 * The entity's catalogues for the administrator: the catalogue chosen (kept in the address), a
 * form to add an entry or edit the one chosen, and the entries in order with their buttons.
 */
export function CataloguesPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('catalogue');
  const catalogue: Catalogue = isCatalogue(chosen) ? chosen : 'problem';
  const list = useCatalogueEntries(catalogue);
  const [editing, setEditing] = useState<CatalogueAdminEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A new key gives a fresh form (empty, or filled with the entry chosen).
  const [formKey, setFormKey] = useState(0);
  const catalogueName = t(`organization.catalogues.names.${catalogue}`);
  const nameOf = (entry: CatalogueAdminEntry) => entry.labels[currentLanguage()];

  const closeForm = (message: string | null) => {
    setEditing(null);
    setFormKey((key) => key + 1);
    setNotice(message);
  };
  const listTitle = t('organization.catalogues.listTitle', { catalogue: catalogueName });

  return (
    <OrganizationPage section="catalogues" notice={notice}>
      <FormField
        id={`${id}-catalogue`}
        label={t('organization.catalogues.choose')}
        className={styles.cataloguePicker}
      >
        {(control) => (
          <select
            {...control}
            name="catalogue"
            value={catalogue}
            onChange={(event) => {
              setParams({ catalogue: event.target.value });
              closeForm(null);
            }}
          >
            {ORDER.map((name) => (
              <option key={name} value={name}>
                {t(`organization.catalogues.names.${name}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <Fragment key={`${catalogue}:${formKey}`}>
        <CatalogueEntryForm
          catalogue={catalogue}
          catalogueName={catalogueName}
          editing={editing}
          editingName={editing && nameOf(editing)}
          onSaved={(saved) => closeForm(t('organization.saved', { name: nameOf(saved) }))}
          onCancel={() => closeForm(null)}
        />
      </Fragment>
      <section aria-labelledby={`${id}-list`} className={styles.listSection}>
        <h2 id={`${id}-list`} className="section-title">
          {listTitle}
        </h2>
        <QueryState query={list} empty={t('organization.catalogues.empty')}>
          {(entries) => (
            <CatalogueEntriesTable
              catalogue={catalogue}
              caption={listTitle}
              entries={entries}
              onEdit={(entry) => {
                setEditing(entry);
                setFormKey((key) => key + 1);
                setNotice(null);
              }}
              onDone={(message, entry) => {
                if (editing?.id === entry.id) closeForm(message);
                else setNotice(message);
              }}
            />
          )}
        </QueryState>
      </section>
    </OrganizationPage>
  );
}
