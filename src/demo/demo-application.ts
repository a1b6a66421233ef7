import { moscowDay } from '../i18n/index.js';
import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { ACCOUNT_APPLICATION_TOPIC } from '../messaging/topics.js';
import { AccountApplicationSchema } from '../onboarding/application.entity.js';
import { newDraft } from '../onboarding/applications.service.js';
import { confirmedWithoutCode } from '../onboarding/contact-confirmation.js';
import { nextApplicationNumber } from '../onboarding/application-number.js';
import { PERSONAL_DATA_CONSENT } from '../onboarding/questionnaire/consent.js';
import { parseQuestionnaire } from '../onboarding/questionnaire/questionnaire.js';
import { SAMPLE_ANSWERS } from '../onboarding/questionnaire/samples.js';
import { newResumeToken } from '../onboarding/resume-token.js';

/**
 * One sent account-opening questionnaire for the demo, so a client manager's "Анкеты" has something to import on a
 * fresh start (it goes through the outbox like any other: the PDF to the managers' mail, the exchange file).
 */
export async function seedDemoApplication(orm: Orm, now = new Date()): Promise<string> {
  const parsed = parseQuestionnaire('individual', SAMPLE_ANSWERS.individual, moscowDay(now));
  if (!parsed.ok) throw new Error('the demo questionnaire does not pass its own checks');
  const answers = parsed.payload;
  const id = randomUUID();
  await orm.em.fork().transactional(async (em) => {
    const number = await nextApplicationNumber(em, now);
    em.create(AccountApplicationSchema, {
      ...newDraft({ id, kind: 'individual', locale: 'ru', resumeTokenHash: newResumeToken().hash, now }),
      number,
      status: 'submitted',
      answers,
      phoneConfirmation: confirmedWithoutCode(String(answers['phone']), now, false),
      emailConfirmation: confirmedWithoutCode(String(answers['email']), now, false),
      consentVersion: PERSONAL_DATA_CONSENT.version,
      consentedAt: now,
      submittedAt: now,
    });
    await em.flush();
    enqueueOutbox(em, [{ topic: ACCOUNT_APPLICATION_TOPIC, payload: { applicationId: id } }], now);
    await appendJournal(em, [
      {
        action: 'onboarding.application_submitted',
        actorId: null,
        at: now,
        data: { applicationId: id, number, kind: 'individual', viaEsia: false },
      },
    ]);
  });
  return id;
}
