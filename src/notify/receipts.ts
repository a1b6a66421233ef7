import type { Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import type { SmsReceipt } from './channels/smpp-sms.js';

interface ReceiptRow {
  id: string;
  outbox_id: string;
  request_id: string | null;
  recipient_user_id: string | null;
  topic: string;
}

/** Receipt states that are final failures: the SMS will not arrive. */
const FAILED = new Set(['UNDELIV', 'EXPIRED', 'DELETED', 'REJECTD']);

/**
 * Records an SMPP delivery receipt on the delivery it belongs to (by the provider's message id) and journals it.
 * A final failure turns a `sent` delivery into `undeliverable`. Receipts for codes (sent by identity directly,
 * not deliveries) match nothing and are ignored here.
 */
export async function recordSmsReceipt(orm: Orm, receipt: SmsReceipt, now = new Date()): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const rows = await em.execute<ReceiptRow[]>(
      `select id, outbox_id, request_id, recipient_user_id, topic from notification_deliveries
        where channel = 'sms' and provider_message_id = ? for update`,
      [receipt.providerMessageId],
    );
    const row = rows[0];
    if (!row) return false;
    const failed = FAILED.has(receipt.status);
    await em.execute(
      `update notification_deliveries
          set receipt_status = ?, updated_at = ?,
              status = case when ? and status = 'sent' then 'undeliverable' else status end,
              last_error = case when ? and status = 'sent' then ? else last_error end
        where id = ?`,
      [receipt.status, now, failed, failed, `receipt: ${receipt.status}`, row.id],
      'run',
    );
    await appendJournal(em, [
      {
        action: 'notify.receipt',
        actorId: null,
        requestId: row.request_id,
        subjectUserId: row.recipient_user_id,
        at: now,
        data: {
          channel: 'sms',
          outboxId: row.outbox_id,
          deliveryId: row.id,
          topic: row.topic,
          providerMessageId: receipt.providerMessageId,
          status: receipt.status,
          delivered: receipt.delivered,
        },
      },
    ]);
    return true;
  });
}
