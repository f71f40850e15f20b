import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Language,
  LANGUAGES,
  languageFromAcceptHeader,
  powSolutionSchema,
  textField,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { errorResponses } from '../../platform/http-schemas';
import { translator } from '../../platform/i18n';
import { challengeKeyOf, withFormRetryAfter } from '../../platform/public-forms';
import { issueFormToken } from './form-token';
import {
  acceptsHelpRequests,
  countHelpPost,
  findHelpEntity,
  FormTokenRefused,
  HELP_FIELDS,
  type HelpEntity,
  type HelpField,
  type IntakeResult,
  type RawHelpForm,
  receiveHelpRequest,
} from './public-intake';
import {
  type FormValues,
  HELP_FORM_SCRIPT_PATH,
  renderFormPage,
  renderNotFoundPage,
  renderStatusPage,
  renderSuccessPage,
  renderThrottledPage,
} from './public-page';
import { findHelpStatus } from './submissions';

/**
 * The community help form's public routes (issue 22, docs/decisions/0012): the page
 * (`/help/<entity code>`), its post without JavaScript, the script's JSON post, the status page
 * and the script. No cookie is set; each page may be framed only by the entity's portal origins.
 */

const SCRIPT = readFileSync(new URL('./help-form.client.js', import.meta.url), 'utf8');

/** `/help/confirm` is the console's page of the support desk's public help form (its SPA route). */
const CONSOLE_HELP_PAGES = new Set(['confirm']);

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** The pages' policy: the application's, with the entity's portal origins as `frame-ancestors`. */
function contentSecurityPolicy(frameOrigins: readonly string[]): string {
  const origins = frameOrigins.filter((o) => ORIGIN.test(o));
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    `frame-ancestors ${origins.length ? origins.join(' ') : "'none'"}`,
  ].join('; ');
}

function pageHeaders(reply: FastifyReply, entity: HelpEntity | null) {
  const origins = entity?.frameOrigins.filter((o) => ORIGIN.test(o)) ?? [];
  // Helmet wrote its headers on the raw response; these pages replace the framing policy.
  reply.raw.setHeader('content-security-policy', contentSecurityPolicy(origins));
  if (origins.length) reply.raw.removeHeader('x-frame-options');
  reply.header('cache-control', 'no-store');
  reply.type('text/html; charset=utf-8');
}

const entityParams = z.object({ entityCode: z.string().max(100) });
const langQuery = z.object({ lang: textField().max(10).optional() });

