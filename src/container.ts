import { BackofficeExchange } from './backoffice/exchange.service.js';
import { ExchangeWorker } from './backoffice/exchange.worker.js';
import { ApplicationDispatch } from './onboarding/application-dispatch.js';
import {
  AccountApplications,
  DEFAULT_ONBOARDING_LIMITS,
  type OnboardingLimits,
} from './onboarding/applications.service.js';
import { OnboardingWorker } from './onboarding/onboarding.worker.js';
import { PgAuthListener } from './identity/auth-listener.js';
import { SessionCache } from './identity/session-cache.js';
import { ApplicationDesk } from './onboarding/application-desk.js';
import { AccountActivation } from './identity/activation.js';
import { HttpSignerCrypto, OpensslGostCrypto } from './onboarding/esia/crypto.js';
import { EsiaClient } from './onboarding/esia/esia-client.js';
import { EsiaOnboarding } from './onboarding/esia/esia-onboarding.js';
import { ExchangeFolder } from './backoffice/fansy/exchange-folder.js';
import { createCardRenderer } from './bot/card-renderer.js';
import type { Config } from './config.js';
import { initOrm, migrate, pendingMigrations, type Orm } from './db/orm.js';
import { resolveCodeSecret } from './identity/secret.js';
import { signingCodes } from './identity/signing-codes.js';
import { LATEST_SIGNATURE_SQL } from './identity/signing.service.js';
import { InAppInbox } from './notify/inapp-inbox.js';
import { createIdentityServices, type IdentityServices } from './identity/wire.js';
import type { Logger } from './logger.js';
import { createEmailSender, createSmsProvider } from './notify/channels/factory.js';
import type { EmailSender, SmsProvider } from './messaging/channels.js';
import { DEMO_PEOPLE } from './demo/accounts.js';
import { SandboxPage } from './telegram/sandbox/page-service.js';
import { startSandboxWorld, type SandboxWorld } from './telegram/sandbox/world.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './identity/rate-limit.js';
import { NotificationService } from './notify/notification.service.js';
import { WorkflowService } from './workflow/workflow.service.js';
import { PrintForms } from './documents/print-forms.js';
import { DocumentVerification } from './documents/verification.js';
import { Metrics } from './ops/metrics.js';
import type { MetricsExposure } from './api/metrics-endpoint.js';

/** Telegram's web clients, which open a Mini App in an iframe (docs/0026). */
const TELEGRAM_WEB_CLIENTS = ['https://web.telegram.org'] as const;

