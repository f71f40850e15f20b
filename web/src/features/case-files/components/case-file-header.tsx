import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import styles from '../case-files.module.css';

/** The header of a case file as facts: who, where, since when (all a header reader may see). */
export function CaseFileHeader({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const headingId = useId();
  const formatDate = useCalendarDateFormat();
  const none = (text: string) => <span className="muted">{text}</span>;
  const facts: [string, ReactNode][] = [
    [
      t('caseFiles.fields.holder'),
      caseFile.holder ? (
        <Link to={`/persons/${caseFile.holder.id}`}>{caseFile.holder.name}</Link>
      ) : (
        none(t('caseFiles.noHolder'))
      ),
    ],
    [t('caseFiles.fields.scope'), t(`caseFiles.scopes.${caseFile.scope}`)],
    [t('caseFiles.fields.state'), t(`caseFiles.states.${caseFile.state}`)],
    [t('caseFiles.fields.municipality'), caseFile.municipality.name],
    [t('caseFiles.fields.team'), caseFile.team?.name ?? none(t('caseFiles.noTeam'))],
    [t('caseFiles.fields.referent'), caseFile.referent?.name ?? none(t('caseFiles.noReferent'))],
    [
      t('caseFiles.fields.assigned'),
      caseFile.assigned.length > 0
        ? caseFile.assigned.map((p) => p.name).join(', ')
        : none(t('caseFiles.noAssigned')),
    ],
    [
      t('caseFiles.fields.openedOn'),
      <time key="opened" dateTime={caseFile.openedOn}>
        {formatDate(caseFile.openedOn)}
      </time>,
    ],
  ];
  if (caseFile.closedOn) {
    facts.push([
      t('caseFiles.fields.closedOn'),
      <time key="closed" dateTime={caseFile.closedOn}>
        {formatDate(caseFile.closedOn)}
      </time>,
    ]);
  }
  if (caseFile.mergedInto) {
    // Closed by a merge: no reason of the catalogue, the case file it lives on in instead.
    facts.push([
      t('caseFiles.fields.mergedInto'),
      caseFile.mergedInto.id ? (
        <Link key="merged" to={`/case-files/${caseFile.mergedInto.id}`}>
          {caseFile.mergedInto.number}
        </Link>
      ) : (
        t('caseFiles.mergedIntoUnnamed')
      ),
    ]);
  } else if (caseFile.state === 'closed') {
    facts.push([
      t('caseFiles.fields.closingReason'),
      caseFile.closingReason?.name ?? none(t('caseFiles.notRecorded')),
    ]);
  }
  return (
    <section className={cx(styles.section, 'card')} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('caseFiles.page.header')}
      </h2>
      {caseFile.mergedInto ? (
        <Notice tone="info" focus={false}>
          {caseFile.mergedInto.number
            ? t('caseFiles.mergedNotice', { number: caseFile.mergedInto.number })
            : t('caseFiles.mergedNoticeUnnamed')}
        </Notice>
      ) : null}
      <dl className={cx(styles.facts, 'case-file-facts')}>
        {facts.map(([label, value]) => (
          <div key={label} className={styles.fact}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
