/** The outbox topic identity writes for security events; payload `{userId, kind, journalEntryId}`. */
export const SECURITY_NOTICE_TOPIC = 'security_notice';

/**
 * The outbox topic of back-office exports (docs/0023): written in the transaction of the change it reports,
 * relayed by the exchange, never by notifications. Payload `{kind, requestId?, clientId}`.
 */
export const BACKOFFICE_EXPORT_TOPIC = 'backoffice_export';

/** An export that waits too long for the back office's answer; payload `{exportId, kind, requestId?}`. */
export const BACKOFFICE_EXPORT_STUCK_TOPIC = 'backoffice_export_stuck';
