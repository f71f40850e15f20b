import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES } from '@caliu/common';
import type { CaseFile, CaseFileMember, MemberRole } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useChangeMemberRole } from '../api/change-member-role';
import { useRemoveMember } from '../api/remove-member';
import { AddMemberForm } from './add-member-form';
import styles from '../case-files.module.css';

/**
 * The persons of the case file with their role in it: linking another (who may edit the
 * header), changing a role, and unlinking one (a coordinator of the case file's team).
 */
export function MembersSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const headingId = useId();
  const captionId = useId();
  const formatDate = useCalendarDateFormat();
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const [notice, setNotice] = useState<string | null>(null);
  const elsewhere = (member: CaseFileMember) => member.municipality.id !== caseFile.municipality.id;
  const error = changeRole.error ?? remove.error;
  return (
    <section className={cx(styles.section, 'card')} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('caseFiles.members.title')}
      </h2>
      {notice && <Notice key={notice}>{notice}</Notice>}
      <ErrorAlert error={error} />
      <TableScroll labelledBy={captionId}>
        <table className={cx(tableCss.dataTable, 'case-file-members')}>
          <caption id={captionId} className="visually-hidden">
            {t('caseFiles.members.caption', { number: caseFile.number })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('caseFiles.members.name')}</th>
              <th scope="col">{t('caseFiles.members.role')}</th>
              <th scope="col">{t('caseFiles.members.birthDate')}</th>
              <th scope="col">{t('caseFiles.fields.municipality')}</th>
              {caseFile.can.unlinkMember && (
                <th scope="col">
                  <span className="visually-hidden">{t('forms.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {caseFile.members.map((member) => (
              <tr key={member.person.id}>
                <th scope="row">
                  <Link to={`/persons/${member.person.id}`}>{member.person.name}</Link>
                </th>
                <td>
                  {caseFile.can.edit ? (
                    <RoleControl
                      member={member}
                      pending={changeRole.isPending}
                      onChange={(role) => {
                        setNotice(null);
                        remove.reset();
                        changeRole.mutate(
                          { id: caseFile.id, personId: member.person.id, role },
                          {
                            onSuccess: () =>
                              setNotice(
                                t('caseFiles.members.roleChanged', {
                                  name: member.person.name,
                                  role: t(`caseFiles.roles.${role}`),
                                }),
                              ),
                          },
                        );
                      }}
                    />
                  ) : (
                    t(`caseFiles.roles.${member.role}`)
                  )}
                </td>
                <td className={styles.nowrap}>
                  {member.birthDate ? (
                    <time dateTime={member.birthDate}>{formatDate(member.birthDate)}</time>
                  ) : (
                    <span className="muted">{t('caseFiles.notRecorded')}</span>
                  )}
                </td>
                <td>
                  {member.municipality.name}
                  {elsewhere(member) && (
                    <span className={styles.note}>{t('caseFiles.members.elsewhere')}</span>
                  )}
                </td>
                {caseFile.can.unlinkMember && (
                  <td className={tableCss.rowActions}>
                    {/* The holder stays (another member becomes holder first), and so does the last member. */}
                    {member.role !== 'holder' && caseFile.members.length > 1 && (
                      <ConfirmButton
                        label={t('caseFiles.members.unlink')}
                        accessibleLabel={t('caseFiles.members.unlinkNamed', {
                          name: member.person.name,
                        })}
                        question={t('caseFiles.members.unlinkQuestion', {
                          name: member.person.name,
                        })}
                        confirmLabel={t('caseFiles.members.unlinkConfirm')}
                        cancelLabel={t('forms.cancel')}
                        pending={remove.isPending}
                        onConfirm={() => {
                          setNotice(null);
                          changeRole.reset();
                          remove.mutate(
                            { id: caseFile.id, personId: member.person.id },
                            {
                              onSuccess: () =>
                                setNotice(
                                  t('caseFiles.members.unlinked', { name: member.person.name }),
                                ),
                            },
                          );
                        }}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {caseFile.can.edit && (
        <AddMemberForm
          caseFile={caseFile}
          onAdded={(name) => setNotice(t('caseFiles.members.added', { name }))}
        />
      )}
    </section>
  );
}

/** A member's role, and a button to save another one. */
function RoleControl({
  member,
  pending,
  onChange,
}: {
  member: CaseFileMember;
  pending: boolean;
  onChange: (role: MemberRole) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [role, setRole] = useState<MemberRole>(member.role);
  const [seen, setSeen] = useState(member.role);
  if (seen !== member.role) {
    // Saved (or changed elsewhere): the choice follows the record.
    setSeen(member.role);
    setRole(member.role);
  }
  return (
    <span className={styles.roleControl}>
      <label htmlFor={id} className="visually-hidden">
        {t('caseFiles.members.roleOf', { name: member.person.name })}
      </label>
      <select
        id={id}
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as MemberRole)}
      >
        {MEMBER_ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`caseFiles.roles.${option}`)}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <Button
          small
          disabled={pending}
          aria-label={t('caseFiles.members.changeRoleNamed', { name: member.person.name })}
          onClick={() => onChange(role)}
        >
          {t('caseFiles.members.changeRole')}
        </Button>
      )}
    </span>
  );
}
