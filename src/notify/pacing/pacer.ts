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
