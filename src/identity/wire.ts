import type { Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import type { SignedDocuments } from './signing.service.js';
import { AccountsService } from './accounts.service.js';
import { ConfirmationService } from './confirmation.service.js';
import { LinkTokenService, type BotUsernames } from './link-tokens.js';
import { LoginGuard } from './login-guard.js';
import { LoginService } from './login.service.js';
import { MiniAppSignIn } from './mini-app-sign-in.js';
import { PasswordCheck } from './password-check.js';
import { ProfileService } from './profile.service.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
import type { SessionCache } from './session-cache.js';
import { DEFAULT_SESSION_POLICY, SessionService, type SessionPolicy } from './session.service.js';
import { SigningService } from './signing.service.js';
import { TelegramUnlinkService } from './telegram-unlink.js';
import { TotpAuthenticator } from './totp.js';

export interface IdentityWiring {
  orm: Orm;
  logger: Logger;
  workflow: WorkflowService;
  /** Renders and stores the print form a signing code is bound to (src/documents). */
  signedDocuments: SignedDocuments;
  /** Codes go straight to these, never through the notification queue. */
  sms: SmsProvider;
  email: EmailSender;
  codeSecret: Buffer;
  bots: BotUsernames;
  /** The bots' tokens, for the Mini App's signed launch data (absent: that bot's Mini App is refused). */
  botTokens?: { client?: string | undefined; staff?: string | undefined };
  /** How old a Mini App's launch data may be, in seconds (default an hour). */
  miniAppMaxAgeSeconds?: number;
  sessionPolicy?: SessionPolicy;
  /** Authenticated sessions kept briefly in memory, invalidated across processes (PostgreSQL only, docs/0029). */
  sessionCache?: SessionCache;
  limits?: RateLimits;
  now?: () => Date;
  metrics?: Metrics;
}

export interface IdentityServices {
  sessions: SessionService;
  confirmations: ConfirmationService;
  login: LoginService;
  signing: SigningService;
  profile: ProfileService;
  accounts: AccountsService;
  linkTokens: LinkTokenService;
  limiter: RateLimiter;
  /** Current-password step-ups (profile changes, the client bot's linking by contact). */
  passwords: PasswordCheck;
  telegramUnlink: TelegramUnlinkService;
  /** The cabinet opened inside Telegram: signed launch data for a session of the linked account. */
  miniApp: MiniAppSignIn;
  /** The password step's throttles; `resetFailures` is the administrator's unlock. */
  loginGuard: LoginGuard;
}

/** The identity services wired by hand (the container and the tests both build them here). */
export function createIdentityServices(w: IdentityWiring): IdentityServices {
  const now = w.now ?? (() => new Date());
  const limits = w.limits ?? DEFAULT_RATE_LIMITS;
  const limiter = new RateLimiter(w.orm, now);
  const totp = new TotpAuthenticator(w.codeSecret);
  const sessions = new SessionService(w.orm, w.sessionPolicy ?? DEFAULT_SESSION_POLICY, now, w.sessionCache);
  const confirmations = new ConfirmationService({
    orm: w.orm,
    sms: w.sms,
    email: w.email,
    secret: w.codeSecret,
    totp,
    limiter,
    limits,
    logger: w.logger,
    now,
    ...(w.metrics ? { metrics: w.metrics } : {}),
  });
  const linkTokens = new LinkTokenService(w.orm, w.bots, now);
  const passwords = new PasswordCheck(limiter, limits, now);
  const loginGuard = new LoginGuard({ orm: w.orm, secret: w.codeSecret, limiter, limits, now });
  return {
    passwords,
    telegramUnlink: new TelegramUnlinkService(w.orm, now),
    miniApp: new MiniAppSignIn({
      orm: w.orm,
      sessions,
      botTokens: {
        ...(w.botTokens?.client ? { client: w.botTokens.client } : {}),
        ...(w.botTokens?.staff ? { staff: w.botTokens.staff } : {}),
      },
      maxAgeSeconds: w.miniAppMaxAgeSeconds ?? 3600,
      now,
    }),
    sessions,
    confirmations,
    limiter,
    loginGuard,
    linkTokens,
    login: new LoginService({
      orm: w.orm,
      confirmations,
      sessions,
      guard: loginGuard,
      secret: w.codeSecret,
      now,
    }),
    signing: new SigningService({
      orm: w.orm,
      workflow: w.workflow,
      confirmations,
      documents: w.signedDocuments,
      now,
    }),
    profile: new ProfileService({
      orm: w.orm,
      confirmations,
      sessions,
      linkTokens,
      totp,
      passwords,
      now,
    }),
    accounts: new AccountsService({ orm: w.orm, sessions, linkTokens, loginGuard, now }),
  };
}
