import type { FakeBot, StoredMessage, TgChat } from './fake-telegram/server.js';
import { button, textOf, tgPerson, type BotWorld, type TgPerson } from './bot-world.js';
import type { TaskRole } from '../../src/workflow/domain/roles.js';
import { DEMO_PASSWORD } from './demo.js';

/**
 * How long a step waits for the bot. Answers come in milliseconds; the margin is for a loaded CI machine (two jest
 * workers beside headless Chromium), where a wait only ever ends early, never late.
 */
const BOT_ANSWER_MS = 20_000;

/** Drives the bots as Telegram people do: writing, pressing, reading the answers. */
export class BotDriver {
  constructor(readonly w: BotWorld) {}

  /** The person writes; the bot's next message in that chat that matches. */
  async say(
    bot: FakeBot,
    person: TgPerson,
    text: string,
    expect?: string | RegExp,
    chat: TgChat = person.chat,
  ): Promise<StoredMessage> {
    bot.userSendsText(chat, person.user, text);
    return this.next(chat, expect);
  }

  /** The next bot message in the chat (matching `expect` when given). */
  async next(chat: TgChat, expect?: string | RegExp, timeoutMs = BOT_ANSWER_MS): Promise<StoredMessage> {
    try {
      const found = await this.w.fake.waitForBotMessage(
        chat.id,
        (m) =>
          expect === undefined ||
          (typeof expect === 'string' ? textOf(m).includes(expect) : expect.test(textOf(m))),
        timeoutMs,
      );
      // Telegram refuses keyboards with empty rows; the fake does not, so the driver checks.
      const rows = (found.message.reply_markup?.['inline_keyboard'] ?? []) as unknown[][];
      if (rows.some((row) => row.length === 0)) throw new Error(`an empty keyboard row in: ${textOf(found)}`);
      return found;
    } catch (error) {
      // Say what the chat did get: the cause is usually right there.
      const recent = this.w.fake
        .chatMessages(chat.id)
        .slice(-4)
        .map(
          (m) => `${m.sentByToken ? 'bot' : 'user'}: ${textOf(m) || JSON.stringify(m.message.contact ?? {})}`,
        )
        .join('\n---\n');
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; waited for ${String(expect)}; the chat ends with:\n${recent}`,
        { cause: error },
      );
    }
  }

  /** Presses the button labelled `label` on a message; the bot's answer to the press (toast or alert). */
  async press(
    bot: FakeBot,
    person: TgPerson,
    message: StoredMessage,
    label: string | RegExp,
    chat: TgChat = person.chat,
  ): Promise<{ text?: string; show_alert?: boolean }> {
    const current = this.w.fake.message(chat.id, message.message.message_id) ?? message;
    return this.pressData(bot, person, current, button(current, label), chat);
  }

  async pressData(
    bot: FakeBot,
    person: TgPerson,
    message: StoredMessage,
    data: string,
    chat: TgChat = person.chat,
  ): Promise<{ text?: string; show_alert?: boolean }> {
    const id = bot.userPressesButton(chat, person.user, message.message.message_id, data);
    return (await bot.waitForCallbackAnswer(id, BOT_ANSWER_MS)) as { text?: string; show_alert?: boolean };
  }

  /** The message as it is now (after edits). */
  current(chat: TgChat, message: StoredMessage): StoredMessage {
    const found = this.w.fake.message(chat.id, message.message.message_id);
    if (!found) throw new Error('message gone');
    return found;
  }

  /** Waits until the message's text matches (a card redrawn after a press). */
  async until(
    chat: TgChat,
    message: StoredMessage,
    expect: string | RegExp,
    timeoutMs = BOT_ANSWER_MS,
  ): Promise<StoredMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = this.current(chat, message);
      const text = textOf(now);
      if (typeof expect === 'string' ? text.includes(expect) : expect.test(text)) return now;
      if (Date.now() > deadline)
        throw new Error(`message never matched ${String(expect)}; it reads:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** A client links by the cabinet's deep link: API login (password + SMS code), POST /me/telegram-link, /start. */
  async linkClientByDeepLink(login: string, name = 'Иван'): Promise<TgPerson> {
    const person = tgPerson(this.w.fake, name);
    const token = await this.apiLogin(login);
    const link = await fetch(`${this.w.base}/api/v1/me/telegram-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { url } = (await link.json()) as { url: string };
    const start = new URL(url).searchParams.get('start') ?? '';
    await this.say(this.w.clientBot, person, `/start ${start}`, 'привязан');
    return person;
  }

  /** A staff member links by an administrator's invite, confirmed with the SMS code. */
  async linkStaff(login: string, name: string): Promise<TgPerson> {
    const person = tgPerson(this.w.fake, name);
    const admin = this.w.actor('admin@demo.local');
    const invite = await this.w.container.linkTokens.create({
      purpose: 'staff_invite',
      userId: this.w.actor(login).userId,
      createdBy: admin.userId,
      ttlMinutes: 60,
    });
    const mark = this.w.smsCount();
    await this.say(
      this.w.staffBot,
      person,
      `/start ${new URL(invite.url).searchParams.get('start') ?? ''}`,
      'код',
    );
    await this.say(this.w.staffBot, person, await this.w.smsCode(login, mark), 'Telegram привязан');
    return person;
  }

  /** An administrator binds a new group to a role. */
  async bindGroup(admin: TgPerson, role: TaskRole): Promise<TgChat> {
    const group = this.w.fake.createGroup(`Kabinet · ${role}`);
    await this.say(this.w.staffBot, admin, `/bind ${role}`, 'привязан', group);
    return group;
  }

  async apiLogin(login: string): Promise<string> {
    const mark = this.w.smsCount();
    const started = await fetch(`${this.w.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    const { challengeId } = (await started.json()) as { challengeId: string };
    const confirmed = await fetch(`${this.w.base}/api/v1/auth/login/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeId, code: await this.w.smsCode(login, mark) }),
    });
    const body = (await confirmed.json()) as { token?: string };
    if (!body.token) throw new Error(`login ${login} failed`);
    return body.token;
  }
}
