import { AppError } from '../../errors.js';
import type { Role } from '../../workflow/domain/roles.js';
import type { TelegramBot } from '../telegram-link.entity.js';
import type { StoredMessage, TgChat } from './types.js';
import { isInChat, type SandboxPerson, type SandboxWorld } from './world.js';

export interface SandboxButton {
  text: string;
  data?: string;
  url?: string;
  webApp?: string;
}

export interface SandboxMessage {
  id: number;
  date: number;
  from: 'bot' | 'me' | 'other';
  author: string;
  text: string;
  entities: { type: string; offset: number; length: number; url?: string }[];
  buttons: SandboxButton[][];
  document: { fileId: string; name: string } | null;
  contact: string | null;
  edited: boolean;
  asksForContact: boolean;
}

export interface SandboxChatView {
  chatId: number;
  bot: TelegramBot;
  type: TgChat['type'];
  title: string;
}

/**
 * What the sandbox page does with the sandbox (docs/0028): lists who you can be and their chats, shows a
 * conversation as Telegram would, and writes, presses and shares a contact as that person. Everyone in the
 * embedded demo; a signed-in administrator elsewhere (the route checks `mayUse`).
 */
export class SandboxPage {
  constructor(
    readonly world: SandboxWorld,
    private readonly options: {
      openToAll: boolean;
      /** The texts the embedded SMS outbox holds for a phone, oldest first; null when SMS really go out. */
      smsTo: ((phone: string) => string[]) | null;
    },
  ) {}

  /** The embedded demo opens it to everyone; a real deployment with TELEGRAM_SANDBOX to administrators only. */
  mayUse(roles: readonly Role[] | null): boolean {
    return this.options.openToAll || (roles?.includes('admin') ?? false);
  }

  /** A chat of the sandbox's world: a person's private chat or a role group (anything else names nothing). */
  hasChat(chatId: number): boolean {
    return this.world.sandbox.findChat(chatId) !== undefined;
  }

  overview() {
    return {
      bots: { client: this.world.bots.client.username, staff: this.world.bots.staff.username },
      people: this.world.people.map((p) => ({
        key: p.key,
        name: p.name,
        kind: p.kind,
        roles: [...p.roles],
        phone: p.phone,
      })),
    };
  }

  chats(key: string): SandboxChatView[] {
    const person = this.person(key);
    const own: SandboxChatView[] = (['client', 'staff'] as const).map((bot) => ({
      chatId: person.user.id,
      bot,
      type: 'private',
      title: `@${this.world.bots[bot].username}`,
    }));
    const groups: SandboxChatView[] = [...this.world.roleChats.values()]
      .filter((chat) => isInChat(this.world, person, chat.id))
      .map((chat) => ({ chatId: chat.id, bot: 'staff', type: chat.type, title: chat.title ?? '' }));
    return [...own, ...groups];
  }

  messages(chatId: number, key: string, bot: TelegramBot): SandboxMessage[] {
    const person = this.member(chatId, key, bot);
    const token = this.world.bots[bot].token;
    return this.world.sandbox.conversation(chatId, token).map((m) => this.present(m, person));
  }

  send(chatId: number, key: string, bot: TelegramBot, text: string): number {
    const person = this.member(chatId, key, bot);
    return this.world.bots[bot].userSendsText(this.chat(chatId), person.user, text).message_id;
  }

  shareContact(chatId: number, key: string, bot: TelegramBot): number {
    const person = this.member(chatId, key, bot);
    if (chatId !== person.user.id)
      throw new AppError('validation_failed', 'a contact is shared in a private chat');
    return this.world.bots[bot].userSendsContact(this.chat(chatId), person.user, person.phone).message_id;
  }

  async press(
    chatId: number,
    key: string,
    bot: TelegramBot,
    messageId: number,
    data: string,
  ): Promise<{ text: string | null; showAlert: boolean }> {
    const person = this.member(chatId, key, bot);
    const target = this.world.bots[bot];
    let queryId: string;
    try {
      queryId = target.userPressesButton(this.chat(chatId), person.user, messageId, data);
    } catch {
      throw new AppError('not_found', 'that message has no such button (any more)');
    }
    const answer = await target.waitForCallbackAnswer(queryId, 10_000).catch(() => null);
    if (!answer) throw new AppError('unavailable', 'the bot did not answer the press in 10 seconds');
    return {
      text: typeof answer['text'] === 'string' ? answer['text'] : null,
      showAlert: answer['show_alert'] === true,
    };
  }

  /** The SMS the embedded outbox holds for the person's phone (the demo's "phone"). */
  sms(key: string): { text: string }[] {
    const person = this.person(key);
    return (this.options.smsTo?.(person.phone) ?? []).map((text) => ({ text })).slice(-20);
  }

  file(fileId: string): Buffer {
    const bytes = this.world.sandbox.fileBytes(fileId);
    if (!bytes) throw new AppError('not_found', 'no such document');
    return bytes;
  }

  private person(key: string): SandboxPerson {
    const person = this.world.person(key);
    if (!person) throw new AppError('not_found', 'nobody by that key in the sandbox');
    return person;
  }

  private chat(chatId: number): TgChat {
    const chat = this.world.sandbox.findChat(chatId);
    if (!chat) throw new AppError('not_found', 'no such chat in the sandbox');
    return chat;
  }

  /** The person, if they are in that chat with that bot (groups have the staff bot only); 404 otherwise. */
  private member(chatId: number, key: string, bot: TelegramBot): SandboxPerson {
    const person = this.person(key);
    const inChat = isInChat(this.world, person, chatId) && (chatId === person.user.id || bot === 'staff');
    if (!inChat) throw new AppError('not_found', 'that person is not in this chat');
    return person;
  }

  private present(stored: StoredMessage, me: SandboxPerson): SandboxMessage {
    const m = stored.message;
    const markup = m.reply_markup ?? {};
    const inline = (markup['inline_keyboard'] ?? []) as Record<string, unknown>[][];
    const reply = (markup['keyboard'] ?? []) as Record<string, unknown>[][];
    const fromBot = stored.sentByToken !== undefined;
    const author = fromBot
      ? (m.from?.first_name ?? 'bot')
      : [m.from?.first_name, m.from?.last_name].filter(Boolean).join(' ');
    return {
      id: m.message_id,
      date: m.date,
      from: fromBot ? 'bot' : m.from?.id === me.user.id ? 'me' : 'other',
      author,
      text: m.text ?? m.caption ?? '',
      entities: (m.entities ?? []).map((e) => ({
        type: e.type,
        offset: e.offset,
        length: e.length,
        ...(e.url ? { url: e.url } : {}),
      })),
      buttons: inline.map((row) =>
        row.map((b) => {
          const webApp = b['web_app'] as { url?: string } | undefined;
          return {
            text: String(b['text'] ?? ''),
            ...(typeof b['callback_data'] === 'string' ? { data: b['callback_data'] } : {}),
            ...(typeof b['url'] === 'string' ? { url: b['url'] } : {}),
            ...(webApp?.url ? { webApp: webApp.url } : {}),
          };
        }),
      ),
      document: m.document ? { fileId: m.document.file_id, name: m.document.file_name ?? 'document' } : null,
      contact: m.contact ? m.contact.phone_number : null,
      edited: stored.edits > 0,
      asksForContact: reply.flat().some((b) => b['request_contact'] === true),
    };
  }
}
