import { timingSafeEqual } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Middleware } from 'koa';
import type { TelegramConfig } from '../config.js';
import type { Orm } from '../db/orm.js';
import { describeError } from '../error-log.js';
import { linkingAdapter, signingAdapter } from '../identity/bot-adapters.js';
import type { ConfirmationService } from '../identity/confirmation.service.js';
import type { PasswordCheck } from '../identity/password-check.js';
import type { SigningService } from '../identity/signing.service.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import type { PrintFormPort } from './shared/print-form-port.js';
import { CLIENT_COMMANDS, createClientBot } from './client/index.js';
import type { BotContext } from './shared/context.js';
import { ChatStateStore } from './shared/chat-state.js';
import { miniAppLink } from './shared/mini-app.js';
import { catalog } from '../i18n/index.js';
import { UpdateDeduplicator } from './shared/update-dedupe.js';
import { STAFF_COMMANDS, createStaffBot } from './staff/index.js';

/** The update kinds the bots handle (Telegram sends nothing else). */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** The Koa paths Telegram posts to in webhook mode: `<PUBLIC_URL>/telegram/client` and `/telegram/staff`. */
export const WEBHOOK_PATHS: Readonly<Record<TelegramBot, string>> = {
  client: '/telegram/client',
  staff: '/telegram/staff',
};
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface BotRuntimeOptions {
  telegram: TelegramConfig;
  /** Set: webhook mode (Telegram posts to `<publicUrl>/telegram/<bot>`); unset: long polling. */
  publicUrl: string | undefined;
  orm: Orm;
  workflow: WorkflowService;
  confirmations: ConfirmationService;
  signing: SigningService;
  /** The cabinet-password step-up of linking by contact. */
  passwords: PasswordCheck;
  logger: Logger;
  /** The print forms offered in the client chat (unset: no PDF buttons). */
  printForms?: PrintFormPort;
  /** The cabinet's own address (PUBLIC_URL, or the local one): the client bot offers its questionnaire to strangers. */
  cabinetUrl?: string;
  /** The bots' own users: given, `getMe` is skipped (tests, the benchmark). */
  botInfo?: Partial<Record<TelegramBot, UserFromGetMe>>;
  /** Long-polling timeout; tests shorten it so that stopping is quick. */
  pollingTimeoutSeconds?: number;
  maxRetryAttempts?: number;
  /** Updates handled and 429s counted (docs/0027). */
  metrics?: Metrics;
  now?: () => Date;
}

export type BotMode = 'off' | 'polling' | 'webhook';

/**
 * Runs the two bots: webhook routes for Koa when a public URL is configured (secret checked, repeated
 * update ids ignored), the grammY runner's long polling otherwise. A bot without a token is off, and says so.
 */
export class BotRuntime {
  readonly mode: BotMode;
  readonly bots: Partial<Record<TelegramBot, Bot<BotContext>>> = {};
  private readonly runners: RunnerHandle[] = [];
  private pruning: NodeJS.Timeout | undefined;
  private readonly dedupe: UpdateDeduplicator;

