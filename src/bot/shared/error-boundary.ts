import { BotError, GrammyError, HttpError, type ErrorHandler } from 'grammy';
import { loggableError } from '../../error-log.js';
import { KabinetError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from './context.js';
import { catalog, type Catalog } from '../../i18n/index.js';

/** The short message a person sees for a refusal or a failure: the one place bot errors become words. */
export function errorText(t: Catalog, error: unknown): string {
  if (error instanceof KabinetError) return t.errors[error.code];
  return t.errors.internal;
}

/** What may be logged of an error: its kind and code, never the texts people typed or the payloads sent. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof KabinetError) return { errorCode: error.code };
  if (error instanceof GrammyError)
    return { telegramMethod: error.method, telegramError: error.error_code, description: error.description };
  if (error instanceof HttpError) return { telegramHttp: String(error.error) };
  return { err: loggableError(error) };
}

/**
 * The error boundary around every feature: a failure is logged, the person gets a short message (an alert for a
 * button, a reply otherwise), and the bot goes on with the next update. Failing to answer is logged, not thrown.
 */
export function replyOnError<C extends BotContext>(logger: Logger, bot: string): ErrorHandler<C> {
  return async (botError: BotError<C>) => {
    const { ctx, error } = botError;
    const expected = error instanceof KabinetError;
    const fields = { bot, updateId: ctx.update.update_id, ...errorFields(error) };
    if (expected) logger.info(fields, 'bot: request refused');
    else logger.error(fields, 'bot: update failed');
    // `t` is set by the first middleware; an error before it still gets Russian, the default.
    const t = (ctx as Partial<BotContext>).t ?? catalog(undefined);
    const text = errorText(t, error);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
      else if (ctx.chat) await ctx.reply(text);
    } catch (answerError) {
      logger.warn(
        { bot, updateId: ctx.update.update_id, ...errorFields(answerError) },
        'bot: could not tell the person',
      );
    }
  };
}

/** The last line: whatever escapes the boundary is logged, and the bot keeps running. */
export function lastResort(logger: Logger, bot: string) {
  return (botError: BotError): void => {
    logger.error(
      { bot, updateId: botError.ctx.update.update_id, ...errorFields(botError.error) },
      'bot: unhandled error',
    );
  };
}
