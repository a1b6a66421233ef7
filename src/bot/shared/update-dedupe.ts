import type { Orm } from '../../db/orm.js';
import { runPooled } from '../../db/prepared.js';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';

/** How long an update id is remembered; Telegram gives up redelivering long before. */
const KEEP_MS = 24 * 3600 * 1000;
const PRUNE_EVERY = 500;

/**
 * Remembers webhook update ids in `bot_processed_updates`: Telegram redelivers an update it thinks failed,
 * and a repeated press must not act twice. `firstSeen` is one INSERT … ON CONFLICT DO NOTHING.
 */
export class UpdateDeduplicator {
  private sinceLastPrune = 0;

  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True the first time this bot sees `updateId`, false for a repeat. */
  async firstSeen(bot: TelegramBot, updateId: number): Promise<boolean> {
    const rows = await runPooled<{ update_id: string }>(
      this.orm,
      'insert into bot_processed_updates (bot, update_id, received_at) values (?, ?, ?::timestamptz) ' +
        'on conflict do nothing returning update_id',
      [bot, updateId, this.now().toISOString()],
    );
    this.sinceLastPrune += 1;
    if (this.sinceLastPrune >= PRUNE_EVERY) {
      this.sinceLastPrune = 0;
      await this.orm.em
        .fork()
        .execute('delete from bot_processed_updates where received_at < ?', [
          new Date(this.now().getTime() - KEEP_MS),
        ]);
    }
    return rows.length > 0;
  }
}
