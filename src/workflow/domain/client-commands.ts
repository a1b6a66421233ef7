import { optionalText } from './arguments.js';
import type { Command } from './commands.js';
import { DomainError, validationFailed } from './errors.js';
import type { Decision, DomainEvent, Effect } from './events.js';
import { checkRequestCommand } from './guards.js';
import { closeUnfinishedTasks } from './process-plan.js';
import type { Actor } from './roles.js';
import type { RequestState } from './state.js';
import type { RequestStatus } from './status.js';

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

/** Edits the payload. Outside a draft it first moves the request back to draft: a pending signature is void. */
export function updateDraft(
  state: RequestState,
  command: CommandOf<'updateDraft'>,
  actor: Actor,
): Decision | DomainError {
  const refused = checkRequestCommand('updateDraft', state, actor);
  if (refused) return refused;
  if (typeof command.payloadHash !== 'string' || command.payloadHash === '') {
    return validationFailed('the payload hash is missing', { payloadHash: ['required'] });
  }
  const events: DomainEvent[] = [];
  if (state.status !== 'draft') events.push({ type: 'status_changed', from: state.status, to: 'draft' });
  events.push({ type: 'draft_updated', payload: command.payload, payloadHash: command.payloadHash });
  return { events, effects: [] };
}

/** The service deletes the row on `draft_deleted`; nothing was sent to anyone, so nobody is told. */
export function deleteDraft(state: RequestState, actor: Actor): Decision | DomainError {
  const refused = checkRequestCommand('deleteDraft', state, actor);
  if (refused) return refused;
  return { events: [{ type: 'draft_deleted' }], effects: [] };
}

/** Asks for the client's signature: the SMS code will be bound to the current payload hash. */
export function submit(state: RequestState, actor: Actor): Decision | DomainError {
  const refused = checkRequestCommand('submit', state, actor);
  if (refused) return refused;
  return {
    events: [
      { type: 'status_changed', from: state.status, to: 'awaiting_signature' },
      { type: 'signature_requested', payloadHash: state.payloadHash },
    ],
    effects: [{ type: 'signature_required', payloadHash: state.payloadHash }],
  };
}

export function confirmSignature(
  state: RequestState,
  command: CommandOf<'confirmSignature'>,
  actor: Actor,
): Decision | DomainError {
  const refused = checkRequestCommand('confirmSignature', state, actor);
  if (refused) return refused;
  if (command.payloadHash !== state.payloadHash) {
    return new DomainError('conflict', 'the request changed after the code was sent', {
      details: { signedHash: command.payloadHash, currentHash: state.payloadHash },
    });
  }
  return {
    events: [
      { type: 'signed', payloadHash: state.payloadHash },
      { type: 'status_changed', from: state.status, to: 'submitted' },
    ],
    effects: [{ type: 'request_submitted' }],
  };
}

/**
 * Staff learn of a cancel only if they could have seen the request: from `submitted` on. A draft or a request
 * awaiting its signature was never sent, so its cancel notifies nobody (that includes a returned request the
 * client already edited back into a draft).
 */
const CANCEL_NOTIFIES: readonly RequestStatus[] = ['submitted', 'in_review', 'returned'];

export function cancel(
  state: RequestState,
  command: CommandOf<'cancel'>,
  actor: Actor,
): Decision | DomainError {
  const refused = checkRequestCommand('cancel', state, actor);
  if (refused) return refused;
  const reason = optionalText(command.reason);
  const effects: Effect[] = CANCEL_NOTIFIES.includes(state.status) ? [{ type: 'request_cancelled' }] : [];
  return {
    events: [
      ...closeUnfinishedTasks(state),
      reason === undefined
        ? { type: 'status_changed', from: state.status, to: 'cancelled' }
        : { type: 'status_changed', from: state.status, to: 'cancelled', reason },
    ],
    effects,
  };
}
