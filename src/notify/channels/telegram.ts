import { botApiError, type BotApiAnswer } from './telegram-errors.js';
import { DeliveryError } from '../../messaging/channels.js';

/** An inline keyboard or any other `reply_markup` the Bot API accepts; built by the bots module. */
export type ReplyMarkup = Record<string, unknown>;

export interface TelegramMessage {
  chatId: string;
  text: string;
  parseMode?: 'HTML';
  replyMarkup?: ReplyMarkup;
}

/**
 * The one Bot API call notifications need, over plain fetch: `POST <apiRoot>/bot<token>/sendMessage`. Maps
 * Telegram's answers to DeliveryError (`botApiError` in telegram-errors.ts: 429 waits `retry_after`, 403 is
 * permanent, a migrated group names its new id). The token never leaves this class (not in errors, not in logs).
 */
export class TelegramBotApi {
  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async sendMessage(message: TelegramMessage): Promise<{ messageId: number }> {
    const body: Record<string, unknown> = {
      chat_id: message.chatId,
      text: message.text,
      link_preview_options: { is_disabled: true },
    };
    if (message.parseMode) body.parse_mode = message.parseMode;
    if (message.replyMarkup) body.reply_markup = message.replyMarkup;
    const answer = await this.call('sendMessage', body);
    const result = answer.result as { message_id?: unknown } | undefined;
    if (typeof result?.message_id !== 'number')
      throw new DeliveryError('telegram: sendMessage answered without a message id');
    return { messageId: result.message_id };
  }

  private async call(method: string, body: Record<string, unknown>): Promise<BotApiAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Network trouble or a timeout: the message may or may not have gone out; retry (at least once).
      const reason = error instanceof Error ? error.name : 'error';
      throw new DeliveryError(`telegram: ${method} did not complete (${reason})`);
    }
    let answer: BotApiAnswer;
    try {
      answer = (await response.json()) as BotApiAnswer;
    } catch {
      throw new DeliveryError(`telegram: ${method} answered HTTP ${response.status} without JSON`);
    }
    if (answer.ok) return answer;
    throw botApiError(method, response.status, answer);
  }
}
