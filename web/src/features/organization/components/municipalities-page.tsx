import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useDocumentTitle } from '@/lib/document-title';
import { useDeleteMunicipality } from '../api/delete-municipality';
import { useMunicipalities } from '../api/get-municipalities';
import { MunicipalityForm } from './municipality-form';
import { OrganizationTabs } from './organization-tabs';
import { QueryState } from './query-state';

/** The entity's municipalities: the list, and a form to add one or edit the one chosen. */
export function MunicipalitiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organization.municipalities.title'));
  const list = useMunicipalities();
  const remove = useDeleteMunicipality();
  const [editing, setEditing] = useState<Municipality | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const edit = (municipality: Municipality) => {
    setEditing(municipality);
    setFormKey((key) => key + 1);
    setNotice(null);
    remove.reset();
  };
  const closeForm = (message: string | null) => {
    setEditing(null);
    setFormKey((key) => key + 1);
    setNotice(message);
  };

  return (
    <div className="page organization-page">
      <OrganizationTabs />
      <h1 className="page__title">{t('organization.municipalities.title')}</h1>
      <p className="page__lead">{t('organization.municipalities.lead')}</p>
      {notice && (
        <p ref={noticeRef} tabIndex={-1} role="status" className="alert alert--success">
          {notice}
        </p>
      )}
      <MunicipalityForm
        key={formKey}
        editing={editing}
        onSaved={(saved) => closeForm(t('organization.saved', { name: saved.name }))}
        onCancel={() => closeForm(null)}
      />
      <section aria-labelledby="municipalities-list" className="list-section">
        <h2 id="municipalities-list" className="section-title">
          {t('organization.municipalities.listTitle')}
        </h2>
        <ErrorAlert error={remove.error} />
        {!list.data ? (
          <QueryState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <p className="empty-state">{t('organization.municipalities.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">
                {t('organization.municipalities.listTitle')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('organization.municipalities.name')}</th>
                  <th scope="col">{t('organization.municipalities.ineCode')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('forms.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((municipality) => (
                  <tr key={municipality.id}>
                    <th scope="row">{municipality.name}</th>
                    <td>{municipality.ineCode ?? '—'}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => edit(municipality)}
                        aria-label={t('forms.editNamed', { name: municipality.name })}
                      >
                        {t('forms.edit')}
                      </button>
                      <ConfirmButton
                        label={t('forms.delete')}
                        accessibleLabel={t('forms.deleteNamed', { name: municipality.name })}
                        question={t('forms.deleteQuestion', { name: municipality.name })}
                        confirmLabel={t('forms.deleteConfirm')}
                        cancelLabel={t('forms.cancel')}
                        pending={remove.isPending}
                        onConfirm={() =>
                          remove.mutate(municipality.id, {
                            onSuccess: () => {
                              if (editing?.id === municipality.id) closeForm(null);
                              setNotice(t('organization.deleted', { name: municipality.name }));
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
    </div>
  );
}
