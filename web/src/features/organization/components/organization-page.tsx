import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/ui/alert';
import { useDocumentTitle } from '@/lib/document-title';
import { OrganizationTabs } from './organization-tabs';
import { cx } from '@/lib/cx';
import styles from '../organization.module.css';

/** The pages under the organization tabs, by their texts' key (`organization.<section>`). */
export type OrganizationSection = 'entity' | 'municipalities' | 'sectors' | 'catalogues';

type OrganizationPageProps = {
  section: OrganizationSection;
  /** What was just done ("Saved Nord."), read out and focused. */
  notice?: string | null;
  children: ReactNode;
};

/** An organization page: the section's tabs, its title and lead, what was just done. */
export function OrganizationPage({ section, notice, children }: OrganizationPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t(`organization.${section}.title`));
  return (
    <div className={cx(styles.organizationPage, 'page')}>
      <OrganizationTabs />
      <h1 className="page__title">{t(`organization.${section}.title`)}</h1>
      <p className="page__lead">{t(`organization.${section}.lead`)}</p>
      {notice && <Notice key={notice}>{notice}</Notice>}
      {children}
    </div>
  );
}
