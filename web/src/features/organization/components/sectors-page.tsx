import { useTranslation } from 'react-i18next';
import { useMunicipalities, useSectors } from '@/lib/api/organization';
import { namesOf } from '../names';
import { RecordListPage } from './record-list-page';
import { SectorForm } from './sector-form';

/** The entity's sectors with their municipalities, and a form to add or edit one. */
export function SectorsPage() {
  const { t } = useTranslation();
  const sectors = useSectors();
  const municipalities = useMunicipalities();
  const both = {
    data: municipalities.data && sectors.data,
    error: sectors.error ?? municipalities.error,
    refetch: () => Promise.all([sectors.refetch(), municipalities.refetch()]),
  };
  return (
    <RecordListPage
      kind="sectors"
      query={both}
      formWaits
      columns={[
        {
          header: t('organization.sectors.municipalities'),
          cell: (sector) => namesOf(sector.municipalityIds, municipalities.data ?? []).join(', '),
        },
      ]}
      form={(props) => <SectorForm {...props} municipalities={municipalities.data ?? []} />}
    />
  );
}
