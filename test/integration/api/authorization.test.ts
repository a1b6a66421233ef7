import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REVIEW_CHECKLIST } from '../../../src/workflow/domain/definition.js';
import { createApiFixture, ticked, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

/*
 * The authorization matrix: each role against each endpoint family. Object-level rules answer 404 (another
 * client's request, a request outside a role's tasks); role-level rules answer 403; no session answers 401.
 */

const ROLES = ['anonymous', 'client', 'otherClient', 'manager', 'broker', 'admin'] as const;
type Who = (typeof ROLES)[number];
const LOGIN: Record<Exclude<Who, 'anonymous'>, string> = {
  client: 'client@demo.local',
  otherClient: 'ip@demo.local',
  manager: 'manager@demo.local',
  broker: 'broker@demo.local',
  admin: 'admin@demo.local',
};

let f: ApiFixture;
const tokens = new Map<Who, string>();
const ids = { draft: '', submitted: '', inWork: '', brokerTask: '', challenge: '' };

async function signed(): Promise<string> {
  const client = tokens.get('client') ?? '';
  const created = await f.call('POST', '/api/v1/requests', {
    token: client,
    body: { type: 'withdrawal', payload: WITHDRAWAL },
  });
  const id = String(created.body['id']);
  const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
  await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
    token: client,
    body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
  });
  return id;
}

beforeAll(async () => {
  f = await createApiFixture();
  for (const [who, login] of Object.entries(LOGIN)) tokens.set(who as Who, await f.login(login));
  const client = tokens.get('client') ?? '';
  const manager = tokens.get('manager') ?? '';
  ids.submitted = await signed();
  ids.inWork = await signed();
  await f.call('POST', `/api/v1/requests/${ids.inWork}/take`, { token: manager });
  const accepted = await f.call('POST', `/api/v1/requests/${ids.inWork}/accept`, {
    token: manager,
    body: { checklist: ticked(REVIEW_CHECKLIST) },
  });
  const task = (accepted.body['tasks'] as { id: string; role: string }[]).find((t) => t.role === 'brokerage');
  ids.brokerTask = task?.id ?? '';
  const draft = await f.call('POST', '/api/v1/requests', {
    token: client,
    body: { type: 'withdrawal', payload: WITHDRAWAL },
  });
  ids.draft = String(draft.body['id']);
  const toSign = await f.call('POST', '/api/v1/requests', {
    token: client,
    body: { type: 'withdrawal', payload: WITHDRAWAL },
  });
  const challenge = await f.call('POST', `/api/v1/requests/${String(toSign.body['id'])}/submit`, {
    token: client,
  });
  ids.challenge = String(challenge.body['challengeId']);
});
afterAll(async () => {
  await f.close();
});

interface Row {
  family: string;
  method: string;
  path: () => string;
  body?: unknown;
  expect: Record<Who, number>;
}

const ALL = (status: number, anonymous = 401): Record<Who, number> => ({
  anonymous,
  client: status,
  otherClient: status,
  manager: status,
  broker: status,
  admin: status,
});