  constructor(private readonly options: BotRuntimeOptions) {
    const { telegram, logger } = options;
    const ports = {
      orm: options.orm,
      workflow: options.workflow,
      confirmations: options.confirmations,
      signing: options.signing,
      passwords: options.passwords,
      ...(options.now ? { now: options.now } : {}),
    };
    const connection = (token: string, kind: TelegramBot) => ({
      token,
      apiRoot: telegram.apiRoot,
      ...(options.botInfo?.[kind] ? { botInfo: options.botInfo[kind] } : {}),
      ...(options.maxRetryAttempts === undefined ? {} : { maxRetryAttempts: options.maxRetryAttempts }),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    const common = {
      orm: options.orm,
      workflow: options.workflow,
      logger,
      ...(options.now ? { now: options.now } : {}),
    };
    if (telegram.clientBotToken) {
      this.bots.client = createClientBot({
        ...common,
        connection: connection(telegram.clientBotToken, 'client'),
        signing: signingAdapter(ports),
        linking: linkingAdapter(ports),
        strict: telegram.strict,
        ...(telegram.miniAppUrl ? { miniAppUrl: telegram.miniAppUrl } : {}),
        ...(options.printForms ? { printForms: options.printForms } : {}),
        ...(options.cabinetUrl
          ? { openAccountUrl: `${options.cabinetUrl.replace(/\/$/, '')}/open-account` }
          : {}),
      });
    } else logger.info('client bot is off: CLIENT_BOT_TOKEN is not set');
    if (telegram.staffBotToken) {
      this.bots.staff = createStaffBot({
        ...common,
        connection: connection(telegram.staffBotToken, 'staff'),
        linking: linkingAdapter(ports),
        strict: telegram.strict,
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        ...(telegram.miniAppUrl ? { miniAppUrl: telegram.miniAppUrl } : {}),
        ...(options.printForms ? { printForms: options.printForms } : {}),
      }).bot;
    } else logger.info('staff bot is off: STAFF_BOT_TOKEN is not set');
    this.mode = Object.keys(this.bots).length === 0 ? 'off' : options.publicUrl ? 'webhook' : 'polling';
    if (this.mode === 'off')
      logger.info('Telegram bots are off: no bot tokens; the rest of Kabinet runs without them');
    this.dedupe = new UpdateDeduplicator(options.orm, options.now);
  }

  /**
   * Koa middleware for `POST /telegram/client` and `/telegram/staff`: the secret header must match (401
   * otherwise), a repeated `update_id` is answered 200 and not handled again, anything else goes to the bot.
   */
  webhookMiddleware(): Middleware {
    const secret = this.options.telegram.webhookSecret;
    const parse = bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' });
    const handlers = new Map<string, { kind: TelegramBot; handle: Middleware }>();
    for (const [kind, bot] of Object.entries(this.bots) as [TelegramBot, Bot<BotContext>][]) {
      handlers.set(WEBHOOK_PATHS[kind], {
        kind,
        handle: webhookCallback(bot, 'koa', {
          onTimeout: 'return',
          timeoutMilliseconds: 9_000,
          ...(secret ? { secretToken: secret } : {}),
        }) as Middleware,
      });
    }
    return async (ctx, next) => {
      const target = ctx.method === 'POST' ? handlers.get(ctx.path) : undefined;
      if (!target) return next();
      if (!secret || !sameSecret(ctx.get(SECRET_HEADER), secret)) {
        this.options.logger.warn({ bot: target.kind }, 'telegram webhook: wrong or missing secret token');
        ctx.status = 401;
        return;
      }
      await parse(ctx, async () => undefined);
      const update = (ctx.request as { body?: unknown }).body;
      const updateId =
        typeof update === 'object' && update !== null
          ? (update as { update_id?: unknown }).update_id
          : undefined;
      if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId)) {
        ctx.status = 400;
        return;
      }
      if (!(await this.dedupe.firstSeen(target.kind, updateId))) {
        this.options.logger.info({ bot: target.kind, updateId }, 'telegram webhook: repeated update ignored');
        ctx.status = 200;
        ctx.body = '';
        return;
      }
      await target.handle(ctx, next);
    };
  }

