import type { Em, Orm } from '../db/orm.js';
import { AppError } from '../errors.js';
import type { Locale } from '../workflow/domain/definition.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import {
  CodeRefused,
  type CodeSent,
  type LinkingPort,
  type LinkToken,
  type LinkTokenPurpose,
  type SigningPort,
} from './bot-ports.js';
import type { Challenge } from './challenge.entity.js';
import type { DestinationInput } from './confirmation-terms.js';
import type { ConfirmationService } from './confirmation.service.js';
import { codeRefusal } from './code-refusal.js';
import { maskPhone } from './masking.js';
import type { PasswordCheck } from './password-check.js';
import { hashToken } from './session.service.js';
import type { SigningService } from './signing.service.js';
import { TelegramLinkTokenSchema } from './telegram-link-token.entity.js';
import { UserSchema } from './user.entity.js';

export interface IdentityAdapterDeps {
  orm: Orm;
  workflow: WorkflowService;
  confirmations: ConfirmationService;
  signing: SigningService;
  passwords: PasswordCheck;
  now?: () => Date;
}

function ticketToSent(ticket: {
  challengeId: string;
  expiresAt: Date;
  destinations: { destination: string }[];
}): CodeSent {
  return {
    challengeId: ticket.challengeId,
    destination: ticket.destinations[0]?.destination ?? '***',
    expiresAt: ticket.expiresAt,
  };
}

function isCodeInvalid(error: unknown): boolean {
  return error instanceof AppError && error.code === 'code_invalid';
}

/** Signing in the bot through the same SigningService and ConfirmationService the API uses (channel `bot`). */
export function signingAdapter(deps: IdentityAdapterDeps): SigningPort {
  const now = deps.now ?? (() => new Date());
  const origin = { channel: 'bot' as const, ip: null, userAgent: null };
  return {
    async start(actor, requestId) {
      const { ticket, request } = await deps.signing.requestSignature(actor, requestId, origin);
      return { code: ticketToSent(ticket), request };
    },
    async resend(actor, challengeId) {
      try {
        return ticketToSent(
          await deps.confirmations.resend(challengeId, { kind: 'user', userId: actor.userId }),
        );
      } catch (error) {
        if (isCodeInvalid(error)) throw await codeRefusal(deps.confirmations, challengeId, now());
        throw error;
      }
    },
    async confirm(actor: Actor, challengeId, code, evidence) {
      const applier = deps.signing.applier(actor, {
        ...origin,
        telegramUserId: String(evidence.telegramUserId),
      });
      let requestId: string;
      try {
        requestId = await deps.confirmations.confirm(
          challengeId,
          code,
          // Code attempts in a bot are limited per Telegram user (there is no address).
          {
            owner: { kind: 'user', userId: actor.userId },
            ip: null,
            telegramUserId: evidence.telegramUserId,
          },
          applier,
        );
      } catch (error) {
        if (isCodeInvalid(error)) throw await codeRefusal(deps.confirmations, challengeId, now());
        throw error;
      }
      return deps.workflow.getRequest(actor, requestId);
    },
  };
}

/**
 * Linking Telegram: the deep-link tokens the cabinet creates (looked up by their SHA-256, consumed by a
 * conditional UPDATE in the linking transaction) and `link_telegram` codes through the ConfirmationService.
 */
export function linkingAdapter(deps: IdentityAdapterDeps): LinkingPort {
  const now = deps.now ?? (() => new Date());
  const { confirmations } = deps;

  const issueFor = async (
    user: { id: string; phone?: string | null; totpEnabledAt?: Date | null },
    locale: Locale,
  ) => {
    const destinations: DestinationInput[] = user.phone
      ? [{ key: 'phone', channel: 'sms', address: user.phone }]
      : user.totpEnabledAt
        ? [{ key: 'authenticator', channel: 'totp', address: null }]
        : [];
    if (destinations.length === 0)
      throw new AppError('unavailable', 'the user has no phone or authenticator for a code');
    return ticketToSent(
      await confirmations.issue({
        purpose: 'link_telegram',
        userId: user.id,
        target: user.id,
        destinations,
        data: { locale },
      }),
    );
  };

  return {
    async findToken(purpose: LinkTokenPurpose, token: string): Promise<LinkToken | undefined> {
      const row = await deps.orm.em.fork().findOne(TelegramLinkTokenSchema, {
        tokenHash: hashToken(token),
        purpose,
        usedAt: null,
        expiresAt: { $gt: now() },
      });
      return row ? { tokenId: row.id, userId: row.userId } : undefined;
    },

    async useToken(em: Em, tokenId: string): Promise<boolean> {
      const rows = await em.execute<{ id: string }[]>(
        'update telegram_link_tokens set used_at = ? where id = ? and used_at is null and expires_at > ? returning id',
        [now(), tokenId, now()],
      );
      return rows.length > 0;
    },

    async startByPhone(phone: string, password: string, locale: Locale): Promise<CodeSent> {
      const user = await deps.orm.em.fork().findOne(UserSchema, { phone, kind: 'client', active: true });
      // The password is counted per account and per phone (unknown phones alike) and never answered on its own.
      const right = await deps.passwords.matches(user, password, [`password-check:phone:${phone}`]);
      if (user && right) return issueFor(user, locale);
      // Nobody has this phone, or the password is wrong: a challenge that can never succeed, answered like a
      // real one (SIM in hand, an attacker still needs the cabinet password).
      const masked = maskPhone(phone);
      return ticketToSent(await confirmations.issueDecoy({ channel: 'sms', masked, phoneMask: masked }));
    },

    async startForUser(userId: string, locale: Locale): Promise<CodeSent> {
      const user = await deps.orm.em.fork().findOne(UserSchema, { id: userId, active: true });
      if (!user) throw new AppError('unavailable', 'the invited user is not active');
      return issueFor(user, locale);
    },

    async confirm(challengeId, code, evidence, apply) {
      const challenge: Challenge | null = await confirmations.find(challengeId);
      if (!challenge) throw new CodeRefused('expired', 0);
      try {
        const owner = challenge.userId;
        if (challenge.decoy || challenge.purpose !== 'link_telegram' || !owner) {
          // A decoy counts the attempts like a real challenge and always refuses.
          await confirmations.confirm(
            challengeId,
            code,
            { owner: { kind: 'login' }, ip: null, telegramUserId: evidence.telegramUserId },
            async () => undefined,
          );
          throw await codeRefusal(confirmations, challengeId, now());
        }
        return await confirmations.confirm(
          challengeId,
          code,
          { owner: { kind: 'user', userId: owner }, ip: null, telegramUserId: evidence.telegramUserId },
          async (em) => {
            await apply(em, owner);
            return owner;
          },
        );
      } catch (error) {
        if (isCodeInvalid(error)) throw await codeRefusal(confirmations, challengeId, now());
        throw error;
      }
    },
  };
}