function pageLanguage(lang: string | undefined, entity: HelpEntity | null): Language {
  if (lang && (LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  return entity?.defaultLanguage ?? 'ca';
}

/** The script's page language, which it sends as Accept-Language (the API's convention). */
function setPageLanguage(request: FastifyRequest, entity: HelpEntity | null): Language {
  const accepted = languageFromAcceptHeader(request.headers['accept-language']) ?? undefined;
  const language = pageLanguage(accepted, entity);
  request.language = language;
  request.t = translator(language);
  return language;
}

function statusUrl(deps: AppDeps, request: FastifyRequest, entity: HelpEntity, token: string) {
  const base = (deps.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(
    /\/+$/,
    '',
  );
  return `${base}/help/${encodeURIComponent(entity.code)}/status/${token}`;
}

/** What the page shows again after a refused post: what was typed, the trap and token aside. */
function valuesOf(raw: RawHelpForm): FormValues {
  const values: FormValues = {};
  for (const field of HELP_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string') values[field] = value.slice(0, 5000);
  }
  return values;
}

/** The JSON body of the script's post: the form's fields, the honeypot and the proof. */
const scriptBody = z
  .object({
    website: textField().max(500).optional(),
    proof: powSolutionSchema,
  })
  .catchall(z.union([z.string().max(5000), z.boolean(), z.null()]));

const isThrottled = (error: unknown): error is AppError =>
  error instanceof AppError && error.code.startsWith('public_forms.throttled');

/** The notice of a refused form token (`community_help.page.token_<reason>`). */
const TOKEN_NOTICES = {
  invalid: 'token_invalid',
  expired: 'token_invalid',
  too_young: 'token_too_young',
  used: 'token_used',
} as const;

export const communityHelpPublicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  /** The entity a request's address names, looked up once (the posts' first hook, the handler). */
  const entities = new WeakMap<FastifyRequest, Promise<HelpEntity | null>>();
  const entityOf = (request: FastifyRequest) => {
    let entity = entities.get(request);
    if (!entity) {
      const code = (request.params as { entityCode?: unknown } | undefined)?.entityCode;
      entity = findHelpEntity(deps, typeof code === 'string' ? code : '');
      entities.set(request, entity);
    }
    return entity;
  };

  // The form posts without JavaScript (this plugin's routes only).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const formPage = async (
    reply: FastifyReply,
    entity: HelpEntity,
    language: Language,
    values: FormValues,
    errors: Partial<Record<HelpField, string>> = {},
    notice: string | null = null,
    formToken?: string,
  ) => {
    const key = await challengeKeyOf(deps.database);
    pageHeaders(reply, entity);
    return reply.send(
      renderFormPage({
        entity,
        language,
        values,
        errors,
        notice,
        formToken: formToken ?? issueFormToken(key, entity.id, deps.clock.now()),
      }),
    );
  };

  const notFoundPage = (reply: FastifyReply, language: Language) => {
    pageHeaders(reply, null);
    return reply.code(404).send(renderNotFoundPage(language));
  };

  const throttledPage = (
    reply: FastifyReply,
    entity: HelpEntity,
    language: Language,
    error: AppError,
  ) => {
    pageHeaders(reply, entity);
    reply.header('retry-after', String(error.params.retryAfterSeconds ?? 60));
    return reply
      .code(429)
      .send(
        renderThrottledPage(
          entity,
          language,
          translator(language)(`errors.${error.code}`, error.params),
        ),
      );
  };

  /**
   * Every post to the form, before its body is parsed, validated or checked: counted on the loose
   * per-address key (`countHelpPost`), so that a stream of refused posts is stopped too. A form
   * that is not there is left to the handler ("not found", after the body's schema).
   */
  const countPagePost = async (request: FastifyRequest, reply: FastifyReply) => {
    const entity = await entityOf(request);
    if (!acceptsHelpRequests(entity)) return;
    try {
      await countHelpPost(deps, entity, request.ip);
    } catch (error) {
      if (!isThrottled(error)) throw error;
      const lang = (request.query as { lang?: unknown } | undefined)?.lang;
      const language = pageLanguage(typeof lang === 'string' ? lang : undefined, entity);
      throttledPage(reply, entity, language, error);
      return reply;
    }
  };
  const countApiPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const entity = await entityOf(request);
    // The error handler answers in the page's language.
    setPageLanguage(request, entity);
    if (!acceptsHelpRequests(entity)) return;
    await withFormRetryAfter(reply, () => countHelpPost(deps, entity, request.ip));
  };

  app.get(
    '/help/:entityCode',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: entityParams,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const { entityCode } = request.params;
      if (CONSOLE_HELP_PAGES.has(entityCode)) return reply.callNotFound();
      const entity = await entityOf(request);
      const language = pageLanguage(request.query.lang, entity);
      if (!acceptsHelpRequests(entity)) return notFoundPage(reply, language);
      return formPage(reply, entity, language, {});
    },
  );

  app.post(
    '/help/:entityCode',
    {
      config: { public: true },
      schema: { hide: true, params: entityParams, querystring: langQuery },
      onRequest: countPagePost,
    },
    async (request, reply) => {
      const entity = await entityOf(request);
      const language = pageLanguage(request.query.lang, entity);
      if (!acceptsHelpRequests(entity)) return notFoundPage(reply, language);
      const raw: RawHelpForm =
        request.body && typeof request.body === 'object' ? (request.body as RawHelpForm) : {};
      const values = valuesOf(raw);
      const t = translator(language);
      const formToken = typeof raw.formToken === 'string' ? raw.formToken.slice(0, 200) : '';
      let result: IntakeResult;
      try {
        result = await receiveHelpRequest(
          deps,
          entity,
          raw,
          { path: 'basic', formToken },
          { ip: request.ip, language, log: request.log },
        );
      } catch (error) {
        if (error instanceof FormTokenRefused) {
          const notice = t(`community_help.page.${TOKEN_NOTICES[error.reason]}`);
          // A token only too young stays: the next post, a moment later, goes through.
          reply.code(400);
          return formPage(
            reply,
            entity,
            language,
            values,
            {},
            notice,
            error.reason === 'too_young' ? formToken : undefined,
          );
        }
        if (isThrottled(error)) return throttledPage(reply, entity, language, error);
        throw error;
      }
      if (result.kind === 'invalid') {
        reply.code(400);
        return formPage(reply, entity, language, values, result.errors, null, formToken);
      }
      pageHeaders(reply, entity);
      return reply
        .code(201)
        .send(
          renderSuccessPage(
            entity,
            language,
            result.reference,
            statusUrl(deps, request, entity, result.statusToken),
          ),
        );
    },
  );

  app.post(
    '/api/public/help/:entityCode',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          "A community help request from the entity's public form, with JavaScript: the fields, " +
          'the honeypot `website` and a solved proof of work (`GET /api/public/challenge`). ' +
          '201 with the reference and the status page; 400 with each field’s error; 429 with ' +
          'Retry-After',
        params: entityParams,
        body: scriptBody,
        response: {
          201: z.object({ reference: z.string(), statusUrl: z.string() }),
          ...errorResponses(400, 404, 429),
        },
      },
      onRequest: countApiPost,
    },
    async (request, reply) => {
      const entity = await entityOf(request);
      // The error handler answers in the page's language.
      const language = setPageLanguage(request, entity);
      if (!acceptsHelpRequests(entity)) throw new AppError('community_help.not_found', 404);
      const { proof, ...raw } = request.body;
      const result = await withFormRetryAfter(reply, () =>
        receiveHelpRequest(
          deps,
          entity,
          raw,
          { path: 'script', proof },
          { ip: request.ip, language, log: request.log },
        ),
      );
      if (result.kind === 'invalid') {
        throw new AppError(
          'community_help.invalid',
          400,
          {},
          (Object.keys(result.errors) as HelpField[]).map((field) => ({
            field,
            message: request.t(`community_help.errors.${result.errors[field]}`),
          })),
        );
      }
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        reference: result.reference,
        statusUrl: statusUrl(deps, request, entity, result.statusToken),
      });
    },
  );

  app.get(
    '/help/:entityCode/status/:token',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: z.object({ entityCode: z.string().max(100), token: z.string().max(300) }),
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const entity = await entityOf(request);
      const language = pageLanguage(request.query.lang, entity);
      reply.header('referrer-policy', 'no-referrer');
      if (!entity) return notFoundPage(reply, language);
      const token = request.params.token;
      const status = /^[A-Za-z0-9_.-]{20,200}$/.test(token)
        ? await deps.database.tenant(entity.id, (tx) => findHelpStatus(tx, token, deps.clock.now()))
        : null;
      pageHeaders(reply, entity);
      return reply
        .code(status ? 200 : 404)
        .send(renderStatusPage(entity, language, status, entity.timeZone));
    },
  );

  app.get(
    HELP_FORM_SCRIPT_PATH,
    { config: { public: true }, schema: { hide: true } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return reply.type('text/javascript; charset=utf-8').send(SCRIPT);
    },
  );
};
