import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import type { CodeChannel } from './challenge.entity.js';
import type { ChallengeCodes } from './challenge-codes.js';
import type { ChallengeRepository } from './challenge.repository.js';
import { challengeRow, destinationRow, ticketOf } from './challenge-rows.js';
import type { CodeDelivery } from './code-delivery.js';
import { generateCode } from './codes.js';
import type { ChallengeTicket, DestinationInput } from './confirmation-terms.js';

export interface LoginChallengeInput {
  userId: string | null;
  destination: DestinationInput | null;
  masked: string;
  target: string;
  data: Record<string, unknown>;
  ip: string | null;
}

export interface DecoyChallengeInput {
  channel: CodeChannel;
  masked: string;
  phoneMask: string;
  ip?: string | null;
}

export interface LoginChallengesDeps {
  orm: Orm;
  challenges: ChallengeRepository;
  codes: ChallengeCodes;
  delivery: CodeDelivery;
  now: () => Date;
}

/**
 * Login challenges, real and decoy: every answer to a password step looks the same, whether the account exists,
 * the password was right, or the code goes to a phone or an authenticator. Decoys are built by the same row
 * builder as real challenges and differ only in what can never work. ConfirmationService is their front.
 */
export class LoginChallenges {
  constructor(private readonly deps: LoginChallengesDeps) {}

  /**
   * The code step of a login, for every password step alike (docs/0013-login-without-oracles.md): a real code
   * only for a known account with the right password (`destination` set), otherwise a decoy that sends nothing
   * and can never succeed. The live challenge of the same login from the same network (`target`) is superseded
   * and its attempts carried over, decoy or not; one killed by attempts makes the new one dead until it would
   * have expired. The caller chooses `masked` so it is the same whatever the account.
   */
  async issue(input: LoginChallengeInput): Promise<ChallengeTicket> {
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    const previous = await this.deps.challenges.findLatestLive(
      em,
      { purpose: 'login', target: input.target },
      now,
    );
    if (previous) await this.deps.challenges.invalidateOnce(em, previous.id, this.deps.now());
    const attempts = previous?.attempts ?? 0;
    const dead = previous !== null && attempts >= previous.maxAttempts;
    const live = input.destination !== null && input.userId !== null && !dead ? input.destination : null;
    const id = randomUUID();
    const code = live !== null && live.channel !== 'totp' ? generateCode() : null;
    const key = input.destination?.key ?? 'phone';
    const destinations = [
      destinationRow(
        {
          key,
          channel: input.destination?.channel ?? 'sms',
          address: live?.address ?? null,
          masked: input.masked,
        },
        code === null ? null : this.deps.codes.seal(id, key, null, code),
      ),
    ];
    const row = await this.deps.challenges.insert(
      em,
      challengeRow({
        id,
        purpose: 'login',
        userId: live === null ? null : input.userId,
        target: input.target,
        binding: null,
        destinations,
        data: input.data,
        decoy: live === null,
        attempts,
        ip: input.ip,
        now,
        ...(dead ? { expiresAt: previous.expiresAt } : {}),
      }),
    );
    if (code !== null) await this.deps.delivery.sendCodes(em, row, destinations, new Map([[key, code]]));
    return ticketOf(row, destinations);
  }

  /**
   * A challenge that looks like a login challenge and can never succeed: the answer to an unknown login or a
   * wrong password. Nothing is sent.
   */
  async issueDecoy(input: DecoyChallengeInput): Promise<ChallengeTicket> {
    const key = input.channel === 'totp' ? 'authenticator' : 'phone';
    const destinations = [
      destinationRow({ key, channel: input.channel, address: null, masked: input.masked }),
    ];
    const row = await this.deps.challenges.insert(
      this.deps.orm.em.fork(),
      challengeRow({
        id: randomUUID(),
        purpose: 'login',
        userId: null,
        target: null,
        binding: null,
        destinations,
        data: { phoneMask: input.phoneMask },
        decoy: true,
        attempts: 0,
        ip: input.ip ?? null,
        now: this.deps.now(),
      }),
    );
    return ticketOf(row, destinations);
  }
}
