import { QueryState } from '@/components/ui/query-state';
import { useEntitySettings } from '../api/get-entity';
import { EntitySettingsForm } from './entity-settings-form';
import { OrganizationPage } from './organization-page';

/** The administrator's page of the entity's settings. */
export function EntitySettingsPage() {
  const entity = useEntitySettings();
  return (
    <OrganizationPage section="entity">
      <QueryState query={entity}>{(data) => <EntitySettingsForm entity={data} />}</QueryState>
    </OrganizationPage>
  );
}
