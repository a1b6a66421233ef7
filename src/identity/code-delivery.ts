import type { Em } from '../db/orm.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import type { ChallengeDestination, ChallengePurpose } from './challenge.entity.js';
import type { ChallengeRepository } from './challenge.repository.js';
import { renderCodeMessage, renderInertNotice } from './code-messages.js';

export interface CodeDeliveryDeps {
  sms: SmsProvider;
  email: EmailSender;
  challenges: ChallengeRepository;
  logger: Logger;
  now: () => Date;
}

/** What a message about a challenge needs from it. */
type Sent = { id: string; purpose: ChallengePurpose; data: Record<string, unknown> };

/**
 * Codes go straight to the SMS provider or the mail sender, never through the queue (a code must not wait
 * behind notifications, nor sit in the outbox). The texts come from code-messages.ts.
 */
export class CodeDelivery {
  constructor(private readonly deps: CodeDeliveryDeps) {}

  /**
   * Sends each code to its destination and remembers the providers' message ids (the signature needs one).
   * A code that cannot be sent kills the challenge: the caller gets `unavailable`, and no half-sent challenge
   * stays usable.
   */
  async sendCodes(
    em: Em,
    row: Sent,
    destinations: ChallengeDestination[],
    codes: Map<string, string>,
  ): Promise<void> {
    try {
      for (const destination of destinations) {
        const code = codes.get(destination.key);
        if (code === undefined || destination.address === null) continue;
        const message = renderCodeMessage(row.purpose, destination.key, destination.channel, code, row.data);
        const sent =
          message.kind === 'email'
            ? await this.deps.email.send({
                to: destination.address,
                subject: message.subject,
                text: message.text,
              })
            : await this.deps.sms.send({ to: destination.address, text: message.text });
        destination.providerMessageId = sent.providerMessageId;
      }
    } catch (error) {
      this.deps.logger.error(
        { err: error, challengeId: row.id, purpose: row.purpose },
        'could not send a confirmation code',
      );
      await this.deps.challenges.invalidateOnce(em, row.id, this.deps.now());
      throw new AppError('unavailable', 'the code could not be sent; try again later');
    }
    await this.deps.challenges.recordDeliveries(em, row.id, destinations);
  }

  /** Tells the owners of inert destinations that someone tried to use their address (nothing to confirm). */
  async sendInertNotices(row: Sent, notices: readonly ChallengeDestination[]): Promise<void> {
    for (const notice of notices) {
      if (notice.address === null || notice.channel !== 'email') continue;
      const message = renderInertNotice(row.purpose, row.data);
      try {
        await this.deps.email.send({ to: notice.address, subject: message.subject, text: message.text });
      } catch (error) {
        // The caller's answer must not differ: a lost notice is logged, not reported.
        this.deps.logger.error(
          { err: error, challengeId: row.id },
          'could not send an address-in-use notice',
        );
      }
    }
  }
}
