import { randomUUID } from 'node:crypto';
import type { CompanyRequisites } from '../config.js';
import type { Em, Orm } from '../db/orm.js';
import { AppError, DomainError, notFound } from '../errors.js';
import { maskAddress } from '../identity/challenge-rows.js';
import { throttled, type RateLimiter, type RateRule } from '../identity/rate-limit.js';
import { catalog, moscowDay } from '../i18n/index.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { ACCOUNT_APPLICATION_TOPIC } from '../messaging/topics.js';
import { fieldIssue, type FieldIssues } from '../workflow/domain/validation/issues.js';
import {
  AccountApplicationSchema,
  type AccountApplication,
  type ContactChannel,
  type ContactConfirmation,
} from './application.entity.js';
import { nextApplicationNumber } from './application-number.js';
import {
  checkCode,
  confirmedWithoutCode,
  DEFAULT_CONTACT_CODE_POLICY,
  isConfirmedFor,
  issueCode,
  sendRefusal,
  type ContactCodePolicy,
} from './contact-confirmation.js';
import { contactFields } from './questionnaire/common-fields.js';
import { consentFor, PERSONAL_DATA_CONSENT, type ConsentText } from './questionnaire/consent.js';
import {
  checkQuestionnaire,
  DEFAULT_ANSWERS,
  parseQuestionnaire,
  QUESTIONNAIRES,
  type ApplicantKind,
  type QuestionnaireCheck,
} from './questionnaire/questionnaire.js';
import { newResumeToken, resumeTokenMatches } from './resume-token.js';
import type { MappedPerson } from './esia/person-mapping.js';

/** The public endpoints' limits, per client address and per phone or e-mail (issue 12 item 6). */
export interface OnboardingLimits {
  startsPerIp: RateRule;
  savesPerIp: RateRule;
  sendsPerIp: RateRule;
  sendsPerAddress: RateRule;
  codeAttemptsPerIp: RateRule;
}

export const DEFAULT_ONBOARDING_LIMITS: OnboardingLimits = {
  startsPerIp: { limit: 20, windowSeconds: 3600 },
  savesPerIp: { limit: 600, windowSeconds: 900 },
  sendsPerIp: { limit: 10, windowSeconds: 3600 },
  sendsPerAddress: { limit: 5, windowSeconds: 3600 },
  codeAttemptsPerIp: { limit: 30, windowSeconds: 900 },
};

export interface OnboardingDeps {
  orm: Orm;
  sms: SmsProvider;
  email: EmailSender;
  /** The server's code secret (HMAC of codes). */
  secret: Buffer;
  limiter: RateLimiter;
  limits: OnboardingLimits;
  logger: Logger;
  now: () => Date;
  /** Drafts untouched this long are deleted (152-FZ minimisation). */
  draftRetentionDays: number;
  /** Named in the consent the applicant gives. */
  company: CompanyRequisites;
  codePolicy?: ContactCodePolicy;
}

/** Who holds a draft: its id and the secret of its resume link. */
export interface ApplicationAccess {
  id: string;
  token: string;
}

export interface ContactState {
  /** Where the last code went, masked; null before any. */
  sentTo: string | null;
  confirmed: boolean;
  byEsia: boolean;
  /** Seconds until another code may be sent (0: now). */
  resendAfterSeconds: number;
}

/** A questionnaire as its applicant sees it (whoever holds the resume link). */
export interface ApplicantView {
  id: string;
  kind: ApplicantKind;
  status: AccountApplication['status'];
  number: string | null;
  version: number;
  answers: Record<string, unknown>;
  check: QuestionnaireCheck;
  contacts: Record<ContactChannel, ContactState>;
  prefilledFields: string[];
  consentVersion: string;
  /** When an untouched draft is deleted. */
  deleteAfter: string | null;
  submittedAt: string | null;
}

/** At most this many answers, each text at most this long (the largest field takes 500). */
const MAX_ANSWER_LENGTH = 2000;

function keepKnown(kind: ApplicantKind, answers: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(QUESTIONNAIRES[kind].fields.map((field) => field.name));
  return Object.fromEntries(
    Object.entries(answers).filter(
      ([key, value]) =>
        known.has(key) &&
        (typeof value === 'boolean' || (typeof value === 'string' && value.length <= MAX_ANSWER_LENGTH)),
    ),
  );
}

/** The contact as the questionnaire would store it (E.164 phone, lower-case e-mail), or null when not valid. */
function contactAddress(channel: ContactChannel, answers: Record<string, unknown>): string | null {
  const parsed = contactFields[channel].schema.safeParse(answers[channel]);
  return parsed.success ? parsed.data : null;
}

