import { describe, expect, test } from '@jest/globals';
import {
  answerCurrent,
  startForm,
  stepBack,
  type FormAsking,
  type FormState,
} from '../../../src/bot/client/conversations/request-form.js';
import { getRequestType } from '../../../src/workflow/domain/types/index.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

const today = { today: '2026-11-24' };
const withdrawal = getRequestType('withdrawal');

function asking(state: FormState): FormAsking {
  if (state.kind !== 'form') throw new Error(`expected a question, got ${state.kind}`);
  return state;
}

/** Answers the questions in order; returns the state after the last answer. */
function answerAll(state: FormState, answers: string[]): FormState {
  let current = state;
  for (const text of answers) {
    const outcome = answerCurrent(withdrawal, asking(current), text, today);
    if (!outcome.ok) throw new Error(`"${text}" refused: ${outcome.issue.code}`);
    current = outcome.state;
  }
  return current;
}

const GOOD = [
  'БО-0001/26',
  '1 500 000,00',
  'RUB',
  '044525225',
  'ПАО Сбербанк',
  '30101810400000000225',
  '40817810000000001234',
  'Иванов Иван Иванович',
];

describe('the new-request dialogue over a form definition', () => {
  test('starts with the first field and asks the fields in form order', () => {
    const { state } = startForm(withdrawal, today);
    expect(state).toMatchObject({ kind: 'form', type: 'withdrawal', current: 'contract', asked: [] });
    const after = asking(answerAll(state, GOOD.slice(0, 2)));
    expect(after.current).toBe('currency');
    expect(after.answers).toEqual({ contract: 'БО-0001/26', amount: '1500000.00' });
  });

  test('a wrong answer says what to fix and leaves the state as it was', () => {
    const { state } = startForm(withdrawal, today);
    const at = asking(answerAll(state, GOOD.slice(0, 1)));
    const outcome = answerCurrent(withdrawal, at, '12,345', today);
    expect(outcome).toEqual({ ok: false, issue: { code: 'amount_decimals' } });
  });

  test('an option is accepted by its value or its label', () => {
    const at = asking(answerAll(startForm(withdrawal, today).state, GOOD.slice(0, 2)));
    expect(answerCurrent(withdrawal, at, 'Рубли (RUB)', today)).toMatchObject({
      ok: true,
      state: { answers: { currency: 'RUB' } },
    });
    expect(answerCurrent(withdrawal, at, 'Фунты', today)).toMatchObject({ ok: false });
  });

  test('an optional field may be skipped, and then the summary comes', () => {
    const last = asking(answerAll(startForm(withdrawal, today).state, GOOD));
    expect(last.current).toBe('comment');
    const skipped = answerCurrent(withdrawal, last, '', today);
    expect(skipped).toMatchObject({ ok: true, state: { kind: 'summary' } });
    if (skipped.ok) expect(skipped.state.answers).not.toHaveProperty('comment');
  });

  test('back asks the previous question again, without its answer; back from the first leaves the form', () => {
    const { state } = startForm(withdrawal, today);
    const two = answerAll(state, GOOD.slice(0, 2));
    const back = asking(stepBack(withdrawal, two) ?? state);
    expect(back.current).toBe('amount');
    expect(back.answers).toEqual({ contract: 'БО-0001/26' });
    expect(stepBack(withdrawal, state)).toBeUndefined();
  });

  test('a rule across fields sends the dialogue back to the field at fault', () => {
    // A dollar amount to a rouble account: the account's currency digits do not match.
    const answers = [...GOOD];
    answers[2] = 'USD';
    const last = asking(answerAll(startForm(withdrawal, today).state, answers));
    const outcome = answerCurrent(withdrawal, last, '', today);
    expect(outcome).toMatchObject({
      ok: true,
      state: { kind: 'form', current: 'recipientAccount', fixing: true },
    });
    if (!outcome.ok) return;
    expect(outcome.errors?.['recipientAccount']).toEqual([{ code: 'account_currency_mismatch' }]);
    // Fixing it leads straight back to the whole form's check: the summary, or the same field again.
    const fixed = answerCurrent(withdrawal, asking(outcome.state), '40817810000000001234', today);
    expect(fixed).toMatchObject({ ok: true, state: { kind: 'form', current: 'recipientAccount' } });
  });

  test('a stored draft opens on its summary, or on its first wrong field', () => {
    const draft = startForm(withdrawal, today, { answers: SAMPLE_PAYLOADS.withdrawal, draftId: 'd-1' });
    expect(draft.state).toMatchObject({ kind: 'summary', draftId: 'd-1' });
    const broken = startForm(withdrawal, today, {
      answers: { ...SAMPLE_PAYLOADS.withdrawal, recipientBic: '123' },
      draftId: 'd-2',
    });
    expect(broken.state).toMatchObject({ kind: 'form', current: 'recipientBic', draftId: 'd-2' });
  });

  test('conditional fields are asked only when they apply', () => {
    const change = getRequestType('personal_data_change');
    const { state } = startForm(change, today);
    const outcome = answerCurrent(change, asking(state), 'full_name', today);
    expect(outcome).toMatchObject({ ok: true, state: { current: 'newFullName' } });
    const address = answerCurrent(change, asking(state), 'registration_address', today);
    expect(address.ok && address.state.kind === 'form' && address.state.current).not.toBe('newFullName');
  });
});