  /** Initializes the bots (getMe unless known), sets their command menus, then sets webhooks or starts polling. */
  async start(): Promise<void> {
    const { logger, publicUrl, telegram } = this.options;
    if (this.mode === 'off') return;
    // Dialogues untouched for a week are forgotten (a half-filled form, an awaited code).
    const states = new ChatStateStore(this.options.orm, this.options.now);
    this.pruning = setInterval(() => {
      states
        .prune()
        .catch((error: unknown) =>
          logger.warn({ err: describeError(error) }, 'could not prune bot dialogues'),
        );
    }, 3600_000);
    this.pruning.unref();
    for (const [kind, bot] of Object.entries(this.bots) as [TelegramBot, Bot<BotContext>][]) {
      await bot.init();
      await this.setCommands(kind, bot);
      await this.setMenuButton(kind, bot);
      if (this.mode === 'webhook' && publicUrl) {
        await bot.api.setWebhook(`${publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATHS[kind]}`, {
          allowed_updates: ALLOWED_UPDATES,
          ...(telegram.webhookSecret ? { secret_token: telegram.webhookSecret } : {}),
        });
        logger.info({ bot: kind, username: bot.botInfo.username }, 'bot is up (webhook)');
      } else {
        // getUpdates is refused while a webhook is set (another deployment's, or an earlier run's).
        await bot.api.deleteWebhook();
        this.runners.push(
          run(bot, {
            runner: {
              fetch: { timeout: this.options.pollingTimeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
              retryInterval: 'exponential',
              maxRetryTime: 24 * 3600 * 1000,
              silent: true,
            },
          }),
        );
        logger.info({ bot: kind, username: bot.botInfo.username }, 'bot is up (long polling)');
      }
    }
  }

  /** Stops polling (webhooks stay registered: another instance keeps taking them). */
  async stop(): Promise<void> {
    clearInterval(this.pruning);
    await Promise.all(
      this.runners.splice(0).map((runner) => (runner.isRunning() ? runner.stop() : undefined)),
    );
  }

  /**
   * With MINI_APP_URL the button beside the message field opens the cabinet inside Telegram: the client bot at
   * the requests, the staff bot at "My tasks" (docs/0026). Without it, the commands menu (Telegram's default).
   */
  private async setMenuButton(kind: TelegramBot, bot: Bot<BotContext>): Promise<void> {
    const url = this.options.telegram.miniAppUrl;
    try {
      const t = catalog('ru');
      await bot.api.setChatMenuButton({
        menu_button: url
          ? {
              type: 'web_app',
              text: kind === 'client' ? t.client.menu.menuButton : t.staff.tasks.menuButton,
              web_app: { url: miniAppLink(url, kind === 'client' ? '/requests' : '/tasks', kind) },
            }
          : { type: 'commands' },
      });
    } catch (error) {
      this.options.logger.warn({ bot: kind, err: describeError(error) }, 'could not set the menu button');
    }
  }

  private async setCommands(kind: TelegramBot, bot: Bot<BotContext>): Promise<void> {
    try {
      for (const locale of ['ru', 'en'] as const) {
        const t = catalog(locale).commands;
        const commands =
          kind === 'client'
            ? CLIENT_COMMANDS.map((command) => ({ command, description: t.client[command] }))
            : STAFF_COMMANDS.map((command) => ({ command, description: t.staff[command] }));
        await bot.api.setMyCommands(commands, locale === 'en' ? { language_code: 'en' } : {});
      }
    } catch (error) {
      // The menu is a convenience: a bot without one still works.
      this.options.logger.warn({ bot: kind, err: describeError(error) }, 'could not set the command menu');
    }
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bots of a process, from the container's services and the config (the `bots` and `all` roles). */
export function createBotRuntime(
  container: Pick<
    BotRuntimeOptions,
    'orm' | 'workflow' | 'confirmations' | 'signing' | 'passwords' | 'logger'
  > & {
    config: { telegram: TelegramConfig; http: { publicUrl: string | undefined; port?: number } };
    printForms: PrintFormPort;
    metrics?: Metrics;
  },
  tuning: Pick<BotRuntimeOptions, 'pollingTimeoutSeconds' | 'maxRetryAttempts'> = {},
): BotRuntime {
  return new BotRuntime({
    ...tuning,
    telegram: container.config.telegram,
    publicUrl: container.config.http.publicUrl,
    orm: container.orm,
    workflow: container.workflow,
    confirmations: container.confirmations,
    signing: container.signing,
    passwords: container.passwords,
    logger: container.logger,
    printForms: container.printForms,
    cabinetUrl:
      container.config.http.publicUrl ?? `http://localhost:${String(container.config.http.port ?? 3000)}`,
    ...(container.metrics ? { metrics: container.metrics } : {}),
  });
}
