import type { BackofficeExchange } from '../backoffice/exchange.service.js';
import type { Orm } from '../db/orm.js';
import type { AccountsService } from '../identity/accounts.service.js';
import type { ConfirmationService } from '../identity/confirmation.service.js';
import type { LoginService } from '../identity/login.service.js';
import type { MiniAppSignIn } from '../identity/mini-app-sign-in.js';
import type { ProfileService } from '../identity/profile.service.js';
import type { SessionService } from '../identity/session.service.js';
import type { SigningService } from '../identity/signing.service.js';
import type { TelegramUnlinkService } from '../identity/telegram-unlink.js';
import type { SandboxPage } from '../telegram/sandbox/page-service.js';
import type { Logger } from '../logger.js';
import type { InAppInbox } from '../notify/inapp-inbox.js';
import type { AccountApplications } from '../onboarding/applications.service.js';
import type { ApplicationDesk } from '../onboarding/application-desk.js';
import type { AccountActivation } from '../identity/activation.js';
import type { EsiaOnboarding } from '../onboarding/esia/esia-onboarding.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import type { PrintForms } from '../documents/print-forms.js';
import type { DocumentVerification } from '../documents/verification.js';
import type { MetricsExposure } from './metrics-endpoint.js';
import type { DeliveryQueue } from '../notify/queue/types.js';
import type { Queue } from 'bullmq';

/** What the HTTP API needs from the container. */
export interface ApiServices {
  logger: Logger;
  orm: Orm;
  workflow: WorkflowService;
  printForms: PrintForms;
  verification: DocumentVerification;
  sessions: SessionService;
  login: LoginService;
  miniApp: MiniAppSignIn;
  confirmations: ConfirmationService;
  signing: SigningService;
  profile: ProfileService;
  accounts: AccountsService;
  inbox: InAppInbox;
  /** The public account-opening questionnaire (issue 12). */
  applications: AccountApplications;
  /** The client managers' side of account opening. */
  applicationDesk: ApplicationDesk;
  /** A new client's first password by the activation link. */
  activation: AccountActivation;
  /** «Войти через Госуслуги»; null while ESIA_URL is unset. */
  esia: EsiaOnboarding | null;
  /** The back-office exchange; null with EXCHANGE_DIR=off. */
  exchange: BackofficeExchange | null;
  /** The e-mailed one-time undo of a Telegram linking. */
  telegramUnlink: TelegramUnlinkService;
  /** Origins (besides the API's own) allowed to send cookie-authenticated changes: the PUBLIC_URL's. */
  allowedOrigins: readonly string[];
  /** Trust X-Forwarded-For / -Proto (behind a reverse proxy only: otherwise clients could pick their IP). */
  trustProxy: boolean;
  /** COOKIE_SECURE: the session cookie is `__Host-kabinet_session` and Secure; HSTS goes out. */
  cookieSecure: boolean;
  /**
   * Who may frame the cabinet: Telegram's web client when the Mini App is on (MINI_APP_URL), so it opens in
   * web.telegram.org's iframe; nobody otherwise (docs/0026).
   */
  frameAncestors?: readonly string[];
  /** The process's metrics at /metrics (docs/0027). */
  metricsExposure?: MetricsExposure;
  /** The delivery queue's kind and depths (GET /admin/queues); its BullMQ queues for the board at /ops/queues. */
  deliveryQueue?: Pick<DeliveryQueue, 'kind' | 'depths'> & { boardQueues?(): Queue[] };
  /**
   * With `trustProxy`: the number of proxies that append to X-Forwarded-For (TRUST_PROXY_HOPS, default 1). Only
   * that many rightmost entries are read; the client address is the leftmost of them.
   */
  proxyHops?: number;
  /** The Telegram sandbox page's side (docs/0028); absent when TELEGRAM_SANDBOX is off. */
  sandboxPage?: SandboxPage;
}
