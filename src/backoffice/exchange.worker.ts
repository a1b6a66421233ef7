import { describeError } from '../error-log.js';
import type { Logger } from '../logger.js';
import { RoundLoop } from '../ops/round-loop.js';
import type { BackofficeExchange } from './exchange.service.js';

/**
 * The exchange's loop in the worker process: every `pollSeconds` it exports what the outbox holds and reads the
 * back office's answers; once a minute it looks for exports left unanswered. A round never overlaps the previous
 * one, and `close()` waits for the round in flight.
 */
export class ExchangeWorker {
  private readonly loop: RoundLoop;
  private lastStuckCheck = 0;

  constructor(
    private readonly exchange: BackofficeExchange,
    private readonly logger: Logger,
    pollSeconds: number,
  ) {
    this.loop = new RoundLoop(() => this.tick(), pollSeconds);
  }

  start(): void {
    this.loop.start();
  }

  /** One round: exports, answers and (at most once a minute) the stuck check. */
  async tick(): Promise<void> {
    try {
      await this.exchange.exportPending();
      await this.exchange.readInbox();
      if (Date.now() - this.lastStuckCheck >= 60_000) {
        this.lastStuckCheck = Date.now();
        await this.exchange.checkStuck();
      }
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'backoffice: exchange round failed');
    }
  }

  close(): Promise<void> {
    return this.loop.close();
  }
}
