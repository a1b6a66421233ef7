import { TaskSchema } from '../../../src/workflow/task.entity.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REVIEW_CHECKLIST } from '../../../src/workflow/domain/definition.js';
import { createApiFixture, ticked, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
const tokens: Record<string, string> = {};
const LOGINS = [
  'client@demo.local',
  'ip@demo.local',
  'manager@demo.local',
  'backoffice@demo.local',
  'finmon@demo.local',
  'finmon2@demo.local',
  'broker@demo.local',
  'accountant@demo.local',
  'depo@demo.local',
] as const;

beforeAll(async () => {
  f = await createApiFixture();
  for (const login of LOGINS) tokens[login] = await f.login(login);
});
afterAll(async () => {
  await f.close();
});

const t = (login: (typeof LOGINS)[number]): string => {
  const token = tokens[login];
  if (!token) throw new Error(`no token for ${login}`);
  return token;
};

interface TaskJson {
  id: string;
  role: string;
  status: string;
  checklist: { key: string }[];
  allowedActions: string[];
}

async function signedWithdrawal(payload: Record<string, unknown> = WITHDRAWAL): Promise<string> {
  const created = await f.call('POST', '/api/v1/requests', {
    token: t('client@demo.local'),
    body: { type: 'withdrawal', payload },
  });
  const id = String(created.body['id']);
  const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: t('client@demo.local') });
  const confirmed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
    token: t('client@demo.local'),
    body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
  });
  expect(confirmed.status).toBe(200);
  return id;
}

/** The client manager's review checklist, every item ticked. */
const REVIEW = ticked(REVIEW_CHECKLIST);

describe('a withdrawal over HTTP, from draft to completed', () => {
  it('goes through every role with every endpoint answering as documented', async () => {
    const client = t('client@demo.local');
    const manager = t('manager@demo.local');

    const created = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', type: 'withdrawal', signature: null });
    expect(created.body['allowedActions']).toEqual(
      expect.arrayContaining(['updateDraft', 'deleteDraft', 'submit', 'cancel']),
    );
    const id = String(created.body['id']);
    expect(String(created.body['number'])).toMatch(/^\d{4}-\d{6}$/);

    const edited = await f.call('PATCH', `/api/v1/requests/${id}`, {
      token: client,
      body: { payload: { ...WITHDRAWAL, comment: 'на ремонт' } },
    });
    expect(edited.status).toBe(200);
    expect((edited.body['payload'] as Record<string, unknown>)['comment']).toBe('на ремонт');

    const list = await f.call('GET', '/api/v1/requests?status=draft&type=withdrawal&page=1&pageSize=10', {
      token: client,
    });
    expect(list.status).toBe(200);
    expect((list.body['items'] as { id: string }[]).some((r) => r.id === id)).toBe(true);

    // Staff do not see unsigned drafts.
    expect((await f.call('GET', `/api/v1/requests/${id}`, { token: manager })).status).toBe(404);

    const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
    expect(submitted.status).toBe(202);
    const signed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token: client,
      body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
    });
    expect(signed.status).toBe(200);

    const taken = await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    expect(taken.status).toBe(200);
    expect(taken.body['status']).toBe('in_review');
    const accepted = await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: REVIEW },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body['status']).toBe('in_progress');

    // Each stage's tasks, by the people of their roles, through /tasks.
    const byRole: Record<string, (typeof LOGINS)[number]> = {
      fin_monitoring: 'finmon@demo.local',
      brokerage: 'broker@demo.local',
      back_office: 'backoffice@demo.local',
      accountant: 'accountant@demo.local',
    };
    for (let round = 0; round < 10; round += 1) {
      const current = await f.call('GET', `/api/v1/requests/${id}`, { token: manager });
      if (current.body['status'] !== 'in_progress') break;
      const open = (current.body['tasks'] as TaskJson[]).filter((task) => task.status === 'open');
      for (const task of open) {
        const login = byRole[task.role];
        if (!login) throw new Error(`no one for ${task.role}`);
        const mine = await f.call('GET', `/api/v1/tasks?role=${task.role}`, { token: t(login) });
        expect(mine.status).toBe(200);
        const item = (
          mine.body['items'] as { id: string; request: { number: string; summary: { ru: string } } }[]
        ).find((i) => i.id === task.id);
        expect(item?.request.number).toBe(created.body['number']);
        expect(item?.request.summary.ru).toContain('вывод 100 000,00 ₽');
        const claimed = await f.call('POST', `/api/v1/tasks/${task.id}/claim`, { token: t(login) });
        expect(claimed.status).toBe(200);
        const done = await f.call('POST', `/api/v1/tasks/${task.id}/complete`, {
          token: t(login),
          body: { checklist: ticked(task.checklist), comment: 'ok' },
        });
        expect(done.status).toBe(200);
      }
    }
    const final = await f.call('GET', `/api/v1/requests/${id}`, { token: client });
    expect(final.body['status']).toBe('completed');
    expect(final.body['audience']).toBe('client');
    expect(final.body['tasks']).toBeUndefined();
    expect(final.body['manager']).toEqual({ name: expect.any(String) });
    const staffView = await f.call('GET', `/api/v1/requests/${id}`, { token: t('manager@demo.local') });
    expect(staffView.body['audience']).toBe('staff');
    expect((staffView.body['tasks'] as TaskJson[]).map((task) => task.role).sort()).toEqual([
      'accountant',
      'back_office',
      'brokerage',
      'fin_monitoring',
    ]);

    const journal = await f.call('GET', `/api/v1/requests/${id}/journal`, { token: client });
    expect(journal.status).toBe(200);
    expect(journal.body['audience']).toBe('client');
    const events = (journal.body['items'] as { event: string; status: string | null }[]).map((e) =>
      e.status ? `${e.event}:${e.status}` : e.event,
    );
    expect(events[0]).toBe('created');
    expect(events).toEqual(expect.arrayContaining(['signed', 'status_changed:completed']));
    const staffJournal = await f.call('GET', `/api/v1/requests/${id}/journal`, {
      token: t('manager@demo.local'),
    });
    const actions = (staffJournal.body['items'] as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['request.signed', 'request.task_approved']));
    expect((staffJournal.body['items'] as { actorName: string | null }[])[0]?.actorName).toBe(
      'Иванов Иван Иванович',
    );
  });
});