const MATRIX: Row[] = [
  { family: 'me', method: 'GET', path: () => '/api/v1/me', expect: ALL(200) },
  { family: 'request types', method: 'GET', path: () => '/api/v1/request-types', expect: ALL(200) },
  { family: 'notifications', method: 'GET', path: () => '/api/v1/notifications', expect: ALL(200) },
  { family: 'requests: list', method: 'GET', path: () => '/api/v1/requests', expect: ALL(200) },
  {
    family: 'requests: read a signed request before work',
    method: 'GET',
    path: () => `/api/v1/requests/${ids.submitted}`,
    expect: { anonymous: 401, client: 200, otherClient: 404, manager: 200, broker: 404, admin: 200 },
  },
  {
    family: 'requests: read a request in work',
    method: 'GET',
    path: () => `/api/v1/requests/${ids.inWork}/journal`,
    expect: { anonymous: 401, client: 200, otherClient: 404, manager: 200, broker: 200, admin: 200 },
  },
  {
    family: 'requests: read a draft',
    method: 'GET',
    path: () => `/api/v1/requests/${ids.draft}`,
    expect: { anonymous: 401, client: 200, otherClient: 404, manager: 404, broker: 404, admin: 404 },
  },
  {
    family: 'requests: file',
    method: 'POST',
    path: () => '/api/v1/requests',
    body: { type: 'withdrawal', payload: WITHDRAWAL },
    expect: { anonymous: 401, client: 201, otherClient: 201, manager: 403, broker: 403, admin: 403 },
  },
  {
    family: 'requests: edit a draft',
    method: 'PATCH',
    path: () => `/api/v1/requests/${ids.draft}`,
    body: { payload: WITHDRAWAL },
    expect: { anonymous: 401, client: 200, otherClient: 404, manager: 403, broker: 403, admin: 403 },
  },
  {
    family: 'review: take',
    method: 'POST',
    path: () => `/api/v1/requests/${ids.submitted}/take`,
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 200, broker: 403, admin: 403 },
  },
  {
    family: 'tasks: list',
    method: 'GET',
    path: () => '/api/v1/tasks',
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 200, broker: 200, admin: 403 },
  },
  {
    family: 'tasks: claim a brokerage task',
    method: 'POST',
    path: () => `/api/v1/tasks/${ids.brokerTask}/claim`,
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 403, broker: 200, admin: 403 },
  },
  {
    family: "confirmations: the client's signing challenge",
    method: 'POST',
    path: () => `/api/v1/confirmations/${ids.challenge}`,
    body: { code: '000000' },
    expect: { anonymous: 401, client: 422, otherClient: 404, manager: 404, broker: 404, admin: 404 },
  },
  {
    family: 'admin: staff',
    method: 'GET',
    path: () => '/api/v1/admin/staff',
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 403, broker: 403, admin: 200 },
  },
  {
    family: 'admin: clients',
    method: 'GET',
    path: () => '/api/v1/admin/clients',
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 403, broker: 403, admin: 200 },
  },
  {
    family: 'admin: journal',
    method: 'GET',
    path: () => '/api/v1/admin/journal/verify',
    expect: { anonymous: 401, client: 403, otherClient: 403, manager: 403, broker: 403, admin: 200 },
  },
];

describe('authorization matrix', () => {
  it.each(MATRIX.map((row) => [row.family, row] as const))('%s', async (_family, row) => {
    const got: Record<string, number> = {};
    for (const who of ROLES) {
      const token = tokens.get(who);
      const answer = await f.call(row.method, row.path(), {
        ...(token ? { token } : {}),
        ...(row.body === undefined ? {} : { body: row.body }),
      });
      got[who] = answer.status;
      if (answer.status >= 400)
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(got).toEqual(row.expect);
  });
});

describe("a list's filters narrow the caller's reach, never lift it", () => {
  it('staff asking for unsigned statuses or for "everything but drafts" still see signed requests only', async () => {
    // The client has a draft and a request awaiting its signature (set up above).
    for (const who of ['manager', 'admin', 'broker'] as const) {
      for (const query of ['status=awaiting_signature', 'status=draft', 'drafts=exclude', 'drafts=only']) {
        const answer = await f.call('GET', `/api/v1/requests?${query}&pageSize=100`, {
          token: tokens.get(who) ?? '',
        });
        expect(answer.status).toBe(200);
        const statuses = (answer.body['items'] as { status: string }[]).map((item) => item.status);
        expect({ who, query, statuses }).toEqual({
          who,
          query,
          statuses: statuses.filter((s) => s !== 'draft' && s !== 'awaiting_signature'),
        });
      }
    }
    // The client itself still finds its own.
    const own = await f.call('GET', '/api/v1/requests?status=awaiting_signature', {
      token: tokens.get('client') ?? '',
    });
    expect((own.body['items'] as unknown[]).length).toBeGreaterThan(0);
  });
});
