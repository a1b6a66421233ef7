import { LockMode } from '@mikro-orm/core';
import type { CompanyRequisites } from '../config.js';
import type { Em, Orm } from '../db/orm.js';
import { describeError } from '../error-log.js';
import { DomainError, notFound } from '../errors.js';
import { appendJournal, type JournalRecord } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import { OutboxMessageSchema } from '../messaging/outbox.entity.js';
import { ClientSchema } from '../clients/client.entity.js';
import { RequestSchema } from '../workflow/request.entity.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { BACKOFFICE_EXPORT_STUCK_TOPIC, BACKOFFICE_EXPORT_TOPIC } from '../messaging/topics.js';
import { assembleExport, type ExportSubject } from './export-document.js';
import {
  BackofficeExportSchema,
  EXPORT_KINDS,
  type BackofficeExport,
  type ExportKind,
} from './export.entity.js';
import { readAcknowledgement, type Acknowledgement } from './fansy/acknowledgement.js';
import { exportFileName, renderExportXml } from './fansy/export-xml.js';
import type { BackOfficeGateway, InboxItem } from './gateway.js';

export interface ExchangeDeps {
  orm: Orm;
  gateway: BackOfficeGateway;
  company: CompanyRequisites;
  logger: Logger;
  now: () => Date;
  /** An export waiting longer than this for its answer alerts the back office (once per attempt). */
  ackTimeoutMinutes: number;
  batchSize?: number;
}

/** How long a failed export waits before its next try, and how many tries before it is given up (and logged). */
const RETRY_DELAY_MS = 30_000;
const MAX_EXPORT_TRIES = 20;

/** One export as the administrator and the back office see it. */
export interface ExportView {
  id: string;
  kind: ExportKind;
  requestId: string | null;
  requestNumber: string | null;
  clientId: string;
  clientName: string;
  attempt: number;
  status: BackofficeExport['status'];
  fileName: string;
  occurredAt: Date;
  sentAt: Date;
  acknowledgedAt: Date | null;
  backofficeRef: string | null;
  error: string | null;
  /** Sent and unanswered past the timeout (the back office was alerted). */
  overdue: boolean;
}

export interface ExportFilter {
  requestId?: string | undefined;
  status?: BackofficeExport['status'] | 'overdue' | undefined;
  page: number;
  pageSize: number;
}

export interface InboxOutcome {
  file: string;
  outcome: 'applied' | 'duplicate' | 'rejected';
  reason?: string;
}

function isExportKind(value: unknown): value is ExportKind {
  return typeof value === 'string' && (EXPORT_KINDS as readonly string[]).includes(value);
}

/**
 * The exchange with the back office (docs/0023): outbox rows of the export topic become files, the back office's
 * answers move each export sent → acknowledged or → error, an export left unanswered alerts the back office, and a
 * refused one is exported again after a fix. Every step is journaled. Safe to run in several processes: rows are
 * claimed with `FOR UPDATE SKIP LOCKED` and exports locked while an answer is applied.
 */
export class BackofficeExchange {
  constructor(private readonly deps: ExchangeDeps) {}

