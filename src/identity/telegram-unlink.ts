import { endTelegramLink } from '../telegram/unlink.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { hashToken } from './session.service.js';
import { TelegramUnlinkTokenSchema } from './telegram-unlink-token.entity.js';
import { UserSchema } from './user.entity.js';

/** How long the e-mailed "it was not me" link works: the e-mail may be read days later. */
export const UNLINK_TTL_DAYS = 7;

/** The human page (outside the JSON API) the e-mailed link opens: a confirmation form that POSTs. */
export const UNLINK_PAGE_PATH = '/telegram-links/revoke';

/**
 * A new one-time link that undoes one Telegram linking. Only the token's SHA-256 is stored; the token itself
 * exists only in the e-mail. Minted at delivery time by the notifier (a retried e-mail mints another; each
 * undoes the same linking), so no outbox payload ever carries it.
 */
export async function mintUnlinkUrl(
  em: Em,
  input: { userId: string; linkId: string; telegramUserId: string; publicUrl: string; now: Date },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  em.create(TelegramUnlinkTokenSchema, {
    id: randomUUID(),
    userId: input.userId,
    linkId: input.linkId,
    telegramUserId: input.telegramUserId,
    tokenHash: hashToken(token),
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + UNLINK_TTL_DAYS * 86_400_000),
    usedAt: null,
  });
  await em.flush();
  return `${input.publicUrl.replace(/\/$/, '')}${UNLINK_PAGE_PATH}?token=${token}`;
}

/** What the confirmation page shows about a live token. */
export interface UnlinkTicket {
  locale: string;
  telegramUserId: string;
}

/** The outcome of using a token: the link is gone, or it had already gone (unlinked, or another account since). */
export type UnlinkOutcome = 'unlinked' | 'already_unlinked';

/**
 * Undoing a Telegram linking from the e-mailed link: only the account that e-mail spoke of is unlinked, the
 * token works once, and the unlinking is journaled with the person as the actor.
 */
export class TelegramUnlinkService {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date,
  ) {}

  /** The live token's details for the confirmation page; a used, expired or unknown token is `not_found`. */
  async describe(token: string): Promise<UnlinkTicket> {
    const em = this.orm.em.fork();
    const row = await this.live(em, token);
    const user = await em.findOne(UserSchema, { id: row.userId });
    return { locale: user?.locale ?? 'ru', telegramUserId: row.telegramUserId };
  }

  async revoke(token: string): Promise<{ outcome: UnlinkOutcome; locale: string }> {
    const now = this.now();
    return this.orm.em.fork().transactional(async (tx) => {
      const row = await this.live(tx, token);
      const used = await tx.execute<{ id: string }[]>(
        'update telegram_unlink_tokens set used_at = ? where id = ? and used_at is null and expires_at > ? returning id',
        [now, row.id, now],
      );
      if (used.length === 0) throw invalidToken();
      const user = await tx.findOne(UserSchema, { id: row.userId });
      const locale = user?.locale ?? 'ru';
      const ended = await endTelegramLink(
        tx,
        { id: row.linkId, userId: row.userId, telegramUserId: row.telegramUserId },
        { actorId: row.userId, at: now, reason: 'revoked_from_email' },
      );
      return { outcome: ended ? 'unlinked' : 'already_unlinked', locale };
    });
  }

  private async live(em: Em, token: string) {
    const row = /^[A-Za-z0-9_-]{16,64}$/.test(token)
      ? await em.findOne(TelegramUnlinkTokenSchema, {
          tokenHash: hashToken(token),
          usedAt: null,
          expiresAt: { $gt: this.now() },
        })
      : null;
    if (!row) throw invalidToken();
    return row;
  }
}

function invalidToken(): DomainError {
  return new DomainError('not_found', 'this link is used, expired or unknown');
}
