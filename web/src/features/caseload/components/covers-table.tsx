import { useTranslation } from 'react-i18next';
import type { Caseload, Cover } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useEndCover } from '../api/caseload';

const LOOK: Record<Cover['state'], string> = {
  upcoming: 'badge badge--pending',
  live: 'badge badge--on',
  ended: 'badge badge--off',
  revoked: 'badge badge--off',
};

/** The team's covers of the last month, running and to come; a running or coming one can end. */
export function CoversTable({
  caseload,
  onDone,
}: {
  caseload: Caseload;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const end = useEndCover();
  if (caseload.covers.length === 0) return <p className="muted">{t('caseload.covers.none')}</p>;
  const period = (c: Cover) =>
    t('caseload.covers.period', { from: formatDate(c.startsOn), to: formatDate(c.endsOn) });
  return (
    <>
      <ErrorAlert error={end.error} />
      <DataTable
        caption={t('caseload.covers.caption', { team: caseload.team.name })}
        rows={caseload.covers}
        rowKey={(c) => c.id}
        columns={[
          { header: t('caseload.covers.absent'), cell: (c) => c.absent.name },
          {
            header: t('caseload.covers.cover'),
            cell: (c) => (
              <>
                {c.cover.name}
                {c.siadKept > 0 && (
                  <p className="muted">{t('caseload.covers.siadKept', { count: c.siadKept })}</p>
                )}
              </>
            ),
          },
          { header: t('caseload.covers.when'), cell: period },
          { header: t('caseload.covers.reason'), cell: (c) => t(`caseload.reasons.${c.reason}`) },
          {
            header: t('caseload.covers.state'),
            cell: (c) => <span className={LOOK[c.state]}>{t(`caseload.states.${c.state}`)}</span>,
          },
          {
            header: t('forms.actions'),
            hidden: true,
            actions: true,
            cell: (c) =>
              (c.state === 'live' || c.state === 'upcoming') && (
                <ConfirmButton
                  label={t('caseload.covers.end')}
                  accessibleLabel={t('caseload.covers.endNamed', {
                    cover: c.cover.name,
                    absent: c.absent.name,
                  })}
                  question={t('caseload.covers.endQuestion', {
                    cover: c.cover.name,
                    absent: c.absent.name,
                  })}
                  confirmLabel={t('caseload.covers.endConfirm')}
                  cancelLabel={t('forms.cancel')}
                  pending={end.isPending}
                  onConfirm={() =>
                    end.mutate(
                      { teamId: caseload.team.id, coverId: c.id },
                      {
                        onSuccess: () =>
                          onDone(
                            t('caseload.covers.ended', {
                              cover: c.cover.name,
                              absent: c.absent.name,
                            }),
                          ),
                      },
                    )
                  }
                />
              ),
          },
        ]}
      />
    </>
  );
}
