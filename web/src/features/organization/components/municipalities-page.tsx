import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '@/lib/api/organization';
import { MunicipalityForm } from './municipality-form';
import { RecordListPage } from './record-list-page';

/** The entity's municipalities: the list, and a form to add one or edit the one chosen. */
export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const list = useMunicipalities();
  return (
    <RecordListPage
      kind="municipalities"
      query={list}
      columns={[
        {
          header: t('organization.municipalities.ineCode'),
          cell: (municipality) => municipality.ineCode ?? '—',
        },
      ]}
      form={(props) => <MunicipalityForm {...props} />}
    />
  );
}
