import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { driveToCompletion, FULL_REVIEW_CHECKLIST } from '../../../src/demo/drive.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { verifyJournal } from '../../../src/journal/journal.js';
import { NotificationDeliverySchema } from '../../../src/notify/delivery.entity.js';
import { deliveriesFor, deliveryJournal } from '../../../src/notify/delivery-journal.js';
import { InAppNotificationSchema } from '../../../src/notify/inapp.entity.js';
import { enqueueOutbox } from '../../../src/messaging/outbox.js';
import { RoleChatSchema } from '../../../src/telegram/role-chat.entity.js';
import { TelegramLinkSchema } from '../../../src/telegram/telegram-link.entity.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/peers/smtp.js';
import {
  createNotifyWorld,
  notifyConfig,
  TEST_TUNING,
  waitForSettled,
  type NotifyWorld,
} from '../../support/notify.js';

let w: NotifyWorld;
let smtp: TestSmtpServer;

beforeAll(async () => {
  [w, smtp] = await Promise.all([createNotifyWorld(), startSmtpServer()]);
  await w.bindRoleChat('client_manager');
  await w.bindRoleChat('back_office');
});
afterEach(async () => {
  await w.stopServices();
});
afterAll(async () => {
  // The SMTP server goes first: a send it still holds (the "dies mid-send" case) fails and is recorded while
  // the database is open, instead of touching it after the test environment is gone.
  await smtp.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await w.close();
});

const env = () => ({ ...w.telegramEnv, SMTP_URL: smtp.url });
const orm = () => w.f.db.orm;

