import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_REVIEW_CHECKLIST } from '../../../src/demo/drive.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { appendJournal } from '../../../src/journal/journal.js';
import { NotificationDeliverySchema } from '../../../src/notify/delivery.entity.js';
import { deliveryJournal } from '../../../src/notify/delivery-journal.js';
import { enqueueOutbox } from '../../../src/messaging/outbox.js';
import { SECURITY_NOTICE_TOPIC } from '../../../src/messaging/topics.js';
import { SlaEscalator } from '../../../src/notify/sla.js';
import { TaskSchema } from '../../../src/workflow/task.entity.js';
import { startSmsc, type TestSmsc } from '../../support/peers/smpp.js';
import { createNotifyWorld, notifyConfig, waitForSettled, type NotifyWorld } from '../../support/notify.js';
import { staffView } from '../../../src/workflow/presenters.js';

let w: NotifyWorld;
let smsc: TestSmsc;

beforeAll(async () => {
  [w, smsc] = await Promise.all([createNotifyWorld(), startSmsc()]);
});
afterEach(async () => {
  await w.stopServices();
});
afterAll(async () => {
  await Promise.all([w.close(), smsc.close()]);
});

const orm = () => w.f.db.orm;

/** What identity does on a confirmed phone change: the user row, the journal entry with the old phone, the outbox row. */
async function changePhone(login: string, newPhone: string): Promise<{ userId: string; oldPhone: string }> {
  const userId = w.f.actor(login).userId;
  let oldPhone = '';
  await orm()
    .em.fork()
    .transactional(async (em) => {
      const user = await em.findOneOrFail(UserSchema, { id: userId });
      oldPhone = user.phone ?? '';
      user.phone = newPhone;
      await em.flush();
      const [entry] = await appendJournal(em, [
        {
          action: 'user.phone_changed',
          actorId: userId,
          subjectUserId: userId,
          data: { previous: oldPhone, current: newPhone },
        },
      ]);
      enqueueOutbox(em, [
        {
          topic: SECURITY_NOTICE_TOPIC,
          payload: { userId, kind: 'phone_changed', journalEntryId: entry?.id ?? null },
        },
      ]);
    });
  return { userId, oldPhone };
}

