/**
 * A worker's loop: every `intervalSeconds` one round, never overlapping the previous one; `close()` stops the
 * timer and waits for the round in flight. The round catches its own errors (a failed round is logged, the loop goes
 * on).
 */
export class RoundLoop {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.round) this.round = this.tick().finally(() => (this.round = null));
    }, this.intervalSeconds * 1000);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }
}