describe('request endpoints', () => {
  it('the list gives each request a title and a one-line summary, and keeps drafts apart on request', async () => {
    const token = t('ip@demo.local');
    const draft = await f.call('POST', '/api/v1/requests', {
      token,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const filed = await f.call('POST', '/api/v1/requests', {
      token,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const filedId = String(filed.body['id']);
    const submitted = await f.call('POST', `/api/v1/requests/${filedId}/submit`, { token });
    await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token,
      body: { code: f.sms.code(f.phoneOf('ip@demo.local')) },
    });
    const ids = async (query: string) => {
      const page = await f.call('GET', `/api/v1/requests?${query}`, { token });
      return (page.body['items'] as { id: string }[]).map((item) => item.id);
    };
    expect(await ids('drafts=exclude')).toEqual([filedId]);
    expect(await ids('drafts=only')).toEqual([String(draft.body['id'])]);
    expect(await ids('')).toHaveLength(2);
    const items = (await f.call('GET', '/api/v1/requests', { token })).body['items'] as Record<
      string,
      unknown
    >[];
    expect(items[0]).toMatchObject({
      title: { ru: 'Вывод денежных средств' },
      summary: { ru: expect.stringContaining('…') as unknown },
    });
  });

  it('delete removes a draft (204), then it is gone (404)', async () => {
    const created = await f.call('POST', '/api/v1/requests', {
      token: t('client@demo.local'),
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const id = String(created.body['id']);
    expect((await f.call('DELETE', `/api/v1/requests/${id}`, { token: t('client@demo.local') })).status).toBe(
      204,
    );
    expect((await f.call('GET', `/api/v1/requests/${id}`, { token: t('client@demo.local') })).status).toBe(
      404,
    );
  });

  it('cancel with a reason; a second cancel is 409', async () => {
    const id = await signedWithdrawal();
    const cancelled = await f.call('POST', `/api/v1/requests/${id}/cancel`, {
      token: t('client@demo.local'),
      body: { reason: 'передумал' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body['status']).toBe('cancelled');
    const again = await f.call('POST', `/api/v1/requests/${id}/cancel`, {
      token: t('client@demo.local'),
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.body['code']).toBe('invalid_transition');
  });

  it('return for rework then edit and resubmit; reject ends it', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    const returned = await f.call('POST', `/api/v1/requests/${id}/return`, {
      token: manager,
      body: { reason: 'Уточните сумму' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body['status']).toBe('returned');
    const edited = await f.call('PATCH', `/api/v1/requests/${id}`, {
      token: t('client@demo.local'),
      body: { payload: { ...WITHDRAWAL, amount: '90000.00' } },
    });
    expect(edited.body['status']).toBe('draft');

    const other = await signedWithdrawal();
    await f.call('POST', `/api/v1/requests/${other}/take`, { token: manager });
    const rejected = await f.call('POST', `/api/v1/requests/${other}/reject`, {
      token: manager,
      body: { reason: 'Нет средств' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body['status']).toBe('rejected');
  });

  it('a task rejected in work goes back to the manager, who reopens it', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    const accepted = await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: REVIEW },
    });
    const task = (accepted.body['tasks'] as TaskJson[]).find((x) => x.role === 'brokerage');
    if (!task) throw new Error('no brokerage task');
    const rejected = await f.call('POST', `/api/v1/tasks/${task.id}/reject`, {
      token: t('broker@demo.local'),
      body: { reason: 'Недостаточно средств' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body['status']).toBe('in_review');
    const reopened = await f.call('POST', `/api/v1/tasks/${task.id}/reopen`, { token: manager });
    expect(reopened.status).toBe(200);
    expect(reopened.body['status']).toBe('in_progress');
  });

  it('an incomplete checklist is 400 with per-field messages', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    const missingNote = await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: { data_checked: { status: 'na' } } },
    });
    expect(missingNote.status).toBe(400);
    expect(missingNote.body['errors']).toHaveProperty(['checklist.data_checked']);
  });

  it('a bad form is 400 with the field named', async () => {
    const bad = await f.call('POST', '/api/v1/requests', {
      token: t('client@demo.local'),
      body: { type: 'withdrawal', payload: { ...WITHDRAWAL, recipientBic: '12345' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.body['code']).toBe('validation_failed');
    expect(Object.keys(bad.body['errors'] as object)).toContain('recipientBic');
  });

  it('words a bad form in the caller’s language and lists the issues as codes with parameters', async () => {
    const payload = { ...WITHDRAWAL, recipientBic: '123456789', recipientName: 'И'.repeat(600) };
    const asked = async (language: string) =>
      f.call('POST', '/api/v1/requests', {
        token: t('client@demo.local'),
        headers: { 'accept-language': language },
        body: { type: 'withdrawal', payload },
      });
    const ru = await asked('ru-RU,ru;q=0.9');
    expect(ru.status).toBe(400);
    expect(ru.body['errors']).toMatchObject({
      recipientBic: ['БИК российского банка начинается с 04'],
      recipientName: ['Не длиннее 200 символов'],
    });
    expect(ru.body['issues']).toMatchObject({
      recipientBic: [{ code: 'bic_not_russian' }],
      recipientName: [{ code: 'too_long', params: { max: 200 } }],
    });
    const en = await asked('en-GB');
    expect(en.body['errors']).toMatchObject({
      recipientBic: ['BIC of a bank in Russia must start with 04'],
      recipientName: ['must be at most 200 characters'],
    });
    expect(en.body['issues']).toEqual(ru.body['issues']);
  });

  it('two managers taking one request at once: one wins, the other gets 409', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    const answers = await Promise.all([
      f.call('POST', `/api/v1/requests/${id}/take`, { token: manager }),
      f.call('POST', `/api/v1/requests/${id}/take`, { token: manager }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it("a client's requests are invisible to another client: 404 everywhere", async () => {
    const id = await signedWithdrawal();
    const stranger = t('ip@demo.local');
    for (const [method, path] of [
      ['GET', `/api/v1/requests/${id}`],
      ['GET', `/api/v1/requests/${id}/journal`],
      ['PATCH', `/api/v1/requests/${id}`],
      ['DELETE', `/api/v1/requests/${id}`],
      ['POST', `/api/v1/requests/${id}/submit`],
      ['POST', `/api/v1/requests/${id}/cancel`],
    ] as const) {
      const body = method === 'PATCH' ? { payload: WITHDRAWAL } : method === 'GET' ? undefined : {};
      const answer = await f.call(method, path, { token: stranger, ...(body === undefined ? {} : { body }) });
      expect([method, path, answer.status]).toEqual([method, path, 404]);
    }
    const list = await f.call('GET', '/api/v1/requests', { token: stranger });
    expect((list.body['items'] as { id: string }[]).some((r) => r.id === id)).toBe(false);
  });

  it('staff see tasks of their roles only; a role they do not hold is 403', async () => {
    const mine = await f.call('GET', '/api/v1/tasks?status=done', { token: t('accountant@demo.local') });
    expect(mine.status).toBe(200);
    expect((mine.body['items'] as { role: string }[]).every((task) => task.role === 'accountant')).toBe(true);
    const notMine = await f.call('GET', '/api/v1/tasks?role=brokerage', {
      token: t('accountant@demo.local'),
    });
    expect(notMine.status).toBe(403);
  });

  it('full account numbers only for the roles that pay out; brokerage reads the last four digits', async () => {
    const id = await signedWithdrawal();
    const manager = await f.call('GET', `/api/v1/requests/${id}`, { token: t('manager@demo.local') });
    expect(manager.body['payload']).toMatchObject({ recipientAccount: WITHDRAWAL.recipientAccount });
    expect(manager.body['maskedFields']).toEqual([]);
    const client = await f.call('GET', `/api/v1/requests/${id}`, { token: t('client@demo.local') });
    expect(client.body['payload']).toMatchObject({ recipientAccount: WITHDRAWAL.recipientAccount });
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: t('manager@demo.local') });
    await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: t('manager@demo.local'),
      body: { checklist: ticked(REVIEW_CHECKLIST) },
    });
    const broker = await f.call('GET', `/api/v1/requests/${id}`, { token: t('broker@demo.local') });
    expect(broker.status).toBe(200);
    expect(broker.body['payload']).toMatchObject({
      recipientAccount: '…0001',
      recipientCorrAccount: '…0225',
    });
    expect(broker.body['maskedFields']).toEqual(['recipientCorrAccount', 'recipientAccount']);
    expect(JSON.stringify(broker.body)).not.toContain(WITHDRAWAL.recipientAccount);
    const finmon = await f.call('GET', `/api/v1/requests/${id}`, { token: t('finmon@demo.local') });
    expect(finmon.body['payload']).toMatchObject({ recipientAccount: WITHDRAWAL.recipientAccount });
  });

  it('the request shows the review checklist to the manager who may accept, and names who did what', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    const before = await f.call('GET', `/api/v1/requests/${id}`, { token: manager });
    expect(before.body['reviewChecklist']).toBeNull();
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    const taken = await f.call('GET', `/api/v1/requests/${id}`, { token: manager });
    expect(taken.body['reviewerName']).toBe('Менеджерова Мария');
    const checklist = taken.body['reviewChecklist'] as { key: string; ru: string }[];
    expect(checklist.map((c) => c.key)).toEqual(['data_checked', 'authority_confirmed']);
    expect(checklist[0]?.ru).toBe('Данные заявки проверены');
    // Exactly what accept wants.
    const accepted = await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: Object.fromEntries(checklist.map((c) => [c.key, { status: 'done' }])) },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body['reviewChecklist']).toBeNull();
    const task = (accepted.body['tasks'] as TaskJson[]).find((x) => x.status === 'open');
    if (!task) throw new Error('no open task');
    await f.call('POST', `/api/v1/tasks/${task.id}/claim`, { token: t('finmon@demo.local') });
    const claimed = await f.call('GET', `/api/v1/requests/${id}`, { token: t('finmon2@demo.local') });
    const seen = (claimed.body['tasks'] as { id: string; assigneeName: string | null }[]).find(
      (x) => x.id === task.id,
    );
    expect(seen?.assigneeName).toBe('Мониторова Фаина');
    // The client's view carries none of it.
    const client = await f.call('GET', `/api/v1/requests/${id}`, { token: t('client@demo.local') });
    expect(client.body).not.toHaveProperty('reviewChecklist');
    expect(client.text).not.toContain('Мониторова');
  });

  it('the task list names who took a task, marks and filters the overdue, and answers 304 while unchanged', async () => {
    const id = await signedWithdrawal();
    const manager = t('manager@demo.local');
    await f.call('POST', `/api/v1/requests/${id}/take`, { token: manager });
    const accepted = await f.call('POST', `/api/v1/requests/${id}/accept`, {
      token: manager,
      body: { checklist: REVIEW },
    });
    const task = (accepted.body['tasks'] as TaskJson[]).find((x) => x.status === 'open');
    if (!task) throw new Error('no open task');
    if (task.role !== 'fin_monitoring') throw new Error(`the first task is ${task.role}`);
    const login = 'finmon@demo.local';
    const list = () => f.call('GET', `/api/v1/tasks?role=${task.role}`, { token: t(login) });
    const first = await list();
    const item = () =>
      (first.body['items'] as { id: string; assigneeName: string | null; overdue: boolean }[]).find(
        (x) => x.id === task.id,
      );
    expect(item()).toMatchObject({ assigneeName: null, overdue: false });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await f.call('GET', `/api/v1/tasks?role=${task.role}`, {
      token: t(login),
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    await f.call('POST', `/api/v1/tasks/${task.id}/claim`, { token: t(login) });
    const changed = await f.call('GET', `/api/v1/tasks?role=${task.role}`, {
      token: t(login),
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    const taken = (changed.body['items'] as { id: string; assigneeName: string | null }[]).find(
      (x) => x.id === task.id,
    );
    expect(taken?.assigneeName).toBe('Мониторова Фаина');

    const none = await f.call('GET', `/api/v1/tasks?role=${task.role}&overdue=true`, { token: t(login) });
    expect((none.body['items'] as { id: string }[]).some((x) => x.id === task.id)).toBe(false);
    await f.db.orm.em
      .fork()
      .nativeUpdate(TaskSchema, { id: task.id }, { dueAt: new Date(f.clock.now().getTime() - 60_000) });
    const late = await f.call('GET', `/api/v1/tasks?role=${task.role}&overdue=true`, { token: t(login) });
    const overdue = (late.body['items'] as { id: string; overdue: boolean }[]).find((x) => x.id === task.id);
    expect(overdue?.overdue).toBe(true);

    // Pages: the total counts every task the filter holds, each page the next ones by due time, past the end none.
    const all = await f.call('GET', `/api/v1/tasks?role=${task.role}&pageSize=100`, { token: t(login) });
    const total = Number(all.body['total']);
    const ids = (all.body['items'] as { id: string }[]).map((x) => x.id);
    expect(ids).toHaveLength(Math.min(100, total));
    const second = await f.call('GET', `/api/v1/tasks?role=${task.role}&pageSize=1&page=2`, {
      token: t(login),
    });
    expect(second.body).toMatchObject({ total, page: 2, pageSize: 1 });
    expect((second.body['items'] as { id: string }[]).map((x) => x.id)).toEqual(total > 1 ? [ids[1]] : []);
    const beyond = await f.call('GET', `/api/v1/tasks?role=${task.role}&page=${total + 1}`, {
      token: t(login),
    });
    expect(beyond.body).toMatchObject({ items: [], total });
  });

  it('a form is checked as it is filled in: the fields that apply, the issues in words, nothing stored', async () => {
    const token = t('client@demo.local');
    const before = (await f.call('GET', '/api/v1/requests', { token })).body['total'];
    const electronic = await f.call('POST', '/api/v1/request-types/tax_certificate/check', {
      token,
      body: { payload: { year: 2025, kind: 'ndfl_2', delivery: 'electronic' } },
    });
    expect(electronic.status).toBe(200);
    expect(electronic.body).toMatchObject({ complete: true, issues: {}, errors: {} });
    expect(electronic.body['fields']).not.toContain('postalAddress');
    const paper = await f.call('POST', '/api/v1/request-types/tax_certificate/check', {
      token,
      body: { payload: { year: 2025, kind: 'ndfl_2', delivery: 'paper' } },
    });
    expect(paper.body['fields']).toContain('postalAddress');
    const bad = await f.call('POST', '/api/v1/request-types/withdrawal/check', {
      token,
      headers: { 'accept-language': 'ru' },
      body: { payload: { ...WITHDRAWAL, recipientBic: '12345' } },
    });
    expect(bad.body['complete']).toBe(false);
    expect((bad.body['issues'] as Record<string, unknown[]>)['recipientBic']).toBeDefined();
    expect((bad.body['errors'] as Record<string, string[]>)['recipientBic']?.[0]).toMatch(/БИК/);
    expect((await f.call('GET', '/api/v1/requests', { token })).body['total']).toBe(before);
    // Staff do not file requests.
    const staff = await f.call('POST', '/api/v1/request-types/withdrawal/check', {
      token: t('manager@demo.local'),
      body: { payload: {} },
    });
    expect(staff.status).toBe(403);
  });

  it('request types list their forms as JSON Schema and their process outline', async () => {
    const types = await f.call('GET', '/api/v1/request-types', { token: t('client@demo.local') });
    expect(types.status).toBe(200);
    const items = types.body['items'] as {
      code: string;
      schema: { properties: object };
      process: { stages: unknown[] };
    }[];
    expect(items).toHaveLength(11);
    const withdrawal = items.find((i) => i.code === 'withdrawal');
    expect(withdrawal?.schema.properties).toHaveProperty('recipientBic');
    expect(withdrawal?.process.stages.length).toBeGreaterThan(1);
    expect(
      (await f.call('GET', '/api/v1/request-types/nope', { token: t('client@demo.local') })).status,
    ).toBe(404);
  });
});
