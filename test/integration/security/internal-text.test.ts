import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { DEMO_LARGE_WITHDRAWAL, DEMO_WITHDRAWAL } from '../../../src/demo/demo-requests.js';
import { driveToCompletion, FULL_REVIEW_CHECKLIST, fullChecklist } from '../../../src/demo/drive.js';
import { staffView } from '../../../src/workflow/presenters.js';
import { BotDriver } from '../../support/bot-driver.js';
import { createBotWorld, textOf, type BotWorld, type TgPerson } from '../../support/bot-world.js';
import { waitForSettled } from '../../support/notify.js';

jest.setTimeout(120_000);

/*
 * DESIGN §14, issue 17 item 1: staff notes, checklist states, internal comments, task reasons and staff
 * identities never reach the client — not in the API's view or journal, the client bot, in-app notices, e-mails
 * or SMS — while staff still read every one of them. Each internal text carries a marker; the client's every
 * channel is searched for it.
 */
const MARKER = 'ZZ-INTERNAL-7Q';
const REVIEW_NOTE = `${MARKER} review: клиент из списка наблюдения`;
const TASK_NOTE = `${MARKER} note: маржинальное требование`;
const TASK_COMMENT = `${MARKER} comment: клиенту не сообщать`;
const TASK_REJECT = `${MARKER} reject: операция подозрительная`;
const RETURN_REASON = 'Укажите другой счёт получателя (CLIENT-VISIBLE-1)';
const REJECT_REASON = 'Договор расторгнут (CLIENT-VISIBLE-2)';

