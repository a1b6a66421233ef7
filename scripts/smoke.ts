/**
 * Smoke run on the embedded database: a fresh PGlite folder, migrations, demo data, one withdrawal filed,
 * signed and worked through every role to `completed`, the journal chain verified, health answering.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { driveToCompletion } from '../src/demo/drive.js';
import { DEMO_LARGE_WITHDRAWAL } from '../src/demo/demo-requests.js';
import { seedDemoData } from '../src/demo/seed.js';
import { verifyJournal } from '../src/journal/journal.js';
import { createLogger } from '../src/logger.js';
import { OutboxMessageSchema } from '../src/messaging/outbox.entity.js';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`smoke: ${message}`);
  console.log(`ok - ${message}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-smoke-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' });
const container = await createContainer(config, createLogger('warn'));
try {
  check(config.database.kind === 'pglite', 'embedded PGlite selected without DATABASE_URL');
  const seeded = await seedDemoData(container);
  check(seeded !== null, 'demo data seeded on the empty database');
  const actor = (login: string) => {
    const found = seeded.actors[login];
    if (!found) throw new Error(`smoke: no demo actor ${login}`);
    return found;
  };
  const client = actor('client@demo.local');
  const manager = actor('manager@demo.local');
  const staff = Object.values(seeded.actors).filter((a) => !a.roles.includes('client'));

  const draft = await container.workflow.createDraft(client, {
    type: 'withdrawal',
    payload: DEMO_LARGE_WITHDRAWAL,
  });
  check(draft.status === 'draft' && /^\d{4}-\d{6}$/.test(draft.number), `draft ${draft.number} created`);
  const { payloadHash } = await container.workflow.submit(client, draft.id);
  await container.workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'smoke' });
  const done = await driveToCompletion(container.workflow, draft.id, manager, staff);
  check(done.status === 'completed', `request worked through ${done.tasks.length} tasks to completed`);
  check(
    done.tasks.some((t) => t.approvalsRequired === 2 && t.approvals.length === 2),
    'the mandatory-control task took two distinct approvals',
  );

  const em = container.orm.em.fork();
  const outbox = await em.find(OutboxMessageSchema, { requestId: draft.id });
  check(
    outbox.some((m) => m.topic === 'request_completed'),
    `outbox holds ${outbox.length} rows incl. completed`,
  );
  const journal = await verifyJournal(em);
  check(journal.ok, `journal chain of ${journal.entries} entries verifies`);

  const server = createApp(container).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  check(ready.status === 200, '/readyz answers 200');
  // The embedded demo opens the Telegram sandbox to anyone who reaches it (docs/0028), its bots on it.
  const sandbox = await fetch(`http://127.0.0.1:${port}/api/v1/sandbox`);
  const overview = (await sandbox.json()) as { people?: { key: string }[] };
  check(
    sandbox.status === 200 && overview.people?.some((p) => p.key === 'client@demo.local'),
    'the Telegram sandbox answers without a session in the embedded demo',
  );
  check(
    container.config.telegram.apiRoot === container.sandbox?.sandbox.apiRoot,
    'both bots point at the built-in Bot API',
  );
  // Opening an account on PGlite: the demo's sent questionnaire is handed on — the PDF to the managers, the file.
  const handed = await container.applicationDispatch.dispatchPending();
  check(handed === 1, 'the demo questionnaire was handed on (PDF e-mails, exchange file)');
  const started = await fetch(`http://127.0.0.1:${port}/api/v1/onboarding/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'legal_entity' }),
  });
  check(started.status === 201, 'a public questionnaire starts without a session');
  await new Promise((resolve) => server.close(resolve));
  console.log('smoke: passed');
} finally {
  await container.close();
  rmSync(dataDir, { recursive: true, force: true });
}
