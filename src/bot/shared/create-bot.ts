import type { Metrics } from '../../ops/metrics.js';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Composer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../logger.js';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';
import { recordBlockedChats } from './api-transformers.js';
import type { CallbackRegistry } from './callback-data.js';
import type { BotContext } from './context.js';
import { lastResort, replyOnError } from './error-boundary.js';
import { kabinetContext } from './kabinet-context.js';
import type { TelegramAccounts } from './telegram-accounts.js';

/** How a bot reaches Telegram: its token, and optionally another Bot API server and a known identity. */
export interface BotConnection {
  token: string;
  /** Another Bot API server (a self-hosted one, the tests' fake); Telegram's by default. */
  apiRoot?: string;
  /** The bot's own user; given, grammY skips `getMe` at start. */
  botInfo?: UserFromGetMe;
  /** Retries of a 429 (waiting `retry_after`) and of network failures; tests lower it. */
  maxRetryAttempts?: number;
  /** Counts updates handled and Telegram's 429s (docs/0027). */
  metrics?: Pick<Metrics, 'botUpdates' | 'telegramThrottled'>;
}

/**
 * A grammY bot with the Kabinet basics: auto-retry on 429 (`retry_after`) and network trouble, 403 recorded on
 * the chat's link, who-is-writing and button resolution, then the features inside an error boundary (a
 * failure answers the person briefly and never stops the bot), and a last-resort `catch`.
 */
export function assembleBot<C extends BotContext>(input: {
  kind: TelegramBot;
  connection: BotConnection;
  accounts: TelegramAccounts;
  callbacks: CallbackRegistry;
  logger: Logger;
  features: readonly Composer<C>[];
}): Bot<C> {
  const { connection } = input;
  const bot = new Bot<C>(connection.token, {
    ...(connection.botInfo ? { botInfo: connection.botInfo } : {}),
    client: { ...(connection.apiRoot ? { apiRoot: connection.apiRoot } : {}) },
  });
  const metrics = connection.metrics;
  // Innermost, so each 429 Telegram answers is counted, retried or not.
  if (metrics)
    bot.api.config.use(async (prev, method, payload, signal) => {
      const answer = await prev(method, payload, signal);
      if (!answer.ok && answer.error_code === 429) metrics.telegramThrottled.inc({ bot: input.kind });
      return answer;
    });
  bot.api.config.use(recordBlockedChats(input.kind, input.accounts, input.logger));
  bot.api.config.use(autoRetry({ maxRetryAttempts: connection.maxRetryAttempts ?? 5, maxDelaySeconds: 120 }));
  // One person's updates in one chat are handled in order (their dialogue state is read and written per
  // update); different people, and different chats, go in parallel — the workflow decides races.
  if (metrics)
    bot.use((ctx, next) => {
      const kind = ctx.callbackQuery ? 'callback_query' : ctx.message ? 'message' : 'other';
      metrics.botUpdates.inc({ bot: input.kind, kind });
      return next();
    });
  bot.use(sequentialize<C>((ctx) => (ctx.chat && ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : undefined)));
  const guarded = bot.errorBoundary(replyOnError<C>(input.logger, input.kind));
  guarded.use(kabinetContext<C>({ bot: input.kind, accounts: input.accounts, callbacks: input.callbacks }));
  for (const feature of input.features) guarded.use(feature);
  bot.catch(lastResort(input.logger, input.kind));
  return bot;
}