export interface Container extends IdentityServices {
  /** The cabinet's bell: in-app notifications (DESIGN §6). */
  inbox: InAppInbox;
  config: Config;
  logger: Logger;
  orm: Orm;
  workflow: WorkflowService;
  /** Print forms of requests (PDF, DESIGN §11). */
  printForms: PrintForms;
  /** The public check of printed forms. */
  verification: DocumentVerification;
  sms: SmsProvider;
  email: EmailSender;
  /** Outbox relay, delivery queue and workers (started by the worker and all roles; see main.ts). */
  notifications: NotificationService;
  /** The back-office (FANSY) exchange, null with EXCHANGE_DIR=off; its loop runs in the worker (main.ts). */
  exchange: BackofficeExchange | null;
  exchangeWorker: ExchangeWorker | null;
  /** Account-opening questionnaires (issue 12): the public drafts, codes and submission. */
  applications: AccountApplications;
  /** Hands submitted questionnaires on (PDF e-mails, exchange file); its loop runs in the worker. */
  applicationDispatch: ApplicationDispatch;
  applicationDesk: ApplicationDesk;
  activation: AccountActivation;
  /** «Войти через Госуслуги»; null while ESIA_URL is unset. */
  esia: EsiaOnboarding | null;
  onboardingWorker: OnboardingWorker;
  /** Extra /readyz checks: Redis when REDIS_URL is set. */
  readiness: Readonly<Record<string, () => Promise<boolean>>>;
  /** Origins besides the API's own that may send cookie-authenticated changes (PUBLIC_URL's). */
  allowedOrigins: readonly string[];
  trustProxy: boolean;
  cookieSecure: boolean;
  /** The process's Prometheus metrics (docs/0027); every role exposes them at /metrics. */
  metrics: Metrics;
  metricsExposure: MetricsExposure;
  /** The built-in Bot API and its people and chats, when TELEGRAM_SANDBOX is on (docs/0028). */
  sandbox: SandboxWorld | undefined;
  sandboxPage: SandboxPage | undefined;
  /** What the administrators' queue views read (GET /admin/queues, /ops/queues). */
  deliveryQueue: NotificationService['queue'];
  /** Telegram's web client when the Mini App is on (MINI_APP_URL): it frames the cabinet. */
  frameAncestors: readonly string[];
  proxyHops: number;
  close(): Promise<void>;
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run db:migrate`, or start with MIGRATE_ON_START=true.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * What a caller may put in place of the wiring's own parts; production passes none. Tests swap the SMS and
 * e-mail providers for recording ones, move the clock and loosen the rate limits (STYLE example 3).
 */
export interface ContainerOverrides {
  /** Replaces the provider the config names (codes and notices both go through it). */
  sms?: SmsProvider;
  email?: EmailSender;
  /** The clock of the workflow, identity, the in-app inbox and notifications. */
  now?: () => Date;
  /** Identity's throttles; default DEFAULT_RATE_LIMITS. */
  limits?: RateLimits;
  /** The public questionnaire's throttles; default DEFAULT_ONBOARDING_LIMITS. */
  onboardingLimits?: OnboardingLimits;
}

/** The configuration with both bots pointed at the sandbox: its tokens, its address, its bots' usernames. */
function withSandbox(config: Config, world: SandboxWorld): Config {
  return {
    ...config,
    telegram: {
      ...config.telegram,
      clientBotToken: world.bots.client.token,
      staffBotToken: world.bots.staff.token,
      apiRoot: world.sandbox.apiRoot,
    },
    identity: {
      ...config.identity,
      bots: { client: world.bots.client.username, staff: world.bots.staff.username },
    },
  };
}

/** Wires the services by hand. Opens the database and applies or refuses pending migrations. */
export async function createContainer(
  given: Config,
  logger: Logger,
  overrides: ContainerOverrides = {},
): Promise<Container> {
  // The sandbox first: the bots, the notifications and identity (Mini App) take its tokens and address.
  const sandbox = given.telegram.sandbox ? await startSandboxWorld(logger, DEMO_PEOPLE) : undefined;
  const config = sandbox ? withSandbox(given, sandbox) : given;
  const orm = await initOrm(config.database, { migrateFresh: config.migrateOnStart }).catch(
    async (error: unknown) => {
      await sandbox?.close();
      throw error;
    },
  );
  try {
    if (orm.preparedMigrations?.length)
      logger.info({ applied: orm.preparedMigrations }, 'migrations applied');
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      if (!config.migrateOnStart) throw new PendingMigrationsError(pending);
      const applied = await migrate(orm);
      logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await orm.close();
    await sandbox?.close();
    throw error;
  }
  const now = overrides.now ?? (() => new Date());
  const metrics = new Metrics(config.processRole);
  const workflow = new WorkflowService({
    metrics,
    orm,
    routing: { rubRates: config.rubRates },
    clientManagerScope: config.clientManagerScope,
    signatureCodes: signingCodes(orm, now),
    // The API answers every command with the request's latest signature: read in the command's own statement.
    answerAlongside: { signature: LATEST_SIGNATURE_SQL },
    now,
  });
  // Codes are echoed to the log only in the embedded demo (PGlite, not production).
  const sms =
    overrides.sms ??
    createSmsProvider(config, logger, {
      echoToLog: config.database.kind === 'pglite' && config.env !== 'production',
    });
  const email = overrides.email ?? createEmailSender(config);
  const printForms = new PrintForms({
    orm,
    workflow,
    company: config.company,
    publicUrl: config.http.publicUrl ?? `http://localhost:${config.http.port}`,
    now,
  });
  // The session cache needs a listener that sees every process's changes: PostgreSQL's LISTEN (docs/0029).
  const authListener =
    config.database.kind === 'postgresql' && config.identity.sessionCacheSeconds > 0
      ? new PgAuthListener(config.database.url, logger)
      : null;
  await authListener?.start();
  const sessionCache = authListener
    ? new SessionCache(authListener, config.identity.sessionCacheSeconds * 1000)
    : undefined;
  const codeSecret = resolveCodeSecret(config.identity.codeSecret, config.dataDir);
  const identity = createIdentityServices({
    orm,
    logger,
    workflow,
    signedDocuments: printForms,
    sms,
    email,
    codeSecret,
    ...(sessionCache ? { sessionCache } : {}),
    bots: config.identity.bots,
    botTokens: { client: config.telegram.clientBotToken, staff: config.telegram.staffBotToken },
    miniAppMaxAgeSeconds: config.telegram.initDataMaxAgeSeconds,
    sessionPolicy: {
      idleMinutes: config.identity.sessionIdleMinutes,
      absoluteHours: config.identity.sessionAbsoluteHours,
    },
    ...(overrides.limits ? { limits: overrides.limits } : {}),
    now,
    metrics,
  });
  // Role-chat cards carry the staff bot's buttons (Take / Done / Reject / Open); the bots handle the presses.
  const cardRenderer = createCardRenderer({
    orm,
    workflow,
    publicUrl: config.http.publicUrl,
    miniAppUrl: config.telegram.miniAppUrl,
    now,
  });
  const notifications = new NotificationService({
    orm,
    logger,
    config,
    sms,
    email,
    cardRenderer,
    now,
    metrics,
  });
  metrics.probe(
    'kabinet_outbox_lag_seconds',
    'Age of the oldest outbox row not yet relayed (0 when none): notices and back-office exports waiting',
    [],
    async (set) => {
      const rows = await orm.em
        .fork()
        .execute<{ age: string | number | null }[]>(
          `select extract(epoch from (now() - min(created_at))) as age from outbox where status = 'pending'`,
        );
      set({}, Math.max(0, Number(rows[0]?.age ?? 0)));
    },
  );
  metrics.probe(
    'kabinet_queue_jobs',
    'Delivery jobs per queue and state (waiting, active, delayed, failed)',
    ['queue', 'state'],
    async (set) => {
      for (const depth of await notifications.queue.depths())
        set({ queue: depth.queue, state: depth.state }, depth.count);
    },
  );
  const gateway = config.exchange
    ? new ExchangeFolder({ dir: config.exchange.dir, settleSeconds: config.exchange.settleSeconds, now })
    : null;
  const exchange =
    config.exchange && gateway
      ? new BackofficeExchange({
          orm,
          gateway,
          company: config.company,
          logger,
          now,
          ackTimeoutMinutes: config.exchange.ackTimeoutMinutes,
        })
      : null;
  const exchangeWorker =
    exchange && config.exchange ? new ExchangeWorker(exchange, logger, config.exchange.pollSeconds) : null;
  const applications = new AccountApplications({
    orm,
    sms,
    email,
    secret: codeSecret,
    limiter: identity.limiter,
    limits: overrides.onboardingLimits ?? DEFAULT_ONBOARDING_LIMITS,
    logger,
    now,
    draftRetentionDays: config.onboarding.draftRetentionDays,
    company: config.company,
  });
  const esiaConfig = config.onboarding.esia;
  const esia = esiaConfig
    ? new EsiaOnboarding({
        orm,
        client: new EsiaClient(
          esiaConfig,
          esiaConfig.signer.kind === 'http'
            ? new HttpSignerCrypto({ url: esiaConfig.signer.url, token: esiaConfig.signer.token })
            : new OpensslGostCrypto({
                keyFile: esiaConfig.signer.keyFile,
                esiaPublicKeyFile: esiaConfig.signer.esiaPublicKeyFile,
              }),
          now,
        ),
        applications,
        limiter: identity.limiter,
        startsPerIp: (overrides.onboardingLimits ?? DEFAULT_ONBOARDING_LIMITS).startsPerIp,
        logger,
        now,
      })
    : null;
  const activation = new AccountActivation({
    orm,
    sms,
    email,
    logger,
    now,
    publicUrl: config.http.publicUrl ?? `http://localhost:${config.http.port}`,
  });
  const applicationDesk = new ApplicationDesk({
    orm,
    activation,
    company: config.company,
    now,
    clientManagerScope: config.clientManagerScope,
  });
  const applicationDispatch = new ApplicationDispatch({
    orm,
    email,
    gateway,
    company: config.company,
    publicUrl: config.http.publicUrl ?? `http://localhost:${config.http.port}`,
    logger,
    now,
  });
  const onboardingWorker = new OnboardingWorker(
    applicationDispatch,
    applications,
    logger,
    config.onboarding.pollSeconds,
  );
  return {
    config,
    logger,
    orm,
    workflow,
    printForms,
    verification: new DocumentVerification(
      orm,
      identity.limiter,
      (overrides.limits ?? DEFAULT_RATE_LIMITS).verificationsPerIp,
    ),
    sms,
    email,
    notifications,
    exchange,
    exchangeWorker,
    applications,
    applicationDesk,
    activation,
    esia,
    applicationDispatch,
    onboardingWorker,
    readiness: config.redisUrl ? { redis: () => notifications.ping() } : {},
    ...identity,
    inbox: new InAppInbox(orm, now),
    allowedOrigins: config.http.publicUrl ? [new URL(config.http.publicUrl).origin] : [],
    trustProxy: config.http.trustProxy,
    cookieSecure: config.security.cookieSecure,
    frameAncestors: config.telegram.miniAppUrl ? TELEGRAM_WEB_CLIENTS : [],
    proxyHops: config.http.proxyHops,
    metrics,
    deliveryQueue: notifications.queue,
    metricsExposure: { metrics, token: config.metricsToken, production: config.env === 'production' },
    sandbox,
    sandboxPage: sandbox
      ? new SandboxPage(sandbox, {
          openToAll: config.database.kind === 'pglite' && config.env !== 'production',
          smsTo: sms.sentTo ? (phone) => sms.sentTo?.(phone) ?? [] : null,
        })
      : undefined,
    async close() {
      await exchangeWorker?.close();
      await onboardingWorker.close();
      await notifications.close();
      await authListener?.close();
      await sms.close?.();
      await email.close?.();
      await orm.close();
      await sandbox?.close();
    },
  };
}
