import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedVolume } from '../../src/demo/volume.js';
import { createTestContainer, type TestContainer } from '../support/app.js';

/*
 * `db:seed-volume` (issue 13 P6): generated clients and requests that the application reads like its own — what
 * the list benchmarks measure must be what people would see.
 */
let t: TestContainer;
type Row = Record<string, unknown>;
const sql = (text: string) => t.container.orm.em.fork().getConnection().execute<Row[]>(text);

beforeAll(async () => {
  t = await createTestContainer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('the volume seed', () => {
  it('adds requests of every type, numbered per year after what the counters gave, mostly long completed', async () => {
    // One request filed the usual way first: the generated numbers continue after it, the counter after them.
    const client = t.actor('client@demo.local');
    const before = await t.container.workflow.createDraft(client, {
      type: 'general_inquiry',
      payload: { category: 'question', subject: 'Комиссия', text: 'Какая комиссия за вывод?' },
    });
    const result = await seedVolume(t.container.orm, { requests: 3000, clients: 60 });
    expect(result).toMatchObject({ clients: 60, requests: 3001 });

    const [numbers] = await sql(
      `select count(distinct number)::int as distinct, count(*)::int as all,
              count(*) filter (where number !~ '^\\d{4}-\\d{6}$')::int as malformed from requests`,
    );
    expect(numbers).toEqual({ distinct: 3001, all: 3001, malformed: 0 });
    const after = await t.container.workflow.createDraft(client, {
      type: 'general_inquiry',
      payload: { category: 'question', subject: 'Ещё', text: 'Ещё вопрос' },
    });
    const [taken] = await sql(`select count(*)::int as n from requests where number = '${after.number}'`);
    expect(taken?.['n']).toBe(1);
    expect(after.number > before.number || after.number.slice(0, 4) !== before.number.slice(0, 4)).toBe(true);

    const byStatus = Object.fromEntries(
      (await sql(`select status, count(*)::int as n from requests group by 1`)).map((r) => [
        r['status'],
        r['n'],
      ]),
    ) as Record<string, number>;
    expect(byStatus['completed'] ?? 0).toBeGreaterThan(2400);
    const types = await sql(`select count(distinct type_code)::int as n from requests`);
    expect(types[0]?.['n']).toBe(11);
    // Tasks only where a request was accepted: done for the completed, open for the work in flight.
    const tasks = await sql(
      `select q.status as request, t.status as task, count(*)::int as n from tasks t join requests q on q.id = t.request_id
        group by 1, 2 order by 1, 2`,
    );
    expect(tasks.map((r) => `${r['request']}/${r['task']}`)).toEqual(
      expect.arrayContaining(['completed/done']),
    );
    expect(
      tasks.every((r) => ['completed/done', 'in_progress/open'].includes(`${r['request']}/${r['task']}`)),
    ).toBe(true);
  }, 60_000);

  it('is read by the application like its own: a client’s list, a role’s open tasks', async () => {
    const [busiest] = await sql(
      `select u.id, u.client_id, count(*)::int as n from users u join requests r on r.client_id = u.client_id
        where u.email like 'volume-%' group by 1, 2 order by n desc limit 1`,
    );
    const actor = {
      userId: String(busiest?.['id']),
      roles: ['client'] as const,
      clientId: String(busiest?.['client_id']),
    };
    const list = await t.container.workflow.listRequests(actor, { drafts: 'include', pageSize: 100 });
    expect(list.total).toBe(busiest?.['n']);
    expect(list.items.every((item) => item.summary.ru.length > 0)).toBe(true);
    // Newest first.
    const created = list.items.map((item) => item.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const officer = t.actor('finmon@demo.local');
    const open = await t.container.workflow.listTasks(officer);
    const [expected] = await sql(
      `select count(*)::int as n from tasks where role = 'fin_monitoring' and status in ('open', 'claimed')`,
    );
    expect(open.total).toBe(expected?.['n']);
    const due = open.items.map((task) => task.dueAt);
    expect([...due].sort()).toEqual(due);
  }, 60_000);
});
