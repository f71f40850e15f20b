import {
  mailboxMessageSchema,
  mailboxQuerySchema,
  mailboxSummarySchema,
  messageIdParamsSchema,
  outboxMessageSchema,
  pageQuerySchema,
  pageSchema,
} from '@caliu/common';
import { errorResponses } from '../../platform/http-schemas';

/** The route schemas of the messaging module; the shapes live in @caliu/common (messaging.ts). */
const errors = errorResponses(400, 401, 403, 404);

export const mailboxList = {
  querystring: mailboxQuerySchema,
  response: { 200: pageSchema(mailboxSummarySchema), ...errors },
};

export const mailboxOne = {
  params: messageIdParamsSchema,
  response: { 200: mailboxMessageSchema, ...errors },
};

export const failedList = {
  querystring: pageQuerySchema,
  response: { 200: pageSchema(outboxMessageSchema), ...errors },
};

export const retry = {
  params: messageIdParamsSchema,
  response: { 200: outboxMessageSchema, ...errorResponses(400, 401, 403, 404, 409) },
};