/** A new draft's row: the kind's default answers, nothing confirmed, nothing sent. */
export function newDraft(input: {
  id: string;
  kind: ApplicantKind;
  locale: 'ru' | 'en';
  resumeTokenHash: string;
  now: Date;
}) {
  return {
    id: input.id,
    number: null,
    kind: input.kind,
    status: 'draft' as const,
    answers: { ...DEFAULT_ANSWERS[input.kind] },
    resumeTokenHash: input.resumeTokenHash,
    phoneConfirmation: null,
    emailConfirmation: null,
    esiaOid: null,
    prefilledFields: [] as string[],
    locale: input.locale,
    consentVersion: null,
    consentedAt: null,
    createdAt: input.now,
    updatedAt: input.now,
    submittedAt: null,
    importedAt: null,
    importedClientId: null,
    version: 1,
  };
}

/**
 * Account-opening questionnaires (issue 12): a public draft kept by a secret link, contacts confirmed by code, the
 * submission numbered, journaled and handed to the outbox (PDF, e-mails, exchange file: application-dispatch.ts).
 * Every change is a conditional UPDATE on `version`: two tabs saving at once, or a double-pressed "Send", change the
 * draft once; the other gets `conflict` (or, for a submission, the same number).
 */
export class AccountApplications {
  private readonly policy: ContactCodePolicy;

  constructor(private readonly deps: OnboardingDeps) {
    this.policy = deps.codePolicy ?? DEFAULT_CONTACT_CODE_POLICY;
  }

  get retentionDays(): number {
    return this.deps.draftRetentionDays;
  }

  /** The consent the applicant reads and gives, naming the company. */
  consent(): ConsentText {
    return consentFor(this.deps.company);
  }

  async start(
    input: { kind: ApplicantKind; locale: 'ru' | 'en' },
    ip: string | null,
  ): Promise<{ token: string; application: ApplicantView }> {
    await this.deps.limiter.enforce([
      [`onboarding:start:ip:${ip ?? 'unknown'}`, this.deps.limits.startsPerIp],
    ]);
    const now = this.deps.now();
    const { token, hash } = newResumeToken();
    const em = this.deps.orm.em.fork();
    const row = em.create(
      AccountApplicationSchema,
      newDraft({ id: randomUUID(), kind: input.kind, locale: input.locale, resumeTokenHash: hash, now }),
    );
    await em.flush();
    return { token, application: this.view(row) };
  }

  /**
   * A questionnaire started from Gosuslugi (issue 12 item 3): an individual's, filled with what ESIA gave (those
   * fields marked), the contacts ESIA verified counting as confirmed for exactly those addresses.
   */
  async startFromEsia(input: {
    locale: 'ru' | 'en';
    oid: string;
    mapped: MappedPerson;
  }): Promise<{ id: string; token: string }> {
    const now = this.deps.now();
    const { token, hash } = newResumeToken();
    const byEsia = (address: string | undefined): ContactConfirmation | null =>
      address === undefined ? null : confirmedWithoutCode(address, now, true);
    const id = randomUUID();
    await this.deps.orm.em.fork().transactional(async (em) => {
      em.create(AccountApplicationSchema, {
        ...newDraft({ id, kind: 'individual', locale: input.locale, resumeTokenHash: hash, now }),
        answers: keepKnown('individual', { ...DEFAULT_ANSWERS.individual, ...input.mapped.answers }),
        phoneConfirmation: byEsia(input.mapped.verified.phone),
        emailConfirmation: byEsia(input.mapped.verified.email),
        esiaOid: input.oid,
        prefilledFields: input.mapped.prefilled,
      });
      await em.flush();
      await appendJournal(em, [
        {
          action: 'onboarding.esia_prefilled',
          actorId: null,
          at: now,
          data: { applicationId: id, fields: input.mapped.prefilled.length },
        },
      ]);
    });
    return { id, token };
  }

  async read(access: ApplicationAccess): Promise<ApplicantView> {
    return this.view(await this.load(this.deps.orm.em.fork(), access));
  }

