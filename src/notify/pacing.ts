import type { Redis } from 'ioredis';

/**
 * Telegram's limits (about 30 messages a second per bot, 1 a second per chat, 20 a minute per group) as slots:
 * each chat has the earliest time its next message may go, each bot a global one spaced 1/rate apart. A job
 * takes a turn in its chat before it touches the database (a turn further away sends the job back until then;
 * turns are handed out one chat interval apart, so a chat's waiting messages come back one at a time), and takes
 * its slot right before the HTTP call, so the time spent on the database does not blur the spacing. Only the slot
 * keeps the limits. A slot is only taken for a chat that is free at that moment: a busy chat never pushes the
 * bot's slot into the future.
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

/** A chat's turns are handed out like its slots: one chat interval apart (and a group's window). */
export interface TurnRequest {
  chatKey: string;
  chatIntervalMs: number;
  chatWindow?: ChatWindow | undefined;
}

/**
 * A message's turn in its chat: `waitMs` from now (0: the chat is free). `token` names the turn for
 * `releaseTurn` (the pacer's own clock; opaque to the caller).
 */
export interface ChatTurn {
  waitMs: number;
  token: string;
}

export interface Pacer {
  /**
   * Gives a message the chat's next free turn: the later of now, the chat's next slot and one interval after
   * the last turn handed out (a group: also its window over the turns). Messages waiting for one chat get
   * turns one interval apart and come back one at a time, instead of all retrying when the chat frees.
   * A turn is no permission to send: `tryReserve` still checks the chat's and the bot's slots.
   */
  takeTurn(request: TurnRequest): Promise<ChatTurn>;
  /** Takes the chat's and the bot's next slots if the chat is free now. */
  tryReserve(request: PaceRequest): Promise<PaceDecision>;
  /** Gives a turn back when nothing was sent after all (only the last one handed out can be reused). */
  releaseTurn(request: TurnRequest, token: string): Promise<void>;
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

/** The same decisions as MemoryPacer, atomically in Redis (server time), shared by every worker process. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS[1] chat slot, KEYS[2] chat's next turn, KEYS[3] the chat's last turns (a list, oldest first);
 * ARGV chat interval, window max (0: none), window ms. Returns {turn, wait} (turn in server ms).
 */
const TURN_SCRIPT = `${NOW}
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
local max = tonumber(ARGV[2])
if max > 0 then
  local windowMs = tonumber(ARGV[3])
  if redis.call('LLEN', KEYS[3]) >= max then
    at = math.max(at, tonumber(redis.call('LINDEX', KEYS[3], 0)) + windowMs)
  end
  redis.call('RPUSH', KEYS[3], tostring(at))
  redis.call('LTRIM', KEYS[3], -max, -1)
  redis.call('PEXPIRE', KEYS[3], math.ceil(at - now + windowMs) + 60000)
end
local nextTurn = at + tonumber(ARGV[1])
redis.call('SET', KEYS[2], tostring(nextTurn), 'PX', math.ceil(nextTurn - now) + 60000)
return {tostring(at), tostring(at - now)}
`;

/** KEYS as TURN_SCRIPT; ARGV turn, chat interval. Only the last turn handed out is given back. */
const RELEASE_SCRIPT = `
local at = tonumber(ARGV[1])
if math.abs(tonumber(redis.call('GET', KEYS[2]) or '0') - (at + tonumber(ARGV[2]))) > 0.5 then return 0 end
redis.call('SET', KEYS[2], tostring(at), 'KEEPTTL')
if math.abs(tonumber(redis.call('LINDEX', KEYS[3], -1) or '-1') - at) <= 0.5 then redis.call('RPOP', KEYS[3]) end
return 1
`;

/**
 * KEYS[1] bot slot, KEYS[2] chat slot, KEYS[3] the chat's last slots (a list, oldest first);
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
  redis.call('RPUSH', KEYS[3], tostring(at))
  redis.call('LTRIM', KEYS[3], -max, -1)
  redis.call('PEXPIRE', KEYS[3], math.ceil(at - now + windowMs) + 60000)
  if redis.call('LLEN', KEYS[3]) >= max then
    c = math.max(c, tonumber(redis.call('LINDEX', KEYS[3], 0)) + windowMs)
  end
end
redis.call('SET', KEYS[1], tostring(g), 'PX', math.ceil(g - now) + 60000)
redis.call('SET', KEYS[2], tostring(c), 'PX', math.ceil(c - now) + 60000)
return {1, tostring(at - now)}
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

  async takeTurn(request: TurnRequest): Promise<ChatTurn> {
    const [at, wait] = (await this.redis.eval(
      TURN_SCRIPT,
      3,
      ...this.turnKeys(request.chatKey),
      String(request.chatIntervalMs),
      String(request.chatWindow?.max ?? 0),
      String(request.chatWindow?.windowMs ?? 0),
    )) as [string, string];
    return { waitMs: Math.max(0, Number(wait)), token: at };
  }

  async releaseTurn(request: TurnRequest, token: string): Promise<void> {
    await this.redis.eval(
      RELEASE_SCRIPT,
      3,
      ...this.turnKeys(request.chatKey),
      token,
      String(request.chatIntervalMs),
    );
  }

  private turnKeys(chatKey: string): [string, string, string] {
    return [this.key(chatKey), this.key(`${chatKey}:turn`), this.key(`${chatKey}:turns`)];
  }

  async tryReserve(request: PaceRequest): Promise<PaceDecision> {
    const window = request.chatWindow;
    const [reserved, wait] = (await this.redis.eval(
      RESERVE_SCRIPT,
      3,
      this.key(request.globalKey),
      this.key(request.chatKey),
      this.key(`${request.chatKey}:slots`),
      String(request.globalIntervalMs),
      String(request.chatIntervalMs),
      String(window?.max ?? 0),
      String(window?.windowMs ?? 0),
    )) as [number, string];
    const waitMs = Math.max(0, Number(wait));
    return reserved === 1 ? { reserved: true, waitMs } : { reserved: false, waitMs };
  }

  private key(name: string): string {
    return `${this.prefix}:pace:${name}`;
  }

  async holdChat(chatKey: string, ms: number): Promise<void> {
    await this.redis.eval(HOLD_SCRIPT, 1, this.key(chatKey), String(Math.ceil(ms)));
  }
}
