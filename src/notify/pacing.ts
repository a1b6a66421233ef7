import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Telegram's limits (about 30 messages a second per bot, 1 a second per chat, 20 a minute per group) as slots:
 * each chat has the earliest time its next message may go, each bot a global one spaced 1/rate apart. A worker
 * enters the chat before it touches the database (a busy chat sends the job back to wait), and takes its slot
 * right before the HTTP call, so the time spent on the database does not blur the spacing. A slot is only taken
 * for a chat that is free at that moment: a busy chat never pushes the bot's slot into the future.
 *
 * The chat's next slot is the later of two rules: one message per `chatIntervalMs` (every chat, groups
 * included), and, when the chat has a `chatWindow` (a group: 20 in any minute), a sliding window over the chat's
 * last `max` slots: the next may go once the oldest of them is `windowMs` old. A group can take a burst (up to
 * 20 cards a second apart) instead of one card every 3 s. The bot's slots stay evenly spaced: a sliding window
 * there would gain one window per run and turn every second into a burst, where send-time jitter breaks the limit.
 */
export interface PaceRequest {
  globalKey: string;
  globalIntervalMs: number;
  chatKey: string;
  chatIntervalMs: number;
  /** At most `max` messages in any `windowMs` (groups), on top of `chatIntervalMs`. */
  chatWindow?: ChatWindow | undefined;
}

export interface ChatWindow {
  max: number;
  windowMs: number;
}

export type PaceDecision =
  /** Send after `waitMs` (the bot's next slot; the chat's next slot is set after it). */
  | { reserved: true; waitMs: number }
  /** The chat is busy for `waitMs`; nothing was reserved. */
  | { reserved: false; waitMs: number };

/**
 * Whether a worker may start on a chat: `go` with a token while nobody else is about to send to it, else how
 * long until it frees (`waitMs`), or that another worker is about to send (`taken`: come back an interval later).
 */
export type ChatGate =
  { go: true; token: string } | { go: false; waitMs: number } | { go: false; taken: true };

export interface Pacer {
  /**
   * Lets one worker at a time start on a chat that frees within `leadMs`, marking it for `markMs` (its database
   * work): without the mark, every message waiting for a chat would wake and start at once.
   */
  enterChat(chatKey: string, leadMs: number, markMs: number): Promise<ChatGate>;
  /** Takes the chat's and the bot's next slots if the chat is free now (and clears the mark). */
  tryReserve(request: PaceRequest): Promise<PaceDecision>;
  /** Clears the mark when nothing was sent after all. */
  leaveChat(chatKey: string, token: string): Promise<void>;
  /** Telegram answered 429 for this chat: nothing goes to it before `ms` from now. */
  holdChat(chatKey: string, ms: number): Promise<void>;
}

/**
 * Intervals with a safety margin: a fake or real Bot API sees our messages a few ms apart from when we sent them
 * (3 % on the bot's spacing, 10 % on a chat's second, 5 % on a group's minute).
 */
export function telegramIntervals(
  perSecond: number,
  timeScale = 1,
): { globalMs: number; privateChatMs: number; groupChatMs: number; groupWindow: ChatWindow } {
  return {
    globalMs: (1000 / perSecond / timeScale) * 1.03,
    privateChatMs: (1000 / timeScale) * 1.1,
    groupChatMs: (1000 / timeScale) * 1.1,
    groupWindow: { max: 20, windowMs: (60_000 / timeScale) * 1.05 },
  };
}

/** The in-process pacer (the embedded mode; one process delivers). */
export class MemoryPacer implements Pacer {
  private readonly next = new Map<string, number>();
  private readonly marks = new Map<string, { token: string; until: number }>();
  /** Per windowed chat, its last `max` slots, oldest first. */
  private readonly slots = new Map<string, number[]>();
  private longestWindowMs = 0;
  private counter = 0;
  constructor(private readonly clock: () => number = () => performance.timeOrigin + performance.now()) {}

  async enterChat(chatKey: string, leadMs: number, markMs: number): Promise<ChatGate> {
    const now = this.clock();
    const wait = (this.next.get(chatKey) ?? 0) - now;
    if (wait > leadMs) return { go: false, waitMs: wait - leadMs };
    const mark = this.marks.get(chatKey);
    if (mark && mark.until > now) return { go: false, taken: true };
    const token = String((this.counter += 1));
    this.marks.set(chatKey, { token, until: now + markMs });
    return { go: true, token };
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
    this.marks.delete(request.chatKey);
    this.prune(now);
    return { reserved: true, waitMs: at - now };
  }

  async leaveChat(chatKey: string, token: string): Promise<void> {
    if (this.marks.get(chatKey)?.token === token) this.marks.delete(chatKey);
  }