describe('what the client reads never carries internal staff text', () => {
  let w: BotWorld;
  let d: BotDriver;
  let person: TgPerson;
  let clientToken = '';
  let managerToken = '';
  const ids = { worked: '', returned: '', rejected: '' };

  const client = () => w.actor('client@demo.local');
  const manager = () => w.actor('manager@demo.local');
  const api = async (path: string, token: string) => {
    const response = await fetch(`${w.base}/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, text: await response.text() };
  };
  const signed = async (payload: typeof DEMO_WITHDRAWAL) => {
    const draft = await w.container.workflow.createDraft(client(), { type: 'withdrawal', payload });
    const { payloadHash } = await w.container.workflow.submit(client(), draft.id);
    await w.container.workflow.confirmSignature(client(), draft.id, payloadHash);
    return draft.id;
  };

  beforeAll(async () => {
    w = await createBotWorld({ mode: 'polling' });
    d = new BotDriver(w);
    person = await d.linkClientByDeepLink('client@demo.local');
    const workflow = w.container.workflow;

    // 1. Worked to completion with every kind of internal text on the way.
    ids.worked = await signed(DEMO_LARGE_WITHDRAWAL);
    await workflow.take(manager(), ids.worked);
    const reviewChecklist = {
      ...FULL_REVIEW_CHECKLIST,
      [Object.keys(FULL_REVIEW_CHECKLIST)[0] ?? 'x']: {
        status: 'na' as const,
        note: REVIEW_NOTE,
      },
    };
    const accepted = staffView(await workflow.accept(manager(), ids.worked, reviewChecklist));
    const screening = accepted.tasks.find((t) => t.role === 'fin_monitoring' && t.approvalsRequired === 1);
    if (!screening) throw new Error('no screening task');
    await workflow.rejectTask(w.actor('finmon@demo.local'), screening.id, TASK_REJECT);
    await workflow.reopenTask(manager(), screening.id);
    const [first, ...rest] = screening.checklist;
    await workflow.completeTask(
      w.actor('finmon@demo.local'),
      screening.id,
      {
        ...fullChecklist(rest),
        ...(first ? { [first.key]: { status: 'na' as const, note: TASK_NOTE } } : {}),
      },
      TASK_COMMENT,
    );
    const staff = Object.values(w.actors).filter((a) => !a.roles.includes('client'));
    const done = await driveToCompletion(workflow, ids.worked, manager(), staff);
    expect(done.status).toBe('completed');

    // 2. Returned, and 3. rejected: the reasons addressed to the client must reach it.
    ids.returned = await signed(DEMO_WITHDRAWAL);
    await workflow.take(manager(), ids.returned);
    await workflow.returnForRework(manager(), ids.returned, RETURN_REASON);
    ids.rejected = await signed(DEMO_WITHDRAWAL);
    await workflow.take(manager(), ids.rejected);
    await workflow.reject(manager(), ids.rejected, REJECT_REASON);

    await waitForSettled(w.container.orm, { timeoutMs: 30_000 });
    clientToken = await d.apiLogin('client@demo.local');
    managerToken = await d.apiLogin('manager@demo.local');
  });
  afterAll(async () => {
    await w?.close();
  });

  test('staff still read every note, comment and reason (the markers are there to be found)', async () => {
    const view = await api(`/requests/${ids.worked}`, managerToken);
    expect(view.text).toContain(TASK_NOTE);
    const journal = await api(`/requests/${ids.worked}/journal`, managerToken);
    for (const text of [REVIEW_NOTE, TASK_NOTE, TASK_COMMENT, TASK_REJECT])
      expect(journal.text).toContain(text);
    expect(journal.text).toContain('Мониторова Фаина');
  });

  test('the API view and journal of the client carry no internal text, task, role or staff identity', async () => {
    const finmon = w.actor('finmon@demo.local').userId;
    for (const id of Object.values(ids)) {
      for (const path of [`/requests/${id}`, `/requests/${id}/journal`]) {
        const answer = await api(path, clientToken);
        expect(answer.status).toBe(200);
        expect(answer.text).not.toContain(MARKER);
        expect(answer.text).not.toContain(finmon);
        expect(answer.text).not.toContain('Мониторова');
        expect(answer.text).not.toMatch(/fin_monitoring|checklist|tasks/);
      }
    }
    const view = JSON.parse((await api(`/requests/${ids.worked}`, clientToken)).text) as Record<
      string,
      unknown
    >;
    expect(view['audience']).toBe('client');
    expect(view['status']).toBe('completed');
    expect(view['manager']).toEqual({ name: 'Менеджерова Мария' });
  });

  test('the reasons addressed to the client do reach it', async () => {
    const returned = JSON.parse((await api(`/requests/${ids.returned}`, clientToken)).text) as Record<
      string,
      unknown
    >;
    expect(returned['reason']).toBe(RETURN_REASON);
    const rejected = JSON.parse((await api(`/requests/${ids.rejected}`, clientToken)).text) as Record<
      string,
      unknown
    >;
    expect(rejected['reason']).toBe(REJECT_REASON);
    const journal = await api(`/requests/${ids.returned}/journal`, clientToken);
    expect(journal.text).toContain(RETURN_REASON);
  });

  test('in-app notices, e-mails and SMS to the client carry no internal text', async () => {
    const notices = await api('/notifications', clientToken);
    expect(notices.status).toBe(200);
    expect(notices.text).toContain(RETURN_REASON);
    expect(notices.text).not.toContain(MARKER);

    const dir = join(w.container.config.dataDir, 'outbox', 'email');
    const letters = existsSync(dir)
      ? readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'))
      : [];
    const toClient = letters.filter((letter) => letter.includes('client@demo.local'));
    expect(toClient.length).toBeGreaterThanOrEqual(3);
    for (const letter of toClient) expect(letter).not.toContain(MARKER);

    const sms = readFileSync(join(w.container.config.dataDir, 'outbox', 'sms.jsonl'), 'utf8');
    expect(sms).not.toContain(MARKER);
  });

  test('the client bot: pushes and the details screen carry no internal text or stage names', async () => {
    const completed = await d.next(person.chat, /исполнена/);
    await d.press(w.clientBot, person, completed, 'Подробнее');
    const details = await d.next(person.chat, 'История');
    expect(textOf(details)).toContain('исполнена');
    const returned = await d.next(person.chat, /возвращена на доработку/);
    await d.press(w.clientBot, person, returned, 'Подробнее');
    const returnedDetails = await d.next(person.chat, 'Что исправить');
    expect(textOf(returnedDetails)).toContain(RETURN_REASON);
    const everything = w.fake.chatMessages(person.chat.id).map(textOf).join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toMatch(/мониторинг|скрининг|Мониторова/i);
  });
});
