import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { describeError } from '../error-log.js';
import { JOURNAL_LOCK, writeJournal, type JournalRecord } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import { NotificationDeliverySchema, type Channel, type RecipientKind } from './delivery.entity.js';
import { OutboxMessageSchema, type OutboxMessage } from '../messaging/outbox.entity.js';
import { ACCOUNT_APPLICATION_TOPIC, BACKOFFICE_EXPORT_TOPIC } from '../messaging/topics.js';
import {
  planDeliveries,
  RecipientLookups,
  type PlannedDelivery,
  type RecipientSettings,
} from './recipients.js';

/** What the queue carries for one delivery: ids and routing only, never texts or addresses. */
export interface DeliveryJob {
  deliveryId: string;
  outboxId: string;
  channel: Channel;
  recipientKind: RecipientKind;
  recipientKey: string;
  bot: TelegramBot | null;
  priority: 'urgent' | 'normal';
  /** Telegram: the message's turn in its chat, taken when the chat was busy (see `queue/process.ts`). */
  turn?: JobTurn | undefined;
}

/** A turn in a chat: `at` on the worker's clock (ms), `token` the pacer's name for it. */
export interface JobTurn {
  at: number;
  token: string;
}

/**
 * The outbox rows that are notices: every topic but the back-office exchange's and the submitted questionnaires',
 * which relay their own.
 */
const NOTICE_ROWS = `topic not in ('${BACKOFFICE_EXPORT_TOPIC}', '${ACCOUNT_APPLICATION_TOPIC}')`;

/** Notices committed and not yet relayed (tests and the benchmark wait for none). */
export async function pendingNotices(em: Em): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `select count(*) as n from outbox where status = 'pending' and ${NOTICE_ROWS}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** BullMQ job id of a delivery: derived from its outbox id (`:` is not allowed in custom ids). */
export function deliveryJobId(job: Pick<DeliveryJob, 'outboxId' | 'channel' | 'recipientKey'>): string {
  return `${job.outboxId}.${job.channel}.${job.recipientKey.replace(/:/g, '-')}`;
}

/** Outbox rows per relay batch (see `RelayDeps.batchSize`). */
export const RELAY_BATCH = 25;

export interface RelayDeps {
  orm: Orm;
  logger: Logger;
  recipients: () => RecipientSettings;
  /**
   * Outbox rows a batch takes (default `RELAY_BATCH`). Small on purpose: a batch's planning and flush run on the
   * event loop the senders share, and its transaction holds the journal's lock — 100 at a time held Telegram
   * sends back while a backlog was relayed (docs/0029, P5).
   */
  batchSize?: number;
  /** Channels to plan; others are left out (the benchmark's Telegram-only run). */
  onlyChannels?: readonly Channel[];
}

/**
 * The outbox relay: claims committed outbox rows (`FOR UPDATE SKIP LOCKED`, so relays in several processes
 * never take the same row; the back-office exchange relays the rows of its own topic), fans each out into per-recipient, per-channel deliveries, journals them as queued
 * and marks the row dispatched, all in one transaction. The caller hands the returned jobs to the queue after
 * the commit; if that fails, the sweeper finds the rows still `queued` and hands them over again.
 */
export class OutboxRelay {
  constructor(private readonly deps: RelayDeps) {}

  async relayBatch(): Promise<DeliveryJob[]> {
    const settings = this.deps.recipients();
    const now = settings.now;
    return this.deps.orm.em.fork().transactional(async (em) => {
      const claimed = await em.execute<{ id: string }[]>(
        `select id from outbox where status = 'pending' and available_at <= ? and ${NOTICE_ROWS}
         order by created_at, id limit ? for update skip locked`,
        [now, this.deps.batchSize ?? RELAY_BATCH],
      );
      if (claimed.length === 0) return [];
      const messages = await em.find(
        OutboxMessageSchema,
        { id: { $in: claimed.map((row) => row.id) } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const jobs: DeliveryJob[] = [];
      const journal: JournalRecord[] = [];
      const lookups = new RecipientLookups(em);
      await lookups.preload(messages);
      for (const message of messages) {
        let planned: PlannedDelivery[];
        try {
          planned = await planDeliveries(em, message, settings, lookups);
        } catch (error) {
          // A row that cannot be planned (a bug, a vanished request) must not block the rest.
          message.status = 'failed';
          message.attempts += 1;
          message.lastError = describe(error);
          this.deps.logger.error(
            { outboxId: message.id, topic: message.topic, err: describe(error) },
            'relay: planning failed',
          );
          continue;
        }
        const only = this.deps.onlyChannels;
        for (const plan of planned)
          if (!only || only.includes(plan.channel)) this.addDelivery(em, message, plan, now, jobs, journal);
        message.status = 'dispatched';
        message.attempts += 1;
        message.dispatchedAt = now;
      }
      await em.flush();
      if (journal.length > 0) {
        // The chain's lock, then the entries hashed onto it by PostgreSQL (journalParts), as the commands do.
        await em.execute(`select ${JOURNAL_LOCK}`);
        await writeJournal(em, journal, now);
      }
      return jobs;
    });
  }

  private addDelivery(
    em: Em,
    message: OutboxMessage,
    plan: PlannedDelivery,
    now: Date,
    jobs: DeliveryJob[],
    journal: JournalRecord[],
  ): void {
    const id = randomUUID();
    em.create(NotificationDeliverySchema, {
      id,
      outboxId: message.id,
      requestId: message.requestId ?? null,
      topic: message.topic,
      channel: plan.channel,
      recipientKind: plan.recipientKind,
      recipientKey: plan.recipientKey,
      recipientUserId: plan.recipientUserId,
      recipientRole: plan.recipientRole,
      bot: plan.bot,
      priority: plan.priority,
      status: plan.skip ? 'skipped' : 'queued',
      attempts: 0,
      deferrals: 0,
      nextAttemptAt: now,
      lastError: plan.skip ?? null,
      createdAt: now,
      updatedAt: now,
    });
    journal.push({
      action: plan.skip ? 'notify.skipped' : 'notify.queued',
      actorId: null,
      requestId: message.requestId ?? null,
      subjectUserId: plan.recipientUserId,
      at: now,
      data: {
        channel: plan.channel,
        outboxId: message.id,
        deliveryId: id,
        topic: message.topic,
        recipient: plan.recipientKey,
        ...(plan.skip ? { reason: plan.skip } : {}),
      },
    });
    if (!plan.skip)
      jobs.push({
        deliveryId: id,
        outboxId: message.id,
        channel: plan.channel,
        recipientKind: plan.recipientKind,
        recipientKey: plan.recipientKey,
        bot: plan.bot,
        priority: plan.priority,
      });
  }
}

/** An error for logs and `lastError`: its class and message, short. Callers never put personal data in them. */
/** A failure reason for `last_error` and logs: statements, parameters and quoted values removed. */
export function describe(error: unknown): string {
  return describeError(error);
}
