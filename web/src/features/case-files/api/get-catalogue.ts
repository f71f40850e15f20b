import { useQuery } from '@tanstack/react-query';
import { catalogueSchema } from '@caliu/common';
import type { Catalogue } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useTranslation } from 'react-i18next';
import { catalogueKey } from './keys';

export async function getCatalogue(name: Catalogue, signal?: AbortSignal) {
  const answer = await apiJson(`/api/catalogues/${name}`, catalogueSchema, { signal });
  return answer.items;
}

/**
 * One of the entity's catalogues (intervention types, closing reasons), labelled in the user's
 * language by the server: asked again when the language changes.
 */
export function useCatalogue(name: Catalogue) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...catalogueKey(name), i18n.language],
    queryFn: ({ signal }) => getCatalogue(name, signal),
    staleTime: 5 * 60_000,
  });
}
