import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ClientSchema } from '../clients/client.entity.js';
import type { CompanyRequisites } from '../config.js';
import type { Em, Orm } from '../db/orm.js';
import { likeEscaped } from '../db/like.js';
import { DomainError, notFound } from '../errors.js';
import type { AccountActivation } from '../identity/activation.js';
import { UserSchema } from '../identity/user.entity.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { BACKOFFICE_EXPORT_TOPIC } from '../messaging/topics.js';
import type { Page } from '../workflow/page.js';
import {
  applicantAddress,
  applicantDocument,
  applicantInn,
  applicantName,
  firstUserName,
} from './applicant.js';
import { renderQuestionnairePdf } from './application-pdf.js';
import {
  AccountApplicationSchema,
  type AccountApplication,
  type ApplicationContracts,
} from './application.entity.js';
import { PERSONAL_DATA_CONSENT } from './questionnaire/consent.js';
import { individualInnSchema, legalEntityInnSchema } from '../workflow/domain/validation/inn.js';
import { fieldIssue } from '../workflow/domain/validation/issues.js';
import type { ApplicantKind } from './questionnaire/questionnaire.js';

/** Why a questionnaire looks like someone already known. */
export interface DuplicateFlag {
  reason: 'inn' | 'document' | 'phone';
  /** An existing client, or another questionnaire. */
  with: 'client' | 'application';
  /** The client's name and contract, or the other questionnaire's number. */
  ref: string;
}

export interface DeskItem {
  id: string;
  number: string;
  kind: ApplicantKind;
  status: 'submitted' | 'imported';
  name: string;
  inn: string | null;
  submittedAt: string;
  importedAt: string | null;
  contractsSignedAt: string | null;
  duplicates: DuplicateFlag[];
}

export interface DeskView extends DeskItem {
  answers: Record<string, unknown>;
  prefilledFields: string[];
  contactsConfirmedBy: 'code' | 'esia';
  consentVersion: string;
  contracts: ApplicationContracts | null;
  clientId: string | null;
  /** The new client's user has set a password (activation done). */
  activated: boolean;
}

export interface DeskFilter {
  q?: string | undefined;
  kind?: ApplicantKind | undefined;
  status?: 'submitted' | 'imported' | undefined;
  /** Submitted on or after this day (Moscow), YYYY-MM-DD. */
  from?: string | undefined;
  /** Submitted on or before this day (Moscow), YYYY-MM-DD. */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface ImportInput {
  contracts: ApplicationContracts;
  /** The INN when the questionnaire has none (an individual may not know it). */
  inn?: string | undefined;
}

export interface DeskDeps {
  orm: Orm;
  activation: AccountActivation;
  company: CompanyRequisites;
  now: () => Date;
  /** `own`: only the manager who imported a client records its contracts; `all`: any client manager. */
  clientManagerScope: 'own' | 'all';
}

interface Row {
  id: string;
  number: string;
  kind: ApplicantKind;
  status: 'submitted' | 'imported';
  answers: Record<string, unknown>;
  submitted_at: Date | string;
  imported_at: Date | string | null;
  contracts_signed_at: Date | string | null;
  imported_client_id: string | null;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** The day's start in Moscow (UTC+3, no daylight saving since 2014). */
const moscowDayStart = (day: string): Date => new Date(`${day}T00:00:00+03:00`);

/**
 * The client managers' side of account opening (issue 12 item 5): submitted questionnaires with search, filters and
 * likely duplicates; one with its PDF; the import that makes a client and its first user (once: a conditional UPDATE
 * on the status); the contracts recorded as signed, which sends the new user the activation link.
 */
export class ApplicationDesk {
  constructor(private readonly deps: DeskDeps) {}

