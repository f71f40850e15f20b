import path from 'node:path';
import { z } from 'zod';

/** Every environment variable Caliu reads, validated once at start. README.md lists them. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  CALIU_DATA_DIR: z.string().default('./data'),
  CALIU_DEMO: z.enum(['0', '1']).default('1'),
  CALIU_DEMO_PASSWORD: z.string().min(8).default('caliu-demo'),
  CALIU_PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  CALIU_WORKER: z.enum(['0', '1']).default('1'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(183).default(730),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  publicUrl: string | undefined;
  cookieSecure: 'auto' | boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  outboxMaxAttempts: number;
  runWorker: boolean;
  auditRetentionDays: number;
  /** Session lifetimes: idle 30 minutes, absolute 12 hours (issue 2). */
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
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.CALIU_DATA_DIR),
    demo: e.CALIU_DEMO === '1',
    demoPassword: e.CALIU_DEMO_PASSWORD,
    publicUrl: e.CALIU_PUBLIC_URL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || undefined,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    runWorker: e.CALIU_WORKER === '1',
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    sessionIdleMs: 30 * 60 * 1000,
    sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  };
}
