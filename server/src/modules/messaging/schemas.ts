import {
  apiErrorSchema,
  mailboxMessageSchema,
  mailboxQuerySchema,
  mailboxSummarySchema,
  messageIdParamsSchema,
  outboxMessageSchema,
  pageQuerySchema,
  pageSchema,
} from '@caliu/common';

/** The route schemas of the messaging module; the shapes live in @caliu/common (messaging.ts). */
export const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

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
  response: { 200: outboxMessageSchema, ...errors, 409: apiErrorSchema },
};
