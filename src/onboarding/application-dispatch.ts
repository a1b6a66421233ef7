import type { BackOfficeGateway } from '../backoffice/gateway.js';
import type { CompanyRequisites } from '../config.js';
import type { Em, Orm } from '../db/orm.js';
import { describeError } from '../error-log.js';
import { UserSchema } from '../identity/user.entity.js';
import { catalog } from '../i18n/index.js';
import { appendJournal, type JournalRecord } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { EmailSender } from '../messaging/channels.js';
import { OutboxMessageSchema, type OutboxMessage } from '../messaging/outbox.entity.js';
import { ACCOUNT_APPLICATION_TOPIC } from '../messaging/topics.js';
import { renderQuestionnairePdf } from './application-pdf.js';
import { AccountApplicationSchema, type AccountApplication } from './application.entity.js';
import { PERSONAL_DATA_CONSENT } from './questionnaire/consent.js';
import { KIND_TITLES } from './questionnaire/questionnaire.js';
import { questionnaireFileName, renderQuestionnaireXml } from './questionnaire-xml.js';

export interface ApplicationDispatchDeps {
  orm: Orm;
  email: EmailSender;
  /** The exchange folder; null when EXCHANGE_DIR=off (the file step is then skipped, and journaled so). */
  gateway: BackOfficeGateway | null;
  company: CompanyRequisites;
  /** The cabinet's address, for the managers' link. */
  publicUrl: string;
  logger: Logger;
  now: () => Date;
  batchSize?: number;
}

const RETRY_DELAY_MS = 30_000;
const MAX_TRIES = 20;

/** The steps of a submitted questionnaire, each done once: the exchange file, the applicant's letter, each manager's. */
type Step = 'file' | 'applicant' | `manager:${string}`;

function doneSteps(message: OutboxMessage): Set<string> {
  const done = message.payload['done'];
  return new Set(Array.isArray(done) ? done.filter((s): s is string => typeof s === 'string') : []);
}

/**
 * What follows a submitted questionnaire (issue 12 item 4), driven by the outbox: its PDF e-mailed to every active
 * client manager, the applicant's confirmation with the number, and the file in the exchange folder. Each step is
 * remembered on the outbox row once done (ids only), so a retry after a failure repeats only what is left and the
 * file, named by the number, is replaced rather than doubled. Rows are claimed with `FOR UPDATE SKIP LOCKED`.
 */
export class ApplicationDispatch {
  constructor(private readonly deps: ApplicationDispatchDeps) {}

  async dispatchPending(): Promise<number> {
    const now = this.deps.now();
    return this.deps.orm.em.fork().transactional(async (em) => {
      const claimed = await em.execute<{ id: string }[]>(
        `select id from outbox where status = 'pending' and topic = ? and available_at <= ?
         order by created_at, id limit ? for update skip locked`,
        [ACCOUNT_APPLICATION_TOPIC, now, this.deps.batchSize ?? 20],
      );
      if (claimed.length === 0) return 0;
      const messages = await em.find(OutboxMessageSchema, { id: { $in: claimed.map((row) => row.id) } });
      const journal: JournalRecord[] = [];
      let finished = 0;
      for (const message of messages) {
        message.attempts += 1;
        const done = doneSteps(message);
        try {
          const applicationId = message.payload['applicationId'];
          const application =
            typeof applicationId === 'string'
              ? await em.findOne(AccountApplicationSchema, { id: applicationId })
              : null;
          if (!application || application.number === null || application.submittedAt === null)
            throw new Error('the questionnaire is gone or was never submitted');
          await this.run(em, application, done, journal, now);
          message.status = 'dispatched';
          message.dispatchedAt = now;
          message.lastError = null;
          finished += 1;
        } catch (error) {
          message.lastError = describeError(error).slice(0, 1000);
          if (message.attempts >= MAX_TRIES) message.status = 'failed';
          else message.availableAt = new Date(now.getTime() + RETRY_DELAY_MS * message.attempts);
          this.deps.logger.error(
            { outboxId: message.id, attempts: message.attempts, err: message.lastError },
            'onboarding: a submitted questionnaire could not be dispatched',
          );
        }
        message.payload = { ...message.payload, done: [...done] };
      }
      await em.flush();
      await appendJournal(em, journal);
      return finished;
    });
  }

  private async run(
    em: Em,
    application: AccountApplication,
    done: Set<string>,
    journal: JournalRecord[],
    now: Date,
  ): Promise<void> {
    const number = application.number ?? '';
    const submittedAt = application.submittedAt ?? now;
    const byEsia = application.esiaOid !== null;
    const pdf = await renderQuestionnairePdf({
      locale: 'ru',
      company: this.deps.company,
      kind: application.kind,
      number,
      answers: application.answers,
      submittedAt,
      contactsByEsia: byEsia,
      prefilledFields: application.prefilledFields,
      consentVersion: application.consentVersion ?? PERSONAL_DATA_CONSENT.version,
    });
    const step = async (key: Step, action: () => Promise<Record<string, unknown> | null>) => {
      if (done.has(key)) return;
      const data = await action();
      done.add(key);
      if (data) journal.push({ action: 'onboarding.application_dispatched', actorId: null, at: now, data });
    };
    await step('file', async () => {
      if (!this.deps.gateway)
        return { applicationId: application.id, number, step: 'file', skipped: 'exchange_off' };
      const fileName = questionnaireFileName(number);
      await this.deps.gateway.deliver(
        fileName,
        renderQuestionnaireXml({
          id: application.id,
          number,
          kind: application.kind,
          submittedAt,
          consentVersion: application.consentVersion ?? PERSONAL_DATA_CONSENT.version,
          contactsConfirmedBy: byEsia ? 'esia' : 'code',
          sender: { inn: this.deps.company.inn, name: this.deps.company.name },
          answers: application.answers,
          prefilledFields: application.prefilledFields,
          pdf,
        }),
      );
      return { applicationId: application.id, number, step: 'file', file: fileName };
    });
    const managers = await em.find(
      UserSchema,
      { kind: 'staff', active: true, roles: { $contains: ['client_manager'] } },
      { orderBy: { id: 'asc' } },
    );
    const link = `${this.deps.publicUrl.replace(/\/$/, '')}/onboarding/${application.id}`;
    for (const manager of managers) {
      await step(`manager:${manager.id}`, async () => {
        const t = catalog(manager.locale).onboarding.toManagers;
        const kind = KIND_TITLES[application.kind][manager.locale === 'en' ? 'en' : 'ru'].toLowerCase();
        await this.deps.email.send({
          to: manager.email,
          subject: t.subject(number, kind),
          text: t.text(number, kind, link),
          attachments: [{ filename: `${number}.pdf`, contentType: 'application/pdf', content: pdf }],
        });
        return { applicationId: application.id, number, step: 'manager_email', userId: manager.id };
      });
    }
    await step('applicant', async () => {
      const address = application.answers['email'];
      if (typeof address !== 'string') return null;
      const t = catalog(application.locale).onboarding.received;
      await this.deps.email.send({ to: address, subject: t.subject(number), text: t.text(number) });
      return { applicationId: application.id, number, step: 'applicant_email' };
    });
  }
}