  /** `viewer`: the calling client manager — an imported questionnaire is its client's, seen by its manager only. */
  async list(filter: DeskFilter, viewer: string): Promise<Page<DeskItem>> {
    const where: string[] = [`status <> 'draft'`];
    const params: unknown[] = [];
    if (this.deps.clientManagerScope === 'own') {
      where.push(
        `(status = 'submitted' or exists (select 1 from clients c where c.id = imported_client_id and c.manager_id = ?))`,
      );
      params.push(viewer);
    }
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.from) {
      where.push('submitted_at >= ?');
      params.push(moscowDayStart(filter.from));
    }
    if (filter.to) {
      where.push('submitted_at < ?');
      params.push(new Date(moscowDayStart(filter.to).getTime() + 86_400_000));
    }
    const q = filter.q?.trim();
    if (q) {
      const like = `%${likeEscaped(q)}%`;
      where.push(
        `(number ilike ? or answers->>'inn' = ? or answers->>'companyInn' = ? or answers->>'phone' like ? or
          concat_ws(' ', answers->>'lastName', answers->>'firstName', answers->>'middleName',
                    answers->>'companyName', answers->>'companyShortName') ilike ?)`,
      );
      params.push(like, q, q, like, like);
    }
    const em = this.deps.orm.em.fork();
    const clause = where.join(' and ');
    const [countRows, rows] = await Promise.all([
      em.execute<{ n: string }[]>(`select count(*) as n from account_applications where ${clause}`, params),
      em.execute<Row[]>(
        `select id, number, kind, status, answers, submitted_at, imported_at, contracts_signed_at, imported_client_id
         from account_applications where ${clause}
         order by submitted_at desc, id limit ? offset ?`,
        [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ),
    ]);
    const duplicates = await this.duplicatesOf(em, rows);
    return {
      items: rows.map((row) => this.item(row, duplicates.get(row.id) ?? [])),
      page: filter.page,
      pageSize: filter.pageSize,
      total: Number(countRows[0]?.n ?? 0),
    };
  }

  async get(id: string, viewer: string): Promise<DeskView> {
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, id, viewer);
    const flags = await this.duplicatesOf(em, [this.asRow(row)]);
    const user = row.importedUserId ? await em.findOne(UserSchema, { id: row.importedUserId }) : null;
    return {
      ...this.item(this.asRow(row), flags.get(row.id) ?? []),
      answers: row.answers,
      prefilledFields: row.prefilledFields,
      contactsConfirmedBy: row.esiaOid ? 'esia' : 'code',
      consentVersion: row.consentVersion ?? PERSONAL_DATA_CONSENT.version,
      contracts: row.contracts ?? null,
      clientId: row.importedClientId ?? null,
      activated: Boolean(user?.passwordHash),
    };
  }

  async pdf(id: string, viewer: string): Promise<{ number: string; pdf: Buffer }> {
    const row = await this.load(this.deps.orm.em.fork(), id, viewer);
    const number = row.number ?? '';
    const pdf = await renderQuestionnairePdf({
      locale: 'ru',
      company: this.deps.company,
      kind: row.kind,
      number,
      answers: row.answers,
      submittedAt: row.submittedAt ?? row.createdAt,
      contactsByEsia: row.esiaOid !== null,
      prefilledFields: row.prefilledFields,
      consentVersion: row.consentVersion ?? PERSONAL_DATA_CONSENT.version,
    });
    return { number, pdf };
  }