  /** Exports what the outbox holds; answers how many files were written. */
  async exportPending(): Promise<number> {
    const { orm, gateway, company } = this.deps;
    const now = this.deps.now();
    return orm.em.fork().transactional(async (em) => {
      const claimed = await em.execute<{ id: string }[]>(
        `select id from outbox where status = 'pending' and topic = ? and available_at <= ?
         order by created_at, id limit ? for update skip locked`,
        [BACKOFFICE_EXPORT_TOPIC, now, this.deps.batchSize ?? 50],
      );
      if (claimed.length === 0) return 0;
      const messages = await em.find(
        OutboxMessageSchema,
        { id: { $in: claimed.map((row) => row.id) } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const journal: JournalRecord[] = [];
      let written = 0;
      for (const message of messages) {
        message.attempts += 1;
        try {
          const { kind, clientId } = message.payload;
          if (!isExportKind(kind) || typeof clientId !== 'string')
            throw new Error(`not an export: ${JSON.stringify({ kind, clientId })}`);
          const subject: ExportSubject = {
            eventId: message.id,
            attempt: 1,
            kind,
            occurredAt: message.createdAt,
            clientId,
            requestId: message.requestId ?? null,
          };
          const fileName = exportFileName(kind, message.id, 1);
          // The file first, then the rows in this transaction: a crash in between writes the same file again.
          await gateway.deliver(fileName, renderExportXml(await assembleExport(em, subject, company)));
          const existing = await em.findOne(BackofficeExportSchema, { id: message.id });
          if (!existing)
            em.create(BackofficeExportSchema, {
              id: message.id,
              kind,
              requestId: subject.requestId,
              clientId,
              occurredAt: subject.occurredAt,
              attempt: 1,
              status: 'sent',
              fileName,
              sentAt: now,
              acknowledgedAt: null,
              backofficeRef: null,
              error: null,
              stuckAlertedAt: null,
              updatedAt: now,
            });
          message.status = 'dispatched';
          message.dispatchedAt = now;
          message.lastError = null;
          journal.push({
            action: 'backoffice.exported',
            actorId: null,
            requestId: subject.requestId,
            at: now,
            data: { exportId: message.id, kind, attempt: 1, file: fileName, gateway: gateway.name },
          });
          written += 1;
        } catch (error) {
          // One export that cannot be written (a full disk, a vanished row) waits and never blocks the rest.
          message.lastError = describeError(error).slice(0, 1000);
          if (message.attempts >= MAX_EXPORT_TRIES) message.status = 'failed';
          else message.availableAt = new Date(now.getTime() + RETRY_DELAY_MS * message.attempts);
          this.deps.logger.error(
            { outboxId: message.id, attempts: message.attempts, err: message.lastError },
            'backoffice: export failed',
          );
        }
      }
      await em.flush();
      await appendJournal(em, journal);
      return written;
    });
  }

  /** Reads the back office's answers; a bad file is set aside with its reason and never stops the others. */
  async readInbox(): Promise<InboxOutcome[]> {
    const outcomes: InboxOutcome[] = [];
    for (const item of await this.deps.gateway.inbox()) {
      try {
        outcomes.push(await this.handle(item));
      } catch (error) {
        // A database hiccup: the file stays where it is and is read again on the next round.
        this.deps.logger.error({ file: item.name, err: describeError(error) }, 'backoffice: answer not read');
      }
    }
    return outcomes;
  }

  private async handle(item: InboxItem): Promise<InboxOutcome> {
    const reading =
      item.text === null
        ? { ok: false as const, reason: 'too large to be an answer' }
        : readAcknowledgement(item.text);
    if (!reading.ok) return this.rejectFile(item, reading.reason, null);
    const verdict = await this.deps.orm.em
      .fork()
      .transactional((em) => this.apply(em, item.name, reading.ack));
    if (verdict.outcome === 'rejected') return this.rejectFile(item, verdict.reason, reading.ack.eventId);
    await item.done();
    return { file: item.name, outcome: verdict.outcome };
  }

  private async rejectFile(item: InboxItem, reason: string, exportId: string | null): Promise<InboxOutcome> {
    await item.reject(reason);
    await this.deps.orm.em.fork().transactional((em) =>
      appendJournal(em, [
        {
          action: 'backoffice.answer_rejected',
          actorId: null,
          at: this.deps.now(),
          data: { file: item.name, reason, exportId },
        },
      ]),
    );
    this.deps.logger.warn({ file: item.name, reason }, 'backoffice: answer set aside');
    return { file: item.name, outcome: 'rejected', reason };
  }

  private async apply(
    em: Em,
    file: string,
    ack: Acknowledgement,
  ): Promise<{ outcome: 'applied' | 'duplicate' } | { outcome: 'rejected'; reason: string }> {
    const row = await em.findOne(
      BackofficeExportSchema,
      { id: ack.eventId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!row) return { outcome: 'rejected', reason: `no export with eventId ${ack.eventId}` };
    if (ack.attempt !== row.attempt)
      return {
        outcome: 'rejected',
        reason:
          ack.attempt < row.attempt
            ? `answers attempt ${String(ack.attempt)}, which attempt ${String(row.attempt)} replaced`
            : `answers attempt ${String(ack.attempt)}, but only ${String(row.attempt)} was sent`,
      };
    const answered = ack.status === 'accepted' ? 'acknowledged' : 'error';
    if (row.status !== 'sent') {
      // The same answer again changes nothing; a different answer to an answered export is a conflict.
      const same =
        row.status === answered &&
        (answered === 'acknowledged' ? row.backofficeRef === ack.backofficeRef : row.error === ack.message);
      return same
        ? { outcome: 'duplicate' }
        : {
            outcome: 'rejected',
            reason: `the export was already answered (${row.status}); this answer differs`,
          };
    }
    const now = this.deps.now();
    row.status = answered;
    row.updatedAt = now;
    if (answered === 'acknowledged') {
      row.acknowledgedAt = now;
      row.backofficeRef = ack.backofficeRef;
      row.error = null;
    } else {
      row.error = ack.message;
    }
    await em.flush();
    await appendJournal(em, [
      {
        action: answered === 'acknowledged' ? 'backoffice.acknowledged' : 'backoffice.refused',
        actorId: null,
        requestId: row.requestId ?? null,
        at: now,
        data: {
          exportId: row.id,
          kind: row.kind,
          attempt: row.attempt,
          file,
          backofficeRef: ack.backofficeRef,
        },
      },
    ]);
    // A refusal needs a person: the back office is told like a stuck export.
    if (answered === 'error') this.alert(em, row, 'refused', now);
    return { outcome: 'applied' };
  }

  /** Exports sent longer ago than the timeout without an answer: one alert each to the back office. */
  async checkStuck(): Promise<number> {
    const now = this.deps.now();
    const before = this.overdueBefore();
    return this.deps.orm.em.fork().transactional(async (em) => {
      const stuck = await em.find(
        BackofficeExportSchema,
        { status: 'sent', sentAt: { $lt: before }, stuckAlertedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { sentAt: 'asc' }, limit: 100 },
      );
      const journal: JournalRecord[] = [];
      for (const row of stuck) {
        row.stuckAlertedAt = now;
        row.updatedAt = now;
        this.alert(em, row, 'unanswered', now);
        journal.push({
          action: 'backoffice.export_stuck',
          actorId: null,
          requestId: row.requestId ?? null,
          at: now,
          data: { exportId: row.id, kind: row.kind, attempt: row.attempt, sentAt: row.sentAt.toISOString() },
        });
      }
      await em.flush();
      await appendJournal(em, journal);
      return stuck.length;
    });
  }

  private alert(em: Em, row: BackofficeExport, reason: 'unanswered' | 'refused', now: Date): void {
    enqueueOutbox(
      em,
      [
        {
          topic: BACKOFFICE_EXPORT_STUCK_TOPIC,
          requestId: row.requestId ?? null,
          payload: { exportId: row.id, kind: row.kind, attempt: row.attempt, reason },
        },
      ],
      now,
    );
  }

  /**
   * Exports again, as the next attempt, one the back office refused or left unanswered — after the data was fixed.
   * Two people pressing it at once make one new attempt: the row is locked and its attempt checked.
   */
  async reExport(exportId: string, actorId: string, expectedAttempt?: number): Promise<ExportView> {
    const { gateway, company } = this.deps;
    return this.deps.orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(
        BackofficeExportSchema,
        { id: exportId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!row) throw notFound('export');
      if (expectedAttempt !== undefined && row.attempt !== expectedAttempt)
        throw new DomainError('conflict', `attempt ${String(row.attempt)} was already made; reload`);
      const stuck = row.status === 'sent' && row.stuckAlertedAt !== null && row.stuckAlertedAt !== undefined;
      if (row.status !== 'error' && !stuck)
        throw new DomainError(
          'invalid_transition',
          row.status === 'acknowledged'
            ? 'the back office has acknowledged this export'
            : 'this export still waits for its answer; it can be sent again once refused or overdue',
        );
      const now = this.deps.now();
      const attempt = row.attempt + 1;
      const fileName = exportFileName(row.kind, row.id, attempt);
      const document = await assembleExport(
        em,
        {
          eventId: row.id,
          attempt,
          kind: row.kind,
          occurredAt: row.occurredAt,
          clientId: row.clientId,
          requestId: row.requestId ?? null,
        },
        company,
      );
      await gateway.deliver(fileName, renderExportXml(document));
      const previous = row.status;
      Object.assign(row, {
        attempt,
        fileName,
        status: 'sent',
        sentAt: now,
        error: null,
        acknowledgedAt: null,
        stuckAlertedAt: null,
        updatedAt: now,
      });
      await em.flush();
      await appendJournal(em, [
        {
          action: 'backoffice.reexported',
          actorId,
          requestId: row.requestId ?? null,
          at: now,
          data: { exportId: row.id, kind: row.kind, attempt, file: fileName, previous },
        },
      ]);
      const [view] = await this.views(em, [row]);
      if (!view) throw new Error('an export without its view');
      return view;
    });
  }

  /** The exports, newest first, with the request's number and the client's name. */
  async list(
    filter: ExportFilter,
  ): Promise<{ items: ExportView[]; total: number; page: number; pageSize: number }> {
    const em = this.deps.orm.em.fork();
    const overdueBefore = this.overdueBefore();
    const where: Record<string, unknown> = {};
    if (filter.requestId) where['requestId'] = filter.requestId;
    if (filter.status === 'overdue') Object.assign(where, { status: 'sent', sentAt: { $lt: overdueBefore } });
    else if (filter.status) where['status'] = filter.status;
    const [rows, total] = await em.findAndCount(BackofficeExportSchema, where, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return {
      items: await this.views(em, rows),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** Sent before this and still unanswered: overdue (the back office was, or is about to be, alerted). */
  private overdueBefore(): Date {
    return new Date(this.deps.now().getTime() - this.deps.ackTimeoutMinutes * 60_000);
  }

  /** Exports as people read them: the request's number and the client's name beside each, overdue worked out. */
  private async views(em: Em, rows: readonly BackofficeExport[]): Promise<ExportView[]> {
    const overdueBefore = this.overdueBefore();
    const requestIds = [...new Set(rows.map((r) => r.requestId).filter((id): id is string => !!id))];
    const clientIds = [...new Set(rows.map((r) => r.clientId))];
    const requests = requestIds.length
      ? await em.find(RequestSchema, { id: { $in: requestIds } }, { fields: ['id', 'number'] })
      : [];
    const clients = clientIds.length
      ? await em.find(ClientSchema, { id: { $in: clientIds } }, { fields: ['id', 'name'] })
      : [];
    const numbers = new Map(requests.map((r) => [r.id, r.number]));
    const names = new Map(clients.map((c) => [c.id, c.name]));
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      requestId: row.requestId ?? null,
      requestNumber: row.requestId ? (numbers.get(row.requestId) ?? null) : null,
      clientId: row.clientId,
      clientName: names.get(row.clientId) ?? '',
      attempt: row.attempt,
      status: row.status,
      fileName: row.fileName,
      occurredAt: row.occurredAt,
      sentAt: row.sentAt,
      acknowledgedAt: row.acknowledgedAt ?? null,
      backofficeRef: row.backofficeRef ?? null,
      error: row.error ?? null,
      overdue: row.status === 'sent' && row.sentAt < overdueBefore,
    }));
  }
}
