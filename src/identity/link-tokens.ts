import { randomBytes, randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { hashToken } from './session.service.js';
import { TelegramLinkTokenSchema, type LinkTokenPurpose } from './telegram-link-token.entity.js';

export interface BotUsernames {
  client: string;
  staff: string;
}

/** How long a deep link lives: a user's own link minutes, an admin's invite a day. */
export const LINK_TTL_MINUTES: Record<'own' | 'invite', number> = { own: 15, invite: 24 * 60 };

/**
 * One-time Telegram deep links (`https://t.me/<bot>?start=<token>`). The token is 32 URL-safe characters (Telegram
 * allows 64); only its SHA-256 is stored. The bots consume them.
 */
export class LinkTokenService {
  constructor(
    private readonly orm: Orm,
    private readonly bots: BotUsernames,
    private readonly now: () => Date,
  ) {}

  async create(
    input: { purpose: LinkTokenPurpose; userId: string; createdBy: string | null; ttlMinutes: number },
    em?: Em,
  ): Promise<{ url: string; expiresAt: Date }> {
    const now = this.now();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + input.ttlMinutes * 60_000);
    const target = em ?? this.orm.em.fork();
    target.create(TelegramLinkTokenSchema, {
      id: randomUUID(),
      purpose: input.purpose,
      userId: input.userId,
      tokenHash: hashToken(token),
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await target.flush();
    const bot = input.purpose === 'client_link' ? this.bots.client : this.bots.staff;
    return { url: `https://t.me/${bot}?start=${token}`, expiresAt };
  }
}
