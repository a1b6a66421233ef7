import type { ChecklistInput, Payload } from './definition.js';
import type { TaskRole } from './roles.js';
import type { RequestStatus } from './status.js';

/** What happened; the service journals every event and applies it to the stored state with `evolve`. */
export type DomainEvent =
  | { type: 'draft_updated'; payload: Payload; payloadHash: string }
  | { type: 'draft_deleted' }
  | { type: 'status_changed'; from: RequestStatus; to: RequestStatus; reason?: string }
  | { type: 'signature_requested'; payloadHash: string }
  | { type: 'signed'; payloadHash: string }
  | { type: 'review_taken'; reviewerId: string }
  | { type: 'accepted'; checklist: ChecklistInput }
  | { type: 'stage_started'; stageIndex: number }
  | {
      type: 'task_created';
      taskKey: string;
      stageIndex: number;
      role: TaskRole;
      approvalsRequired: number;
      dueAt: string;
    }
  | { type: 'task_claimed'; taskKey: string; userId: string }
  | {
      type: 'task_approved';
      taskKey: string;
      userId: string;
      at: string;
      checklist: ChecklistInput;
      comment?: string;
    }
  | { type: 'task_completed'; taskKey: string }
  | { type: 'task_rejected'; taskKey: string; userId: string; reason: string }
  /** `dueAt`: a reopened task gets a fresh SLA from the moment it is reopened. */
  | { type: 'task_reopened'; taskKey: string; dueAt: string }
  | { type: 'task_cancelled'; taskKey: string }
  | { type: 'stage_completed'; stageIndex: number };

export type DomainEventType = DomainEvent['type'];

/**
 * What the outside world must do because of a decision. The service turns these into outbox rows in the
 * same transaction; the notify work delivers them. They carry ids, never personal data.
 */
export type Effect =
  | { type: 'signature_required'; payloadHash: string }
  | { type: 'request_submitted' }
  | { type: 'task_created'; taskKey: string; role: TaskRole }
  | { type: 'task_rejected'; taskKey: string; reason: string }
  | { type: 'request_returned'; reason: string }
  | { type: 'request_rejected'; reason: string }
  | { type: 'request_cancelled' }
  | { type: 'request_completed' };

export interface Decision {
  events: DomainEvent[];
  effects: Effect[];
}