describe('SMS over SMPP and an HTTP gateway; security notices; the SLA check', () => {
  it('sends a security notice to the old phone over SMPP (with a receipt recorded) and to the email', async () => {
    const config = notifyConfig({ SMS_PROVIDER: 'smpp', SMPP_URL: smsc.url, SMPP_SOURCE_ADDR: 'Kabinet' });
    const service = w.service(config);
    await service.start();
    const { userId, oldPhone } = await changePhone('ip@demo.local', '+79995550001');

    const [submit] = await smsc.waitForSubmits(1);
    expect(submit).toMatchObject({ to: oldPhone.replace('+', ''), from: 'Kabinet', registeredDelivery: 1 });
    expect(submit?.text).toContain('Номер телефона для входа и подтверждений изменён');

    const deliveries = await waitForSettled(orm(), { atLeast: 2 });
    const mine = deliveries.filter((d) => d.recipientUserId === userId && d.topic === SECURITY_NOTICE_TOPIC);
    expect(mine.map((d) => [d.channel, d.status, d.priority]).sort()).toEqual([
      ['email', 'sent', 'urgent'],
      ['sms', 'sent', 'urgent'],
    ]);
    const sms = mine.find((d) => d.channel === 'sms');
    expect(sms?.providerMessageId).toBe(submit?.messageId);

    // The SMSC's delivery receipt lands on the delivery and in the journal.
    await waitUntil(async () => {
      const row = await orm()
        .em.fork()
        .findOne(NotificationDeliverySchema, { id: sms?.id ?? '' });
      return row?.receiptStatus === 'DELIVRD';
    });
    const journal = await deliveryJournal(orm(), { userId });
    expect(journal.find((e) => e.action === 'notify.receipt')?.data).toMatchObject({
      status: 'DELIVRD',
      delivered: true,
      providerMessageId: submit?.messageId,
    });
    const files = await readdir(join(config.dataDir, 'outbox', 'email'));
    const eml = await readFile(join(config.dataDir, 'outbox', 'email', files[0] ?? ''), 'utf8');
    expect(eml).toContain('To: ip@demo.local');
  });

  it('turns a sent SMS undeliverable when the receipt says so', async () => {
    smsc.receipt = { status: 'UNDELIV', delayMs: 20 };
    try {
      const service = w.service(notifyConfig({ SMS_PROVIDER: 'smpp', SMPP_URL: smsc.url }));
      await service.start();
      const before = smsc.submits.length;
      const { userId } = await changePhone('company@demo.local', '+79995550002');
      await smsc.waitForSubmits(before + 1);
      await waitUntil(async () => {
        const row = await orm()
          .em.fork()
          .findOne(NotificationDeliverySchema, { recipientUserId: userId, channel: 'sms' });
        return row?.status === 'undeliverable';
      });
      const row = await orm()
        .em.fork()
        .findOneOrFail(NotificationDeliverySchema, { recipientUserId: userId, channel: 'sms' });
      expect(row).toMatchObject({ receiptStatus: 'UNDELIV', lastError: 'receipt: UNDELIV' });
    } finally {
      smsc.receipt = { status: 'DELIVRD', delayMs: 50 };
    }
  });

  it('sends SMS through the HTTP gateway with its auth header and reads the id from the configured field', async () => {
    const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
    const gateway: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: { messageId: `gw-${received.length}` } }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const service = w.service(
        notifyConfig({
          SMS_PROVIDER: 'http',
          SMS_HTTP_URL: url,
          SMS_HTTP_AUTH: 'Bearer gw-token',
          SMS_HTTP_ID_FIELD: 'result.messageId',
        }),
      );
      await service.start();
      const userId = w.f.actor('client@demo.local').userId;
      await orm()
        .em.fork()
        .transactional(async (em) => {
          const [entry] = await appendJournal(em, [
            { action: 'user.password_changed', actorId: userId, subjectUserId: userId },
          ]);
          enqueueOutbox(em, [
            {
              topic: SECURITY_NOTICE_TOPIC,
              payload: { userId, kind: 'password_changed', journalEntryId: entry?.id ?? null },
            },
          ]);
        });
      await waitUntil(async () => received.length === 1);
      expect(received[0]?.headers.authorization).toBe('Bearer gw-token');
      expect(received[0]?.body).toEqual({
        to: '+79990000001',
        text: expect.stringContaining('Пароль от кабинета изменён'),
      });
      await waitUntil(async () => {
        const row = await orm().em.fork().findOne(NotificationDeliverySchema, {
          recipientUserId: userId,
          channel: 'sms',
          topic: SECURITY_NOTICE_TOPIC,
        });
        return row?.providerMessageId === 'gw-1' && row.status === 'sent';
      });
    } finally {
      gateway.closeAllConnections();
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('notifies the role chat and the client manager once per SLA escalation step of an overdue task', async () => {
    const roleChat = await w.bindRoleChat('back_office');
    const manager = await w.linkTelegram('manager@demo.local', 'staff');
    const config = notifyConfig({
      ...w.telegramEnv,
      SLA_ESCALATION_REPEAT_HOURS: '4',
      SLA_ESCALATION_MAX_STEPS: '3',
    });
    const service = w.service(config);
    await service.start();
    const signed = await w.signed('broker_report');
    await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
    const accepted = staffView(
      await w.f.workflow.accept(w.f.actor('manager@demo.local'), signed.id, FULL_REVIEW_CHECKLIST),
    );
    const task = accepted.tasks[0];
    expect(task?.role).toBe('back_office');
    const taskId = task?.id ?? '';
    const sla = new SlaEscalator({ orm: orm(), repeatHours: 4, maxSteps: 3 });
    const overdueBy = (ms: number) =>
      orm()
        .em.fork()
        .nativeUpdate(TaskSchema, { id: taskId }, { dueAt: new Date(Date.now() - ms) });

    expect(await sla.checkOnce()).toBe(0);
    await overdueBy(60_000);
    expect(await sla.checkOnce()).toBe(1);
    expect(await sla.checkOnce()).toBe(0);
    await overdueBy(4 * 3_600_000 + 60_000);
    expect(await sla.checkOnce()).toBe(1);
    // Two checkers at once claim a step once.
    await overdueBy(8 * 3_600_000 + 60_000);
    expect((await Promise.all([sla.checkOnce(), sla.checkOnce()])).reduce((a, b) => a + b, 0)).toBe(1);
    await overdueBy(100 * 3_600_000);
    expect(await sla.checkOnce()).toBe(0);

    await service.relayNow();
    const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 12 });
    const overdue = deliveries.filter((d) => d.topic === 'task_overdue');
    expect(overdue.map((d) => `${d.channel} ${d.recipientKey.split(':')[0]}`).sort()).toEqual(
      ['inapp user', 'telegram role', 'telegram user'].flatMap((x) => [x, x, x]).sort(),
    );
    expect(overdue.every((d) => d.status === 'sent')).toBe(true);
    const cards = w.fake
      .botMessages(roleChat.id)
      .filter((m) => m.message.text?.startsWith('Просрочена задача'));
    expect(cards).toHaveLength(3);
    // Step 1 has no reminder line; steps 2 and 3 say which reminder they are (arrival order is not promised).
    expect(cards.map((c) => /Напоминание № (\d)/.exec(c.message.text ?? '')?.[1] ?? '1').sort()).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(cards.every((c) => c.message.text?.includes('Исполнитель: Бэк-офис'))).toBe(true);
    const dms = w.fake.botMessages(manager.chat.id).filter((m) => m.message.text?.includes('Просрочена'));
    expect(dms).toHaveLength(3);
    const escalations = await orm().em.fork().findOneOrFail(TaskSchema, { id: taskId });
    expect(escalations.escalations).toBe(3);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
