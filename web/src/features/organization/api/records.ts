import { useMutation, useQueryClient } from '@tanstack/react-query';
import { municipalitySchema, sectorSchema, teamSchema } from '@caliu/common';
import type {
  Municipality,
  MunicipalityInput,
  Sector,
  SectorInput,
  SectorPatch,
  Team,
  TeamInput,
  TeamPatch,
} from '@caliu/common';
import { organizationKeys } from '@/lib/api/organization';
import { apiJson, apiRequest } from '@/lib/api-client';
import type { Schema } from '@/lib/api-client';

/** The records of the organization pages: what each one is, and what creating or editing sends. */
export type Records = {
  municipalities: { record: Municipality; create: MunicipalityInput; update: MunicipalityInput };
  sectors: { record: Sector; create: SectorInput; update: SectorPatch };
  teams: { record: Team; create: TeamInput; update: TeamPatch };
};
export type RecordKind = keyof Records;
export type RecordOf<K extends RecordKind> = Records[K]['record'];

const RESOURCES: {
  [K in RecordKind]: { path: string; schema: Schema<RecordOf<K>>; key: () => readonly unknown[] };
} = {
  municipalities: {
    path: '/api/municipalities',
    schema: municipalitySchema,
    key: organizationKeys.municipalities,
  },
  sectors: { path: '/api/sectors', schema: sectorSchema, key: organizationKeys.sectors },
  teams: { path: '/api/teams', schema: teamSchema, key: organizationKeys.teams },
};

/** Adds a record; the lists that show it are read again. */
export function useCreateRecord<K extends RecordKind>(kind: K) {
  const queryClient = useQueryClient();
  const { path, schema, key } = RESOURCES[kind];
  return useMutation({
    mutationFn: (input: Records[K]['create']) =>
      apiJson(path, schema, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key() }),
  });
}

/** Changes a record (a team: renames it, replaces its territory or (de)activates it). */
export function useUpdateRecord<K extends RecordKind>(kind: K) {
  const queryClient = useQueryClient();
  const { path, schema, key } = RESOURCES[kind];
  return useMutation({
    mutationFn: ({ id, ...patch }: Records[K]['update'] & { id: string }) =>
      apiJson(`${path}/${id}`, schema, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key() }),
  });
}

/**
 * Removes a record; refused (409, in words) while something uses it: a municipality by a sector,
 * team or record; a sector by a team or a professional.
 */
export function useDeleteRecord(kind: Exclude<RecordKind, 'teams'>) {
  const queryClient = useQueryClient();
  const { path, key } = RESOURCES[kind];
  return useMutation({
    mutationFn: async (id: string) => {
      await apiRequest(`${path}/${id}`, { method: 'DELETE' });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key() }),
  });
}
