/**
 * Telegram's documented flood limits as sliding windows: 30 messages a second per bot, 1 a second per private
 * chat, 20 a minute per group. `timeScale` divides every window (the benchmark runs a scaled-down clock).
 */
export interface RateLimitOptions {
  timeScale: number;
  globalPerSecond: number;
  privatePerSecond: number;
  groupPerMinute: number;
}

export const DEFAULT_LIMITS: RateLimitOptions = {
  timeScale: 1,
  globalPerSecond: 30,
  privatePerSecond: 1,
  groupPerMinute: 20,
};

class SlidingWindow {
  private readonly stamps: number[] = [];
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until one more fits; 0 when it fits now. */
  waitMs(now: number): number {
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length < this.max) return 0;
    return (this.stamps[this.stamps.length - this.max] ?? now) + this.windowMs - now;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class FloodControl {
  private readonly global = new Map<string, SlidingWindow>();
  private readonly chats = new Map<string, SlidingWindow>();
  /** 429s answered because of the limits (not injected faults), and which limit it was. */
  limited = 0;
  limitedBy = { global: 0, chat: 0, group: 0 };

  constructor(readonly options: RateLimitOptions) {}

  /** Seconds to wait (the scaled `retry_after`) when the message would break a limit; otherwise records it. */
  check(token: string, chatId: number, isGroup: boolean, now: number): number | undefined {
    const scale = this.options.timeScale;
    const globalWindow = this.window(this.global, token, this.options.globalPerSecond, 1000 / scale);
    const chatWindow = this.window(
      this.chats,
      `${token}:${chatId}`,
      isGroup ? this.options.groupPerMinute : this.options.privatePerSecond,
      (isGroup ? 60_000 : 1000) / scale,
    );
    const chatWait = chatWindow.waitMs(now);
    const wait = Math.max(chatWait, globalWindow.waitMs(now));
    if (wait > 0) {
      this.limited += 1;
      if (chatWait > 0) this.limitedBy[isGroup ? 'group' : 'chat'] += 1;
      else this.limitedBy.global += 1;
      return scale === 1 ? Math.max(1, Math.ceil(wait / 1000)) : Math.max(0.001, Math.round(wait) / 1000);
    }
    chatWindow.add(now);
    globalWindow.add(now);
    return undefined;
  }

  private window(map: Map<string, SlidingWindow>, key: string, max: number, ms: number): SlidingWindow {
    let window = map.get(key);
    if (!window) {
      window = new SlidingWindow(max, ms);
      map.set(key, window);
    }
    return window;
  }
}
