import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { catalogueSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { documentCategoriesKey } from './keys';

/**
 * The `document_category` catalogue, read where whoever may attach reads it: an administrative
 * assistant attaches identity documents to a person without reading case files' catalogues.
 */
export async function getDocumentCategories(signal?: AbortSignal) {
  const answer = await apiJson('/api/attachments/categories', catalogueSchema, { signal });
  return answer.items;
}

/**
 * The entity's document categories (identity, health, education…, and the administrator's own;
 * retired ones marked), labelled in the user's language: asked again when the language changes.
 */
export function useDocumentCategories(enabled = true) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: documentCategoriesKey(i18n.language),
    queryFn: ({ signal }) => getDocumentCategories(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