  /**
   * Makes the client (owned by the importing manager) and its first user — without a password: access comes with
   * the contracts — and marks the questionnaire imported, all in one transaction. Importing twice is refused.
   */
  async import(id: string, input: ImportInput, managerId: string): Promise<DeskView> {
    const now = this.deps.now();
    const em0 = this.deps.orm.em.fork();
    const row = await this.load(em0, id);
    if (row.status !== 'submitted')
      throw new DomainError('invalid_transition', 'this questionnaire has already been imported');
    const inn = this.innFor(row, input.inn);
    const answers = row.answers;
    const email = typeof answers['email'] === 'string' ? answers['email'] : '';
    const phone = typeof answers['phone'] === 'string' ? answers['phone'] : null;
    const clientId = randomUUID();
    const userId = randomUUID();
    try {
      await this.deps.orm.em.fork().transactional(async (em) => {
        const changed = await em.nativeUpdate(
          AccountApplicationSchema,
          { id, status: 'submitted', version: row.version },
          {
            status: 'imported',
            importedAt: now,
            importedBy: managerId,
            importedClientId: clientId,
            importedUserId: userId,
            contracts: input.contracts,
            updatedAt: now,
            version: row.version + 1,
          },
        );
        if (changed === 0)
          throw new DomainError('invalid_transition', 'this questionnaire has just been imported');
        em.create(ClientSchema, {
          id: clientId,
          kind: row.kind,
          name: applicantName(row.kind, answers),
          inn,
          ogrn:
            row.kind === 'legal_entity'
              ? String(answers['companyOgrn'] ?? '') || null
              : row.kind === 'sole_proprietor'
                ? String(answers['ogrnip'] ?? '') || null
                : null,
          kpp: row.kind === 'legal_entity' ? String(answers['companyKpp'] ?? '') || null : null,
          contractNumber: input.contracts.main,
          email,
          phone,
          address: applicantAddress(row.kind, answers),
          managerId,
        });
        await em.flush();
        em.create(UserSchema, {
          id: userId,
          kind: 'client',
          email,
          phone,
          fullName: firstUserName(row.kind, answers),
          passwordHash: null,
          passwordExpiresAt: null,
          roles: ['client'],
          clientId,
          locale: row.locale === 'en' ? 'en' : 'ru',
        });
        await em.flush();
        await appendJournal(em, [
          {
            action: 'onboarding.application_imported',
            actorId: managerId,
            subjectUserId: userId,
            at: now,
            data: { applicationId: id, number: row.number, clientId, kind: row.kind },
          },
        ]);
        enqueueOutbox(
          em,
          [{ topic: BACKOFFICE_EXPORT_TOPIC, payload: { kind: 'client_created', clientId } }],
          now,
        );
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError(
          'conflict',
          'a client with this INN or contract number, or a user with this e-mail, already exists',
        );
      throw error;
    }
    return this.get(id, managerId);
  }

  /**
   * The contracts are signed: recorded once (journaled), and the new user gets the activation link by e-mail and
   * SMS. Asked again while the user has no password yet, a fresh link goes (the old one stops working).
   */
  async sendActivation(id: string, managerId: string): Promise<DeskView & { sent: number }> {
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    const row = await this.load(em, id);
    if (row.status !== 'imported' || !row.importedUserId)
      throw new DomainError('invalid_transition', 'import the questionnaire first');
    // The client's manager now (an administrator may have reassigned it since the import).
    if (!(await this.managesImportedClient(em, row, managerId)))
      throw new DomainError('forbidden', 'the client belongs to another manager');
    const user = await em.findOneOrFail(UserSchema, { id: row.importedUserId });
    if (user.passwordHash)
      throw new DomainError('invalid_transition', 'the client has already set a password and signs in');
    const token = await em.transactional(async (tx) => {
      if (row.contractsSignedAt === null) {
        const changed = await tx.nativeUpdate(
          AccountApplicationSchema,
          { id, contractsSignedAt: null },
          { contractsSignedAt: now, updatedAt: now, version: row.version + 1 },
        );
        if (changed > 0)
          await appendJournal(tx, [
            {
              action: 'onboarding.contracts_signed',
              actorId: managerId,
              subjectUserId: user.id,
              at: now,
              data: { applicationId: id, number: row.number, clientId: row.importedClientId },
            },
          ]);
      }
      const issued = await this.deps.activation.issue(tx, user.id);
      await appendJournal(tx, [
        { action: 'identity.activation_sent', actorId: managerId, subjectUserId: user.id, at: now },
      ]);
      return issued;
    });
    const sent = await this.deps.activation.deliver(user, token);
    return { ...(await this.get(id, managerId)), sent };
  }

  private innFor(row: AccountApplication, given: string | undefined): string {
    const inn = given?.trim() || applicantInn(row.kind, row.answers);
    const schema = row.kind === 'legal_entity' ? legalEntityInnSchema : individualInnSchema;
    const parsed = inn ? schema.safeParse(inn) : null;
    if (parsed?.success) return parsed.data;
    const code = !inn
      ? 'required'
      : parsed?.error.issues[0]?.message === 'inn_checksum'
        ? 'inn_checksum'
        : 'inn_format';
    throw new DomainError('validation_failed', 'the client needs a valid INN', {
      fieldIssues: { inn: [fieldIssue(code)] },
    });
  }

  /**
   * A sent questionnaire. Drafts are the applicant's alone: the desk never sees one. Given a `viewer`, an imported one
   * is its client's and reaches only the client's manager (CLIENT_MANAGER_SCOPE=own): the same 404 as none.
   */
  private async load(em: Em, id: string, viewer?: string): Promise<AccountApplication> {
    const row = await em.findOne(AccountApplicationSchema, { id });
    if (!row || row.status === 'draft' || row.number === null) throw notFound('questionnaire');
    if (viewer !== undefined && !(await this.managesImportedClient(em, row, viewer)))
      throw notFound('questionnaire');
    return row;
  }

  /** True unless the questionnaire became a client some other manager owns (scope `own`). */
  private async managesImportedClient(em: Em, row: AccountApplication, managerId: string): Promise<boolean> {
    if (this.deps.clientManagerScope === 'all' || !row.importedClientId) return true;
    const client = await em.findOne(ClientSchema, { id: row.importedClientId }, { fields: ['managerId'] });
    return client?.managerId === managerId;
  }

  private asRow(row: AccountApplication): Row {
    return {
      id: row.id,
      number: row.number ?? '',
      kind: row.kind,
      status: row.status === 'imported' ? 'imported' : 'submitted',
      answers: row.answers,
      submitted_at: row.submittedAt ?? row.createdAt,
      imported_at: row.importedAt ?? null,
      contracts_signed_at: row.contractsSignedAt ?? null,
      imported_client_id: row.importedClientId ?? null,
    };
  }

  private item(row: Row, duplicates: DuplicateFlag[]): DeskItem {
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      status: row.status,
      name: applicantName(row.kind, row.answers),
      inn: applicantInn(row.kind, row.answers),
      submittedAt: iso(row.submitted_at) ?? '',
      importedAt: iso(row.imported_at),
      contractsSignedAt: iso(row.contracts_signed_at),
      duplicates,
    };
  }

  /**
   * Likely duplicates of the given questionnaires, in three queries whatever their number: the same INN or phone as
   * an existing client (or its user), the same INN, identity document or phone as another sent questionnaire.
   */
  private async duplicatesOf(em: Em, rows: readonly Row[]): Promise<Map<string, DuplicateFlag[]>> {
    const flags = new Map<string, DuplicateFlag[]>();
    if (rows.length === 0) return flags;
    const keyed = rows.map((row) => ({
      id: row.id,
      inn: applicantInn(row.kind, row.answers),
      clientId: row.imported_client_id,
      document: applicantDocument(row.answers),
      phone: typeof row.answers['phone'] === 'string' ? row.answers['phone'] : null,
    }));
    const inns = [...new Set(keyed.map((k) => k.inn).filter((v): v is string => v !== null))];
    const phones = [...new Set(keyed.map((k) => k.phone).filter((v): v is string => v !== null))];
    const documents = [...new Set(keyed.map((k) => k.document).filter((v): v is string => v !== null))];
    const [clients, users, others] = await Promise.all([
      inns.length + phones.length === 0
        ? []
        : em.execute<
            { id: string; name: string; contract_number: string; inn: string; phone: string | null }[]
          >(
            `select id, name, contract_number, inn, phone from clients
             where inn in (${placeholders(Math.max(inns.length, 1))}) or phone in (${placeholders(Math.max(phones.length, 1))})`,
            [...(inns.length ? inns : ['']), ...(phones.length ? phones : [''])],
          ),
      phones.length === 0
        ? []
        : em.execute<{ client_id: string; phone: string; name: string; contract_number: string }[]>(
            `select u.client_id, u.phone, c.name, c.contract_number from users u join clients c on c.id = u.client_id
             where u.kind = 'client' and u.phone in (${placeholders(phones.length)})`,
            phones,
          ),
      em.execute<
        { id: string; number: string; inn: string | null; phone: string | null; document: string | null }[]
      >(
        `select id, number, coalesce(answers->>'inn', answers->>'companyInn') as inn, answers->>'phone' as phone,
                coalesce((answers->>'passportSeries') || (answers->>'passportNumber'), answers->>'foreignDocumentNumber')
                  as document
         from account_applications
         where status <> 'draft' and (
           coalesce(answers->>'inn', answers->>'companyInn') in (${placeholders(Math.max(inns.length, 1))})
           or answers->>'phone' in (${placeholders(Math.max(phones.length, 1))})
           or coalesce((answers->>'passportSeries') || (answers->>'passportNumber'), answers->>'foreignDocumentNumber')
              in (${placeholders(Math.max(documents.length, 1))}))`,
        [
          ...(inns.length ? inns : ['']),
          ...(phones.length ? phones : ['']),
          ...(documents.length ? documents : ['']),
        ],
      ),
    ]);
    for (const k of keyed) {
      const found: DuplicateFlag[] = [];
      const add = (flag: DuplicateFlag) => {
        if (!found.some((f) => f.reason === flag.reason && f.with === flag.with && f.ref === flag.ref))
          found.push(flag);
      };
      // The client made of this very questionnaire is not a duplicate of it.
      for (const c of clients) {
        if (c.id === k.clientId) continue;
        const ref = `${c.name}, ${c.contract_number}`;
        if (k.inn && c.inn === k.inn) add({ reason: 'inn', with: 'client', ref });
        if (k.phone && c.phone === k.phone) add({ reason: 'phone', with: 'client', ref });
      }
      for (const u of users)
        if (k.phone && u.phone === k.phone && u.client_id !== k.clientId)
          add({ reason: 'phone', with: 'client', ref: `${u.name}, ${u.contract_number}` });
      for (const o of others) {
        if (o.id === k.id) continue;
        if (k.inn && o.inn === k.inn) add({ reason: 'inn', with: 'application', ref: o.number });
        if (k.document && o.document === k.document)
          add({ reason: 'document', with: 'application', ref: o.number });
        if (k.phone && o.phone === k.phone) add({ reason: 'phone', with: 'application', ref: o.number });
      }
      flags.set(k.id, found);
    }
    return flags;
  }
}
