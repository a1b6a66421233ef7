import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REVIEW_CHECKLIST } from '../../../src/workflow/domain/definition.js';
import { createApiFixture, ticked, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
let client: string;
let manager: string;
beforeAll(async () => {
  f = await createApiFixture();
  client = await f.login('client@demo.local');
  manager = await f.login('manager@demo.local');
});
afterAll(async () => {
  await f.close();
});

/** Records the SQL statements the ORM runs while `work` runs (the connection logs every one through its logger). */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const logger = f.db.orm.config.getLogger();
  const original = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (context) => {
    if (context.query !== undefined) statements.push(context.query);
    original(context);
  };
  try {
    return { result: await work(), statements };
  } finally {
    logger.logQuery = original;
  }
}

async function signedWithdrawal(): Promise<string> {
  const created = await f.call('POST', '/api/v1/requests', {
    token: client,
    body: { type: 'withdrawal', payload: WITHDRAWAL },
  });
  const id = String(created.body['id']);
  const submitted = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
  const confirmed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
    token: client,
    body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
  });
  expect(confirmed.status).toBe(200);
  return id;
}

/** The statements after the command's transaction committed: what building its answer cost. */
function answerStatements(statements: string[]): string[] {
  return statements.slice(statements.lastIndexOf('commit') + 1);
}
/** Statements reading `table` (quoted by the ORM or written plainly). */
const reads = (statements: string[], table: string): number =>
  statements.filter((sql) => sql.startsWith('select') && new RegExp(`from "?${table}"?(\\s|$)`).test(sql))
    .length;

interface TaskJson {
  id: string;
  role: string;
  status: string;
  checklist: { key: string }[];
}

/** Who works the tasks of each role of a withdrawal. */
const BY_ROLE: Record<string, string> = {
  fin_monitoring: 'finmon@demo.local',
  brokerage: 'broker@demo.local',
  back_office: 'backoffice@demo.local',
  accountant: 'accountant@demo.local',
};

describe('the answer of a command', () => {
  it('answers from the state it decided (no second read of the request or its tasks), its signature read with it', async () => {
    /** Runs a command over HTTP and checks what building its answer read. */
    const command = async (label: string, method: string, path: string, token: string, body?: unknown) => {
      const { result, statements } = await statementsOf(() =>
        f.call(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) }),
      );
      expect([label, result.status]).toEqual([label, 200]);
      // The command's transaction read the request under its lock, its latest signature in the same statement; its
      // answer is built from the rows it wrote (docs/0029): nothing is read after the commit.
      const answer = answerStatements(statements);
      expect([label, reads(answer, 'requests'), reads(answer, 'tasks'), reads(answer, 'signatures')]).toEqual(
        [label, 0, 0, 0],
      );
      const inside = statements.slice(0, statements.lastIndexOf('commit'));
      expect([
        label,
        inside.filter((sql) => /from requests r/.test(sql) && /from signatures/.test(sql)).length,
      ]).toEqual([label, 1]);
      // The answer is the request as a read shows it to the same caller, signature included.
      const read = await f.call('GET', `/api/v1/requests/${String(result.body['id'])}`, { token });
      expect([label, result.body]).toEqual([label, read.body]);
      return result.body;
    };

    const draft = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    const edited = { payload: { ...WITHDRAWAL, comment: 'на ремонт' } };
    await command('updateRequest', 'PATCH', `/requests/${String(draft.body['id'])}`, client, edited);
    await command('cancelRequest', 'POST', `/requests/${await signedWithdrawal()}/cancel`, client, {
      reason: 'передумал',
    });

    const id = await signedWithdrawal();
    const taken = await command('takeRequest', 'POST', `/requests/${id}/take`, manager);
    expect(taken['signature']).toMatchObject({ payloadHash: taken['payloadHash'] });
    const accepted = await command('acceptRequest', 'POST', `/requests/${id}/accept`, manager, {
      checklist: ticked(REVIEW_CHECKLIST),
    });
    const task = (accepted['tasks'] as TaskJson[]).find((t) => t.status === 'open');
    const login = task ? BY_ROLE[task.role] : undefined;
    if (!task || !login) throw new Error('no open task of a known role after accept');
    const worker = await f.login(login);
    await command('claimTask', 'POST', `/tasks/${task.id}/claim`, worker);
    await command('rejectTask', 'POST', `/tasks/${task.id}/reject`, worker, { reason: 'нет документов' });
    await command('reopenTask', 'POST', `/tasks/${task.id}/reopen`, manager);
    await command('claimTask again', 'POST', `/tasks/${task.id}/claim`, worker);
    await command('completeTask', 'POST', `/tasks/${task.id}/complete`, worker, {
      checklist: ticked(task.checklist),
    });
  });
});
