/** The outbox topic identity writes for security events; payload `{userId, kind, journalEntryId}`. */
export const SECURITY_NOTICE_TOPIC = 'security_notice';

/**
 * The outbox topic of back-office exports (docs/0023): written in the transaction of the change it reports,
 * relayed by the exchange, never by notifications. Payload `{kind, requestId?, clientId}`.
 */
export const BACKOFFICE_EXPORT_TOPIC = 'backoffice_export';

/** An export that waits too long for the back office's answer; payload `{exportId, kind, requestId?}`. */
export const BACKOFFICE_EXPORT_STUCK_TOPIC = 'backoffice_export_stuck';

/**
 * A submitted account-opening questionnaire (issue 12): its PDF to the client managers, the applicant's
 * confirmation and the exchange file; relayed by the onboarding dispatcher, never by notifications.
 * Payload `{applicationId}` — never the answers.
 */
export const ACCOUNT_APPLICATION_TOPIC = 'account_application_submitted';
