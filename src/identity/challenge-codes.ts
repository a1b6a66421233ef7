import type { Em } from '../db/orm.js';
import { DomainError } from '../errors.js';
import type { Challenge, ChallengeDestination } from './challenge.entity.js';
import { destinationRow, maskAddress } from './challenge-rows.js';
import type { ChallengeRepository } from './challenge.repository.js';
import { codeHash, codeMatches, generateCode } from './codes.js';
import { ENROLLED_AUTHENTICATOR_KEY, type DestinationInput, type TypedCodes } from './confirmation-terms.js';
import type { TotpAuthenticator } from './totp.js';
import { UserSchema } from './user.entity.js';

/** The codes to send, by destination key. */
export type CodesToSend = Map<string, string>;

/**
 * The codes of a challenge: generated per destination, sealed as HMACs bound to the challenge, the destination
 * and the binding (never stored in clear), and checked against what was typed, authenticator codes included.
 */
export class ChallengeCodes {
  constructor(
    private readonly deps: { secret: Buffer; totp: TotpAuthenticator; challenges: ChallengeRepository },
  ) {}

  /** The stored hash of `code` sent to one destination of a challenge. */
  seal(challengeId: string, destinationKey: string, binding: string | null, code: string): string {
    return codeHash(this.deps.secret, code, { challengeId, destinationKey, binding });
  }

  /**
   * The stored destinations of a new challenge and the codes to send: a fresh code per address, none for an
   * authenticator, and for an inert address none either, only the notice to its owner (`notices`).
   */
  forNewChallenge(
    challengeId: string,
    binding: string | null,
    requested: readonly DestinationInput[],
  ): { destinations: ChallengeDestination[]; codes: CodesToSend; notices: ChallengeDestination[] } {
    const codes: CodesToSend = new Map();
    const notices: ChallengeDestination[] = [];
    const destinations = requested.map((d): ChallengeDestination => {
      const { key, channel, address } = d;
      if (d.inert === true) {
        const masked = maskAddress(channel, address);
        const inert: ChallengeDestination = {
          ...destinationRow({ key, channel, address: null, masked }),
          inert: true,
        };
        notices.push({ ...inert, address });
        return inert;
      }
      if (channel === 'totp') return destinationRow({ key, channel, address: null, masked: 'authenticator' });
      const code = generateCode();
      codes.set(key, code);
      const masked = maskAddress(channel, address);
      return destinationRow({ key, channel, address, masked }, this.seal(challengeId, key, binding, code));
    });
    return { destinations, codes, notices };
  }

  /** A resend's destinations: a fresh code for each address; an authenticator, a decoy, an inert address keep theirs. */
  renewed(row: Challenge): { destinations: ChallengeDestination[]; codes: CodesToSend } {
    const codes: CodesToSend = new Map();
    const destinations = row.destinations.map((d): ChallengeDestination => {
      if (d.channel === 'totp' || row.decoy || d.inert === true) return { ...d };
      const code = generateCode();
      codes.set(d.key, code);
      return {
        ...d,
        codeHash: this.seal(row.id, d.key, row.binding ?? null, code),
        providerMessageId: null,
      };
    });
    return { destinations, codes };
  }

  /** `false` when any code is wrong; the TOTP time step when an authenticator code matched; `true` otherwise. */
  async check(em: Em, row: Challenge, codes: Map<string, string>, now: Date): Promise<number | boolean> {
    if (row.decoy) return false;
    let step: number | boolean = true;
    for (const destination of row.destinations) {
      const code = codes.get(destination.key) ?? '';
      if (destination.channel === 'totp') {
        const sealed = await this.totpSecretFor(em, row, destination.key);
        const matched =
          sealed === null
            ? null
            : await this.deps.totp.check(sealed, code, now, await this.lastStep(em, row));
        if (matched === null) return false;
        // Two authenticator codes (replacing one app by another): the newer step is the one remembered.
        step = typeof step === 'number' ? Math.max(step, matched) : matched;
      } else if (
        !codeMatches(this.deps.secret, code, destination.codeHash, {
          challengeId: row.id,
          destinationKey: destination.key,
          binding: row.binding ?? null,
        })
      ) {
        return false;
      }
    }
    return step;
  }

  /**
   * The authenticator secret a code is checked against: the one being enrolled (destination `authenticator` of
   * an enrolment), otherwise the user's current one (a login, or `current_authenticator` when replacing).
   */
  private async totpSecretFor(em: Em, row: Challenge, destinationKey: string): Promise<string | null> {
    if (row.purpose === 'enrol_totp' && destinationKey === ENROLLED_AUTHENTICATOR_KEY)
      return typeof row.data['sealedSecret'] === 'string' ? row.data['sealedSecret'] : null;
    if (!row.userId) return null;
    const user = await em.findOne(UserSchema, { id: row.userId }, { disableIdentityMap: true });
    return user?.totpSecret ?? null;
  }

  private async lastStep(em: Em, row: Challenge): Promise<number | null> {
    if (!row.userId) return null;
    return this.deps.challenges.lastTotpStep(em, row.userId);
  }
}

/** The typed codes by destination key; a refusal naming the keys when some are missing. */
export function typedCodes(row: Challenge, typed: TypedCodes): Map<string, string> {
  const keys = row.destinations.map((d) => d.key);
  if (typeof typed === 'string') {
    if (keys.length === 1 && keys[0] !== undefined) return new Map([[keys[0], typed]]);
    throw new DomainError('validation_failed', 'this confirmation needs a code for each destination', {
      fieldErrors: { codes: [`give the codes for: ${keys.join(', ')}`] },
    });
  }
  const missing = keys.filter((k) => typeof typed[k] !== 'string');
  if (missing.length > 0) {
    throw new DomainError('validation_failed', 'a code is missing', {
      fieldErrors: { codes: [`give the codes for: ${keys.join(', ')}`] },
    });
  }
  return new Map(keys.map((k) => [k, typed[k] ?? '']));
}
