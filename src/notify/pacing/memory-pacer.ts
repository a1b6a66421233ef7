import type { ChatTurn, PaceDecision, Pacer, PaceRequest, TurnRequest } from './pacer.js';

/** The in-process pacer (the embedded mode; one process delivers). */
export class MemoryPacer implements Pacer {
  private readonly next = new Map<string, number>();
  /** Per chat, the next free turn. */
  private readonly turns = new Map<string, number>();
  /** Per windowed chat, its last `max` slots (and, under `turns:`, its last `max` turns), oldest first. */
  private readonly slots = new Map<string, number[]>();
  private longestWindowMs = 0;
  constructor(private readonly clock: () => number = () => performance.timeOrigin + performance.now()) {}

  async takeTurn(request: TurnRequest): Promise<ChatTurn> {
    const now = this.clock();
    let at = Math.max(now, this.next.get(request.chatKey) ?? 0, this.turns.get(request.chatKey) ?? 0);
    const window = request.chatWindow;
    if (window && window.max > 0) {
      this.longestWindowMs = Math.max(this.longestWindowMs, window.windowMs);
      const key = `turns:${request.chatKey}`;
      const recent = this.slots.get(key) ?? [];
      if (recent.length >= window.max) at = Math.max(at, (recent[0] ?? at) + window.windowMs);
      this.slots.set(key, [...recent, at].slice(-window.max));
    }
    this.turns.set(request.chatKey, at + request.chatIntervalMs);
    this.prune(now);
    return { waitMs: at - now, token: String(at) };
  }

  async tryReserve(request: PaceRequest): Promise<PaceDecision> {
    const now = this.clock();
    const chatNext = this.next.get(request.chatKey) ?? 0;
    if (chatNext > now) return { reserved: false, waitMs: chatNext - now };
    const at = Math.max(now, this.next.get(request.globalKey) ?? 0);
    this.next.set(request.globalKey, at + request.globalIntervalMs);
    let next = at + request.chatIntervalMs;
    const window = request.chatWindow;
    if (window && window.max > 0) {
      this.longestWindowMs = Math.max(this.longestWindowMs, window.windowMs);
      const recent = [...(this.slots.get(request.chatKey) ?? []), at].slice(-window.max);
      this.slots.set(request.chatKey, recent);
      if (recent.length >= window.max) next = Math.max(next, (recent[0] ?? at) + window.windowMs);
    }
    this.next.set(request.chatKey, next);
    this.prune(now);
    return { reserved: true, waitMs: at - now };
  }

  async releaseTurn(request: TurnRequest, token: string): Promise<void> {
    const at = Number(token);
    if (this.turns.get(request.chatKey) !== at + request.chatIntervalMs) return;
    this.turns.set(request.chatKey, at);
    const recent = this.slots.get(`turns:${request.chatKey}`);
    if (recent?.at(-1) === at) recent.pop();
  }

  async holdChat(chatKey: string, ms: number): Promise<void> {
    const until = this.clock() + ms;
    this.next.set(chatKey, Math.max(this.next.get(chatKey) ?? 0, until));
  }

  private prune(now: number): void {
    if (this.next.size < 10_000) return;
    for (const [key, at] of this.next) if (at < now) this.next.delete(key);
    for (const [key, at] of this.turns) if (at < now) this.turns.delete(key);
    for (const [key, recent] of this.slots)
      if ((recent.at(-1) ?? 0) < now - this.longestWindowMs) this.slots.delete(key);
  }
}
