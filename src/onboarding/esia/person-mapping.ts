import { normalizeEmail, normalizePhone } from '../../identity/phone.js';
import { isIsoDate } from '../../workflow/domain/validation/dates.js';

/** What ESIA answers about a person (`/rs/prns/{oid}` and its `ctts`, `docs`, `addrs` collections), as read. */
export interface EsiaPerson {
  person: Record<string, unknown>;
  contacts: readonly Record<string, unknown>[];
  documents: readonly Record<string, unknown>[];
  addresses: readonly Record<string, unknown>[];
}

export interface MappedPerson {
  answers: Record<string, string | boolean>;
  /** The questionnaire's fields ESIA filled ("from Gosuslugi"). */
  prefilled: string[];
  /** The contacts ESIA marks verified: no code is needed for them. */
  verified: { phone?: string; email?: string };
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** ESIA writes dates `dd.MM.yyyy`. */
function isoFromEsia(value: unknown): string | null {
  const text = str(value);
  const match = text ? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text) : null;
  if (!match) return null;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  return isIsoDate(iso) ? iso : null;
}

function address(row: Record<string, unknown> | undefined): string | null {
  if (!row) return null;
  const full = str(row['addressStr']);
  const zip = str(row['zipCode']);
  if (full) return zip && !full.startsWith(zip) ? `${zip}, ${full}` : full;
  const parts = ['zipCode', 'region', 'city', 'street', 'house', 'building', 'flat']
    .map((key) => str(row[key]))
    .filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * ESIA's person → the individual questionnaire's answers (issue 12 item 3). Only what ESIA gives is filled, and only
 * verified contacts count as confirmed; everything stays editable (a changed value is then the person's own and a
 * changed contact needs a code).
 */
export function mapEsiaPerson(esia: EsiaPerson): MappedPerson {
  const answers: Record<string, string | boolean> = {};
  const set = (field: string, value: string | boolean | null) => {
    if (value !== null) answers[field] = value;
  };
  const p = esia.person;
  set('lastName', str(p['lastName']));
  set('firstName', str(p['firstName']));
  set('middleName', str(p['middleName']));
  set('birthDate', isoFromEsia(p['birthDate']));
  set('birthPlace', str(p['birthPlace']));
  const citizenship = str(p['citizenship']);
  if (citizenship) set('citizenship', citizenship === 'RUS' ? 'ru' : 'other');
  set('snils', str(p['snils']));
  set('inn', str(p['inn']));

  const passport = esia.documents.find((d) => d['type'] === 'RF_PASSPORT');
  if (passport) {
    set('passportSeries', str(passport['series'])?.replace(/\s/g, '') ?? null);
    set('passportNumber', str(passport['number']));
    set('documentIssueDate', isoFromEsia(passport['issueDate']));
    set('documentIssuer', str(passport['issuedBy']));
    const division = str(passport['issueId'])?.replace(/\D/g, '') ?? '';
    if (/^\d{6}$/.test(division)) set('documentDivisionCode', `${division.slice(0, 3)}-${division.slice(3)}`);
  }

  const registered = address(esia.addresses.find((a) => a['type'] === 'PRG'));
  const actual = address(esia.addresses.find((a) => a['type'] === 'PLV'));
  set('registrationAddress', registered);
  if (registered) {
    const same = actual === null || actual === registered;
    set('actualSameAsRegistration', same);
    if (!same) set('actualAddress', actual);
  }

  const verified: MappedPerson['verified'] = {};
  const contact = (type: string) =>
    esia.contacts.find((c) => c['type'] === type && c['vrfStu'] === 'VERIFIED') ??
    esia.contacts.find((c) => c['type'] === type);
  const mobile = contact('MBT');
  const phone = mobile ? normalizePhone(str(mobile['value']) ?? '') : null;
  if (phone) {
    set('phone', phone);
    if (mobile?.['vrfStu'] === 'VERIFIED') verified.phone = phone;
  }
  const mail = contact('EML');
  const email = mail ? str(mail['value']) : null;
  if (email) {
    set('email', normalizeEmail(email));
    if (mail?.['vrfStu'] === 'VERIFIED') verified.email = normalizeEmail(email);
  }
  return { answers, prefilled: Object.keys(answers), verified };
}
