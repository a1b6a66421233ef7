import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { APPLICANT_KINDS } from './questionnaire/questionnaire.js';

/**
 * `draft`: being filled (public, by whoever holds the resume token); `submitted`: sent with contacts confirmed,
 * numbered, waiting for a client manager; `imported`: a client was made of it (once, never twice).
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'imported'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const CONTACT_CHANNELS = ['phone', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * The confirmation of one contact: the code's HMAC bound to the application, the channel and the address (never
 * the code), its attempts and sends; `confirmedAt` once the right code was typed. A confirmation is for `address`
 * only: changing the phone in the answers makes it void.
 */
export interface ContactConfirmation {
  address: string;
  codeHash: string | null;
  sentAt: string;
  expiresAt: string;
  attempts: number;
  sends: number;
  confirmedAt: string | null;
  /** Confirmed by ESIA, not by a code (its verified contacts). */
  byEsia?: boolean;
}

/** The contracts concluded with the new client; the brokerage (or main) one is the client's contract number. */
export interface ApplicationContracts {
  main: string;
  depositary?: string | undefined;
  trust?: string | undefined;
}

/**
 * An account-opening questionnaire (issue 12). Personal data lives here and in its PDF only — never in logs,
 * queues or the journal (those carry its id and number). A draft abandoned past the retention period is deleted.
 */
export const AccountApplicationSchema = defineEntity({
  name: 'AccountApplication',
  tableName: 'account_applications',
  indexes: [{ properties: ['status', 'updatedAt'] }, { properties: ['status', 'submittedAt'] }],
  properties: {
    id: p.uuid().primary(),
    /** `A-2026-000123`, given at submission. */
    number: p.string().length(20).nullable().unique(),
    kind: p.enum(APPLICANT_KINDS),
    status: p.enum(APPLICATION_STATUSES),
    /** The answers as typed so far (a draft) or as checked and made canonical (submitted). */
    answers: p.json<Record<string, unknown>>(),
    /** SHA-256 of the secret in the resume link; the secret itself is only in the applicant's hands. */
    resumeTokenHash: p.string().length(64),
    phoneConfirmation: p.json<ContactConfirmation>().nullable(),
    emailConfirmation: p.json<ContactConfirmation>().nullable(),
    /** The ESIA person's id when the applicant came through Gosuslugi. */
    esiaOid: p.string().length(40).nullable(),
    /** The fields ESIA filled in (shown as "from Gosuslugi"). */
    prefilledFields: p.json<string[]>(),
    /** The language the applicant used (their messages and PDF). */
    locale: p.string().length(2),
    consentVersion: p.string().length(20).nullable(),
    consentedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    submittedAt: p.datetime().nullable(),
    importedAt: p.datetime().nullable(),
    importedClientId: p.uuid().nullable(),
    /** The client manager who imported it (and now owns the client). */
    importedBy: p.uuid().nullable(),
    /** The client's first user, made at import without a password: it gets one by the activation link. */
    importedUserId: p.uuid().nullable(),
    /** The contracts' numbers recorded at import. */
    contracts: p.json<ApplicationContracts>().nullable(),
    /** When the manager recorded the contracts as signed: the activation link went out then. */
    contractsSignedAt: p.datetime().nullable(),
    /** Bumped by every change: a stale save is refused with `conflict`. */
    version: p.integer().default(1),
  },
});

export type AccountApplication = InferEntity<typeof AccountApplicationSchema>;

/** The per-year sequence of application numbers. */
export const ApplicationCounterSchema = defineEntity({
  name: 'ApplicationCounter',
  tableName: 'application_counters',
  properties: {
    year: p.integer().primary().autoincrement(false),
    last: p.integer(),
  },
});
