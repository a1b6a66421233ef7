import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AccountApplicationSchema } from '../../src/onboarding/application.entity.js';
import { QUESTIONNAIRES, type ApplicantKind } from '../../src/onboarding/questionnaire/questionnaire.js';
import { SAMPLE_ANSWERS } from '../../src/onboarding/questionnaire/samples.js';
import {
  axeViolations,
  DESKTOP,
  openSignedIn,
  PHONE,
  shot,
  startWebWorld,
  watchForProblems,
  type WebWorld,
} from '../support/web-browser.js';

jest.setTimeout(240_000);

/*
 * The public account-opening questionnaire (issue 12 items 1, 2, 4, 7) in headless Chromium: each kind filled step
 * by step as a person would, a field error shown and fixed, the draft surviving a reload and the "continue later"
 * link, the phone and e-mail confirmed with the codes that were sent, the questionnaire sent and numbered; axe at a
 * phone's and a desktop's size.
 */

let world: WebWorld;
beforeAll(async () => {
  world = await startWebWorld();
});
afterAll(async () => {
  await world?.close();
});

const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Types one step's answers the way a person does: text fields, dates, radio buttons, lists, boxes. */
async function fillStep(page: Page, kind: ApplicantKind, stepKey: string, answers: Record<string, unknown>) {
  const questionnaire = QUESTIONNAIRES[kind];
  const step = questionnaire.steps.find((s) => s.key === stepKey);
  if (!step) throw new Error(`no step ${stepKey}`);
  for (const name of step.fields) {
    const value = answers[name];
    if (value === undefined) continue;
    const field = questionnaire.fields.find((f) => f.name === name);
    if (!field) continue;
    const fieldLabel = field.label.ru;
    if (field.kind === 'checkbox') {
      await page.getByRole('checkbox', { name: label(fieldLabel) }).setChecked(value === true);
    } else if (field.kind === 'enum') {
      const option = field.options?.find((o) => o.value === value)?.label.ru ?? '';
      if ((field.options?.length ?? 0) <= 3) {
        await page
          .getByRole('radiogroup', { name: label(fieldLabel) })
          .getByRole('radio', { name: option })
          .check();
      } else {
        await page.getByLabel(label(fieldLabel)).first().click();
        await page.getByRole('option', { name: option, exact: true }).click();
      }
    } else {
      await page.locator(`[name="${name}"]`).fill(String(value));
    }
  }
}

