import path from 'node:path';
import { z } from 'zod';
import { ATTACHMENT_DEFAULT_MAX_BYTES, isUuid } from '@caliu/common';

/** Every environment variable Caliu reads, validated once at start. README.md lists them. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  CALIU_DATA_DIR: z.string().default('./data'),
  CALIU_DEMO: z.enum(['0', '1']).default('1'),
  CALIU_DEMO_PASSWORD: z.string().min(8).default('caliu-demo'),
  CALIU_PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  ACTIVATION_SMS_FALLBACK_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  CALIU_WORKER: z.enum(['0', '1']).default('1'),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(60_000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600_000),
  OUTBOX_ENTITIES: z
    .string()
    .refine((v) => v.split(',').every(isUuid), 'comma-separated entity ids (UUIDs)')
    .optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(183).default(730),
  /** A coordinator's caseload transfer awaiting approval expires after this (issue 21). */
  CASELOAD_TRANSFER_EXPIRY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  CALIU_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 40)
    .default(ATTACHMENT_DEFAULT_MAX_BYTES),
  CALIU_POW_DIFFICULTY: z.coerce.number().int().min(1).max(32).default(19),
  /** The help form without JavaScript: its signed token is accepted this many seconds after the page was served. */
  CALIU_HELP_FORM_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(3),
  /** The operators hear of new help-form submissions at most once in this many minutes. */
  HELP_INTAKE_NOTIFY_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** A deleted help request's personal data is erased this many days after (issue 22). */
  HELP_REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Config = {
  port: number;
  /** The interface to listen on: HOST, else 127.0.0.1 in demo mode (public demo passwords), else every interface. */
  host: string;
  /** Whether HOST was set: in demo mode start-up says where it listens and why. */
  hostFromEnv: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  publicUrl: string | undefined;
  cookieSecure: 'auto' | boolean;
  /** Which proxies' X-Forwarded-For to believe (fastify's trustProxy): none by default. */
  trustProxy: boolean | string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /**
   * A first-access link sent by SMS also has its email queued, due this many minutes after the
   * creation commits (ACTIVATION_SMS_FALLBACK_MINUTES, default 10): withdrawn once the SMS went,
   * sent at once when it failed, and sent anyway when the process stopped before the SMS.
   */
  activationSmsFallbackMinutes: number;
  outboxMaxAttempts: number;
  runWorker: boolean;
  /** The outbox worker's tuning (platform/messaging/README.md); `entities` shards it by entity. */
  outbox: {
    batchSize: number;
    concurrency: number;
    pollMs: number;
    leaseSeconds: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    entities: string[] | null;
  };
  auditRetentionDays: number;
  /** Hours a coordinator's caseload transfer waits for approval before it expires. */
  caseloadTransferExpiryHours: number;
  /** The largest attachment accepted, in bytes (CALIU_ATTACHMENT_MAX_BYTES, default 20 MiB). */
  attachmentMaxBytes: number;
  /**
   * The public forms' proof of work: leading zero bits of SHA-256 the browser must find
   * (CALIU_POW_DIFFICULTY, default 19: about a second in Chromium; platform/public-forms).
   */
  powDifficulty: number;
  /**
   * The community help form sent without JavaScript: its signed form token must be at least this
   * old (CALIU_HELP_FORM_MIN_SECONDS, default 3: a person takes longer to fill it in).
   */
  helpFormMinAgeMs: number;
  /**
   * At most one email to an entity's operators about help-form submissions waiting for the
   * import in this many minutes (HELP_INTAKE_NOTIFY_MINUTES, default 5; community-help/watcher.ts).
   */
  helpIntakeNotifyMinutes: number;
  /** Days after a help request's deletion when its personal data is erased (default 30). */
  helpRequestRetentionDays: number;
  /** Session lifetimes: idle 30 minutes, absolute 12 hours. */
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.CALIU_DEMO === '0' && !e.SMTP_URL) {
    // The demo mailbox holds live links, so it exists only in demo mode.
    throw new Error(
      'Invalid environment:\n  SMTP_URL: required when CALIU_DEMO=0 (outside demo mode Caliu ' +
        'sends its emails through an SMTP server, e.g. smtps://user:pass@mail.example:465)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST || (e.CALIU_DEMO === '1' ? '127.0.0.1' : '0.0.0.0'),
    hostFromEnv: Boolean(e.HOST),
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.CALIU_DATA_DIR),
    demo: e.CALIU_DEMO === '1',
    demoPassword: e.CALIU_DEMO_PASSWORD,
    publicUrl: e.CALIU_PUBLIC_URL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy:
      e.TRUST_PROXY === '' || e.TRUST_PROXY === 'false'
        ? false
        : e.TRUST_PROXY === 'true'
          ? true
          : e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || undefined,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    activationSmsFallbackMinutes: e.ACTIVATION_SMS_FALLBACK_MINUTES,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    runWorker: e.CALIU_WORKER === '1',
    outbox: {
      batchSize: e.OUTBOX_BATCH_SIZE,
      concurrency: e.OUTBOX_CONCURRENCY,
      pollMs: e.OUTBOX_POLL_MS,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
      backoffBaseMs: e.OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: e.OUTBOX_BACKOFF_MAX_MS,
      entities: e.OUTBOX_ENTITIES ? e.OUTBOX_ENTITIES.split(',') : null,
    },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    caseloadTransferExpiryHours: e.CASELOAD_TRANSFER_EXPIRY_HOURS,
    attachmentMaxBytes: e.CALIU_ATTACHMENT_MAX_BYTES,
    powDifficulty: e.CALIU_POW_DIFFICULTY,
    helpIntakeNotifyMinutes: e.HELP_INTAKE_NOTIFY_MINUTES,
    helpRequestRetentionDays: e.HELP_REQUEST_RETENTION_DAYS,
    helpFormMinAgeMs: e.CALIU_HELP_FORM_MIN_SECONDS * 1000,
    sessionIdleMs: 30 * 60 * 1000,
    sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  };
}

/** Where the server listens; in demo mode, why only this machine can reach it by default. */
export function listeningNote(config: Config): string {
  if (!config.demo) return `Listening on ${config.host}:${config.port}.`;
  if (!config.hostFromEnv) {
    return (
      `Demo mode: listening on ${config.host} only (this machine), because the demo passwords ` +
      'are public. Set HOST (e.g. HOST=0.0.0.0) to listen on other interfaces.'
    );
  }
  return `Demo mode: listening on ${config.host} (HOST). The demo passwords are public.`;
}
