import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFESSIONAL_ROLES, type Team, type TeamMember } from '@caliu/common';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '@/lib/auth';
import { useFormDraft } from '@/lib/use-form-draft';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormDraftNotices } from '@/components/ui/form-draft';
import type { TeamsLocationState } from './teams-page';
import { ErrorAlert, alertClass } from '@/components/ui/alert';
import { useTeamMembers } from '../api/get-team-members';
import { useReplaceTeamMembers } from '../api/replace-team-members';
import { MemberSearch } from './member-search';
import { QueryState } from '@/components/ui/query-state';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../organization.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { buttonClass } from '@/components/ui/button';
import { emptyStateClass } from '@/components/ui/query-state';

const sameList = (a: TeamMember[], b: TeamMember[]) =>
  a.length === b.length &&
  a.every(
    (member, i) =>
      member.professionalId === b[i]?.professionalId &&
      member.isCoordinator === b[i]?.isCoordinator,
  );

/**
 * A team's members and coordinators. Changes are gathered on screen and saved together: the API
 * replaces the whole list at once.
 */
export function TeamMembers({ team }: { team: Team }) {
  const { t } = useTranslation();
  const members = useTeamMembers(team.id, true);
  // Here rather than in the editor: a save replaces the editor (it starts again from the list
  // the server answered), and the outcome must outlive it.
  const replace = useReplaceTeamMembers();
  const id = useId();
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (replace.isSuccess) noticeRef.current?.focus();
  }, [replace.isSuccess, replace.data]);

  return (
    <section className={cx(styles.teamMembers, 'card')} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('organization.members.title')}
      </h2>
      <p className={fieldCss.formIntro}>{t('organization.members.intro')}</p>
      {replace.isSuccess && (
        <p ref={noticeRef} tabIndex={-1} role="status" className={alertClass('success')}>
          {t('organization.members.saved')}
        </p>
      )}
      <ErrorAlert error={replace.error} />
      {members.data ? (
        <MembersEditor
          key={members.dataUpdatedAt}
          team={team}
          members={members.data}
          pending={replace.isPending}
          onChange={() => {
            if (replace.isSuccess || replace.isError) replace.reset();
          }}
          onSave={(list) =>
            replace.mutateAsync({
              teamId: team.id,
              members: list.map(({ professionalId, isCoordinator }) => ({
                professionalId,
                isCoordinator,
              })),
            })
          }
        />
      ) : (
        <QueryState query={members}>{() => null}</QueryState>
      )}
    </section>
  );
}

type EditorProps = {
  team: Team;
  members: TeamMember[];
  pending: boolean;
  /** The list on screen changed (an earlier outcome no longer applies). */
  onChange: () => void;
  onSave: (members: TeamMember[]) => Promise<unknown>;
};

const coordinates = (list: TeamMember[], professionalId: string) =>
  list.some((member) => member.professionalId === professionalId && member.isCoordinator);

