import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ClientSchema } from '../../../src/clients/client.entity.js';
import { FULL_REVIEW_CHECKLIST } from '../../../src/demo/drive.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { signingCodes } from '../../../src/identity/signing-codes.js';
import { WorkflowService } from '../../../src/workflow/workflow.service.js';
import { createApiFixture, WITHDRAWAL, type ApiFixture } from '../../support/api.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { TEST_RATES } from '../../support/workflow.js';

/*
 * DESIGN §14, issue 17 item 2: a client manager works the clients it owns. Another manager's client's requests do
 * not exist for it (404, as for a client), in lists, views, review steps and task lists; an administrator
 * reassigns a client (journaled) and the requests follow; CLIENT_MANAGER_SCOPE=all restores one shared pool.
 */
describe('a client manager works only the clients it owns', () => {
  let f: ApiFixture;
  const tokens: Record<string, string> = {};
  const t = (login: string): string => tokens[login] ?? '';
  let requestId = '';
  let inquiryId = '';
  let clientId = '';

  const signed = async (type: 'withdrawal' | 'general_inquiry', payload: Record<string, unknown>) => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, { type, payload });
    const { payloadHash } = await f.workflow.submit(client, draft.id);
    await f.workflow.confirmSignature(client, draft.id, payloadHash);
    return draft.id;
  };

  beforeAll(async () => {
    f = await createApiFixture();
    for (const login of ['manager@demo.local', 'manager2@demo.local', 'admin@demo.local'])
      tokens[login] = await f.login(login);
    requestId = await signed('withdrawal', WITHDRAWAL);
    inquiryId = await signed('general_inquiry', SAMPLE_PAYLOADS.general_inquiry);
    clientId = f.actor('client@demo.local').clientId ?? '';
  });
  afterAll(async () => {
    await f?.close();
  });

  test('another manager does not see the request: not in its list, 404 on view, journal and take', async () => {
    const list = await f.call('GET', '/api/v1/requests', { token: t('manager2@demo.local') });
    expect(list.status).toBe(200);
    expect((list.body['items'] as { id: string }[]).map((r) => r.id)).not.toContain(requestId);
    expect(list.body['total']).toBe(0);
    for (const [method, path] of [
      ['GET', `/api/v1/requests/${requestId}`],
      ['GET', `/api/v1/requests/${requestId}/journal`],
      ['POST', `/api/v1/requests/${requestId}/take`],
    ] as const) {
      const answer = await f.call(method, path, { token: t('manager2@demo.local') });
      expect(answer.status).toBe(404);
      expect(answer.body['code']).toBe('not_found');
    }
  });

  test('the owner sees it in its list and may take it', async () => {
    const list = await f.call('GET', '/api/v1/requests', { token: t('manager@demo.local') });
    expect((list.body['items'] as { id: string }[]).map((r) => r.id)).toContain(requestId);
    const view = await f.call('GET', `/api/v1/requests/${requestId}`, { token: t('manager@demo.local') });
    expect(view.body['allowedActions']).toContain('take');
  });

  test("another manager's task list leaves out the client-manager tasks of clients it does not own", async () => {
    const owner = f.actor('manager@demo.local');
    await f.workflow.take(owner, inquiryId);
    await f.workflow.accept(owner, inquiryId, FULL_REVIEW_CHECKLIST);
    const mine = await f.call('GET', '/api/v1/tasks', { token: t('manager@demo.local') });
    expect((mine.body['items'] as { request: { id: string } }[]).map((i) => i.request.id)).toContain(
      inquiryId,
    );
    const theirs = await f.call('GET', '/api/v1/tasks', { token: t('manager2@demo.local') });
    expect(theirs.status).toBe(200);
    expect((theirs.body['items'] as { request: { id: string } }[]).map((i) => i.request.id)).not.toContain(
      inquiryId,
    );
  });

  test('an administrator reassigns the client: journaled, and the requests follow the new manager', async () => {
    const manager2 = f.actor('manager2@demo.local').userId;
    const patched = await f.call('PATCH', `/api/v1/admin/clients/${clientId}`, {
      token: t('admin@demo.local'),
      body: { managerId: manager2 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body['managerId']).toBe(manager2);
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { action: 'client.manager_reassigned' });
    expect(entry.actorId).toBe(f.actor('admin@demo.local').userId);
    expect(entry.data).toMatchObject({ clientId, from: f.actor('manager@demo.local').userId, to: manager2 });

    const taken = await f.call('POST', `/api/v1/requests/${requestId}/take`, {
      token: t('manager2@demo.local'),
    });
    expect(taken.status).toBe(200);
    expect(taken.body['status']).toBe('in_review');
    const formerOwner = await f.call('GET', `/api/v1/requests/${requestId}`, {
      token: t('manager@demo.local'),
    });
    expect(formerOwner.status).toBe(404);
    const client = await f.db.orm.em.fork().findOneOrFail(ClientSchema, { id: clientId });
    expect(client.managerId).toBe(manager2);
  });

  test('a client sees its manager by name only', async () => {
    const token = await f.login('client@demo.local');
    const view = await f.call('GET', `/api/v1/requests/${requestId}`, { token });
    expect(view.body['manager']).toEqual({ name: 'Управляева Ульяна' });
    expect(view.text).not.toContain(f.actor('manager2@demo.local').userId);
  });

  test('CLIENT_MANAGER_SCOPE=all: one shared pool, any manager sees and may work any client', async () => {
    const pooled = new WorkflowService({
      orm: f.db.orm,
      routing: { rubRates: TEST_RATES },
      clientManagerScope: 'all',
      signatureCodes: signingCodes(f.db.orm),
    });
    const other = await signed('withdrawal', WITHDRAWAL);
    const view = await pooled.getRequest(f.actor('manager@demo.local'), other);
    expect(view.allowedActions).toContain('take');
    const page = await pooled.listRequests(f.actor('manager@demo.local'));
    expect(page.items.map((r) => r.id)).toContain(other);
  });
});
