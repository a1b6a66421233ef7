import { AppError } from '../errors.js';
import type { ChallengePurpose, CodeChannel } from './challenge.entity.js';

/*
 * What every part of the confirmation mechanism and its callers agree on: the lifetime and attempt limit of a
 * code, the one refusal, and the shapes going in and out of ConfirmationService.
 */

/** Codes live five minutes; five wrong attempts kill a challenge (DESIGN §4). */
export const CODE_TTL_SECONDS = 300;
export const MAX_ATTEMPTS = 5;

/** The destination key of the authenticator being enrolled (its secret travels in the challenge's data). */
export const ENROLLED_AUTHENTICATOR_KEY = 'authenticator';

/** The one answer to every wrong, expired, used or unknown code: nothing tells which it was. */
export const CODE_INVALID_MESSAGE = 'the code is wrong or no longer valid';
export const codeInvalid = (): AppError => new AppError('code_invalid', CODE_INVALID_MESSAGE);

export interface DestinationInput {
  key: string;
  channel: CodeChannel;
  /** A phone (E.164) or an email address; ignored for `totp`. */
  address: string | null;
  /**
   * No code goes here and none will work for it: the address gets `renderInertNotice`'s text instead (an email
   * change to an address another account has, told to that address's owner), and the answer looks the same.
   */
  inert?: boolean;
}

export interface IssueInput {
  purpose: ChallengePurpose;
  userId: string;
  target: string | null;
  binding?: string | null;
  destinations: readonly DestinationInput[];
  data?: Record<string, unknown>;
  ip?: string | null;
  /** Count the sends against the user's send limit (off for logins: their limit is per login and IP). */
  throttleSends?: boolean;
}

/** What the caller learns about a challenge: where the codes went, masked. */
export interface ChallengeTicket {
  challengeId: string;
  purpose: ChallengePurpose;
  expiresAt: Date;
  destinations: { key: string; channel: CodeChannel; destination: string }[];
}

/** Who may use a challenge: the login flow (no session yet) or a signed-in user. */
export type ChallengeOwner = { kind: 'login' } | { kind: 'user'; userId: string };

/** One code for a one-destination challenge, or a code per destination key. */
export type TypedCodes = string | Readonly<Record<string, string>>;

/** Thrown by an applier when the challenge's target moved on (the payload was edited): the challenge dies. */
export class TargetChanged extends Error {
  constructor() {
    super('the confirmed content changed after the code was sent');
    this.name = 'TargetChanged';
  }
}
