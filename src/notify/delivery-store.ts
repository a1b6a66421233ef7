import type { Em, Orm } from '../db/orm.js';
import { JOURNAL_LOCK, writeJournal } from '../journal/journal.js';
import {
  NotificationDeliverySchema,
  type Channel,
  type DeliveryStatus,
  type RecipientKind,
} from './delivery.entity.js';
import type { DeliveryRecord, OutboxRecord } from './prepare.js';

/** A delivery taken for attempt number `attempts`, with the outbox row it came from. */
export interface ClaimedDelivery {
  kind: 'claimed';
  attempts: number;
  delivery: DeliveryRecord;
  outbox: OutboxRecord;
}

export type ClaimResult =
  | ClaimedDelivery
  /** Gone, or final (sent, undeliverable, skipped): nothing to do. */
  | { kind: 'finished' }
  /** Another worker holds it (`sending`), or its retry is not due yet (`failed`): come back at `at`. */
  | { kind: 'not_due'; status: DeliveryStatus; at: Date };

interface ClaimRow {
  id: string;
  outbox_id: string;
  request_id: string | null;
  topic: string;
  channel: Channel;
  recipient_kind: RecipientKind;
  recipient_key: string;
  recipient_user_id: string | null;
  recipient_role: string | null;
  bot: string | null;
  deferrals: number;
  attempts: number;
  payload: Record<string, unknown> | string;
  outbox_created_at: Date | string;
}

export interface DeliveryStoreDeps {
  orm: Orm;
  /** How long a claimed delivery is ours; after that another worker may take it over. */
  leaseMs: number;
  now: () => Date;
}

/**
 * The delivery row's transitions (docs/0007 "Executing a delivery"). `claim` takes a delivery for one attempt;
 * every other method records that attempt's outcome with a conditional update on (status = sending, attempts = n)
 * and, where there is one, its journal entry in the same transaction: only the holder of attempt n can record, so
 * a delivery becomes `sent` exactly once. Each returns whether it recorded (false: another worker took over).
 */
export class DeliveryStore {
  constructor(private readonly deps: DeliveryStoreDeps) {}

  /**
   * Takes the delivery for one attempt: `queued`, a `failed` one that is due, or a `sending` one whose lease
   * ran out. One statement claims it and returns it with its outbox row.
   */
  async claim(deliveryId: string): Promise<ClaimResult> {
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    const rows = await em.execute<ClaimRow[]>(
      `update notification_deliveries d
          set status = 'sending', attempts = d.attempts + 1, next_attempt_at = ?, updated_at = ?
         from outbox o
        where d.id = ? and o.id = d.outbox_id
          and (d.status = 'queued'
           or (d.status = 'failed' and d.next_attempt_at <= ?)
           or (d.status = 'sending' and d.next_attempt_at <= ?))
        returning d.id, d.outbox_id, d.request_id, d.topic, d.channel, d.recipient_kind, d.recipient_key,
                  d.recipient_user_id, d.recipient_role, d.bot, d.deferrals, d.attempts,
                  o.payload, o.created_at as outbox_created_at`,
      [new Date(now.getTime() + this.deps.leaseMs), now, deliveryId, new Date(now.getTime() + 50), now],
    );
    const row = rows[0];
    if (row) return claimedFrom(row);
    const current = await em.findOne(NotificationDeliverySchema, { id: deliveryId });
    if (!current || ['sent', 'undeliverable', 'skipped'].includes(current.status))
      return { kind: 'finished' };
    const at = new Date(Math.max(current.nextAttemptAt.getTime(), now.getTime() + 50));
    return { kind: 'not_due', status: current.status, at };
  }

