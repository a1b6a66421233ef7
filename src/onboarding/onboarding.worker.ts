import { describeError } from '../error-log.js';
import type { Logger } from '../logger.js';
import { RoundLoop } from '../ops/round-loop.js';
import type { ApplicationDispatch } from './application-dispatch.js';
import type { AccountApplications } from './applications.service.js';

const PURGE_EVERY_MS = 3_600_000;

/**
 * Account opening's loop in the worker process: every `pollSeconds` it hands submitted questionnaires on; once an
 * hour (and at start) it deletes abandoned drafts.
 */
export class OnboardingWorker {
  private readonly loop: RoundLoop;
  private lastPurge = 0;

  constructor(
    private readonly dispatch: ApplicationDispatch,
    private readonly applications: AccountApplications,
    private readonly logger: Logger,
    pollSeconds: number,
  ) {
    this.loop = new RoundLoop(() => this.tick(), pollSeconds);
  }

  start(): void {
    // Questionnaires sent while the process was down go to the managers at once.
    this.loop.start({ now: true });
  }

  async tick(): Promise<void> {
    try {
      await this.dispatch.dispatchPending();
      if (Date.now() - this.lastPurge >= PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        const deleted = await this.applications.purgeAbandoned();
        if (deleted > 0) this.logger.info({ deleted }, 'onboarding: abandoned drafts deleted');
      }
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'onboarding: round failed');
    }
  }

  close(): Promise<void> {
    return this.loop.close();
  }
}
