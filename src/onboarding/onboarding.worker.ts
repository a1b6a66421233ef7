import { describeError } from '../error-log.js';
import type { Logger } from '../logger.js';
import type { ApplicationDispatch } from './application-dispatch.js';
import type { AccountApplications } from './applications.service.js';

const PURGE_EVERY_MS = 3_600_000;

/**
 * Account opening's loop in the worker process: every `pollSeconds` it hands submitted questionnaires on; once an
 * hour (and at start) it deletes abandoned drafts. A round never overlaps the previous one; `close()` waits for it.
 */
export class OnboardingWorker {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private lastPurge = 0;

  constructor(
    private readonly dispatch: ApplicationDispatch,
    private readonly applications: AccountApplications,
    private readonly logger: Logger,
    private readonly pollSeconds: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.round) this.round = this.tick().finally(() => (this.round = null));
    }, this.pollSeconds * 1000);
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

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }
}