  /** Keeps the answers as typed (known fields only) and answers with the check of the whole questionnaire. */
  async save(
    access: ApplicationAccess,
    input: { answers: Record<string, unknown>; version: number },
    ip: string | null,
  ): Promise<ApplicantView> {
    await this.deps.limiter.enforce([[`onboarding:save:ip:${ip ?? 'unknown'}`, this.deps.limits.savesPerIp]]);
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, access);
    this.assertDraft(row);
    const answers = keepKnown(row.kind, input.answers);
    return this.update(em, row, input.version, { answers });
  }

  /** Sends a code to the phone or e-mail the answers hold now. */
  async sendCode(
    access: ApplicationAccess,
    channel: ContactChannel,
    ip: string | null,
  ): Promise<ApplicantView> {
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, access);
    this.assertDraft(row);
    const address = contactAddress(channel, row.answers);
    if (address === null)
      throw new DomainError('validation_failed', `the ${channel} is not valid`, {
        fieldIssues: { [channel]: [fieldIssue(channel === 'phone' ? 'phone_format' : 'email_format')] },
      });
    const now = this.deps.now();
    const current = this.confirmationOf(row, channel);
    const refusal = sendRefusal(current, address, now, this.policy);
    if (refusal?.reason === 'already_confirmed') return this.view(row);
    if (refusal?.reason === 'too_soon')
      throw throttled(refusal.retryAfterSeconds ?? 1, 'a code was sent a moment ago');
    if (refusal?.reason === 'too_many_sends')
      throw throttled(3600, 'too many codes for this address; check it or try again later');
    await this.deps.limiter.enforce([
      [`onboarding:send:ip:${ip ?? 'unknown'}`, this.deps.limits.sendsPerIp],
      [`onboarding:send:${channel}:${address}`, this.deps.limits.sendsPerAddress],
    ]);
    const { confirmation, code } = issueCode(
      this.deps.secret,
      row.id,
      channel,
      address,
      current,
      now,
      this.policy,
    );
    const updated = await this.update(em, row, row.version, { [`${channel}Confirmation`]: confirmation });
    await this.deliver(row, channel, address, code);
    return updated;
  }

  async confirmCode(
    access: ApplicationAccess,
    channel: ContactChannel,
    code: string,
    ip: string | null,
  ): Promise<ApplicantView> {
    await this.deps.limiter.enforce([
      [`onboarding:code:ip:${ip ?? 'unknown'}`, this.deps.limits.codeAttemptsPerIp],
    ]);
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, access);
    this.assertDraft(row);
    const current = this.confirmationOf(row, channel);
    const verdict = checkCode(this.deps.secret, row.id, channel, current, code, this.deps.now(), this.policy);
    if (verdict.confirmation !== current && verdict.confirmation !== null) {
      // The attempt is spent (or the confirmation recorded) before the answer, under the row's version.
      await this.update(em, row, row.version, { [`${channel}Confirmation`]: verdict.confirmation });
    }
    if (!verdict.ok)
      throw new AppError('code_invalid', `the ${channel} code was not accepted`, {
        details: { refusal: { reason: verdict.reason, attemptsLeft: verdict.attemptsLeft } },
      });
    return this.view(row);
  }

  /**
   * Sends the questionnaire: every answer checked, both contacts confirmed for the addresses in the answers, then a
   * number, the journal entry and the outbox row in one transaction. Sending a sent one again answers the same.
   */
  async submit(access: ApplicationAccess): Promise<ApplicantView> {
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, access);
    if (row.status !== 'draft') return this.view(row);
    const now = this.deps.now();
    const parsed = parseQuestionnaire(row.kind, row.answers, moscowDay(now));
    if (!parsed.ok)
      throw new DomainError('validation_failed', 'the questionnaire has mistakes', {
        fieldIssues: parsed.issues,
      });
    const unconfirmed: FieldIssues = {};
    for (const channel of ['phone', 'email'] as const)
      if (!isConfirmedFor(this.confirmationOf(row, channel), parsed.payload[channel]))
        unconfirmed[channel] = [fieldIssue('contact_not_confirmed')];
    if (Object.keys(unconfirmed).length > 0)
      throw new DomainError('validation_failed', 'the contacts are not confirmed', {
        fieldIssues: unconfirmed,
      });
    await em.transactional(async (tx) => {
      const number = await nextApplicationNumber(tx, now);
      const changed = await tx.nativeUpdate(
        AccountApplicationSchema,
        { id: row.id, version: row.version, status: 'draft' },
        {
          status: 'submitted',
          number,
          answers: parsed.payload,
          consentVersion: PERSONAL_DATA_CONSENT.version,
          consentedAt: now,
          submittedAt: now,
          updatedAt: now,
          version: row.version + 1,
        },
      );
      if (changed === 0) throw new DomainError('conflict', 'the questionnaire changed meanwhile');
      enqueueOutbox(tx, [{ topic: ACCOUNT_APPLICATION_TOPIC, payload: { applicationId: row.id } }], now);
      await appendJournal(tx, [
        {
          action: 'onboarding.application_submitted',
          actorId: null,
          at: now,
          data: { applicationId: row.id, number, kind: row.kind, viaEsia: row.esiaOid !== null },
        },
      ]);
    });
    return this.read(access);
  }

  /**
   * Deletes drafts nobody touched for the retention period (152-FZ: personal data kept no longer than needed), each
   * deletion journaled with the draft's id and kind only.
   */
  async purgeAbandoned(): Promise<number> {
    const now = this.deps.now();
    const before = new Date(now.getTime() - this.deps.draftRetentionDays * 86_400_000);
    return this.deps.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<{ id: string; kind: string; created_at: Date }[]>(
        `delete from account_applications where status = 'draft' and updated_at < ? returning id, kind, created_at`,
        [before],
      );
      if (rows.length > 0)
        await appendJournal(
          em,
          rows.map((r) => ({
            action: 'onboarding.draft_deleted',
            actorId: null,
            at: now,
            data: {
              applicationId: r.id,
              kind: r.kind,
              createdAt: new Date(r.created_at).toISOString(),
              retentionDays: this.deps.draftRetentionDays,
            },
          })),
        );
      return rows.length;
    });
  }

  private async load(em: Em, access: ApplicationAccess): Promise<AccountApplication> {
    const row = await em.findOne(AccountApplicationSchema, { id: access.id });
    // A wrong secret is the same answer as no such questionnaire.
    if (!row || !resumeTokenMatches(access.token, row.resumeTokenHash)) throw notFound('questionnaire');
    return row;
  }

  private assertDraft(row: AccountApplication): void {
    if (row.status !== 'draft')
      throw new DomainError('invalid_transition', 'the questionnaire has been sent and can no longer change');
  }

  private confirmationOf(row: AccountApplication, channel: ContactChannel): ContactConfirmation | null {
    return (channel === 'phone' ? row.phoneConfirmation : row.emailConfirmation) ?? null;
  }

  private async update(
    em: Em,
    row: AccountApplication,
    version: number,
    changes: Partial<Pick<AccountApplication, 'answers' | 'phoneConfirmation' | 'emailConfirmation'>>,
  ): Promise<ApplicantView> {
    const now = this.deps.now();
    const changed = await em.nativeUpdate(
      AccountApplicationSchema,
      { id: row.id, version, status: 'draft' },
      { ...changes, updatedAt: now, version: version + 1 },
    );
    if (changed === 0)
      throw new DomainError('conflict', 'the questionnaire was changed elsewhere; reload it', {
        details: { version: row.version },
      });
    Object.assign(row, changes, { updatedAt: now, version: version + 1 });
    return this.view(row);
  }

  private async deliver(
    row: AccountApplication,
    channel: ContactChannel,
    address: string,
    code: string,
  ): Promise<void> {
    const t = catalog(row.locale).onboarding;
    try {
      if (channel === 'phone') await this.deps.sms.send({ to: address, text: t.phoneCode(code) });
      else
        await this.deps.email.send({
          to: address,
          subject: t.emailCode.subject,
          text: t.emailCode.text(code),
        });
    } catch (error) {
      this.deps.logger.error(
        { err: error instanceof Error ? error.message : String(error), applicationId: row.id, channel },
        'onboarding: could not send a contact code',
      );
      throw new AppError('unavailable', 'the code could not be sent; try again later');
    }
  }

  private contactState(row: AccountApplication, channel: ContactChannel): ContactState {
    const confirmation = this.confirmationOf(row, channel);
    const address = contactAddress(channel, row.answers);
    const confirmed = isConfirmedFor(confirmation, address);
    const forThis = confirmation !== null && confirmation.address === address;
    const wait = forThis
      ? Date.parse(confirmation.sentAt) + this.policy.resendIntervalSeconds * 1000 - this.deps.now().getTime()
      : 0;
    return {
      sentTo: forThis ? maskAddress(channel === 'phone' ? 'sms' : 'email', confirmation.address) : null,
      confirmed,
      byEsia: confirmed && confirmation?.byEsia === true,
      resendAfterSeconds: confirmed ? 0 : Math.max(0, Math.ceil(wait / 1000)),
    };
  }

  private view(row: AccountApplication): ApplicantView {
    const now = this.deps.now();
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      number: row.number ?? null,
      version: row.version,
      answers: row.answers,
      check: checkQuestionnaire(row.kind, row.answers, moscowDay(now)),
      contacts: { phone: this.contactState(row, 'phone'), email: this.contactState(row, 'email') },
      prefilledFields: row.prefilledFields,
      consentVersion: row.consentVersion ?? PERSONAL_DATA_CONSENT.version,
      deleteAfter:
        row.status === 'draft'
          ? new Date(row.updatedAt.getTime() + this.deps.draftRetentionDays * 86_400_000).toISOString()
          : null,
      submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
    };
  }
}
