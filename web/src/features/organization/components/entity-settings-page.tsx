import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useEntitySettings } from '../api/get-entity';
import { EntitySettingsForm } from './entity-settings-form';
import { OrganizationTabs } from './organization-tabs';
import { QueryState } from './query-state';

/** The administrator's page of the entity's settings. */
export function EntitySettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organization.entity.title'));
  const entity = useEntitySettings();
  return (
    <div className="page organization-page">
      <OrganizationTabs />
      <h1 className="page__title">{t('organization.entity.title')}</h1>
      <p className="page__lead">{t('organization.entity.lead')}</p>
      {entity.data ? (
        <EntitySettingsForm entity={entity.data} />
      ) : (
        <QueryState error={entity.error} onRetry={() => void entity.refetch()} />
      )}
    </div>
  );
}
