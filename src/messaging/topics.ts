/** The outbox topic identity writes for security events; payload `{userId, kind, journalEntryId}`. */
export const SECURITY_NOTICE_TOPIC = 'security_notice';
