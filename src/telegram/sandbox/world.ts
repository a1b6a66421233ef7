import { catalog } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { TASK_ROLES, type Role, type TaskRole } from '../../workflow/domain/roles.js';
import type { TelegramBot } from '../telegram-link.entity.js';
import { BotApiSandbox, type SandboxBot, type TgChat, type TgUser } from './server.js';

/** Someone the sandbox page lets you be: a demo account's Telegram user, or an outsider nobody linked. */
export interface SandboxPerson {
  /** Stable key for the page and the API: the demo login, or `outsider`. */
  key: string;
  name: string;
  kind: 'client' | 'staff' | 'outsider';
  /** The demo account's login (absent for the outsider). */
  login: string | null;
  phone: string;
  roles: readonly Role[];
  user: TgUser;
}

/** A demo account the sandbox gives a Telegram user (the container passes the demo seed's accounts). */
export interface SandboxAccount {
  login: string;
  name: string;
  kind: 'client' | 'staff';
  phone: string;
  roles: readonly Role[];
}

export interface SandboxWorld {
  sandbox: BotApiSandbox;
  bots: Record<TelegramBot, SandboxBot>;
  people: readonly SandboxPerson[];
  /** The role group chats, one per task role. */
  roleChats: ReadonlyMap<TaskRole, TgChat>;
  person(key: string): SandboxPerson | undefined;
  close(): Promise<void>;
}

/**
 * Telegram ids are fixed per demo account and role (not random): the links the demo seed writes into the
 * database stay true across restarts, while the sandbox itself keeps its messages in memory only.
 */
const FIRST_USER_ID = 7_100_000;
const OUTSIDER_ID = 7_199_999;
const FIRST_GROUP_ID = -1_000_777_000_000;

export const SANDBOX_BOT_USERNAMES: Record<TelegramBot, string> = {
  client: 'kabinet_sandbox_client_bot',
  staff: 'kabinet_sandbox_staff_bot',
};

/**
 * Starts the in-process Bot API with Telegram's flood limits (docs/0028), the two bots, a Telegram user for each
 * demo account and one outsider, and a group chat per task role with its people in it.
 */
export async function startSandboxWorld(
  logger: Logger,
  accounts: readonly SandboxAccount[],
): Promise<SandboxWorld> {
  const sandbox = await BotApiSandbox.start({ rateLimits: {} });
  const bots: Record<TelegramBot, SandboxBot> = {
    client: sandbox.addBot({ username: SANDBOX_BOT_USERNAMES.client }),
    staff: sandbox.addBot({ username: SANDBOX_BOT_USERNAMES.staff }),
  };
  const people: SandboxPerson[] = [];
  accounts.forEach((account, index) => {
    const [first = account.name, ...rest] = account.name.split(' ').reverse();
    const user = sandbox.createUser({
      id: FIRST_USER_ID + index,
      first_name: first,
      ...(rest.length ? { last_name: rest.reverse().join(' ') } : {}),
      language_code: 'ru',
    });
    sandbox.privateChat(user);
    people.push({
      key: account.login,
      name: account.name,
      kind: account.kind,
      login: account.login,
      phone: account.phone,
      roles: account.roles,
      user,
    });
  });
  const t = catalog('ru');
  const outsider = sandbox.createUser({
    id: OUTSIDER_ID,
    first_name: t.web.sandbox.outsider.firstName,
    language_code: 'ru',
  });
  sandbox.privateChat(outsider);
  people.push({
    key: 'outsider',
    name: t.web.sandbox.outsider.listed,
    kind: 'outsider',
    login: null,
    phone: '+79990009999',
    roles: [],
    user: outsider,
  });

  const roleChats = new Map<TaskRole, TgChat>();
  TASK_ROLES.forEach((role, index) => {
    const chat = sandbox.createGroup(`Kabinet · ${t.roles[role]}`, 'supergroup', FIRST_GROUP_ID - index);
    sandbox.setMember(chat.id, bots.staff.user.id, 'administrator');
    for (const person of people)
      if (person.roles.includes(role) || person.roles.includes('admin'))
        sandbox.setMember(chat.id, person.user.id, person.roles.includes('admin') ? 'creator' : 'member');
    roleChats.set(role, chat);
  });
  logger.info({ apiRoot: sandbox.apiRoot }, 'Telegram sandbox: both bots talk to the built-in Bot API');
  return {
    sandbox,
    bots,
    people,
    roleChats,
    person: (key) => people.find((p) => p.key === key),
    close: () => sandbox.close(),
  };
}

/** Whether a person sits in a group chat of the sandbox (its role's members and the administrator). */
export function isInChat(world: SandboxWorld, person: SandboxPerson, chatId: number): boolean {
  if (chatId === person.user.id) return true;
  for (const [role, chat] of world.roleChats)
    if (chat.id === chatId) return person.roles.includes(role) || person.roles.includes('admin');
  return false;
}
