import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  agendaPeopleSchema,
  agendaSchema,
  appointmentAnswerSchema,
  nextFreeSchema,
  personAppointmentsSchema,
  personSearchPageSchema,
  reservationAnswerSchema,
  type CancelAppointment,
  type CreateAppointment,
  type CreateReservation,
  type UpdateAppointment,
} from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { listCaseFiles } from '@/lib/api/case-files';
import {
  agendaKey,
  agendaPeopleKey,
  agendaViewKey,
  appointmentKey,
  nextFreeKey,
  personAppointmentsKey,
} from './keys';

/** Whose agenda: a professional's (the caller's own when neither is given) or a team's. */
export type AgendaWho = { professionalId?: string; teamId?: string };

export type AgendaRange = AgendaWho & {
  from: string;
  days: number;
  includeCancelled?: boolean;
};

function agendaParams({ professionalId, teamId, from, days, includeCancelled }: AgendaRange) {
  const params: Record<string, string> = { from, days: String(days) };
  if (professionalId) params.professionalId = professionalId;
  if (teamId) params.teamId = teamId;
  if (includeCancelled) params.includeCancelled = 'true';
  return params;
}

export async function getAgenda(range: AgendaRange, signal?: AbortSignal) {
  const params = new URLSearchParams(agendaParams(range));
  return apiJson(`/api/agenda?${params.toString()}`, agendaSchema, { signal });
}

/** The entries, working hours and holidays of a period; the last one stays while the next loads. */
export function useAgenda(range: AgendaRange, enabled = true) {
  const params = agendaParams(range);
  return useQuery({
    queryKey: agendaViewKey(params),
    queryFn: ({ signal }) => getAgenda(range, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The professionals and teams the user may see the agenda of, book for, reserve time for. */
export function useAgendaPeople() {
  return useQuery({
    queryKey: agendaPeopleKey,
    queryFn: ({ signal }) => apiJson('/api/agenda/people', agendaPeopleSchema, { signal }),
    staleTime: 60_000,
  });
}

export async function getNextFree(
  query: { professionalId: string; minutes: number; after?: string },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({
    professionalId: query.professionalId,
    minutes: String(query.minutes),
  });
  if (query.after) params.set('after', query.after);
  return apiJson(`/api/agenda/next-free?${params.toString()}`, nextFreeSchema, { signal });
}

/** Asks for a professional's next free slot (on demand: a button asks, the answer is shown). */
export function useNextFree() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (query: { professionalId: string; minutes: number }) =>
      queryClient.fetchQuery({
        queryKey: nextFreeKey({ ...query, minutes: String(query.minutes) }),
        queryFn: ({ signal }) => getNextFree(query, signal),
        staleTime: 0,
      }),
  });
}

/** One appointment, as the user may see it. */
export function useAppointment(id: string | null) {
  return useQuery({
    queryKey: appointmentKey(id ?? ''),
    queryFn: ({ signal }) =>
      apiJson(`/api/appointments/${encodeURIComponent(id ?? '')}`, appointmentAnswerSchema, {
        signal,
      }),
    enabled: id !== null,
  });
}

function useAgendaWrite<I, O>(write: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaKey }),
  });
}

export function useCreateAppointment() {
  return useAgendaWrite((body: CreateAppointment) =>
    apiJson('/api/appointments', appointmentAnswerSchema, { method: 'POST', body }),
  );
}

export function useUpdateAppointment() {
  return useAgendaWrite(({ id, ...body }: UpdateAppointment & { id: string }) =>
    apiJson(`/api/appointments/${encodeURIComponent(id)}`, appointmentAnswerSchema, {
      method: 'PATCH',
      body,
    }),
  );
}

export function useCancelAppointment() {
  return useAgendaWrite(({ id, ...body }: CancelAppointment & { id: string }) =>
    apiJson(`/api/appointments/${encodeURIComponent(id)}/cancel`, appointmentAnswerSchema, {
      method: 'POST',
      body,
    }),
  );
}

export function useCreateReservation() {
  return useAgendaWrite((body: CreateReservation) =>
    apiJson('/api/time-reservations', reservationAnswerSchema, { method: 'POST', body }),
  );
}

export function useDeleteReservation() {
  return useAgendaWrite(async (id: string) => {
    await apiRequest(`/api/time-reservations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  });
}

/** A person's appointments from today on and of the last month (their page). */
export function usePersonAppointments(personId: string) {
  return useQuery({
    queryKey: personAppointmentsKey(personId),
    queryFn: ({ signal }) =>
      apiJson(
        `/api/persons/${encodeURIComponent(personId)}/appointments`,
        personAppointmentsSchema,
        { signal },
      ),
  });
}

/** A SIAD technician lets reminders reach a person who has a SIAD case file (or stops them). */
export function useSetReminders(personId: string) {
  return useAgendaWrite(async (allowReminders: boolean) => {
    await apiRequest(`/api/persons/${encodeURIComponent(personId)}/reminders`, {
      method: 'PUT',
      body: { allowReminders },
    });
  });
}

/** Fewer characters than this search nothing. */
export const PERSON_SEARCH_MIN_LENGTH = 2;

/** Persons matching `q` (the booking form's picker): the same search as the persons' pages. */
export function usePersonPicker(q: string) {
  const enabled = q.length >= PERSON_SEARCH_MIN_LENGTH;
  return useQuery({
    queryKey: [...agendaKey, 'person-search', q],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ q, limit: '10' });
      return apiJson(`/api/persons?${params.toString()}`, personSearchPageSchema, { signal });
    },
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 30_000,
  });
}

/** The case files of these persons that the user sees (the booking's optional case file). */
export function usePersonsCaseFiles(personIds: readonly string[], enabled: boolean) {
  return useQuery({
    queryKey: [...agendaKey, 'case-files', [...personIds].sort()],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        personIds.map((personId) => listCaseFiles({ personId }, null, 50, signal)),
      );
      const seen = new Map<string, (typeof pages)[number]['items'][number]>();
      for (const page of pages) for (const item of page.items) seen.set(item.id, item);
      return [...seen.values()];
    },
    enabled: enabled && personIds.length > 0,
    staleTime: 30_000,
  });
}