function MembersEditor({ team, members, pending, onChange, onSave }: EditorProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const me = useCurrentUser();
  // A coordinator makes coordinator only holders of professional roles (the API refuses others).
  const mayCoordinate = (member: TeamMember) =>
    me.permissions.includes('organization.manage') ||
    member.roles.every((role) => (PROFESSIONAL_ROLES as readonly string[]).includes(role));
  const navigate = useNavigate();
  const [draft, setDraftState] = useState<TeamMember[]>(members);
  const dirty = !sameList(draft, members);
  const typed = useFormDraft({
    form: `team-members:${team.id}`,
    values: draft,
    dirty,
    apply: setDraftState,
  });
  const setDraft = (update: (list: TeamMember[]) => TeamMember[]) => {
    setDraftState(update);
    onChange();
  };
  // A coordinator (not the administrator) who takes their own flag off loses the team's page.
  const losesTeam =
    !me.permissions.includes('organization.manage') &&
    coordinates(members, me.id) &&
    !coordinates(draft, me.id);
  const [confirming, setConfirming] = useState(false);
  const save = () => {
    setConfirming(false);
    typed
      .saving(async () => {
        await onSave(draft);
        if (losesTeam) {
          const state: TeamsLocationState = { leftTeam: team.name };
          navigate('/teams', { state });
        }
      })
      .catch(() => {
        // The refusal shows above the list; the changes and their draft stay.
      });
  };

  const setCoordinator = (professionalId: string, isCoordinator: boolean) =>
    setDraft((list) =>
      list.map((m) => (m.professionalId === professionalId ? { ...m, isCoordinator } : m)),
    );

  return (
    <>
      <FormDraftNotices draft={typed} />
      <ConfirmDialog
        open={confirming}
        title={t('organization.members.leaveCoordination.title', { team: team.name })}
        stayLabel={t('organization.members.leaveCoordination.stay')}
        onStay={() => setConfirming(false)}
        proceedLabel={t('organization.members.leaveCoordination.proceed')}
        onProceed={save}
      >
        <p>{t('organization.members.leaveCoordination.body')}</p>
      </ConfirmDialog>
      {draft.length === 0 ? (
        <p className={emptyStateClass}>{t('organization.members.empty')}</p>
      ) : (
        <TableScroll labelledBy={captionId}>
          <table className={cx(tableCss.dataTable, 'members-table')}>
            <caption id={captionId} className="visually-hidden">
              {t('organization.members.caption', { team: team.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('organization.members.name')}</th>
                <th scope="col">{t('organization.members.roles')}</th>
                <th scope="col">{t('organization.members.coordinator')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('forms.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.map((member) => {
                const name = [member.givenName, member.surnames].join(' ');
                return (
                  <tr key={member.professionalId}>
                    <th scope="row">
                      <span className={styles.memberName}>{name}</span>
                      <span className={cx(styles.memberUsername, 'muted')}>{member.username}</span>
                      {!member.active && (
                        <span className="badge badge--off">{t('forms.inactive')}</span>
                      )}
                    </th>
                    <td>{member.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
                    <td>
                      <label className={cx(fieldCss.checkbox, 'checkbox')}>
                        <input
                          type="checkbox"
                          checked={member.isCoordinator}
                          disabled={!mayCoordinate(member)}
                          aria-label={t('organization.members.coordinatesNamed', { name })}
                          onChange={(event) =>
                            setCoordinator(member.professionalId, event.target.checked)
                          }
                        />
                        <span>{t('organization.members.coordinates')}</span>
                      </label>
                    </td>
                    <td className={tableCss.rowActions}>
                      <button
                        type="button"
                        className={buttonClass({ variant: 'secondary', small: true })}
                        aria-label={t('organization.members.removeNamed', { name })}
                        onClick={() =>
                          setDraft((list) =>
                            list.filter((m) => m.professionalId !== member.professionalId),
                          )
                        }
                      >
                        {t('organization.members.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <MemberSearch
        memberIds={new Set(draft.map((member) => member.professionalId))}
        onAdd={(professional) =>
          setDraft((list) => [
            ...list,
            {
              professionalId: professional.id,
              username: professional.username,
              givenName: professional.givenName,
              surnames: professional.surnames,
              roles: professional.roles,
              active: professional.active,
              isCoordinator: false,
            },
          ])
        }
      />
      <div className={cx(fieldCss.formActions, styles.membersActions)}>
        <button
          type="button"
          className={buttonClass()}
          onClick={() => (losesTeam ? setConfirming(true) : save())}
          disabled={!dirty || pending}
        >
          {pending ? t('forms.saving') : t('organization.members.save')}
        </button>
        {dirty && (
          <>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              onClick={() => {
                typed.discard();
                setDraft(() => members);
              }}
            >
              {t('organization.members.discard')}
            </button>
            <span className="muted">{t('organization.members.unsaved')}</span>
          </>
        )}
      </div>
    </>
  );
}
