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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  MIGRATE_ON_START: booleanFromEnv.optional(),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  RUB_RATES: ratesFromEnv.default({ USD: '95.00', EUR: '103.00', CNY: '13.00' }),
  SLA_CHECK_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
});

export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface Config {
  env: 'development' | 'production' | 'test';
  processRole: ProcessRole;
  http: { port: number; host: string; publicUrl: string | undefined };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  database: { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Apply pending migrations at start. Defaults to true in the embedded mode, false in production. */
  migrateOnStart: boolean;
  /** Seed demo data on an empty database. Defaults to true in the embedded mode (PGlite) only. */
  seedDemoData: boolean;
  redisUrl: string | undefined;
  rubRates: Record<string, string>;
  slaCheckIntervalSeconds: number;
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
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      const shown = value === undefined || /URL$/.test(key) ? '' : ` (got "${value}")`;
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
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL },
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgresql', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: `${e.DATA_DIR}/pglite` },
    migrateOnStart: e.MIGRATE_ON_START ?? !production,
    seedDemoData: e.SEED_DEMO_DATA ?? (embedded && !production),
    redisUrl: e.REDIS_URL,
    rubRates: e.RUB_RATES,
    slaCheckIntervalSeconds: e.SLA_CHECK_INTERVAL_SECONDS,
  };
}
