import { fullNames } from '../../db/user-names.js';
import { endTelegramLink } from '../../telegram/unlink.js';
import type { Em, Orm } from '../../db/orm.js';
import { runPooled } from '../../db/prepared.js';
import { UserSchema } from '../../identity/user.entity.js';
import { appendJournal } from '../../journal/journal.js';
import { enqueueOutbox } from '../../messaging/outbox.js';
import { SECURITY_NOTICE_TOPIC } from '../../messaging/topics.js';
import { TelegramLinkSchema, type TelegramBot } from '../../telegram/telegram-link.entity.js';
import type { Locale } from '../../workflow/domain/definition.js';
import type { Role } from '../../workflow/domain/roles.js';
import { randomUUID } from 'node:crypto';
import type { LinkedPerson } from './context.js';
import { resolveLocale } from '../../i18n/index.js';

/** Who is linked to what; `username` and `via` are for the journal and the client's notice. */
export interface LinkInput {
  bot: TelegramBot;
  userId: string;
  chatId: number;
  telegramUserId: number;
  username?: string | undefined;
  via?: 'deep_link' | 'contact_password_code' | 'invite';
}

interface PersonRow {
  link_id: string;
  link_status: string;
  user_id: string;
  kind: string;
  roles: Role[] | string;
  client_id: string | null;
  full_name: string;
  locale: string;
  phone: string | null;
}

/**
 * Telegram accounts linked to Kabinet users (`telegram_links`): who is writing, linking and unlinking. The bots
 * identify a person by their Telegram user id only — never by the chat or by what a button says.
 */
export class TelegramAccounts {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The active Kabinet user behind a Telegram account in one bot; a blocked link revives on contact. */
  async findPerson(bot: TelegramBot, telegramUserId: number): Promise<LinkedPerson | undefined> {
    const rows = await runPooled<PersonRow>(
      this.orm,
      `select l.id as link_id, l.status as link_status, u.id as user_id, u.kind, u.roles, u.client_id,
              u.full_name, u.locale, u.phone
         from telegram_links l join users u on u.id = l.user_id
        where l.bot = ? and l.telegram_user_id = ? and l.status <> 'unlinked' and u.active
        limit 1`,
      [bot, String(telegramUserId)],
    );
    const row = rows[0];
    if (!row) return undefined;
    if ((bot === 'client') !== (row.kind === 'client')) return undefined;
    if (row.link_status === 'blocked') {
      // The person writes to the bot again, so it is no longer blocked: pushes may resume.
      await this.orm.em
        .fork()
        .nativeUpdate(TelegramLinkSchema, { id: row.link_id }, { status: 'active', blockedAt: null });
    }
    const roles = typeof row.roles === 'string' ? parsePgArray(row.roles) : row.roles;
    return {
      linkId: row.link_id,
      locale: resolveLocale(row.locale),
      phone: row.phone,
      actor: {
        userId: row.user_id,
        roles,
        displayName: row.full_name,
        ...(row.client_id === null ? {} : { clientId: row.client_id }),
      },
    };
  }

  /**
   * Links a private chat to a user in one bot, replacing the user's previous chat and whoever had this chat
   * before; journaled. Runs inside `em` when given (the caller's transaction, e.g. consuming a token).
   */
  async link(input: LinkInput, em: Em = this.orm.em.fork()): Promise<void> {
    const now = this.now();
    await em.transactional(async (tx) => {
      const chatId = String(input.chatId);
      const previous = await tx.find(TelegramLinkSchema, {
        bot: input.bot,
        $or: [{ chatId }, { userId: input.userId }],
      });
      const replaced = previous.filter((l) => l.userId !== input.userId);
      for (const other of replaced) tx.remove(other);
      // The removal must reach the database before the insert: both hold unique keys.
      await tx.flush();
      const mine = previous.find((l) => l.userId === input.userId);
      const linkId = mine?.id ?? randomUUID();
      if (mine) {
        Object.assign(mine, {
          chatId,
          telegramUserId: String(input.telegramUserId),
          status: 'active',
          blockedAt: null,
          linkedAt: now,
        });
      } else {
        tx.create(TelegramLinkSchema, {
          id: linkId,
          userId: input.userId,
          bot: input.bot,
          chatId,
          telegramUserId: String(input.telegramUserId),
          status: 'active',
          mutedUntil: null,
          linkedAt: now,
          blockedAt: null,
        });
      }
      const entries = await appendJournal(tx, [
        ...replaced.map((other) => ({
          action: 'telegram.unlinked',
          actorId: input.userId,
          subjectUserId: other.userId,
          at: now,
          data: { bot: input.bot, reason: 'chat_linked_to_another_user' },
        })),
        {
          action: 'telegram.linked',
          actorId: input.userId,
          subjectUserId: input.userId,
          at: now,
          data: {
            bot: input.bot,
            linkId,
            telegramUserId: String(input.telegramUserId),
            ...(input.username ? { username: input.username } : {}),
            ...(input.via ? { via: input.via } : {}),
          },
        },
      ]);
      if (input.bot === 'client') {
        // The client hears of it by e-mail (with a one-time undo link) and SMS: a linked bot signs with SMS codes.
        enqueueOutbox(
          tx,
          [
            {
              topic: SECURITY_NOTICE_TOPIC,
              requestId: null,
              payload: {
                userId: input.userId,
                kind: 'telegram_linked',
                journalEntryId: entries.at(-1)?.id ?? null,
              },
            },
          ],
          now,
        );
      }
    });
  }

  /**
   * Links only if `claim` succeeds in the same transaction (a deep-link token marked used): both happen or
   * neither. False when the claim failed.
   */
  async linkIf(claim: (em: Em) => Promise<boolean>, input: LinkInput): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      if (!(await claim(em))) return false;
      await this.link(input, em);
      return true;
    });
  }

  /** Unlinks the user's chat in one bot (the row stays, marked `unlinked`); journaled. */
  async unlink(bot: TelegramBot, userId: string): Promise<boolean> {
    const now = this.now();
    return this.orm.em
      .fork()
      .transactional(
        async (tx) =>
          (await endTelegramLink(
            tx,
            { bot, userId },
            { actorId: userId, at: now, reason: 'unlinked_in_bot' },
          )) !== null,
      );
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.orm.em.fork().nativeUpdate(UserSchema, { id: userId }, { locale });
  }

  /** Holds pushes to this link until `until` (null: unmute). */
  async mute(linkId: string, until: Date | null): Promise<void> {
    await this.orm.em.fork().nativeUpdate(TelegramLinkSchema, { id: linkId }, { mutedUntil: until });
  }

  async mutedUntil(linkId: string): Promise<Date | null> {
    const link = await this.orm.em.fork().findOne(TelegramLinkSchema, { id: linkId });
    return link?.mutedUntil ?? null;
  }

  /** Marks the link of a chat blocked (Telegram answered 403): pushes stop until the person writes again. */
  async markBlocked(bot: TelegramBot, chatId: number | string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(
        TelegramLinkSchema,
        { bot, chatId: String(chatId), status: 'active' },
        { status: 'blocked', blockedAt: this.now() },
      );
  }

  /** Display names of users by id (for "done by …" on cards). */
  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    return fullNames(this.orm.em.fork(), userIds);
  }
}

/** A PostgreSQL text[] literal as some drivers return it: `{a,b}`. */
function parsePgArray(value: string): Role[] {
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((v) => v !== '')
    .map((v) => v.replace(/^"|"$/g, '') as Role);
}
