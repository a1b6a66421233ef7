import type { Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';

export interface SlaOptions {
  orm: Orm;
  /** Step 1 fires at the due time; each next step this much later. */
  repeatHours: number;
  maxSteps: number;
  now?: () => Date;
}

interface OverdueRow {
  id: string;
  request_id: string;
  key: string;
  role: string;
  due_at: Date | string;
  escalations: number;
  number: string;
  type_code: string;
  client_id: string;
}

/** The escalation step a task past its due time has reached: 1 at `dueAt`, then one more per `repeatMs`. */
export function escalationStep(dueAt: Date, now: Date, repeatMs: number, maxSteps: number): number {
  if (now < dueAt) return 0;
  return Math.min(maxSteps, 1 + Math.floor((now.getTime() - dueAt.getTime()) / repeatMs));
}

/**
 * The SLA check: an open task past its due time gets a `task_overdue` notice (role chat + the client manager)
 * once per escalation step. The step is claimed with a conditional update of `tasks.escalations` in the same
 * transaction as the outbox row, so two checkers never notify the same step twice. After a long outage the
 * check jumps to the step due now instead of replaying the missed ones.
 */
export class SlaEscalator {
  private readonly now: () => Date;
  constructor(private readonly options: SlaOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async checkOnce(): Promise<number> {
    const now = this.now();
    const repeatMs = this.options.repeatHours * 3_600_000;
    const rows = await this.options.orm.em.fork().execute<OverdueRow[]>(
      `select t.id, t.request_id, t.key, t.role, t.due_at, t.escalations, r.number, r.type_code, r.client_id
         from tasks t join requests r on r.id = t.request_id
        where t.status in ('open', 'claimed') and r.status = 'in_progress'
          and t.due_at <= ? and t.escalations < ?
        order by t.due_at limit 500`,
      [now, this.options.maxSteps],
    );
    let notified = 0;
    for (const row of rows) {
      const step = escalationStep(new Date(row.due_at), now, repeatMs, this.options.maxSteps);
      if (step <= row.escalations) continue;
      const claimed = await this.options.orm.em.fork().transactional(async (em) => {
        const result = await em.execute<{ affectedRows?: number }>(
          'update tasks set escalations = ? where id = ? and escalations = ?',
          [step, row.id, row.escalations],
          'run',
        );
        if ((result.affectedRows ?? 0) !== 1) return false;
        const payload = {
          requestId: row.request_id,
          number: row.number,
          type: row.type_code,
          clientId: row.client_id,
          taskId: row.id,
          taskKey: row.key,
          role: row.role,
          step,
        };
        enqueueOutbox(em, [{ topic: 'task_overdue', requestId: row.request_id, payload }], now);
        await appendJournal(em, [
          {
            action: 'request.task_overdue',
            actorId: null,
            requestId: row.request_id,
            at: now,
            data: { number: row.number, taskKey: row.key, role: row.role, step },
          },
        ]);
        return true;
      });
      if (claimed) notified += 1;
    }
    return notified;
  }
}
