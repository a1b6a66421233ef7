import type { Container } from '../../src/container.js';
import type { IdentityServices } from '../../src/identity/wire.js';
import type { OnboardingLimits } from '../../src/onboarding/applications.service.js';
import type { RateLimits } from '../../src/identity/rate-limit.js';
import type { Logger } from '../../src/logger.js';
import type { Actor } from '../../src/workflow/domain/roles.js';
import type { WorkflowService } from '../../src/workflow/workflow.service.js';
import { createTestApp, LOOSE_LIMITS } from './app.js';
import type { TestDatabase } from './database.js';
import { DEMO_PASSWORD, demoPhone } from './demo.js';
import { RecordingEmail, RecordingSms, TestClock } from './doubles.js';

export { LOOSE_LIMITS, TEST_CODE_SECRET } from './app.js';
export { DEMO_PASSWORD } from './demo.js';
export { RecordingEmail, RecordingSms, TestClock } from './doubles.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null for an empty one. */
  body: Record<string, unknown> & { [key: string]: unknown };
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed bodies); sets no content type unless `headers` do. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface ApiFixture {
  db: TestDatabase;
  base: string;
  sms: RecordingSms;
  email: RecordingEmail;
  clock: TestClock;
  workflow: WorkflowService;
  identity: IdentityServices;
  container: Container;
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  phoneOf(login: string): string;
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  /** Password, then the SMS code: a Bearer token. */
  login(login: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole API over real HTTP on 127.0.0.1 (a random port), on a fresh PostgreSQL database with the demo accounts:
 * the test app builder with recording SMS and email providers, a movable clock and loose limits.
 */
export async function createApiFixture(
  options: {
    limits?: RateLimits;
    /** The public questionnaire's throttles (default: the production ones). */
    onboardingLimits?: OnboardingLimits;
    logger?: Logger;
    cookieSecure?: boolean;
    trustProxy?: boolean;
    proxyHops?: number;
    /** More settings (e.g. the bots' tokens for the Mini App). */
    env?: Record<string, string>;
  } = {},
): Promise<ApiFixture> {
  const clock = new TestClock();
  const sms = new RecordingSms();
  const email = new RecordingEmail();
  const env: Record<string, string> = { ...options.env };
  if (options.cookieSecure !== undefined) env['COOKIE_SECURE'] = String(options.cookieSecure);
  if (options.trustProxy !== undefined) env['TRUST_PROXY'] = String(options.trustProxy);
  if (options.proxyHops !== undefined) env['TRUST_PROXY_HOPS'] = String(options.proxyHops);
  const t = await createTestApp({
    env,
    overrides: {
      sms,
      email,
      now: clock.now,
      limits: options.limits ?? LOOSE_LIMITS,
      ...(options.onboardingLimits ? { onboardingLimits: options.onboardingLimits } : {}),
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const { base } = t;

  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<HttpAnswer> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    // The tests read the API's words in English (the catalog's `en`); a test may ask for Russian.
    headers['accept-language'] ??= 'en';
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = {};
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    db: t.db,
    base,
    sms,
    email,
    clock,
    workflow: t.container.workflow,
    identity: t.container,
    container: t.container,
    actors: t.actors,
    actor: t.actor,
    phoneOf: demoPhone,
    call,
    async login(login, password = DEMO_PASSWORD) {
      const started = await call('POST', '/api/v1/auth/login', { body: { login, password } });
      if (started.status !== 200) throw new Error(`login ${login}: ${started.status} ${started.text}`);
      const confirmed = await call('POST', '/api/v1/auth/login/confirm', {
        body: { challengeId: started.body['challengeId'], code: sms.code(demoPhone(login)) },
      });
      if (confirmed.status !== 200)
        throw new Error(`login confirm ${login}: ${confirmed.status} ${confirmed.text}`);
      return String(confirmed.body['token']);
    },
    close: () => t.close(),
  };
}

/** A withdrawal the demo individual may file (his own account, below the mandatory-control threshold). */
export const WITHDRAWAL = {
  contract: 'БО-0001/26',
  amount: '100000.00',
  currency: 'RUB',
  recipientBic: '044525225',
  recipientBankName: 'ПАО Сбербанк',
  recipientCorrAccount: '30101810400000000225',
  recipientAccount: '40817810700000000001',
  recipientName: 'Иванов Иван Иванович',
};

/** Every checklist item of a task or review ticked. */
export function ticked(items: readonly { key: string }[]): Record<string, { status: 'done' }> {
  return Object.fromEntries(items.map((i) => [i.key, { status: 'done' as const }]));
}
