import { useTranslation } from 'react-i18next';
import { COST_CATEGORIES, ROLES } from '@caliu/common';
import type { CostCategory, Role, Sector, Team } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import type { Membership } from '../form-values';
import type { FieldsProps } from './identity-fields';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** Roles an entity's professional may hold (the support agent exists only in support's). */
const ENTITY_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'support_agent');

/** What the professional does and where: roles, cost category, teams, sector. */
export function WorkFields({
  idPrefix,
  values,
  errors,
  set,
  touch,
  teams,
  sectors,
  rolesLocked = false,
}: FieldsProps & {
  teams: Team[];
  sectors: Sector[];
  /** One's own roles: another administrator changes them (the API refuses). */
  rolesLocked?: boolean;
}) {
  const { t } = useTranslation();
  const immigration = values.roles.includes('tech_immigration');
  const member = new Map(values.teams.map((m) => [m.teamId, m]));
  // An inactive team is offered only to those already in it (to take them out).
  const offered = teams.filter((team) => team.active || member.has(team.id));

  const setMembership = (teamId: string, membership: Membership | null) => {
    const others = values.teams.filter((m) => m.teamId !== teamId);
    const next = membership ? [...others, membership] : others;
    const order = teams.map((team) => team.id);
    set(
      'teams',
      next.sort((a, b) => order.indexOf(a.teamId) - order.indexOf(b.teamId)),
    );
  };

  return (
    <>
      <CheckboxList
        id={`${idPrefix}-roles`}
        name="roles"
        legend={t('professionals.fields.roles')}
        hint={rolesLocked ? t('professionals.hints.ownRoles') : t('professionals.hints.roles')}
        error={errors.roles}
        disabled={rolesLocked}
        required
        options={ENTITY_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        selected={values.roles}
        onChange={(roles) => {
          set('roles', roles as Role[]);
          touch('roles');
        }}
      />
      {immigration && (
        <FieldGroup
          id={`${idPrefix}-costCategory`}
          legend={t('professionals.fields.costCategory')}
          hint={t('professionals.hints.costCategory')}
          error={errors.costCategory}
          required
        >
          <ul className={fieldCss.radioRow}>
            {COST_CATEGORIES.map((category) => (
              <li key={category}>
                <label className={cx(fieldCss.checkbox, 'checkbox')}>
                  <input
                    type="radio"
                    name="costCategory"
                    value={category}
                    checked={values.costCategory === category}
                    aria-invalid={errors.costCategory ? true : undefined}
                    onChange={() => {
                      set('costCategory', category as CostCategory);
                      touch('costCategory');
                    }}
                  />
                  <span>{t('professionals.costCategory', { category })}</span>
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
      )}
      <FieldGroup
        id={`${idPrefix}-teams`}
        legend={t('professionals.fields.teams')}
        hint={t('professionals.hints.teams')}
        error={errors.teams}
      >
        {offered.length === 0 ? (
          <p className="muted">{t('professionals.noTeams')}</p>
        ) : (
          <ul className={fieldCss.membershipList}>
            {offered.map((team) => {
              const membership = member.get(team.id);
              return (
                <li key={team.id} className={fieldCss.membership}>
                  <label className={cx(fieldCss.checkbox, 'checkbox')}>
                    <input
                      type="checkbox"
                      name="teams"
                      value={team.id}
                      checked={Boolean(membership)}
                      onChange={(event) =>
                        setMembership(
                          team.id,
                          event.target.checked ? { teamId: team.id, isCoordinator: false } : null,
                        )
                      }
                    />
                    <span>{team.name}</span>
                  </label>
                  {membership && (
                    <label
                      className={cx(fieldCss.checkbox, fieldCss.membershipCoordinator, 'checkbox')}
                    >
                      <input
                        type="checkbox"
                        checked={membership.isCoordinator}
                        onChange={(event) =>
                          setMembership(team.id, {
                            ...membership,
                            isCoordinator: event.target.checked,
                          })
                        }
                      />
                      <span>{t('professionals.coordinates', { team: team.name })}</span>
                    </label>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </FieldGroup>
      <FormField
        id={`${idPrefix}-sectorId`}
        label={t('professionals.fields.sector')}
        hint={t('professionals.hints.sector')}
        error={errors.sectorId}
      >
        {(control) => (
          <select
            {...control}
            name="sectorId"
            value={values.sectorId}
            onChange={(event) => set('sectorId', event.target.value)}
          >
            <option value="">{t('professionals.noSector')}</option>
            {sectors.map((sector) => (
              <option key={sector.id} value={sector.id}>
                {sector.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}

/** The mobile number for the activation SMS: optional, used once, never stored. */
export function MobileField({ idPrefix, values, errors, set, touch }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <FormField
      id={`${idPrefix}-mobile`}
      label={t('professionals.fields.mobile')}
      hint={t('professionals.hints.mobile')}
      error={errors.mobile}
    >
      {(control) => (
        <input
          {...control}
          name="mobile"
          type="tel"
          autoComplete="off"
          inputMode="tel"
          value={values.mobile}
          onChange={(event) => set('mobile', event.target.value)}
          onBlur={() => touch('mobile')}
        />
      )}
    </FormField>
  );
}
