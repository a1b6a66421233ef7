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

  /** `now`: the first round at once (what waited while the process was down goes out without a pause). */
  start(options: { now?: boolean } = {}): void {
    if (this.timer) return;
    const run = () => {
      if (!this.round) this.round = this.tick().finally(() => (this.round = null));
    };
    this.timer = setInterval(run, this.intervalSeconds * 1000);
    if (options.now) run();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }
}
