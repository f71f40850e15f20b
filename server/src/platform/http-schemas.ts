import { z } from 'zod';
import { apiErrorSchema } from '@caliu/common';

/** The answers a route documents for its errors, all in the one error shape. */
export function errorResponses<Status extends number>(
  ...statuses: Status[]
): Record<Status, typeof apiErrorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, apiErrorSchema])) as Record<
    Status,
    typeof apiErrorSchema
  >;
}

/** The errors of a route that reads or changes one record. */
export const errors = errorResponses(400, 401, 403, 404, 409);

/** The `:id` of a route's URL. */
export const idParams = z.object({ id: z.uuid() });
