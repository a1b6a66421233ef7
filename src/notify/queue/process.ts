import { PacingDeferral, type DeliveryExecutor, type ExecutionOutcome } from '../executor.js';
import type { ChatWindow, Pacer } from '../pacing/pacer.js';
import type { DeliveryJob } from '../relay.js';

export interface TelegramPacing {
  pacer: Pacer;
  globalMs: number;
  privateChatMs: number;
  groupChatMs: number;
  /** A group's sliding window (20 in any minute), on top of `groupChatMs`. */
  groupWindow?: ChatWindow | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The pacing key of a Telegram delivery: one chat per (bot, recipient), a role has one group chat. */
export function chatKeyOf(job: Pick<DeliveryJob, 'bot' | 'recipientKey'>): string {
  return `tg:${job.bot ?? 'staff'}:${job.recipientKey}`;
}

/**
 * A message whose turn is further away than this goes back to the queue until this long before it; closer, it
 * starts at once (its database work takes about that long under load, then it waits for its slot in place).
 */
const LEAD_MS = 250;
/** After the database work, a chat busy for at most this long is waited for in place (a race lost to a sibling). */
const MAX_INLINE_WAIT_MS = 2000;

/**
 * Runs one delivery job the same way in both queues. A Telegram job first has a turn in its chat: the chat's
 * next free one, one chat interval after the last handed out (a group: within its window), so messages waiting
 * for one chat come back one at a time, each at its own turn, instead of all retrying when the chat frees. A turn
 * too far away sends the job back (carrying the turn) without touching anything; otherwise it does its database
 * work and takes its slot (per bot, per chat) right before the HTTP call — the slot, not the turn, is what keeps
 * the limits. A 429 holds the whole chat for `retry_after`.
 */
export async function runDeliveryJob(
  job: DeliveryJob,
  executor: DeliveryExecutor,
  telegram: TelegramPacing,
): Promise<ExecutionOutcome> {
  if (job.channel !== 'telegram') return executor.execute(job.deliveryId);
  const chatKey = chatKeyOf(job);
  const group = job.recipientKind === 'role_chat';
  const chatMs = group ? telegram.groupChatMs : telegram.privateChatMs;
  const chatWindow = group ? telegram.groupWindow : undefined;
  const turnRequest = { chatKey, chatIntervalMs: chatMs, chatWindow };
  let turn = job.turn;
  if (!turn) {
    const taken = await telegram.pacer.takeTurn(turnRequest);
    turn = { at: Date.now() + taken.waitMs, token: taken.token };
  }
  if (turn.at - Date.now() > LEAD_MS)
    return { kind: 'defer', at: new Date(turn.at - LEAD_MS), reason: 'chat_paced', turn };
  let reserved = false;
  try {
    const outcome = await executor.execute(job.deliveryId, {
      beforeSend: async () => {
        const started = Date.now();
        for (;;) {
          const decision = await telegram.pacer.tryReserve({
            globalKey: `tg:${job.bot ?? 'staff'}`,
            globalIntervalMs: telegram.globalMs,
            chatKey,
            chatIntervalMs: chatMs,
            chatWindow,
          });
          if (decision.reserved) {
            reserved = true;
            if (decision.waitMs > 0) await sleep(decision.waitMs);
            return;
          }
          if (Date.now() - started + decision.waitMs > MAX_INLINE_WAIT_MS)
            throw new PacingDeferral(decision.waitMs);
          await sleep(decision.waitMs + Math.random() * 2);
        }
      },
    });
    if (outcome.kind === 'defer' && outcome.holdChatMs)
      await telegram.pacer.holdChat(chatKey, outcome.holdChatMs);
    return outcome;
  } finally {
    // Nothing went out (already sent, skipped, not due, paced): the turn is free again if it was the last one.
    if (!reserved) await telegram.pacer.releaseTurn(turnRequest, turn.token);
  }
}
