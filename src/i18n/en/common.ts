import type { ErrorCode } from '../../errors.js';
import type { StaffRole } from '../../workflow/domain/roles.js';
import type { RequestStatus, TaskStatus } from '../../workflow/domain/status.js';

/*
 * The words every audience shares, once: request and task statuses, role names, and what each error code means to
 * a person. The bots, notifications, code messages and the web cabinet all read these.
 */

export const errors: Record<ErrorCode, string> = {
  validation_failed: 'Please check the data: something is filled in wrong.',
  unauthorized: 'Link Telegram to the Kabinet first.',
  forbidden: 'This is not available to you.',
  password_change_required: 'Set a new password in the web cabinet first.',
  authenticator_required: 'Set up the authenticator app in your web cabinet profile first.',
  cross_site_request: 'The request did not come from Kabinet and was refused. Open Kabinet and try again.',
  not_found: 'Not found: it may have been deleted or is not available to you.',
  invalid_transition: 'This cannot be done now: the status has already changed.',
  conflict: 'Someone changed this at the same time as you. Refresh and try again.',
  code_invalid: 'The code is wrong or no longer valid.',
  throttled: 'Too often. Please wait a little and try again.',
  unavailable: 'The service is temporarily unavailable. Please try later.',
  malformed_request: 'The request could not be read.',
  method_not_allowed: 'This is not allowed.',
  payload_too_large: 'Too much data.',
  unsupported_media_type: 'This format is not supported.',
  internal: 'Something went wrong. We are on it; please try again a bit later.',
};

export const status: Record<RequestStatus, string> = {
  draft: 'draft',
  awaiting_signature: 'awaiting signature',
  submitted: 'signed, waiting for the manager',
  in_review: 'in review',
  in_progress: 'in progress',
  returned: 'returned for changes',
  rejected: 'rejected',
  cancelled: 'cancelled',
  completed: 'completed',
};

export const taskStatus: Record<TaskStatus, string> = {
  open: 'waiting for someone',
  claimed: 'in progress',
  done: 'done',
  rejected: 'rejected',
  cancelled: 'dropped',
};

export const roles: Record<StaffRole, string> = {
  client_manager: 'Client manager',
  back_office: 'Back office',
  fin_monitoring: 'Financial monitoring',
  brokerage: 'Brokerage',
  depositary: 'Depositary',
  trust_management: 'Trust management',
  accountant: 'Accounting',
  admin: 'Administrator',
};
