import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sector } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useDocumentTitle } from '@/lib/document-title';
import { useDeleteSector } from '../api/delete-sector';
import { useMunicipalities } from '../api/get-municipalities';
import { useSectors } from '../api/get-sectors';
import { namesOf } from '../names';
import { OrganizationTabs } from './organization-tabs';
import { QueryState } from './query-state';
import { SectorForm } from './sector-form';

/** The entity's sectors with their municipalities, and a form to add or edit one. */
export function SectorsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organization.sectors.title'));
  const sectors = useSectors();
  const municipalities = useMunicipalities();
  const remove = useDeleteSector();
  const [editing, setEditing] = useState<Sector | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const closeForm = (message: string | null) => {
    setEditing(null);
    setFormKey((key) => key + 1);
    setNotice(message);
  };
  const loading = !sectors.data || !municipalities.data;
  const failed = sectors.error ?? municipalities.error;

  return (
    <div className="page organization-page">
      <OrganizationTabs />
      <h1 className="page__title">{t('organization.sectors.title')}</h1>
      <p className="page__lead">{t('organization.sectors.lead')}</p>
      {notice && (
        <p ref={noticeRef} tabIndex={-1} role="status" className="alert alert--success">
          {notice}
        </p>
      )}
      {loading ? (
        <QueryState
          error={failed}
          onRetry={() => void Promise.all([sectors.refetch(), municipalities.refetch()])}
        />
      ) : (
        <>
          <SectorForm
            key={formKey}
            editing={editing}
            municipalities={municipalities.data}
            onSaved={(saved) => closeForm(t('organization.saved', { name: saved.name }))}
            onCancel={() => closeForm(null)}
          />
          <section aria-labelledby="sectors-list" className="list-section">
            <h2 id="sectors-list" className="section-title">
              {t('organization.sectors.listTitle')}
            </h2>
            <ErrorAlert error={remove.error} />
            {sectors.data.length === 0 ? (
              <p className="empty-state">{t('organization.sectors.empty')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">
                    {t('organization.sectors.listTitle')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('organization.sectors.name')}</th>
                      <th scope="col">{t('organization.sectors.municipalities')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('forms.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sectors.data.map((sector) => (
                      <tr key={sector.id}>
                        <th scope="row">{sector.name}</th>
                        <td>{namesOf(sector.municipalityIds, municipalities.data).join(', ')}</td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => {
                              setEditing(sector);
                              setFormKey((key) => key + 1);
                              setNotice(null);
                              remove.reset();
                            }}
                            aria-label={t('forms.editNamed', { name: sector.name })}
                          >
                            {t('forms.edit')}
                          </button>
                          <ConfirmButton
                            label={t('forms.delete')}
                            accessibleLabel={t('forms.deleteNamed', { name: sector.name })}
                            question={t('forms.deleteQuestion', { name: sector.name })}
                            confirmLabel={t('forms.deleteConfirm')}
                            cancelLabel={t('forms.cancel')}
                            pending={remove.isPending}
                            onConfirm={() =>
                              remove.mutate(sector.id, {
                                onSuccess: () => {
                                  if (editing?.id === sector.id) closeForm(null);
                                  setNotice(t('organization.deleted', { name: sector.name }));
                                },
                              })
                            }
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