async function next(page: Page, title: string) {
  await page.getByRole('button', { name: 'Далее' }).click();
  try {
    await page.getByRole('heading', { name: title }).waitFor();
  } catch (error) {
    await shot(page, `open-account-stuck-before-${title}`);
    const alerts = await page.getByRole('alert').allTextContents();
    const invalid = await page
      .locator('[aria-invalid="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('name')));
    throw new Error(
      `stuck before "${title}": alerts ${JSON.stringify(alerts)}, invalid ${JSON.stringify(invalid)}`,
      { cause: error },
    );
  }
}

/** The contacts step: both fields, a code for each from what the app sent, "Confirmed" twice. */
async function confirmContacts(page: Page, phone: string, email: string) {
  await page.locator('[name="phone"]').fill(phone);
  await page.locator('[name="email"]').fill(email);
  await page.getByRole('button', { name: 'Получить код' }).first().click();
  await page.locator('[name="phone-code"]').waitFor();
  await page.locator('[name="phone-code"]').fill(world.sms.code(phone));
  await page.getByRole('button', { name: 'Подтвердить' }).first().click();
  await page.getByTestId('phone-confirmed').waitFor();
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.locator('[name="email-code"]').waitFor();
  await page.locator('[name="email-code"]').fill(world.email.code(email));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await page.getByTestId('email-confirmed').waitFor();
}

/** Until the server holds the answer as typed. */
async function waitForSaved(id: string, field: string, value: unknown): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await row(id)).answers[field] !== value) {
    if (Date.now() > deadline) throw new Error(`${field} was never saved`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function row(id: string) {
  return world.t.db.orm.em.fork().findOneOrFail(AccountApplicationSchema, { id });
}

describe('opening an account', () => {
  test('an individual on a phone: a mistake fixed, a reload, the contacts confirmed, sent with a number', async () => {
    const a = SAMPLE_ANSWERS.individual;
    const context = await world.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/open-account`);
    await page.getByRole('heading', { name: 'Открытие счёта' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-390x844');

    await page.getByRole('button', { name: /Физическое лицо/ }).click();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page.waitForURL(/\/open-account\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    // Under 18: said at the field once the person leaves it, and the step does not go on.
    await fillStep(page, 'individual', 'person', { ...a, birthDate: '2010-05-01' });
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText('Открыть счёт можно с 18 лет').waitFor();
    expect(await page.getByRole('heading', { name: 'Личные данные' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-person-error-390x844');
    await page.locator('[name="birthDate"]').fill(String(a['birthDate']));
    await next(page, 'Документ');

    // The draft survives a reload: the answers are on the server.
    await fillStep(page, 'individual', 'document', a);
    // A moment's pause (the save follows the typing), then a reload.
    await waitForSaved(id, 'passportNumber', a['passportNumber']);
    await page.reload();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    expect(await page.locator('[name="lastName"]').inputValue()).toBe(a['lastName']);
    await next(page, 'Документ');
    expect(await page.locator('[name="passportNumber"]').inputValue()).toBe(a['passportNumber']);
    await next(page, 'Адреса и налоговые номера');

    await fillStep(page, 'individual', 'addresses', { ...a, snils: '112-233-445 96' });
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText('Неверное контрольное число СНИЛС').waitFor();
    await page.locator('[name="snils"]').fill(String(a['snils']));
    await next(page, 'Сведения для 115-ФЗ');
    await fillStep(page, 'individual', 'profile', a);
    await next(page, 'Контакты');

    // Not further without both contacts confirmed.
    await page.locator('[name="phone"]').fill(String(a['phone']));
    await page.locator('[name="email"]').fill(String(a['email']));
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText('Подтвердите телефон и почту, чтобы перейти дальше.').waitFor();
    await confirmContacts(page, String(a['phone']), String(a['email']));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-contacts-390x844');
    await next(page, 'Услуги и согласие');

    await fillStep(page, 'individual', 'services', a);
    await page.getByText('Согласие на обработку персональных данных', { exact: true }).waitFor();
    await shot(page, 'open-account-services-390x844');
    await page.getByRole('button', { name: 'Отправить анкету' }).click();
    const done = page.getByRole('heading', { name: /^Анкета A-\d{4}-\d{6} отправлена$/ });
    await done.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-done-390x844');

    const stored = await row(id);
    expect(stored.status).toBe('submitted');
    expect(await done.textContent()).toContain(stored.number ?? 'no number');
    expect(stored.answers).toMatchObject({
      lastName: 'Соколова',
      snils: '112-233-445 95',
      phone: a['phone'],
    });
    expect(stored.phoneConfirmation?.confirmedAt).not.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a sole proprietor continues on another device by the "continue later" link', async () => {
    const a = SAMPLE_ANSWERS.sole_proprietor;
    const first = await world.browser.newContext({ viewport: DESKTOP });
    const page = await first.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${world.t.base}/open-account`);
    await page.getByRole('button', { name: /Индивидуальный предприниматель/ }).click();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await fillStep(page, 'sole_proprietor', 'person', a);
    await next(page, 'Документ');
    await fillStep(page, 'sole_proprietor', 'document', a);
    await page.getByText('Сохранено').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-document-1440x900');
    const link = (await page.locator('.kabinet-resume-link a').getAttribute('href')) ?? '';
    expect(link).toMatch(/\/open-account\/[0-9a-f-]{36}#[A-Za-z0-9_-]{43}$/);
    await first.close();

    const second = await world.browser.newContext({ viewport: DESKTOP });
    const other = await second.newPage();
    other.setDefaultTimeout(15_000);
    const problems = watchForProblems(other);
    await other.goto(link);
    await other.getByRole('heading', { name: 'Личные данные' }).waitFor();
    // The secret leaves the address bar once kept.
    expect(new URL(other.url()).hash).toBe('');
    expect(await other.locator('[name="lastName"]').inputValue()).toBe(a['lastName']);
    await next(other, 'Документ');
    await next(other, 'Адреса и налоговые номера');
    await fillStep(other, 'sole_proprietor', 'addresses', a);
    await next(other, 'Регистрация ИП');
    await fillStep(other, 'sole_proprietor', 'business', { ...a, ogrnip: '304770000123454' });
    await other.getByRole('button', { name: 'Далее' }).click();
    await other.getByText('Неверная контрольная цифра ОГРНИП').waitFor();
    await other.locator('[name="ogrnip"]').fill(String(a['ogrnip']));
    await next(other, 'Сведения для 115-ФЗ');
    await fillStep(other, 'sole_proprietor', 'profile', a);
    await next(other, 'Контакты');
    await confirmContacts(other, String(a['phone']), String(a['email']));
    await next(other, 'Услуги и согласие');
    await fillStep(other, 'sole_proprietor', 'services', a);
    await other.getByRole('button', { name: 'Отправить анкету' }).click();
    await other.getByRole('heading', { name: /^Анкета A-\d{4}-\d{6} отправлена$/ }).waitFor();
    expect(problems).toEqual([]);
    await second.close();
  });

  test('a legal entity with a representative by power of attorney and two beneficial owners', async () => {
    const a: Record<string, unknown> = {
      ...SAMPLE_ANSWERS.legal_entity,
      representativeAuthority: 'power_of_attorney',
      representativeName: 'Иванова Елена Павловна',
      powerOfAttorneyNumber: '77 АБ 1234567',
      powerOfAttorneyDate: '2026-01-15',
      powerOfAttorneyValidUntil: '2027-01-15',
      beneficialOwnerCount: '2',
      owner1Share: '60',
      owner2Name: 'Орлова Мария Андреевна',
      owner2Share: '40',
    };
    const context = await world.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForProblems(page);
    await page.goto(`${world.t.base}/open-account`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-1440x900');
    await page.getByRole('button', { name: /Юридическое лицо/ }).click();
    await page.getByRole('heading', { name: 'Организация' }).waitFor();
    await fillStep(page, 'legal_entity', 'company', a);
    await next(page, 'Руководитель и представитель');
    await fillStep(page, 'legal_entity', 'management', {
      representativeAuthority: a.representativeAuthority,
    });
    // The power of attorney's fields appear once the representative says so.
    await page.locator('[name="powerOfAttorneyNumber"]').waitFor();
    await fillStep(page, 'legal_entity', 'management', a);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-management-1440x900');
    await next(page, 'Бенефициарные владельцы');
    await fillStep(page, 'legal_entity', 'owners', { beneficialOwnerCount: '2' });
    await page.locator('[name="owner2Name"]').waitFor();
    await fillStep(page, 'legal_entity', 'owners', { ...a, owner2Share: '50' });
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText('Доли бенефициаров вместе больше 100%').waitFor();
    await page.locator('[name="owner2Share"]').fill('40');
    await next(page, 'Сведения для 115-ФЗ');
    await fillStep(page, 'legal_entity', 'profile', a);
    await next(page, 'Контакты');
    await confirmContacts(
      page,
      String(SAMPLE_ANSWERS.legal_entity['phone']),
      String(SAMPLE_ANSWERS.legal_entity['email']),
    );
    await next(page, 'Услуги и согласие');
    await fillStep(page, 'legal_entity', 'services', a);
    await page.getByRole('button', { name: 'Отправить анкету' }).click();
    await page.getByRole('heading', { name: /^Анкета A-\d{4}-\d{6} отправлена$/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'open-account-done-1440x900');
    const submitted = await world.t.db.orm.em
      .fork()
      .find(AccountApplicationSchema, { kind: 'legal_entity', status: 'submitted' });
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.answers).toMatchObject({
      representativeName: 'Иванова Елена Павловна',
      owner2Share: '40',
      powerOfAttorneyValidUntil: '2027-01-15',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the client manager imports the questionnaire, opens access; the new client sets a password and signs in', async () => {
    const a = SAMPLE_ANSWERS.individual;
    const { page, problems } = await openSignedIn(world, '/onboarding', 'manager@demo.local', DESKTOP);
    await page.getByRole('heading', { name: 'Анкеты на открытие счёта' }).waitFor();
    await page.getByText('Найдено: 3').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'desk-1440x900');
    await page.getByLabel('Номер, ФИО, название, ИНН или телефон').fill('Соколова');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByText('Найдено: 1').waitFor();
    await page.getByRole('link', { name: /Соколова Анна Игоревна/ }).click();
    await page.getByRole('heading', { name: /^A-\d{4}-\d{6} · Соколова Анна Игоревна$/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Анкета в PDF' }).getAttribute('href')).toMatch(/\/pdf$/);
    await page.getByLabel(/^Номер брокерского \(основного\) договора/).fill('БО-0201/26');
    await page.getByLabel(/^Номер депозитарного договора/).fill('ДЕ-0201/26');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'desk-application-1440x900');
    await page.getByRole('button', { name: 'Импортировать' }).click();
    await page.getByText('Основной договор: БО-0201/26').waitFor();
    await page.getByRole('button', { name: 'Договоры подписаны — открыть доступ' }).click();
    await page.getByText('Ссылка отправлена (каналов: 2).').waitFor();
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'desk-application-imported-390x844');
    expect(problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await page.context().close();

    const mail = [...world.email.sent].reverse().find((m) => m.to === a['email']);
    const link = /(https?:\/\/\S+\/activate#[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    const context = await world.browser.newContext({ viewport: PHONE });
    const client = await context.newPage();
    client.setDefaultTimeout(15_000);
    const clientProblems = watchForProblems(client);
    await client.goto(link.replace(/^https?:\/\/[^/]+/, world.t.base));
    await client.getByRole('heading', { name: 'Вход в Кабинет' }).waitFor();
    expect(new URL(client.url()).hash).toBe('');
    expect(await axeViolations(client)).toEqual([]);
    await shot(client, 'activate-390x844');
    await client.getByLabel(/^Новый пароль/).fill('Tverdyi-parol-2026!');
    await client.getByLabel(/^Пароль ещё раз/).fill('Tverdyi-parol-2026!');
    await client.getByRole('button', { name: 'Задать пароль' }).click();
    await client.getByText('Пароль задан. Теперь войдите с ним и кодом из SMS.').waitFor();
    await client.getByRole('link', { name: 'Войти' }).click();
    await client.getByLabel(/^Электронная почта или телефон/).fill(String(a['email']));
    await client.getByLabel(/^Пароль/).fill('Tverdyi-parol-2026!');
    await client.getByRole('button', { name: 'Войти' }).click();
    await client.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
    await client.getByLabel(/^Код из 6 цифр/).fill(world.sms.code(String(a['phone'])));
    await client.getByRole('button', { name: 'Подтвердить' }).click();
    await client.getByRole('heading', { name: 'Мои заявки' }).waitFor();
    expect(clientProblems.filter((text) => !/status of 401/.test(text))).toEqual([]);
    await context.close();
  });
});
