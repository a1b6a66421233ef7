import type { Orm } from '../db/orm.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import type { Channel, RecipientKind } from './delivery.entity.js';
import type { DeliveryJob } from './relay.js';

interface DueRow {
  id: string;
  outbox_id: string;
  channel: Channel;
  recipient_kind: RecipientKind;
  recipient_key: string;
  bot: TelegramBot | null;
  priority: 'urgent' | 'normal';
}

/**
 * Deliveries the queue should hold but may have lost: `queued` or `failed` and overdue by more than `graceMs`
 * (Redis restarted without persistence, a crash between commit and enqueue), and `sending` whose lease ran
 * out (the worker died mid-send). Their clock is reset so one sweep does not hand them over again at once.
 * The database is the truth; handing over twice is harmless (the job id dedups, the row's status decides).
 */
export async function sweepDueDeliveries(
  orm: Orm,
  options: { now: Date; graceMs: number; limit?: number },
): Promise<DeliveryJob[]> {
  const { now, graceMs } = options;
  return orm.em.fork().transactional(async (em) => {
    const rows = await em.execute<DueRow[]>(
      `select id, outbox_id, channel, recipient_kind, recipient_key, bot, priority
         from notification_deliveries
        where (status in ('queued', 'failed') and next_attempt_at <= ?)
           or (status = 'sending' and next_attempt_at <= ?)
        order by next_attempt_at
        limit ? for update skip locked`,
      [new Date(now.getTime() - graceMs), now, options.limit ?? 500],
    );
    if (rows.length === 0) return [];
    await em.execute(
      `update notification_deliveries set next_attempt_at = ?
        where id in (${rows.map(() => '?').join(', ')}) and status in ('queued', 'failed')`,
      [now, ...rows.map((row) => row.id)],
      'run',
    );
    return rows.map((row) => ({
      deliveryId: row.id,
      outboxId: row.outbox_id,
      channel: row.channel,
      recipientKind: row.recipient_kind,
      recipientKey: row.recipient_key,
      bot: row.bot,
      priority: row.priority,
    }));
  });
}
