import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title to "<page> · Caliu". */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = `${pageTitle} · ${product}`;
  }, [pageTitle, product]);
}
