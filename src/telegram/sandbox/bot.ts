import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { commandEntities } from './html.js';
import type { StoredMessage, TgCallbackQuery, TgChat, TgMessage, TgUpdate, TgUser } from './types.js';

/** What a bot needs of the sandbox server (the server implements it; kept apart so the two files import one way). */
export interface SandboxHost {
  storeUserMessage(chat: TgChat, from: TgUser, content: Partial<TgMessage>, toToken?: string): TgMessage;
  message(chatId: number, messageId: number): StoredMessage | undefined;
  privateChat(user: TgUser): TgChat;
  setMember(chatId: number, userId: number, status: string): void;
  updatesChanged(bot: SandboxBot): void;
}

/** A long poll waiting for updates. */
export interface Waiter {
  resolve: (updates: TgUpdate[]) => void;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
  response: ServerResponse;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** One bot of the fake: its token, identity, update queue, webhook and commands. */
export class SandboxBot {
  readonly user: TgUser;
  updates: TgUpdate[] = [];
  nextUpdateId = 100_000 + Math.floor(Math.random() * 1000);
  webhook: { url: string; secretToken?: string; lastError?: string; lastErrorDate?: number } | undefined;
  allowedUpdates: string[] | undefined;
  waiter: Waiter | undefined;
  commands = new Map<string, unknown>();
  /** The last `setChatMenuButton` (the default until then). */
  menuButton: Record<string, unknown> | undefined;
  blockedBy = new Set<number>();
  pushing = false;
  readonly callbackAnswers = new Map<string, Record<string, unknown> | null>();

  constructor(
    private readonly server: SandboxHost,
    readonly token: string,
    username: string,
  ) {
    const id = Number(token.split(':')[0]);
    this.user = { id, is_bot: true, first_name: username, username };
  }

  get username(): string {
    return this.user.username ?? '';
  }

  /** A person writes to the bot (a command gets its `bot_command` entity). Returns the message. */
  userSendsText(chat: TgChat, from: TgUser, text: string, options: { replyTo?: number } = {}): TgMessage {
    const entities = commandEntities(text);
    const message = this.server.storeUserMessage(
      chat,
      from,
      {
        text,
        ...(entities.length ? { entities } : {}),
        ...this.replyTo(chat, options.replyTo),
      },
      this.token,
    );
    this.enqueue({ message });
    return message;
  }

  /** A person shares their phone contact (the "share contact" keyboard button). */
  userSendsContact(chat: TgChat, from: TgUser, phoneNumber: string): TgMessage {
    const message = this.server.storeUserMessage(
      chat,
      from,
      {
        contact: {
          phone_number: phoneNumber,
          first_name: from.first_name,
          ...(from.last_name ? { last_name: from.last_name } : {}),
          user_id: from.id,
        },
      },
      this.token,
    );
    this.enqueue({ message });
    return message;
  }

  /**
   * A person presses an inline button of a bot message. The button must exist on the message as it is now
   * (Telegram only sends callback data of real buttons). Returns the callback query id.
   */
  userPressesButton(chat: TgChat, from: TgUser, messageId: number, callbackData: string): string {
    const stored = this.server.message(chat.id, messageId);
    if (!stored || stored.deleted) throw new Error(`no message ${messageId} in chat ${chat.id}`);
    const keyboard = (stored.message.reply_markup?.inline_keyboard ?? []) as { callback_data?: string }[][];
    if (!keyboard.flat().some((button) => button.callback_data === callbackData))
      throw new Error(`message ${messageId} has no button with callback data "${callbackData}"`);
    const id = randomBytes(8).toString('hex');
    const query: TgCallbackQuery = {
      id,
      from,
      message: structuredClone(stored.message),
      chat_instance: String(chat.id),
      data: callbackData,
    };
    this.callbackAnswers.set(id, null);
    this.enqueue({ callback_query: query });
    return id;
  }

  /** The bot joins a group (my_chat_member), added by `by`. */
  addedToGroup(chat: TgChat, by: TgUser): void {
    this.server.setMember(chat.id, this.user.id, 'member');
    this.enqueue({ my_chat_member: this.memberUpdate(chat, by, 'left', 'member') });
  }

  /** A person blocks the bot: sends to their chat answer 403 from now on. */
  userBlocksBot(user: TgUser): void {
    this.blockedBy.add(user.id);
    this.enqueue({
      my_chat_member: this.memberUpdate(this.server.privateChat(user), user, 'member', 'kicked'),
    });
  }

  userUnblocksBot(user: TgUser): void {
    this.blockedBy.delete(user.id);
  }

  /** How the bot answered a callback query (null while unanswered). */
  callbackAnswer(queryId: string): Record<string, unknown> | null | undefined {
    return this.callbackAnswers.get(queryId);
  }

  async waitForCallbackAnswer(queryId: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = this.callbackAnswers.get(queryId);
      if (answer) return answer;
      if (Date.now() > deadline)
        throw new Error(`callback query ${queryId} was not answered in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  enqueue(update: Omit<TgUpdate, 'update_id'>): TgUpdate {
    const full = { update_id: this.nextUpdateId++, ...update } as TgUpdate;
    this.updates.push(full);
    this.server.updatesChanged(this);
    return full;
  }

  private replyTo(chat: TgChat, messageId: number | undefined): Partial<TgMessage> {
    if (messageId === undefined) return {};
    const stored = this.server.message(chat.id, messageId);
    return stored ? { reply_to_message: structuredClone(stored.message) } : {};
  }

  private memberUpdate(chat: TgChat, from: TgUser, oldStatus: string, newStatus: string) {
    return {
      chat,
      from,
      date: nowSeconds(),
      old_chat_member: { status: oldStatus, user: this.user },
      new_chat_member: { status: newStatus, user: this.user },
    };
  }
}
