import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Caseload, CaseloadRow } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import { useDocumentTitle } from '@/lib/document-title';
import { useCaseload } from '../api/caseload';
import { CoverForm } from './cover-form';
import { CoversTable } from './covers-table';
import { PendingTransfers } from './pending-transfers';
import { TransferForm } from './transfer-form';
import styles from '../caseload.module.css';

/**
 * A team's caseload for its coordinator: each member's open and closed case files and person
 * records in the team (each count a link to the list behind it), the covers of absences —
 * granting one, ending one early — and handing a caseload over (a transfer a second person
 * approves).
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const { teamId = '' } = useParams();
  const caseload = useCaseload(teamId);
  useDocumentTitle(caseload.data?.team.name ?? t('caseload.title'));
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/teams/${teamId}`}>{t('caseload.back')}</Link>
      </p>
      <QueryState query={caseload}>{(data) => <CaseloadBody caseload={data} />}</QueryState>
    </div>
  );
}

function CaseloadBody({ caseload }: { caseload: Caseload }) {
  const { t } = useTranslation();
  const id = useId();
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const say = (text: string) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 }));
  const teamId = caseload.team.id;
  const filesOf = (row: CaseloadRow, state: 'open' | 'closed') =>
    `/case-files?of=${teamId}&professional=${row.professional.id}&state=${state}`;
  return (
    <>
      <h1 className="page__title">{t('caseload.heading', { team: caseload.team.name })}</h1>
      <p className="page__lead">{t('caseload.lead')}</p>
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      <div className={styles.sections}>
        <section className="card" aria-labelledby={`${id}-load`}>
          <h2 id={`${id}-load`} className="section-title">
            {t('caseload.load.title')}
          </h2>
          <DataTable
            caption={t('caseload.load.caption', { team: caseload.team.name })}
            rows={caseload.rows}
            rowKey={(row) => row.professional.id}
            columns={[
              {
                header: t('caseload.load.professional'),
                cell: (row) => (
                  <>
                    {row.professional.name}
                    {!row.active && (
                      <span className="badge badge--off title-badge">{t('forms.inactive')}</span>
                    )}
                  </>
                ),
              },
              {
                header: t('caseload.load.open'),
                cell: (row) => (
                  <Link
                    to={filesOf(row, 'open')}
                    aria-label={t('caseload.load.openNamed', {
                      count: row.openCaseFiles,
                      name: row.professional.name,
                    })}
                  >
                    {row.openCaseFiles}
                  </Link>
                ),
              },
              {
                header: t('caseload.load.closed'),
                cell: (row) => (
                  <Link
                    to={filesOf(row, 'closed')}
                    aria-label={t('caseload.load.closedNamed', {
                      count: row.closedCaseFiles,
                      name: row.professional.name,
                    })}
                  >
                    {row.closedCaseFiles}
                  </Link>
                ),
              },
              { header: t('caseload.load.persons'), cell: (row) => row.persons },
            ]}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-covers`}>
          <h2 id={`${id}-covers`} className="section-title">
            {t('caseload.covers.title')}
          </h2>
          <p className="muted">{t('caseload.covers.lead')}</p>
          <CoversTable caseload={caseload} onDone={say} />
          <CoverForm caseload={caseload} onDone={say} />
        </section>
        <PendingTransfers />
        <section className="card" aria-labelledby={`${id}-transfer`}>
          <h2 id={`${id}-transfer`} className="section-title">
            {t('caseload.transfers.handOver')}
          </h2>
          <TransferForm caseload={caseload} onDone={say} />
        </section>
      </div>
    </>
  );
}