  async holdChat(chatKey: string, ms: number): Promise<void> {
    const until = this.clock() + ms;
    this.next.set(chatKey, Math.max(this.next.get(chatKey) ?? 0, until));
  }

  private prune(now: number): void {
    if (this.next.size < 10_000) return;
    for (const [key, at] of this.next) if (at < now) this.next.delete(key);
    for (const [key, mark] of this.marks) if (mark.until < now) this.marks.delete(key);
    for (const [key, recent] of this.slots)
      if ((recent.at(-1) ?? 0) < now - this.longestWindowMs) this.slots.delete(key);
  }
}

/** The same decisions as MemoryPacer, atomically in Redis (server time), shared by every worker process. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] chat slot, KEYS[2] chat mark; ARGV lead ms, mark ms, token. {1} go, {0, wait} busy, {2} taken. */
const ENTER_SCRIPT = `${NOW}
local wait = tonumber(redis.call('GET', KEYS[1]) or '0') - now
if wait > tonumber(ARGV[1]) then return {0, tostring(wait - tonumber(ARGV[1]))} end
if redis.call('SET', KEYS[2], ARGV[3], 'PX', tonumber(ARGV[2]), 'NX') then return {1, '0'} end
return {2, '0'}
`;

/**
 * KEYS[1] bot slot, KEYS[2] chat slot, KEYS[3] chat mark, KEYS[4] the chat's last slots (a list, oldest first);
 * ARGV bot interval, chat interval, window max (0: none), window ms. {1, wait} reserved, {0, wait} busy.
 * A chat's slots only grow (the next is at least a chat interval after the last), so the list stays sorted.
 */
const RESERVE_SCRIPT = `${NOW}
local chatNext = tonumber(redis.call('GET', KEYS[2]) or '0')
if chatNext > now then return {0, tostring(chatNext - now)} end
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local g = at + tonumber(ARGV[1])
local c = at + tonumber(ARGV[2])
local max = tonumber(ARGV[3])
if max > 0 then
  local windowMs = tonumber(ARGV[4])
  redis.call('RPUSH', KEYS[4], tostring(at))
  redis.call('LTRIM', KEYS[4], -max, -1)
  redis.call('PEXPIRE', KEYS[4], math.ceil(at - now + windowMs) + 60000)
  if redis.call('LLEN', KEYS[4]) >= max then
    c = math.max(c, tonumber(redis.call('LINDEX', KEYS[4], 0)) + windowMs)
  end
end
redis.call('SET', KEYS[1], tostring(g), 'PX', math.ceil(g - now) + 60000)
redis.call('SET', KEYS[2], tostring(c), 'PX', math.ceil(c - now) + 60000)
redis.call('DEL', KEYS[3])
return {1, tostring(at - now)}
`;

/** KEYS[1] chat mark; ARGV[1] token. */
const LEAVE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

const HOLD_SCRIPT = `${NOW}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.ceil(ARGV[1]) + 60000) end
return 1
`;

export class RedisPacer implements Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async enterChat(chatKey: string, leadMs: number, markMs: number): Promise<ChatGate> {
    const token = randomUUID();
    const [state, wait] = (await this.redis.eval(
      ENTER_SCRIPT,
      2,
      this.key(chatKey),
      this.key(`${chatKey}:mark`),
      String(leadMs),
      String(Math.ceil(markMs)),
      token,
    )) as [number, string];
    if (state === 1) return { go: true, token };
    if (state === 2) return { go: false, taken: true };
    return { go: false, waitMs: Math.max(0, Number(wait)) };
  }

  async tryReserve(request: PaceRequest): Promise<PaceDecision> {
    const window = request.chatWindow;
    const [reserved, wait] = (await this.redis.eval(
      RESERVE_SCRIPT,
      4,
      this.key(request.globalKey),
      this.key(request.chatKey),
      this.key(`${request.chatKey}:mark`),
      this.key(`${request.chatKey}:slots`),
      String(request.globalIntervalMs),
      String(request.chatIntervalMs),
      String(window?.max ?? 0),
      String(window?.windowMs ?? 0),
    )) as [number, string];
    const waitMs = Math.max(0, Number(wait));
    return reserved === 1 ? { reserved: true, waitMs } : { reserved: false, waitMs };
  }

  async leaveChat(chatKey: string, token: string): Promise<void> {
    await this.redis.eval(LEAVE_SCRIPT, 1, this.key(`${chatKey}:mark`), token);
  }

  private key(name: string): string {
    return `${this.prefix}:pace:${name}`;
  }

  async holdChat(chatKey: string, ms: number): Promise<void> {
    await this.redis.eval(HOLD_SCRIPT, 1, this.key(chatKey), String(Math.ceil(ms)));
  }
}
