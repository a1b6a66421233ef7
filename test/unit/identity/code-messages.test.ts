import { describe, expect, it } from '@jest/globals';
import { renderCodeMessage } from '../../../src/identity/code-messages.js';

describe('code messages', () => {
  it('name the request number and its summary when signing, in Russian by default', () => {
    const data = {
      number: '2026-000123',
      summary: {
        ru: 'вывод 100 000,00 ₽ на счёт …1234',
        en: 'withdrawal of RUB 100,000.00 to account …1234',
      },
    };
    expect(renderCodeMessage('sign_request', 'phone', 'sms', '123456', data)).toEqual({
      kind: 'sms',
      text: 'Заявка 2026-000123: вывод 100 000,00 ₽ на счёт …1234. Код 123456. Никому не сообщайте.',
    });
    expect(renderCodeMessage('sign_request', 'phone', 'sms', '123456', { ...data, locale: 'en' })).toEqual({
      kind: 'sms',
      text: 'Request 2026-000123: withdrawal of RUB 100,000.00 to account …1234. Code 123456. Do not share it.',
    });
  });

  it('tell the current and the new phone apart, and mail the code for a new address', () => {
    expect(renderCodeMessage('change_phone', 'current_phone', 'sms', '111111', {})).toMatchObject({
      text: expect.stringContaining('смены телефона'),
    });
    expect(renderCodeMessage('change_phone', 'new_phone', 'sms', '222222', {})).toMatchObject({
      text: expect.stringContaining('нового телефона'),
    });
    const mail = renderCodeMessage('change_email', 'new_email', 'email', '333333', {});
    expect(mail).toMatchObject({
      kind: 'email',
      subject: expect.stringContaining('подтверждение'),
      text: expect.stringContaining('333333'),
    });
  });
});
