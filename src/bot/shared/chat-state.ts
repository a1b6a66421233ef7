import type { Orm } from '../../db/orm.js';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';
import { BotChatStateSchema } from './bot-state.entity.js';

/** Who a dialogue state belongs to: the bot, the chat, and the person in it (a group has many). */
export interface StateKey {
  bot: TelegramBot;
  chatId: number;
  userId: number;
}

/** How long an untouched dialogue stays (a half-filled form, an awaited code); then it is forgotten. */
const STATE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Dialogue states in the database (`bot_chat_states`). States are plain JSON validated by their readers, so a
 * row written by an older version that no longer parses is treated as no state.
 */
export class ChatStateStore {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(key: StateKey): Promise<Record<string, unknown> | undefined> {
    const row = await this.orm.em.fork().findOne(BotChatStateSchema, { key: stateKey(key) });
    if (!row) return undefined;
    if (this.now().getTime() - row.updatedAt.getTime() > STATE_TTL_MS) return undefined;
    return row.state;
  }

  async set(key: StateKey, state: Record<string, unknown>): Promise<void> {
    await this.orm.em
      .fork()
      .upsert(BotChatStateSchema, { key: stateKey(key), bot: key.bot, state, updatedAt: this.now() });
  }

  async clear(key: StateKey): Promise<void> {
    await this.orm.em.fork().nativeDelete(BotChatStateSchema, { key: stateKey(key) });
  }

  /** Drops states untouched for longer than the TTL; returns how many. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - STATE_TTL_MS);
    return this.orm.em.fork().nativeDelete(BotChatStateSchema, { updatedAt: { $lt: cutoff } });
  }
}

function stateKey(key: StateKey): string {
  return `${key.bot}:${String(key.chatId)}:${String(key.userId)}`;
}
