import { describe, expect, it } from '@jest/globals';
import {
  NOTICE_TOPICS,
  SECURITY_KINDS,
  templatesFor,
  type NoticeContext,
} from '../../../src/notify/templates/index.js';
import { parseTelegramHtml } from '../../support/fake-telegram/html.js';

const context: NoticeContext = {
  number: '2026-000123',
  typeTitle: 'Вывод денежных средств <тест> & co',
  status: 'completed',
  summary: 'вывод 150 000,00 ₽ на счёт …0001',
  link: 'https://cabinet.example.ru/requests/abc?x=1&y=2',
  role: 'back_office',
  taskTitle: 'Платёжное поручение',
  dueAt: new Date('2026-11-24T12:00:00Z'),
  step: 2,
  reason: 'Неверный БИК',
};

describe('notification templates', () => {
  it.each(['ru', 'en'] as const)(
    'has every event and channel in %s, Telegram texts valid HTML with the text escaped',
    (locale) => {
      const { t } = templatesFor(locale);
      for (const topic of NOTICE_TOPICS) {
        const events = t.events[topic];
        const telegram = parseTelegramHtml(events.telegram(context));
        expect(telegram.text).toContain('2026-000123');
        expect(telegram.text).toContain('<тест> & co');
        expect(telegram.entities.some((e) => e.type === 'text_link' && e.url === context.link)).toBe(true);
        expect(events.email(context).subject).toContain('2026-000123');
        expect(events.email(context).text).toContain(context.link);
        expect(events.sms(context).length).toBeLessThanOrEqual(160);
        expect(events.inapp(context).title).toContain('2026-000123');
      }
      for (const kind of SECURITY_KINDS) {
        const sec = t.security[kind];
        expect(sec.email({ kind, at: new Date(), link: 'https://x' }).text).toContain('https://x');
        expect(sec.sms({ kind, at: new Date(), link: 'https://x' }).length).toBeLessThanOrEqual(160);
      }
    },
  );

  it('keeps the staff reason out of Telegram and SMS texts, and strict mode to number, status and link', () => {
    for (const locale of ['ru', 'en'] as const) {
      const { t } = templatesFor(locale);
      for (const topic of NOTICE_TOPICS) {
        expect(t.events[topic].telegram(context)).not.toContain('Неверный БИК');
        expect(t.events[topic].sms(context)).not.toContain('Неверный БИК');
      }
      const strict = parseTelegramHtml(t.strictTelegram(context)).text;
      expect(strict).not.toContain('…0001');
      expect(strict).not.toContain('Вывод');
      expect(strict).toContain('2026-000123');
    }
    expect(templatesFor('de').locale).toBe('ru');
  });
});
