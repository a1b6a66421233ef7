import type { Em } from '../db/orm.js';
import type { Locale } from '../workflow/domain/definition.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { RequestView } from '../workflow/presenters.js';

/*
 * What the bots need from identity: deep-link tokens, confirmation codes for linking, and signing. The bots
 * speak to these ports; `bot-adapters.ts` implements them over the identity services, so the bots follow
 * the same rules (expiry, attempts, throttling, binding to the payload hash) as the web and the API. Both live
 * in identity, which the bots import (and never the reverse: no module cycle).
 */

/** A code was sent: where to (masked) and until when it is valid. */
export interface CodeSent {
  challengeId: string;
  destination: string;
  expiresAt: Date;
}

/** Why a typed code did not work. The owner of a challenge may know which it was; nobody else asks. */
export type CodeRefusalReason = 'wrong' | 'expired' | 'used' | 'locked' | 'changed';

export class CodeRefused extends Error {
  constructor(
    readonly reason: CodeRefusalReason,
    readonly attemptsLeft: number,
  ) {
    super(`code refused: ${reason}`);
    this.name = 'CodeRefused';
  }
}

export interface SigningPort {
  /**
   * Sends the SMS code bound to the request's current payload hash: a draft is submitted first; a request
   * already awaiting its signature gets a new code (the attempts carry over).
   */
  start(actor: Actor, requestId: string): Promise<{ code: CodeSent; request: RequestView }>;
  resend(actor: Actor, challengeId: string): Promise<CodeSent>;
  /** Checks the code and signs; throws CodeRefused for a code that does not work. */
  confirm(
    actor: Actor,
    challengeId: string,
    code: string,
    evidence: { telegramUserId: number },
  ): Promise<RequestView>;
}

export type LinkTokenPurpose = 'client_link' | 'staff_invite';

/** A live deep-link token: whose it is. */
export interface LinkToken {
  tokenId: string;
  userId: string;
}

export interface LinkingPort {
  /** The live (unused, unexpired) token of this purpose, or undefined; nothing is consumed. */
  findToken(purpose: LinkTokenPurpose, token: string): Promise<LinkToken | undefined>;
  /** Marks the token used inside the caller's transaction; false when someone used it first or it expired. */
  useToken(em: Em, tokenId: string): Promise<boolean>;
  /**
   * Sends a Telegram-linking code to the phone of the client user who has it, when `password` is that user's
   * cabinet password (throttled like every password check). For a phone nobody has, or a wrong password, a
   * challenge that can never succeed: the answer looks the same, so nothing tells which part was wrong.
   */
  startByPhone(phone: string, password: string, locale: Locale): Promise<CodeSent>;
  /** Sends a Telegram-linking code to a known user (a staff member who opened an invite). */
  startForUser(userId: string, locale: Locale): Promise<CodeSent>;
  /**
   * Checks the code and runs `apply` for the challenge's user in the same transaction; throws CodeRefused. Code
   * attempts are limited per Telegram user (`evidence`).
   */
  confirm(
    challengeId: string,
    code: string,
    evidence: { telegramUserId: number },
    apply: (em: Em, userId: string) => Promise<void>,
  ): Promise<string>;
}