  /**
   * `sent` at `sentAt`, with `notify.sent`. `alsoInTransaction` runs between the two, only if this attempt
   * recorded it: an in-app row, or the card renderer's note of where a card went.
   */
  async markSent(
    delivery: DeliveryRecord,
    attempts: number,
    sent: { providerMessageId: string; sentAt: Date },
    alsoInTransaction?: (tx: Em) => Promise<void>,
  ): Promise<boolean> {
    const { providerMessageId, sentAt } = sent;
    return this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(
        tx,
        delivery.id,
        attempts,
        {
          status: 'sent',
          provider_message_id: providerMessageId,
          sent_at: sentAt,
          last_error: null,
        },
        { lockJournal: true },
      );
      if (!changed) return false;
      await alsoInTransaction?.(tx);
      await this.journal(tx, delivery, 'notify.sent', attempts, { providerMessageId });
      return true;
    });
  }

  /** `skipped` or `undeliverable`: final, with `notify.skipped` / `notify.undeliverable` and the reason. */
  async markFinal(
    delivery: DeliveryRecord,
    attempts: number,
    status: 'skipped' | 'undeliverable',
    reason: string,
  ): Promise<boolean> {
    return this.deps.orm.em.fork().transactional(async (tx) => {
      const fields = { status, last_error: reason };
      if (!(await this.transition(tx, delivery.id, attempts, fields, { lockJournal: true }))) return false;
      const action = status === 'skipped' ? 'notify.skipped' : 'notify.undeliverable';
      await this.journal(tx, delivery, action, attempts, { reason });
      return true;
    });
  }

  /** A failed attempt: `failed` until `at`, with `notify.failed`. */
  async markFailed(delivery: DeliveryRecord, attempts: number, reason: string, at: Date): Promise<boolean> {
    return this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(
        tx,
        delivery.id,
        attempts,
        {
          status: 'failed',
          next_attempt_at: at,
          last_error: reason,
        },
        { lockJournal: true },
      );
      if (changed) await this.journal(tx, delivery, 'notify.failed', attempts, { reason });
      return changed;
    });
  }

  /**
   * A wait that is not the message's fault (a rate limit, a moved chat): `failed` until `at`, the attempt given
   * back and counted as a deferral instead; journaled as `notify.failed` with the wait.
   */
  async defer(
    delivery: DeliveryRecord,
    attempts: number,
    reason: string,
    at: Date,
    retryAfterMs: number,
  ): Promise<boolean> {
    return this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(
        tx,
        delivery.id,
        attempts,
        {
          status: 'failed',
          attempts: attempts - 1,
          deferrals: delivery.deferrals + 1,
          next_attempt_at: at,
          last_error: reason,
        },
        { lockJournal: true },
      );
      if (changed) await this.journal(tx, delivery, 'notify.failed', attempts, { reason, retryAfterMs });
      return changed;
    });
  }

  /** Gives the delivery back as it was before this claim, due at `at`: nothing was sent, nothing to journal. */
  async unclaim(delivery: DeliveryRecord, attempts: number, at: Date): Promise<boolean> {
    return this.deps.orm.em.fork().transactional((tx) =>
      this.transition(tx, delivery.id, attempts, {
        status: 'queued',
        attempts: attempts - 1,
        next_attempt_at: at,
      }),
    );
  }

  /**
   * The conditional update every outcome goes through: only the holder of attempt n may record it. An outcome that
   * is journaled takes the journal's lock in the same statement (`lockJournal`): its entry is then written by one
   * more statement, whose snapshot holds the chain's newest head (`journalParts`).
   */
  private async transition(
    tx: Em,
    deliveryId: string,
    attempts: number,
    fields: Record<string, unknown>,
    { lockJournal = false } = {},
  ): Promise<boolean> {
    const { sql, params } = this.update(deliveryId, attempts, fields);
    if (!lockJournal) {
      const result = await tx.execute<{ affectedRows?: number }>(sql, params, 'run');
      return (result.affectedRows ?? 0) === 1;
    }
    const rows = await tx.execute<{ changed: number | string }[]>(
      `with changed as (${sql} returning 1) select (select count(*) from changed) as changed, ${JOURNAL_LOCK} is null as locked`,
      params,
    );
    return Number(rows[0]?.changed ?? 0) === 1;
  }

  private update(
    deliveryId: string,
    attempts: number,
    fields: Record<string, unknown>,
  ): { sql: string; params: unknown[] } {
    const entries = Object.entries({ ...fields, updated_at: this.deps.now() });
    return {
      sql: `update notification_deliveries set ${entries.map(([column]) => `${column} = ?`).join(', ')}
        where id = ? and status = 'sending' and attempts = ?`,
      params: [...entries.map(([, value]) => value), deliveryId, attempts],
    };
  }

  /** The outcome's journal entry, hashed onto the chain by PostgreSQL (the lock is held since the transition). */
  private async journal(
    tx: Em,
    delivery: DeliveryRecord,
    action: string,
    attempt: number,
    data: Record<string, unknown>,
  ): Promise<void> {
    const now = this.deps.now();
    const records = [
      {
        action,
        actorId: null,
        requestId: delivery.requestId,
        subjectUserId: delivery.recipientUserId,
        at: now,
        data: {
          channel: delivery.channel,
          outboxId: delivery.outboxId,
          deliveryId: delivery.id,
          topic: delivery.topic,
          recipient: delivery.recipientKey,
          attempt,
          ...data,
        },
      },
    ];
    await writeJournal(tx, records, now);
  }
}

function claimedFrom(row: ClaimRow): ClaimedDelivery {
  const delivery: DeliveryRecord = {
    id: row.id,
    outboxId: row.outbox_id,
    requestId: row.request_id,
    topic: row.topic,
    channel: row.channel,
    recipientKind: row.recipient_kind,
    recipientKey: row.recipient_key,
    recipientUserId: row.recipient_user_id,
    recipientRole: row.recipient_role,
    bot: row.bot,
    deferrals: Number(row.deferrals),
  };
  const payload =
    typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload;
  const outbox: OutboxRecord = {
    id: row.outbox_id,
    topic: row.topic,
    requestId: row.request_id,
    payload,
    createdAt: new Date(row.outbox_created_at),
  };
  return { kind: 'claimed', attempts: Number(row.attempts), delivery, outbox };
}