describe('notifications, in-process (no Redis), against an SMTP server and the fake Bot API', () => {
  it('delivers a request lifecycle to everyone DESIGN §6 names, journaling each delivery queued and sent once', async () => {
    const client = await w.linkTelegram('client@demo.local', 'client');
    const manager = await w.linkTelegram('manager@demo.local', 'staff');
    const service = w.service(notifyConfig(env()));
    await service.start();

    const signed = await w.signed('broker_report');
    const done = await driveToCompletion(w.f.workflow, signed.id, w.f.actor('manager@demo.local'), w.f.staff);
    expect(done.status).toBe('completed');
    const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 7 });

    // submitted → the client-manager chat card, the assigned manager's DM and in-app; task → the role chat;
    // completed → the client by Telegram, email and in-app. signature_required → nobody (identity sends codes).
    const plan = deliveries.map((d) => `${d.topic} ${d.channel} ${d.recipientKey.split(':')[0]}`).sort();
    expect(plan).toEqual(
      [
        'request_completed email user',
        'request_completed inapp user',
        'request_completed telegram user',
        'request_submitted inapp user',
        'request_submitted telegram role',
        'request_submitted telegram user',
        'task_created telegram role',
      ].sort(),
    );
    expect(deliveries.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);

    const mail = (await smtp.waitForAccepted(1)).find((m) => m.subject?.includes(signed.number));
    expect(mail?.subject).toBe(`Заявка № ${signed.number} исполнена`);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('client@demo.local');
    expect(mail?.text).toContain(`https://cabinet.example.ru/requests/${signed.id}`);

    const dm = await w.fake.waitForBotMessage(
      client.chat.id,
      (m) => m.message.text?.includes(signed.number) ?? false,
    );
    expect(dm.sentByToken).toBe(w.clientBot.token);
    expect(dm.message.text).toContain('Заявка исполнена');
    expect(dm.message.text).toContain('Статус: исполнена');
    expect(dm.message.entities?.some((e) => e.type === 'text_link')).toBe(true);

    const managerDm = await w.fake.waitForBotMessage(manager.chat.id);
    expect(managerDm.sentByToken).toBe(w.staffBot.token);
    expect(managerDm.message.text).toContain('Новая заявка на рассмотрение');

    const inapp = await orm().em.fork().find(InAppNotificationSchema, { requestId: signed.id });
    expect(inapp.map((n) => [n.topic, n.title]).sort()).toEqual(
      [
        ['request_completed', `Заявка № ${signed.number} исполнена`],
        ['request_submitted', `Новая заявка № ${signed.number}`],
      ].sort(),
    );

    // The delivery journal: per request, and per recipient; ids and provider ids, never texts.
    const journal = await deliveryJournal(orm(), { requestId: signed.id });
    expect(journal.filter((e) => e.action === 'notify.queued')).toHaveLength(7);
    const sent = journal.filter((e) => e.action === 'notify.sent');
    expect(sent).toHaveLength(7);
    expect(new Set(sent.map((e) => e.data.deliveryId)).size).toBe(7);
    expect(sent.every((e) => typeof e.data.providerMessageId === 'string')).toBe(true);
    expect(JSON.stringify(journal)).not.toContain('client@demo.local');
    const clientId = w.f.actor('client@demo.local').userId;
    const mine = await deliveryJournal(orm(), { userId: clientId, requestId: signed.id });
    expect(mine.map((e) => `${e.action} ${String(e.data.channel)}`).sort()).toEqual(
      ['email', 'inapp', 'telegram'].flatMap((c) => [`notify.queued ${c}`, `notify.sent ${c}`]).sort(),
    );
    expect(
      (await deliveriesFor(orm(), { userId: clientId, requestId: signed.id })).map((d) => d.status),
    ).toEqual(['sent', 'sent', 'sent']);
    expect(await verifyJournal(orm().em.fork())).toMatchObject({ ok: true });
  });

  it('sends nothing for a change that rolled back', async () => {
    const service = w.service(notifyConfig(env()));
    await service.start();
    const signed = await w.signed('tax_certificate');
    await waitForSettled(orm(), { requestId: signed.id });
    const before = await orm().em.fork().count(NotificationDeliverySchema, {});
    const mails = smtp.accepted.length;
    await expect(
      orm()
        .em.fork()
        .transactional(async (em) => {
          enqueueOutbox(em, [
            {
              topic: 'request_completed',
              requestId: signed.id,
              payload: { requestId: signed.id, number: signed.number },
            },
          ]);
          await em.flush();
          throw new Error('the change failed after writing its outbox row');
        }),
    ).rejects.toThrow('the change failed');
    await service.relayNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await orm().em.fork().count(NotificationDeliverySchema, {})).toBe(before);
    expect(smtp.accepted.length).toBe(mails);
  });

  it('marks the link blocked on 403 and stops: one attempt, undeliverable, the other channels still delivered', async () => {
    const client = await w.linkTelegram('ip@demo.local', 'client');
    w.fake.injectFault({ method: 'sendMessage', chatId: client.chat.id, errorCode: 403, times: 10 });
    const service = w.service(notifyConfig(env()));
    await service.start();
    const signed = await w.signed('tax_certificate', 'ip@demo.local');
    await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
    await w.f.workflow.returnForRework(w.f.actor('manager@demo.local'), signed.id, 'Уточните год справки');
    const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 6 });

    const telegram = deliveries.find((d) => d.topic === 'request_returned' && d.channel === 'telegram');
    expect(telegram).toMatchObject({ status: 'undeliverable', attempts: 1 });
    expect(telegram?.lastError).toContain('403');
    expect(w.fake.recordedCalls({ method: 'sendMessage', chatId: client.chat.id })).toHaveLength(1);
    const link = await orm()
      .em.fork()
      .findOneOrFail(TelegramLinkSchema, { chatId: String(client.chat.id) });
    expect(link.status).toBe('blocked');
    expect(link.blockedAt).toBeInstanceOf(Date);
    const returned = deliveries.filter((d) => d.topic === 'request_returned' && d.channel !== 'telegram');
    expect(returned.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'sent'],
      ['inapp', 'sent'],
    ]);
    // The return reason reaches the client by email and in-app, never Telegram.
    const mail = smtp.accepted.find((m) => m.subject === `Заявка № ${signed.number} возвращена на доработку`);
    expect(mail?.text).toContain('Уточните год справки');
    const journal = await deliveryJournal(orm(), { requestId: signed.id });
    expect(journal.find((e) => e.action === 'notify.undeliverable')?.data).toMatchObject({
      channel: 'telegram',
    });
  });

  it('waits out a 429 storm (retry_after) without spending attempts and delivers once', async () => {
    const client = await w.linkTelegram('company@demo.local', 'client');
    const service = w.service(notifyConfig(env()));
    await service.start();
    const signed = await w.signed('tax_certificate', 'company@demo.local');
    await waitForSettled(orm(), { requestId: signed.id });
    w.fake.injectFault({
      method: 'sendMessage',
      chatId: client.chat.id,
      errorCode: 429,
      retryAfter: 0.3,
      times: 3,
    });
    const started = Date.now();
    await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
    await w.f.workflow.reject(w.f.actor('manager@demo.local'), signed.id, 'Справка за этот год уже выдана');
    const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 5 });
    const telegram = deliveries.find((d) => d.topic === 'request_rejected' && d.channel === 'telegram');
    expect(telegram).toMatchObject({ status: 'sent', attempts: 1, deferrals: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const calls = w.fake.recordedCalls({ method: 'sendMessage', chatId: client.chat.id });
    expect(calls.map((c) => c.errorCode ?? 200)).toEqual([429, 429, 429, 200]);
    // Each call after a 429 came at least retry_after later.
    for (let i = 1; i < calls.length; i += 1)
      expect((calls[i]?.at ?? 0) - (calls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    expect(
      w.fake.botMessages(client.chat.id).filter((m) => m.message.text?.includes(signed.number)),
    ).toHaveLength(1);
    const journal = await deliveryJournal(orm(), { requestId: signed.id });
    const telegramEntries = journal.filter((e) => e.data.deliveryId === telegram?.id).map((e) => e.action);
    expect(telegramEntries).toEqual([
      'notify.queued',
      'notify.failed',
      'notify.failed',
      'notify.failed',
      'notify.sent',
    ]);
  });

  it('speaks the recipient language and, in strict mode, sends Telegram only the number, status and link', async () => {
    const em = orm().em.fork();
    const userId = w.f.actor('client@demo.local').userId;
    await em.nativeUpdate(UserSchema, { id: userId }, { locale: 'en' });
    try {
      const service = w.service(notifyConfig({ ...env(), TELEGRAM_STRICT: 'true' }));
      await service.start();
      const signed = await w.signed('broker_report');
      await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
      await w.f.workflow.reject(w.f.actor('manager@demo.local'), signed.id, 'Duplicate request');
      await waitForSettled(orm(), { requestId: signed.id, atLeast: 6 });
      const link = await em.findOneOrFail(TelegramLinkSchema, { userId, bot: 'client' });
      const dm = await w.fake.waitForBotMessage(
        Number(link.chatId),
        (m) => m.message.text?.includes(signed.number) ?? false,
      );
      expect(dm.message.text).toBe(`Request ${signed.number}: rejected.\nDetails in the cabinet`);
      const mail = smtp.accepted.find((m) => m.subject === `Request ${signed.number} rejected`);
      expect(mail?.text).toContain('Reason: Duplicate request');
      // A role chat card in strict mode: no type, no summary either.
      const cmChat = await w.fake.waitForBotMessage(
        Number(
          (
            await em.getConnection().execute(`select chat_id from role_chats where role = 'client_manager'`)
          )[0]?.chat_id,
        ),
        (m) => m.message.text?.includes(signed.number) ?? false,
      );
      expect(cmChat.message.text).toBe(
        `Заявка № ${signed.number}: подписана, ждёт менеджера.\nПодробности в кабинете`,
      );
    } finally {
      await em.nativeUpdate(UserSchema, { id: userId }, { locale: 'ru' });
    }
  });

  it('retries a refused mail with backoff (451) and gives up on a permanent refusal (550)', async () => {
    const service = w.service(notifyConfig(env()));
    await service.start();
    const first = await w.signed('tax_certificate');
    await waitForSettled(orm(), { requestId: first.id });
    smtp.refuseNext(451, 2);
    await w.f.workflow.take(w.f.actor('manager@demo.local'), first.id);
    await w.f.workflow.reject(w.f.actor('manager@demo.local'), first.id, 'no');
    const retried = (await waitForSettled(orm(), { requestId: first.id, atLeast: 5 })).find(
      (d) => d.topic === 'request_rejected' && d.channel === 'email',
    );
    expect(retried).toMatchObject({ status: 'sent', attempts: 3 });

    const second = await w.signed('tax_certificate');
    await waitForSettled(orm(), { requestId: second.id });
    smtp.refuseNext(550);
    await w.f.workflow.take(w.f.actor('manager@demo.local'), second.id);
    await w.f.workflow.reject(w.f.actor('manager@demo.local'), second.id, 'no');
    const refused = (await waitForSettled(orm(), { requestId: second.id, atLeast: 5 })).find(
      (d) => d.topic === 'request_rejected' && d.channel === 'email',
    );
    expect(refused).toMatchObject({ status: 'undeliverable', attempts: 1 });
    expect(refused?.lastError).toContain('550');
  });

  it('a worker that dies mid-send leaves the delivery to the next one after its lease: delivered, recorded once', async () => {
    const config = notifyConfig(env());
    const dying = w.service(config, { ...TEST_TUNING, sweepIntervalMs: 60_000, leaseMs: 1000 });
    await dying.start();
    const signed = await w.signed('tax_certificate');
    await waitForSettled(orm(), { requestId: signed.id });
    smtp.holdNext();
    const heldBefore = smtp.received;
    await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
    await w.f.workflow.reject(w.f.actor('manager@demo.local'), signed.id, 'no');
    const waitUntil = async (check: () => boolean) => {
      while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await waitUntil(() => smtp.received > heldBefore);

    // The first worker is stuck inside the SMTP send; a second process starts and sweeps after the lease.
    const next = w.service(config, { ...TEST_TUNING, sweepIntervalMs: 300, sweepGraceMs: 0, leaseMs: 1000 });
    await next.start();
    const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 5 });
    const email = deliveries.find((d) => d.topic === 'request_rejected' && d.channel === 'email');
    expect(email).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.accepted.filter((m) => m.subject === `Заявка № ${signed.number} отклонена`)).toHaveLength(1);
    const journal = await deliveryJournal(orm(), { requestId: signed.id });
    expect(journal.filter((e) => e.action === 'notify.sent' && e.data.deliveryId === email?.id)).toHaveLength(
      1,
    );
  });

  it('skips a muted staff DM with a journal note and gives people without a linked chat no Telegram delivery', async () => {
    const service = w.service(notifyConfig(env()));
    await service.start();
    await orm()
      .em.fork()
      .nativeUpdate(
        TelegramLinkSchema,
        { userId: w.f.actor('manager@demo.local').userId },
        {
          mutedUntil: new Date(Date.now() + 3_600_000),
        },
      );
    try {
      const signed = await w.signed('general_inquiry', 'company@demo.local');
      await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
      await w.f.workflow.accept(w.f.actor('manager@demo.local'), signed.id, FULL_REVIEW_CHECKLIST);
      const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 4 });
      const dm = deliveries.find(
        (d) => d.topic === 'request_submitted' && d.recipientKind === 'user' && d.channel === 'telegram',
      );
      expect(dm).toMatchObject({ status: 'skipped', lastError: 'muted', attempts: 0 });
      const journal = await deliveryJournal(orm(), { requestId: signed.id });
      expect(journal.find((e) => e.action === 'notify.skipped')?.data).toMatchObject({ reason: 'muted' });
      // general_inquiry's task goes to the client_manager role chat.
      expect(deliveries.filter((d) => d.topic === 'task_created').map((d) => d.recipientKey)).toEqual([
        'role:client_manager',
      ]);
    } finally {
      await orm()
        .em.fork()
        .nativeUpdate(
          TelegramLinkSchema,
          { userId: w.f.actor('manager@demo.local').userId },
          { mutedUntil: null },
        );
    }
  });

  it('follows a role group upgraded to a supergroup: moves the binding, sends there at once, spends no attempt', async () => {
    // A basic group bound to the role, then upgraded by its admins: Telegram refuses the old id with the new one.
    const basic = w.fake.createGroup('Kabinet: client_manager', 'group');
    await orm()
      .em.fork()
      .nativeUpdate(RoleChatSchema, { role: 'client_manager' }, { chatId: String(basic.id) });
    const supergroup = w.fake.migrateToSupergroup(basic.id, w.staffBot);
    const service = w.service(notifyConfig(env()));
    await service.start();
    const signed = await w.signed('tax_certificate', 'company@demo.local');
    const deliveries = await waitForSettled(orm(), { requestId: signed.id });

    const card = deliveries.find((d) => d.topic === 'request_submitted' && d.recipientKind === 'role_chat');
    expect(card).toMatchObject({ status: 'sent', attempts: 1, deferrals: 1 });
    const moved = await orm().em.fork().findOneOrFail(RoleChatSchema, { role: 'client_manager' });
    expect(moved.chatId).toBe(String(supergroup.id));
    const callsToOld = w.fake.recordedCalls({ method: 'sendMessage', chatId: basic.id });
    expect(callsToOld.map((c) => c.errorCode)).toEqual([400]);
    expect(
      w.fake.botMessages(supergroup.id).filter((m) => m.message.text?.includes(signed.number)),
    ).toHaveLength(1);
    const journal = await deliveryJournal(orm(), { requestId: signed.id });
    expect(journal.filter((e) => e.data.deliveryId === card?.id).map((e) => e.action)).toEqual([
      'notify.queued',
      'notify.failed',
      'notify.sent',
    ]);
  });
});
