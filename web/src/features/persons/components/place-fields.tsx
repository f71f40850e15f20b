import { useTranslation } from 'react-i18next';
import { HOUSING_TENURES, HOUSING_TYPES } from '@caliu/common';
import { OPTIONS_STALE_TIME, useMunicipalities, useSectors } from '@/lib/api/organization';
import { SelectField, TextField } from './field-controls';
import type { FormBinding } from './field-controls';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** Where the person lives: address, municipality (required), sector, type of housing, tenure. */
export function PlaceFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities({ staleTime: OPTIONS_STALE_TIME });
  const sectors = useSectors({ staleTime: OPTIONS_STALE_TIME });
  const municipalityId = form.values.municipalityId;
  const sectorsHere = (sectors.data ?? []).filter((sector) =>
    sector.municipalityIds.includes(municipalityId),
  );
  return (
    <>
      <div className={cx(fieldCss.formRow, fieldCss.formRowAddress)}>
        <TextField form={form} field="address" label={t('persons.fields.address')} />
        <TextField
          form={form}
          field="postalCode"
          inputMode="numeric"
          label={t('persons.fields.postalCode')}
        />
      </div>
      <div className={fieldCss.formRow}>
        <SelectField
          form={form}
          field="municipalityId"
          label={t('persons.fields.municipalityId')}
          hint={t('persons.hints.municipality')}
          empty={municipalities.isPending ? t('common.loading') : t('persons.choose')}
          options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          required
        />
        <SelectField
          form={form}
          field="sectorId"
          label={t('persons.fields.sectorId')}
          hint={
            municipalityId && sectorsHere.length === 0
              ? t('persons.hints.noSectors')
              : t('persons.hints.sector')
          }
          empty={t('persons.sectorWholeMunicipality')}
          options={sectorsHere.map((s) => ({ value: s.id, label: s.name }))}
          disabled={!municipalityId || sectorsHere.length === 0}
        />
      </div>
      <div className={fieldCss.formRow}>
        <SelectField
          form={form}
          field="housingType"
          label={t('persons.fields.housingType')}
          empty={t('persons.notStated')}
          options={HOUSING_TYPES.map((type) => ({
            value: type,
            label: t(`persons.housingTypes.${type}`),
          }))}
        />
        <SelectField
          form={form}
          field="housingTenure"
          label={t('persons.fields.housingTenure')}
          empty={t('persons.notStated')}
          options={HOUSING_TENURES.map((tenure) => ({
            value: tenure,
            label: t(`persons.housingTenures.${tenure}`),
          }))}
        />
      </div>
    </>
  );
}
