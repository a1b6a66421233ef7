import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EXCHANGE_NAMESPACE } from './export-xml.js';

/** What the back office answered about one export file (docs/0023, `KabinetAck` in the XSD). */
export interface Acknowledgement {
  eventId: string;
  attempt: number;
  status: 'accepted' | 'error';
  /** The back office's own id of the record it made; absent on an error. */
  backofficeRef: string | null;
  /** Why it refused the export (required with `error`), or a note. */
  message: string | null;
}

export type AcknowledgementReading = { ok: true; ack: Acknowledgement } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Larger than any acknowledgement can be: a bigger file is refused unread. */
export const MAX_ACKNOWLEDGEMENT_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

const refuse = (reason: string): AcknowledgementReading => ({ ok: false, reason });

/**
 * Reads an acknowledgement file: well-formed XML whose root is `KabinetAck` in the exchange's namespace, with an
 * event id, an attempt, a status and, for an error, the message. Anything else is refused with a reason a person
 * can act on (it goes into the `.reason.txt` beside the rejected file). Pure: no disk, no database.
 */
export function readAcknowledgement(text: string): AcknowledgementReading {
  if (Buffer.byteLength(text, 'utf8') > MAX_ACKNOWLEDGEMENT_BYTES)
    return refuse(`larger than ${String(MAX_ACKNOWLEDGEMENT_BYTES)} bytes`);
  // No DTDs: nothing in an acknowledgement needs one, and entity definitions are how XML parsers get attacked.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return refuse('a DOCTYPE or entity declaration is not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return refuse(`not well-formed XML: ${valid.err.msg} (line ${String(valid.err.line)})`);
  const parsed = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(parsed).find((key) => key !== '?xml');
  if (rootName !== 'KabinetAck')
    return refuse(`the root element is ${rootName ?? 'missing'}, not KabinetAck`);
  const root = parsed[rootName] as Record<string, unknown> | string;
  if (typeof root !== 'object') return refuse('KabinetAck has no attributes');
  if (root['xmlns'] !== EXCHANGE_NAMESPACE)
    return refuse(`the namespace is ${String(root['xmlns'] ?? 'missing')}, not ${EXCHANGE_NAMESPACE}`);
  const eventId = root['eventId'];
  if (typeof eventId !== 'string' || !UUID.test(eventId)) return refuse('eventId is missing or not a UUID');
  const attemptText = root['attempt'];
  const attempt =
    typeof attemptText === 'string' && /^[1-9]\d{0,3}$/.test(attemptText) ? Number(attemptText) : NaN;
  if (Number.isNaN(attempt)) return refuse('attempt is missing or not a positive whole number');
  const status = root['status'];
  if (status !== 'accepted' && status !== 'error') return refuse('status must be accepted or error');
  const message =
    typeof root['Message'] === 'string' && root['Message'].trim() ? root['Message'].trim() : null;
  if (status === 'error' && !message) return refuse('an error acknowledgement must say why in <Message>');
  const ref = root['backofficeRef'];
  if (ref !== undefined && (typeof ref !== 'string' || ref.length === 0 || ref.length > 100))
    return refuse('backofficeRef must be 1 to 100 characters');
  return {
    ok: true,
    ack: {
      eventId: eventId.toLowerCase(),
      attempt,
      status,
      backofficeRef: typeof ref === 'string' ? ref : null,
      message: message ? message.slice(0, 2000) : null,
    },
  };
}
