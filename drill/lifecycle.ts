import { DEMO_STAFF } from '../src/demo/accounts.js';
import { TASK_ROLES } from '../src/workflow/domain/roles.js';
import { WITHDRAWAL } from '../test/support/api.js';
import type { SpreadClient } from './http.js';

/** The drill's person for each task role: the first demo staff member who has it. */
export const ROLE_PEOPLE: Readonly<Record<string, string>> = Object.fromEntries(
  TASK_ROLES.flatMap((role) => {
    const person = DEMO_STAFF.find((s) => s.roles.includes(role));
    return person ? [[role, person.email]] : [];
  }),
);
const MANAGER = ROLE_PEOPLE['client_manager'] ?? '';

export interface LifecycleDeps {
  http: SpreadClient;
  /** Bearer tokens by login (signed in once, before the faults). */
  tokens: Record<string, string>;
  /** The newest code sent by SMS to the phone for this request number, after `since` (waits for it). */
  signingCode(phone: string, number: string, since: number): Promise<string>;
  /** A mark for `signingCode`: how many SMS the SMSC holds now. */
  smsMark(): number;
}

export interface DrillClient {
  login: string;
  phone: string;
  contract: string;
  name: string;
}

interface TaskJson {
  id: string;
  role: string;
  status: string;
  assigneeId: string | null;
  approvals: { userId: string }[];
  checklist: { key: string }[];
}

const ticked = (items: readonly { key: string }[]) =>
  Object.fromEntries(items.map((item) => [item.key, { status: 'done' }]));

/** What one lifecycle ended as, and the steps it took (re-reads after a lost answer included). */
export interface LifecycleResult {
  id: string | null;
  number: string | null;
  status: string;
  steps: number;
  error?: string;
}

/**
 * One withdrawal from draft to completed over HTTP, driven by the request's state as read back after every step:
 * when an answer is lost (the api process died, PostgreSQL dropped the connection) the driver reads the request
 * again and does whatever the state now calls for — exactly what a person at the screen would do. Refusals that
 * say "already done" are fine; anything else is retried until the deadline.
 */
export async function driveWithdrawal(
  deps: LifecycleDeps,
  client: DrillClient,
  userIds: Record<string, string>,
  deadlineMs: number,
): Promise<LifecycleResult> {
  const { http, tokens } = deps;
  const token = (login: string) => tokens[login] ?? '';
  const deadline = Date.now() + deadlineMs;
  // The tests' withdrawal (100,000 RUB: one approval per task), made out to this client.
  const payload = { ...WITHDRAWAL, contract: client.contract, recipientName: client.name };
  let steps = 0;
  let id: string | null = null;
  let number: string | null = null;
  // A create whose answer was lost leaves a draft nobody drives: a person would start again; so does the drill.
  while (id === null) {
    if (Date.now() > deadline) return { id, number, status: 'never_created', steps };
    steps += 1;
    const created = await http.call('POST', '/requests', {
      token: token(client.login),
      body: { type: 'withdrawal', payload },
    });
    if (created.status === 201) {
      id = String(created.body['id']);
      number = String(created.body['number']);
    } else await pause(200);
  }

  let status = 'draft';
  while (Date.now() < deadline) {
    steps += 1;
    const read = await http.call('GET', `/requests/${id}`, { token: token(MANAGER) });
    if (read.status !== 200) {
      // 404 while it is a draft: the manager does not see drafts yet. Read it as the client.
      const own = await http.call('GET', `/requests/${id}`, { token: token(client.login) });
      if (own.status !== 200) {
        await pause(200);
        continue;
      }
      status = String(own.body['status']);
    } else status = String(read.body['status']);

    switch (status) {
      case 'draft':
      case 'awaiting_signature': {
        // (Again while awaiting: the code of a lost answer is unknown; submitting again sends a new one.)
        const mark = deps.smsMark();
        const submitted = await http.call('POST', `/requests/${id}/submit`, { token: token(client.login) });
        if (submitted.status === 429) {
          await pause(Number(submitted.body['retryAfterSeconds'] ?? 5) * 1000);
          break;
        }
        if (submitted.status !== 202) break;
        const code = await deps.signingCode(client.phone, number ?? '', mark).catch(() => null);
        if (code === null) break;
        await http.call('POST', `/confirmations/${String(submitted.body['challengeId'])}`, {
          token: token(client.login),
          body: { code },
        });
        break;
      }
      case 'submitted':
        await http.call('POST', `/requests/${id}/take`, { token: token(MANAGER) });
        break;
      case 'in_review': {
        const checklist = (read.body['reviewChecklist'] as { key: string }[] | null) ?? [];
        await http.call('POST', `/requests/${id}/accept`, {
          token: token(MANAGER),
          body: { checklist: ticked(checklist) },
        });
        break;
      }
      case 'in_progress':
        await workTasks(http, token, userIds, (read.body['tasks'] as TaskJson[] | undefined) ?? []);
        break;
      case 'completed':
        return { id, number, status, steps };
      default:
        // returned, rejected, cancelled: nothing in the drill asks for these; a person would have to look.
        return { id, number, status, steps, error: `ended ${status}` };
    }
  }
  return { id, number, status, steps, error: `still ${status} at the deadline` };
}

async function workTasks(
  http: SpreadClient,
  token: (login: string) => string,
  userIds: Record<string, string>,
  tasks: readonly TaskJson[],
): Promise<void> {
  let worked = false;
  for (const task of tasks) {
    const login = ROLE_PEOPLE[task.role];
    if (!login) continue;
    const me = userIds[login];
    if (task.status === 'open') {
      worked = true;
      await http.call('POST', `/tasks/${task.id}/claim`, { token: token(login) });
    } else if (task.status === 'claimed' && task.assigneeId === me) {
      worked = true;
      await http.call('POST', `/tasks/${task.id}/complete`, {
        token: token(login),
        body: { checklist: ticked(task.checklist) },
      });
    }
  }
  if (!worked) await pause(100);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
