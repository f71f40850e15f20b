import {
  demandPageSchema,
  demandSchema,
  problemPageSchema,
  problemSchema,
  procedurePageSchema,
  procedureSchema,
  resourcePageSchema,
  resourceSchema,
} from '@caliu/common';
import type {
  CreateDemand,
  CreateProblem,
  CreateProcedure,
  CreateResource,
  Demand,
  Problem,
  Procedure,
  Resource,
  UpdateDemand,
  UpdateProblem,
  UpdateProcedure,
  UpdateResource,
} from '@caliu/common';
import type { Schema } from '@/lib/api-client';

/**
 * The content recorded with this feature's forms: each kind concerns one member of the case file
 * and has a type from the entity's catalogue of the same name.
 */
export const RECORD_KINDS = ['demand', 'problem', 'resource', 'procedure'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type ItemOf = { demand: Demand; problem: Problem; resource: Resource; procedure: Procedure };
export type CreateOf = {
  demand: CreateDemand;
  problem: CreateProblem;
  resource: CreateResource;
  procedure: CreateProcedure;
};
export type UpdateOf = {
  demand: UpdateDemand;
  problem: UpdateProblem;
  resource: UpdateResource;
  procedure: UpdateProcedure;
};
export type ContentPage<T> = { items: T[]; nextCursor: string | null };

type KindApi<K extends RecordKind> = {
  /** Its place under a case file: `/api/case-files/:id/demands`. */
  path: string;
  item: Schema<ItemOf[K]>;
  page: Schema<ContentPage<ItemOf[K]>>;
};

const KIND_API: { [K in RecordKind]: KindApi<K> } = {
  demand: { path: 'demands', item: demandSchema, page: demandPageSchema },
  problem: { path: 'problems', item: problemSchema, page: problemPageSchema },
  resource: { path: 'resources', item: resourceSchema, page: resourcePageSchema },
  procedure: { path: 'procedures', item: procedureSchema, page: procedurePageSchema },
};

/** A kind's path and schemas. */
export function kindApi<K extends RecordKind>(kind: K): KindApi<K> {
  return KIND_API[kind];
}

/** `/api/case-files/:id/<kind>s`, or one entry of it. */
export function contentPath(caseFileId: string, kind: RecordKind, itemId?: string): string {
  const list = `/api/case-files/${encodeURIComponent(caseFileId)}/${KIND_API[kind].path}`;
  return itemId === undefined ? list : `${list}/${encodeURIComponent(itemId)}`;
}
