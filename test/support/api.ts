import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app.js';
import { seedDemoAccounts } from '../../src/demo/seed.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/identity/rate-limit.js';
import { createIdentityServices, type IdentityServices } from '../../src/identity/wire.js';
import { InAppInbox } from '../../src/notify/inapp-inbox.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { EmailMessage, EmailSender, SmsMessage, SmsProvider } from '../../src/messaging/channels.js';
import type { Actor } from '../../src/workflow/domain/roles.js';
import { WorkflowService } from '../../src/workflow/workflow.service.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_RATES } from './workflow.js';

export const DEMO_PASSWORD = 'demo-password-1';
export const TEST_CODE_SECRET = Buffer.from('test-code-secret-0123456789abcdef0123456789');

/** An SMS provider that remembers what it sent (the file provider is tested on its own against the disk). */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: (SmsMessage & { id: string })[] = [];
  private counter = 0;
  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    this.counter += 1;
    const id = `sms-${this.counter}`;
    this.sent.push({ ...message, id });
    return { providerMessageId: id };
  }
  /** The last message to a phone. */
  last(to: string): SmsMessage & { id: string } {
    const found = [...this.sent].reverse().find((m) => m.to === to);
    if (!found) throw new Error(`no SMS to ${to}`);
    return found;
  }
  /** The code in the last message to a phone. */
  code(to: string): string {
    const match = /(?:код|code)\D*(\d{6})/i.exec(this.last(to).text);
    if (!match?.[1]) throw new Error(`no code in the last SMS to ${to}`);
    return match[1];
  }
}

export class RecordingEmail implements EmailSender {
  readonly name = 'recording';
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    this.sent.push(message);
    return { providerMessageId: `email-${this.sent.length}` };
  }
  code(to: string): string {
    const found = [...this.sent].reverse().find((m) => m.to === to);
    const match = found ? /(?:код|code)\D*(\d{6})/i.exec(found.text) : null;
    if (!match?.[1]) throw new Error(`no code in an email to ${to}`);
    return match[1];
  }
}

/** Real time plus an offset that tests move forward: expiry and idle timeouts without sleeping. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Limits loose enough that a test file's many logins from 127.0.0.1 never hit them (the throttling tests tighten). */
export const LOOSE_LIMITS: RateLimits = {
  ...DEFAULT_RATE_LIMITS,
  loginPerIp: { limit: 100_000, windowSeconds: 900 },
  loginPerAccountAddress: { limit: 100_000, windowSeconds: 900 },
  loginFailures: { delayAfter: 100_000, firstDelaySeconds: 1, maxDelaySeconds: 60, cap: 100_000 },
  codeAttemptsPerIp: { limit: 100_000, windowSeconds: 900 },
  codeAttemptsPerAccount: { limit: 100_000, windowSeconds: 900 },
  sendsPerAccount: { limit: 100_000, windowSeconds: 3600 },
  passwordChecksPerAccount: { limit: 100_000, windowSeconds: 900 },
};

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
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  phoneOf(login: string): string;
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  /** Password, then the SMS code: a Bearer token. */
  login(login: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

const PHONES: Record<string, string> = {
  'admin@demo.local': '+79990000100',
  'manager@demo.local': '+79990000101',
  'manager2@demo.local': '+79990000109',
  'backoffice@demo.local': '+79990000102',
  'finmon@demo.local': '+79990000103',
  'finmon2@demo.local': '+79990000104',
  'broker@demo.local': '+79990000105',
  'depo@demo.local': '+79990000106',
  'trust@demo.local': '+79990000107',
  'accountant@demo.local': '+79990000108',
  'client@demo.local': '+79990000001',
  'ip@demo.local': '+79990000002',
  'company@demo.local': '+79990000003',
};

/**
 * The whole API over real HTTP on 127.0.0.1 (a random port), on a fresh PostgreSQL database with the demo accounts,
 * with recording SMS and email providers and a movable clock.
 */
export async function createApiFixture(
  options: {
    limits?: RateLimits;
    logger?: Logger;
    cookieSecure?: boolean;
    trustProxy?: boolean;
    proxyHops?: number;
  } = {},
): Promise<ApiFixture> {
  const db = await createTestDatabase();
  const actors = await seedDemoAccounts(db.orm);
  const clock = new TestClock();
  const sms = new RecordingSms();
  const email = new RecordingEmail();
  const logger = options.logger ?? createLogger('silent');
  const workflow = new WorkflowService({ orm: db.orm, routing: { rubRates: TEST_RATES }, now: clock.now });
  const identity = createIdentityServices({
    orm: db.orm,
    logger,
    workflow,
    sms,
    email,
    codeSecret: TEST_CODE_SECRET,
    bots: { client: 'kabinet_client_bot', staff: 'kabinet_staff_bot' },
    sessionPolicy: { idleMinutes: 30, absoluteHours: 12 },
    limits: options.limits ?? LOOSE_LIMITS,
    now: clock.now,
  });
  const app = createApp({
    logger,
    orm: db.orm,
    workflow,
    ...identity,
    inbox: new InAppInbox(db.orm, clock.now),
    allowedOrigins: [],
    cookieSecure: options.cookieSecure ?? false,
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops === undefined ? {} : { proxyHops: options.proxyHops }),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

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

  const phoneOf = (login: string): string => {
    const phone = PHONES[login];
    if (!phone) throw new Error(`no phone for ${login}`);
    return phone;
  };

  return {
    db,
    base,
    sms,
    email,
    clock,
    workflow,
    identity,
    actors,
    actor(login) {
      const found = actors[login];
      if (!found) throw new Error(`no demo actor ${login}`);
      return found;
    },
    phoneOf,
    call,
    async login(login, password = DEMO_PASSWORD) {
      const started = await call('POST', '/api/v1/auth/login', { body: { login, password } });
      if (started.status !== 200) throw new Error(`login ${login}: ${started.status} ${started.text}`);
      const confirmed = await call('POST', '/api/v1/auth/login/confirm', {
        body: { challengeId: started.body['challengeId'], code: sms.code(phoneOf(login)) },
      });
      if (confirmed.status !== 200)
        throw new Error(`login confirm ${login}: ${confirmed.status} ${confirmed.text}`);
      return String(confirmed.body['token']);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    },
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
