import type { Payload, RequestTypeCode } from './definition.js';
import type { TaskRole } from './roles.js';
import type { RequestStatus, TaskStatus } from './status.js';

export interface TaskApproval {
  userId: string;
  at: string; // ISO timestamp
}

/** A task as the pure core sees it. `key` is unique within its request (stage key + task key). */
export interface TaskState {
  key: string;
  stageIndex: number;
  role: TaskRole;
  status: TaskStatus;
  approvalsRequired: number;
  approvals: readonly TaskApproval[];
  assigneeId: string | null;
  dueAt: string; // ISO timestamp
  /** Set by a reject: who refused it and why. */
  rejectedBy: string | null;
  rejectReason: string | null;
}

/** A request as the pure core sees it: plain data, no ORM entities. */
export interface RequestState {
  id: string;
  typeCode: RequestTypeCode;
  typeVersion: number;
  clientId: string;
  createdBy: string;
  status: RequestStatus;
  payload: Payload;
  /** SHA-256 (hex) of the canonical payload together with the request id; what a signature binds to. */
  payloadHash: string;
  /** The client manager who took the request for review. */
  reviewerId: string | null;
  /** The stage in work (0-based) while `in_progress`, else the last one reached, or null before acceptance. */
  stageIndex: number | null;
  tasks: readonly TaskState[];
}
