import { z } from 'zod';

const PROCESS_ROLES = ['api', 'bots', 'worker', 'all'] as const;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ratesFromEnv = z
  .string()
  .regex(
    /^\s*([A-Z]{3}=\d+(\.\d+)?)(\s*,\s*[A-Z]{3}=\d+(\.\d+)?)*\s*$/,
    'expected a list like "USD=95.50,EUR=103.20,CNY=13.10"',
  )
  .transform((s) =>
    Object.fromEntries(
      s.split(',').map((pair) => {
        const [code = '', rate = ''] = pair.trim().split('=');
        return [code, rate];
      }),
    ),
  );

/** Every setting Kabinet reads from the environment. `.env.example` lists the same keys. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PROCESS_ROLE: z.enum(PROCESS_ROLES).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: booleanFromEnv.default(false),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  PGLITE_TEMPLATES: z.string().min(1).optional(),
  MIGRATE_ON_START: booleanFromEnv.optional(),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  RUB_RATES: ratesFromEnv.default({ USD: '95.00', EUR: '103.00', CNY: '13.00' }),
  CLIENT_MANAGER_SCOPE: z.enum(['own', 'all']).default('own'),
  // ---- the company's requisites on print forms (DESIGN §11); the defaults are the demo company's ----
  COMPANY_NAME: z.string().min(1).default('АО «Демо Инвест»'),
  COMPANY_LICENCE: z.string().min(1).default('№ 045-00000-100000 на осуществление брокерской деятельности'),
  COMPANY_INN: z
    .string()
    .regex(/^\d{10}$/, 'ten digits')
    .default('7700000000'),
  COMPANY_OGRN: z
    .string()
    .regex(/^\d{13}$/, 'thirteen digits')
    .default('1027700000000'),
  COMPANY_ADDRESS: z.string().min(1).default('125009, г. Москва, ул. Тверская, д. 1'),
  SLA_CHECK_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  // ---- the back-office exchange (docs/0023-backoffice-exchange.md) ----
  /** The FANSY exchange folder: `out/` is ours to write, `in/` the back office's. `off` disables the exchange. */
  EXCHANGE_DIR: z.string().min(1).optional(),
  EXCHANGE_POLL_SECONDS: z.coerce.number().positive().default(5),
  /** An export not acknowledged within this time raises an alert for the back office. */
  EXCHANGE_ACK_TIMEOUT_MINUTES: z.coerce.number().positive().default(240),
  /** An acknowledgement file is read once it has not changed for this long (a half-written file waits). */
  EXCHANGE_SETTLE_SECONDS: z.coerce.number().min(0).default(2),
  // ---- account opening (issue 12, docs/0030-account-opening.md) ----
  /** A questionnaire draft nobody touched for this many days is deleted (152-FZ minimisation); journaled. */
  ONBOARDING_DRAFT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the worker hands submitted questionnaires on (PDF e-mails, exchange file). */
  ONBOARDING_POLL_SECONDS: z.coerce.number().positive().default(5),
  // ---- «Войти через Госуслуги» (ESIA, issue 12, docs/0030-account-opening.md); off while ESIA_URL is unset ----
  ESIA_URL: z.url({ protocol: /^https?$/ }).optional(),
  ESIA_CLIENT_ID: z.string().min(1).max(100).optional(),
  /** `client_certificate_hash`: the hash of the certificate registered with ESIA (its own utility computes it). */
  ESIA_CERT_HASH: z.string().min(1).max(200).optional(),
  /** Who signs `client_secret` and checks ESIA's tokens: an HTTP signer service (production) or openssl's GOST. */
  ESIA_SIGNER: z.enum(['http', 'openssl']).default('http'),
  ESIA_SIGNER_URL: z.url().optional(),
  ESIA_SIGNER_TOKEN: z.string().min(1).optional(),
  /** openssl: the client's GOST 2012-256 private key and ESIA's public key (PEM files). */
  ESIA_KEY_FILE: z.string().min(1).optional(),
  ESIA_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  ESIA_ISSUER: z.string().min(1).default('http://esia.gosuslugi.ru/'),
  ESIA_SCOPE: z
    .string()
    .min(1)
    .default('openid fullname birthdate birthplace gender snils inn id_doc mobile email addresses'),
  /** Default `<PUBLIC_URL>/api/v1/onboarding/esia/callback`; registered with ESIA as is. */
  ESIA_REDIRECT_URI: z.url().optional(),
  // ---- notifications (docs/0007-outbox-relay-and-delivery.md) ----
  SLA_ESCALATION_REPEAT_HOURS: z.coerce.number().positive().default(24),
  SLA_ESCALATION_MAX_STEPS: z.coerce.number().int().min(1).max(10).default(3),
  NOTIFY_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('kabinet'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(10).default(5000),
  NOTIFY_SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(30),
  /** How long a worker holds a claimed delivery; a worker that dies loses it to another after this (docs/0027). */
  NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  NOTIFY_EMAIL_RATE_PER_SECOND: z.coerce.number().positive().default(10),
  NOTIFY_SMS_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  SMTP_FROM: z.string().min(3).default('Kabinet <no-reply@kabinet.local>'),
  SMS_PROVIDER: z.enum(['file', 'smpp', 'http']).default('file'),
  SMPP_URL: z.url({ protocol: /^s?smpp$/, error: 'must be an smpp:// or ssmpp:// URL' }).optional(),
  SMPP_SOURCE_ADDR: z.string().min(1).max(20).default('Kabinet'),
  SMS_HTTP_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SMS_HTTP_AUTH: z.string().min(1).optional(),
  SMS_HTTP_ID_FIELD: z.string().min(1).default('id'),
  CLIENT_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-def')
    .optional(),
  STAFF_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-def')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://api.telegram.org'),
  TELEGRAM_STRICT: booleanFromEnv.default(false),
  /** The built-in Bot API sandbox (docs/0028): default on in the embedded demo without bot tokens; never in production. */
  TELEGRAM_SANDBOX: booleanFromEnv.optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters: letters, digits, _ and -')
    .optional(),
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().positive().default(30),
  /**
   * The cabinet's https address opened inside Telegram (the bots' menu button, /start, /tasks and pushes;
   * docs/0026). Default: PUBLIC_URL when it is https; unset, the bots offer no Mini App buttons.
   */
  MINI_APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** The bearer token Prometheus sends to /metrics; without it /metrics is open outside production, off in it. */
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, '16–256 characters: letters, digits and ._~+/=-')
    .optional(),
  /** How old a Mini App's signed launch data may be when exchanged for a session (docs/0026). */
  TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),
  // ---- identity (docs/0006-confirmation-challenges.md) ----
  CODE_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /**
   * How long an authenticated session may be served from memory (PostgreSQL only; 0 turns it off). Revocation and any
   * change of the user invalidate it at once in every process (NOTIFY); while that is down, nothing is cached.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  CLIENT_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a Telegram bot username without @')
    .default('kabinet_client_bot'),
  STAFF_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a Telegram bot username without @')
    .default('kabinet_staff_bot'),
  // ---- production guards (docs/0014-production-guards-and-headers.md) ----
  COOKIE_SECURE: booleanFromEnv.optional(),
  ALLOW_FILE_PROVIDERS: booleanFromEnv.default(false),
});

/** Settings that only make sense together. */
const checkedEnvSchema = envSchema.superRefine((e, ctx) => {
  if (e.SMS_PROVIDER === 'smpp' && e.SMPP_URL === undefined)
    ctx.addIssue({ code: 'custom', path: ['SMPP_URL'], message: 'is required when SMS_PROVIDER=smpp' });
  if (e.SMS_PROVIDER === 'http' && e.SMS_HTTP_URL === undefined)
    ctx.addIssue({ code: 'custom', path: ['SMS_HTTP_URL'], message: 'is required when SMS_PROVIDER=http' });
  if (e.MINI_APP_URL !== undefined && e.NODE_ENV === 'production' && !e.MINI_APP_URL.startsWith('https://'))
    ctx.addIssue({
      code: 'custom',
      path: ['MINI_APP_URL'],
      message: 'must be https: Telegram opens Mini Apps over https only',
    });
  if (e.ESIA_URL !== undefined) {
    for (const key of ['ESIA_CLIENT_ID', 'ESIA_CERT_HASH'] as const)
      if (e[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required with ESIA_URL' });
    const needs =
      e.ESIA_SIGNER === 'http'
        ? (['ESIA_SIGNER_URL'] as const)
        : (['ESIA_KEY_FILE', 'ESIA_PUBLIC_KEY_FILE'] as const);
    for (const key of needs)
      if (e[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is required with ESIA_SIGNER=${e.ESIA_SIGNER}`,
        });
    if (e.NODE_ENV === 'production' && e.ESIA_SIGNER === 'openssl')
      ctx.addIssue({
        code: 'custom',
        path: ['ESIA_SIGNER'],
        message:
          'openssl is for development: production signs through the HTTP signer service (certified cryptography)',
      });
  }
  if (e.NODE_ENV === 'production' && e.CODE_SECRET === undefined)
    ctx.addIssue({ code: 'custom', path: ['CODE_SECRET'], message: 'is required in production' });
  if (e.NODE_ENV === 'production') refuseUnsafeProductionDefaults(e, ctx);
  const botTokens = e.CLIENT_BOT_TOKEN !== undefined || e.STAFF_BOT_TOKEN !== undefined;
  if (e.TELEGRAM_SANDBOX === true) {
    const why =
      e.NODE_ENV === 'production'
        ? 'must not be true in production: anyone with the page could speak as any Telegram user'
        : botTokens
          ? 'cannot be true with CLIENT_BOT_TOKEN/STAFF_BOT_TOKEN: the sandbox runs its own two bots'
          : e.PROCESS_ROLE !== 'all'
            ? 'needs PROCESS_ROLE=all: the sandbox lives in one process with the bots, the workers and the page'
            : undefined;
    if (why) ctx.addIssue({ code: 'custom', path: ['TELEGRAM_SANDBOX'], message: why });
  }
  if (e.PUBLIC_URL !== undefined && botTokens && e.TELEGRAM_WEBHOOK_SECRET === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'is required when PUBLIC_URL is set and a bot token is given (the bots use webhooks then)',
    });
});

/** A CODE_SECRET with fewer distinct characters than this is a placeholder, not a secret. */
const MIN_SECRET_DISTINCT_CHARACTERS = 8;

/**
 * Production refuses what is only meant for the embedded demo: SMS and e-mail written to files (codes would never
 * reach anyone, and sit on disk) unless ALLOW_FILE_PROVIDERS=true says so on purpose, a placeholder CODE_SECRET
 * (a missing or short one is refused above), and a session cookie that could travel without `Secure`.
 */
function refuseUnsafeProductionDefaults(e: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void {
  const refuse = (key: string, message: string): void => {
    ctx.addIssue({ code: 'custom', path: [key], message });
  };
  if (!e.ALLOW_FILE_PROVIDERS) {
    if (e.SMS_PROVIDER === 'file')
      refuse(
        'SMS_PROVIDER',
        'is "file" (codes written to DATA_DIR/outbox, never sent): set smpp or http in production, or ' +
          'ALLOW_FILE_PROVIDERS=true on purpose',
      );
    if (e.SMTP_URL === undefined)
      refuse(
        'SMTP_URL',
        'is required in production (without it e-mail is written to DATA_DIR/outbox, never sent), or ' +
          'ALLOW_FILE_PROVIDERS=true on purpose',
      );
  }
  if (e.CODE_SECRET !== undefined && new Set(e.CODE_SECRET).size < MIN_SECRET_DISTINCT_CHARACTERS)
    refuse('CODE_SECRET', 'looks like a placeholder: use a random one (openssl rand -hex 32)');
  if (e.COOKIE_SECURE === false)
    refuse(
      'COOKIE_SECURE',
      'must be true in production: the session cookie must never travel without Secure',
    );
}

export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** The company as its documents name it. */
export interface CompanyRequisites {
  name: string;
  licence: string;
  inn: string;
  ogrn: string;
  address: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  processRole: ProcessRole;
  /** METRICS_TOKEN (docs/0027). */
  metricsToken: string | undefined;
  /**
   * `trustProxy`: take the client IP and scheme from X-Forwarded-* (only behind a reverse proxy). `proxyHops`:
   * how many proxies in front append to X-Forwarded-For; the client IP is the entry the outermost of them wrote
   * (the address it saw), never one the client wrote itself.
   */
  http: {
    port: number;
    host: string;
    publicUrl: string | undefined;
    trustProxy: boolean;
    proxyHops: number;
  };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  /**
   * PGlite: `templates` is where fresh databases are copied from (docs/0029, P7): a folder, or `off` to run initdb
   * and the migrations in every fresh `dataDir`; unset, `node_modules/.cache/kabinet-pglite`.
   */
  database: { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string; templates?: string };
  /** Apply pending migrations at start. Defaults to true in the embedded mode, false in production. */
  migrateOnStart: boolean;
  /** Seed demo data on an empty database. Defaults to true in the embedded mode (PGlite) only. */
  seedDemoData: boolean;
  redisUrl: string | undefined;
  rubRates: Record<string, string>;
  /** The company's requisites printed on every form. */
  company: CompanyRequisites;
  /** `own`: a client manager works only the clients it owns (DESIGN §14); `all`: one shared pool. */
  clientManagerScope: 'own' | 'all';
  slaCheckIntervalSeconds: number;
  /** The back-office exchange; null when EXCHANGE_DIR=off. */
  exchange: ExchangeConfig | null;
  onboarding: OnboardingConfig;
  notify: NotifyConfig;
  telegram: TelegramConfig;
  identity: IdentityConfig;
  security: SecurityConfig;
}

/** Account opening (issue 12). */
export interface OnboardingConfig {
  draftRetentionDays: number;
  pollSeconds: number;
  /** «Войти через Госуслуги»; null while ESIA_URL is unset. */
  esia: EsiaConfig | null;
}

/** ESIA (docs/0030-account-opening.md). */
export interface EsiaConfig {
  url: string;
  clientId: string;
  certHash: string;
  issuer: string;
  scope: string;
  redirectUri: string;
  signer:
    | { kind: 'http'; url: string; token: string | undefined }
    | { kind: 'openssl'; keyFile: string; esiaPublicKeyFile: string };
}

/** docs/0023-backoffice-exchange.md */
export interface ExchangeConfig {
  /** Default `<DATA_DIR>/exchange`. */
  dir: string;
  pollSeconds: number;
  ackTimeoutMinutes: number;
  settleSeconds: number;
}

/** docs/0014-production-guards-and-headers.md */
export interface SecurityConfig {
  /**
   * The app is reached over HTTPS only (TLS may end at a proxy): the session cookie is `__Host-kabinet_session`
   * with `Secure`, and responses carry HSTS. Default: true in production (where false is refused), else false.
   */
  cookieSecure: boolean;
  /** Production may run the file SMS and e-mail providers only when this says so on purpose. */
  allowFileProviders: boolean;
}

export interface IdentityConfig {
  /** The server secret of code hashes; unset outside production: generated once into `<DATA_DIR>/code-secret`. */
  codeSecret: string | undefined;
  sessionIdleMinutes: number;
  /** 0: no session cache. */
  sessionCacheSeconds: number;
  sessionAbsoluteHours: number;
  /** Usernames of the bots, for deep links (`https://t.me/<bot>?start=<token>`). */
  bots: { client: string; staff: string };
}

export interface NotifyConfig {
  /** BullMQ key prefix (queues `<prefix>:notify-<channel>`, Telegram's `<prefix>:notify-telegram-<bot>`). */
  queuePrefix: string;
  maxAttempts: number;
  /** The first retry's delay; each next one doubles it. */
  backoffMs: number;
  sweepIntervalSeconds: number;
  /** A claimed delivery's lease: another worker may take it over after this (BullMQ's lock follows it). */
  leaseSeconds: number;
  slaEscalationRepeatHours: number;
  slaEscalationMaxSteps: number;
  rates: { telegramPerSecond: number; emailPerSecond: number; smsPerSecond: number };
  /** Unset: `.eml` files under `<DATA_DIR>/outbox/email/`. */
  smtp: { url: string | undefined; from: string };
  sms:
    | { provider: 'file' }
    | { provider: 'smpp'; url: string; sourceAddr: string }
    | { provider: 'http'; url: string; auth: string | undefined; idField: string };
}

export interface TelegramConfig {
  clientBotToken: string | undefined;
  staffBotToken: string | undefined;
  apiRoot: string;
  /**
   * Run the built-in Bot API sandbox and point both bots at it (docs/0028). Resolved at start: the container
   * replaces the tokens, usernames and apiRoot with the sandbox's.
   */
  sandbox: boolean;
  /** 149-FZ strict mode: Telegram texts carry only the request number, the status and a cabinet link. */
  strict: boolean;
  /** Checked against `X-Telegram-Bot-Api-Secret-Token` on webhook calls (webhook mode: PUBLIC_URL set). */
  webhookSecret: string | undefined;
  /** The Mini App's `initData` older than this is refused (TELEGRAM_INIT_DATA_MAX_AGE_SECONDS). */
  initDataMaxAgeSeconds: number;
  /** The cabinet's address for the Mini App buttons (MINI_APP_URL, or an https PUBLIC_URL); unset: no buttons. */
  miniAppUrl: string | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Builds the typed config from an environment; throws ConfigError naming every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in .env files mean "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = checkedEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      const shown = value === undefined || /(URL|TOKEN|AUTH|SECRET)$/.test(key) ? '' : ` (got "${value}")`;
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    processRole: e.PROCESS_ROLE,
    metricsToken: e.METRICS_TOKEN,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL,
      trustProxy: e.TRUST_PROXY,
      proxyHops: e.TRUST_PROXY_HOPS,
    },
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgresql', url: e.DATABASE_URL }
      : {
          kind: 'pglite',
          dataDir: `${e.DATA_DIR}/pglite`,
          ...(e.PGLITE_TEMPLATES ? { templates: e.PGLITE_TEMPLATES } : {}),
        },
    migrateOnStart: e.MIGRATE_ON_START ?? !production,
    seedDemoData: e.SEED_DEMO_DATA ?? (embedded && !production),
    redisUrl: e.REDIS_URL,
    rubRates: e.RUB_RATES,
    company: {
      name: e.COMPANY_NAME,
      licence: e.COMPANY_LICENCE,
      inn: e.COMPANY_INN,
      ogrn: e.COMPANY_OGRN,
      address: e.COMPANY_ADDRESS,
    },
    clientManagerScope: e.CLIENT_MANAGER_SCOPE,
    slaCheckIntervalSeconds: e.SLA_CHECK_INTERVAL_SECONDS,
    exchange:
      e.EXCHANGE_DIR === 'off'
        ? null
        : {
            dir: e.EXCHANGE_DIR ?? `${e.DATA_DIR}/exchange`,
            pollSeconds: e.EXCHANGE_POLL_SECONDS,
            ackTimeoutMinutes: e.EXCHANGE_ACK_TIMEOUT_MINUTES,
            settleSeconds: e.EXCHANGE_SETTLE_SECONDS,
          },
    onboarding: {
      draftRetentionDays: e.ONBOARDING_DRAFT_RETENTION_DAYS,
      pollSeconds: e.ONBOARDING_POLL_SECONDS,
      esia:
        e.ESIA_URL === undefined
          ? null
          : {
              url: e.ESIA_URL.replace(/\/$/, ''),
              clientId: e.ESIA_CLIENT_ID ?? '',
              certHash: e.ESIA_CERT_HASH ?? '',
              issuer: e.ESIA_ISSUER,
              scope: e.ESIA_SCOPE,
              redirectUri:
                e.ESIA_REDIRECT_URI ??
                `${(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')}/api/v1/onboarding/esia/callback`,
              signer:
                e.ESIA_SIGNER === 'http'
                  ? { kind: 'http', url: e.ESIA_SIGNER_URL ?? '', token: e.ESIA_SIGNER_TOKEN }
                  : {
                      kind: 'openssl',
                      keyFile: e.ESIA_KEY_FILE ?? '',
                      esiaPublicKeyFile: e.ESIA_PUBLIC_KEY_FILE ?? '',
                    },
            },
    },
    notify: {
      queuePrefix: e.NOTIFY_QUEUE_PREFIX,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      backoffMs: e.NOTIFY_BACKOFF_MS,
      sweepIntervalSeconds: e.NOTIFY_SWEEP_INTERVAL_SECONDS,
      leaseSeconds: e.NOTIFY_LEASE_SECONDS,
      slaEscalationRepeatHours: e.SLA_ESCALATION_REPEAT_HOURS,
      slaEscalationMaxSteps: e.SLA_ESCALATION_MAX_STEPS,
      rates: {
        telegramPerSecond: e.TELEGRAM_RATE_PER_SECOND,
        emailPerSecond: e.NOTIFY_EMAIL_RATE_PER_SECOND,
        smsPerSecond: e.NOTIFY_SMS_RATE_PER_SECOND,
      },
      smtp: { url: e.SMTP_URL, from: e.SMTP_FROM },
      sms: smsConfig(e),
    },
    telegram: {
      clientBotToken: e.CLIENT_BOT_TOKEN,
      staffBotToken: e.STAFF_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      sandbox:
        e.TELEGRAM_SANDBOX ??
        (embedded &&
          !production &&
          e.PROCESS_ROLE === 'all' &&
          e.CLIENT_BOT_TOKEN === undefined &&
          e.STAFF_BOT_TOKEN === undefined),
      strict: e.TELEGRAM_STRICT,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      initDataMaxAgeSeconds: e.TELEGRAM_INIT_DATA_MAX_AGE_SECONDS,
      miniAppUrl: e.MINI_APP_URL ?? (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL : undefined),
    },
    identity: {
      codeSecret: e.CODE_SECRET,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
      bots: { client: e.CLIENT_BOT_USERNAME, staff: e.STAFF_BOT_USERNAME },
    },
    security: {
      cookieSecure: e.COOKIE_SECURE ?? production,
      allowFileProviders: e.ALLOW_FILE_PROVIDERS,
    },
  };
}

function smsConfig(e: z.infer<typeof envSchema>): NotifyConfig['sms'] {
  // The refinement above guarantees the URLs for the providers that need them.
  if (e.SMS_PROVIDER === 'smpp' && e.SMPP_URL)
    return { provider: 'smpp', url: e.SMPP_URL, sourceAddr: e.SMPP_SOURCE_ADDR };
  if (e.SMS_PROVIDER === 'http' && e.SMS_HTTP_URL)
    return { provider: 'http', url: e.SMS_HTTP_URL, auth: e.SMS_HTTP_AUTH, idField: e.SMS_HTTP_ID_FIELD };
  return { provider: 'file' };
}
