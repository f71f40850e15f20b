import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { holidayListSchema, holidaySchema } from '@caliu/common';
import type { CreateHoliday } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';

/** The entity's public holidays, one year at a time. */
export const holidaysKeys = {
  all: ['agenda-settings', 'public-holidays'] as const,
  year: (year: number) => [...holidaysKeys.all, year] as const,
};

export async function getHolidays(year: number, signal?: AbortSignal) {
  return apiJson(`/api/public-holidays?year=${year}`, holidayListSchema, { signal });
}

/** A year's holidays (national, regional and local), by date, and whether the user edits them. */
export function useHolidays(year: number) {
  return useQuery({
    queryKey: holidaysKeys.year(year),
    queryFn: ({ signal }) => getHolidays(year, signal),
  });
}

export async function createHoliday(input: CreateHoliday) {
  return apiJson('/api/public-holidays', holidaySchema, { method: 'POST', body: input });
}

/** Adds a holiday; the years shown are read again. */
export function useCreateHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createHoliday,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: holidaysKeys.all }),
  });
}

export async function deleteHoliday(id: string) {
  await apiRequest(`/api/public-holidays/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Removes a holiday; the years shown are read again. */
export function useDeleteHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteHoliday,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: holidaysKeys.all }),
  });
}
