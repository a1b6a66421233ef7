import type { Orm } from '../db/orm.js';
import { AppError } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { TelegramLinkSchema, type TelegramBot } from '../telegram/telegram-link.entity.js';
import type { RequestOrigin } from './login.service.js';
import { verifyInitData } from './mini-app-init-data.js';
import { MiniAppUseSchema } from './mini-app-use.entity.js';
import type { SessionService } from './session.service.js';
import { UserSchema } from './user.entity.js';

export interface MiniAppSignInDeps {
  orm: Orm;
  sessions: SessionService;
  /** The bots' tokens: an `initData` is checked against the token of the bot it names. */
  botTokens: Partial<Record<TelegramBot, string>>;
  /** How old an `initData` may be (TELEGRAM_INIT_DATA_MAX_AGE_SECONDS, default an hour). */
  maxAgeSeconds: number;
  now: () => Date;
}

/**
 * The cabinet opened inside Telegram (docs/0026): a Mini App `initData` signed for one of our bots, fresh and never
 * used before, is exchanged for a session of the account linked to that Telegram user in that bot — and of no one
 * else. Every refusal is 401 `unauthorized` with a reason (invalid, stale, replayed) or, for a Telegram user with
 * no linked account, 403 `forbidden` with `telegram_not_linked`: the cabinet then shows how to link.
 */
export class MiniAppSignIn {
  constructor(private readonly deps: MiniAppSignInDeps) {}

  async signIn(
    input: { bot: TelegramBot; initData: string },
    origin: RequestOrigin,
  ): Promise<{ token: string; userId: string; expiresAt: Date }> {
    const token = this.deps.botTokens[input.bot];
    if (!token) throw refused('init_data_invalid', `the ${input.bot} bot is not configured`);
    const now = this.deps.now();
    const verdict = verifyInitData(input.initData, token, now, this.deps.maxAgeSeconds);
    if (!verdict.ok) throw refused(verdict.reason, 'the Telegram launch data is not valid or too old');
    const { identity } = verdict;

    // The one use, committed on its own before anything else: a refusal below spends it too, and of two concurrent
    // exchanges of the same initData the second finds the row and is refused.
    const em0 = this.deps.orm.em.fork();
    const taken = await em0.execute<{ hash: string }[]>(
      `insert into mini_app_uses (hash, used_at) values (?, ?) on conflict do nothing returning hash`,
      [identity.hash, now],
    );
    if (taken.length === 0)
      throw refused('init_data_replayed', 'this launch data was already used: reopen the app');
    await em0.nativeDelete(MiniAppUseSchema, {
      usedAt: { $lt: new Date(now.getTime() - 2 * this.deps.maxAgeSeconds * 1000) },
    });

    return this.deps.orm.em.fork().transactional(async (em) => {
      const link = await em.findOne(TelegramLinkSchema, {
        bot: input.bot,
        telegramUserId: identity.telegramUserId,
        status: { $in: ['active', 'blocked'] },
      });
      const user = link ? await em.findOne(UserSchema, { id: link.userId, active: true }) : null;
      // A staff bot's Mini App opens staff accounts only, the client bot's client accounts only.
      if (!user || user.kind !== (input.bot === 'staff' ? 'staff' : 'client')) {
        throw new AppError('forbidden', 'this Telegram account is not linked to a cabinet', {
          details: { reason: 'telegram_not_linked' },
        });
      }
      const session = this.deps.sessions.create(em, {
        userId: user.id,
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
      await em.flush();
      await appendJournal(em, [
        {
          action: 'auth.login',
          actorId: user.id,
          subjectUserId: user.id,
          at: now,
          data: { sessionId: session.sessionId, channel: 'telegram_mini_app', bot: input.bot },
        },
      ]);
      return { token: session.token, userId: user.id, expiresAt: session.expiresAt };
    });
  }
}

function refused(
  reason: 'init_data_invalid' | 'init_data_stale' | 'init_data_replayed',
  message: string,
): AppError {
  return new AppError('unauthorized', message, { details: { reason } });
}
