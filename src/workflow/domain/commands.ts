import type { ChecklistInput, Payload } from './definition.js';

/**
 * Commands on an existing request. Creation is `createRequest` (see create.ts), not a command on a state.
 * `payloadHash` values are computed by the caller (hashing is I/O-free but lives outside the pure core).
 */
export type Command =
  | { type: 'updateDraft'; payload: Payload; payloadHash: string }
  | { type: 'deleteDraft' }
  | { type: 'submit' }
  | { type: 'confirmSignature'; payloadHash: string }
  | { type: 'cancel'; reason?: string }
  | { type: 'take' }
  | { type: 'accept'; checklist: ChecklistInput }
  | { type: 'returnForRework'; reason: string }
  | { type: 'reject'; reason: string }
  | { type: 'claimTask'; taskKey: string }
  | { type: 'completeTask'; taskKey: string; checklist: ChecklistInput; comment?: string }
  | { type: 'rejectTask'; taskKey: string; reason: string }
  | { type: 'reopenTask'; taskKey: string };

export type CommandType = Command['type'];

export const COMMAND_TYPES: readonly CommandType[] = [
  'updateDraft',
  'deleteDraft',
  'submit',
  'confirmSignature',
  'cancel',
  'take',
  'accept',
  'returnForRework',
  'reject',
  'claimTask',
  'completeTask',
  'rejectTask',
  'reopenTask',
];
