import { PacingDeferral, type DeliveryExecutor, type ExecutionOutcome } from '../executor.js';
import type { ChatWindow, Pacer } from '../pacing.js';
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

/** A worker starts on a chat that frees within this (its database work takes about that long). */
const LEAD_MS = 100;
/** How long a worker that entered a chat keeps the others out while it does its database work. */
const MARK_MS = 2000;
/** After the database work, a chat busy for at most this long is waited for in place (a race lost to a sibling). */
const MAX_INLINE_WAIT_MS = 2000;

/**
 * Runs one delivery job the same way in both queues. A Telegram job whose chat is busy goes back to wait
 * without touching anything; otherwise it does its database work and takes its slot (per bot, per chat) right
 * before the HTTP call. A 429 holds the whole chat for `retry_after`.
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
  const gate = await telegram.pacer.enterChat(chatKey, LEAD_MS, MARK_MS);
  if (!gate.go) {
    // Busy: come back when it frees; taken: another worker is about to send, its next slot is an interval away.
    // A little jitter spreads the wake-ups of several messages waiting for one chat.
    const wait = 'taken' in gate ? chatMs : gate.waitMs;
    return {
      kind: 'defer',
      at: new Date(Date.now() + wait + Math.random() * 0.1 * chatMs),
      reason: 'chat_paced',
    };
  }
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
            chatWindow: group ? telegram.groupWindow : undefined,
          });
          if (decision.reserved) {
            reserved = true;
            if (decision.waitMs > 0) await sleep(decision.waitMs);
            return;
          }
          if (Date.now() - started + decision.waitMs > MAX_INLINE_WAIT_MS)
            throw new PacingDeferral(decision.waitMs);
          await sleep(decision.waitMs + Math.random() * 5);
        }
      },
    });
    if (outcome.kind === 'defer' && outcome.holdChatMs)
      await telegram.pacer.holdChat(chatKey, outcome.holdChatMs);
    return outcome;
  } finally {
    // Nothing went out (already sent, skipped, not due): let the next message of the chat in at once.
    if (!reserved) await telegram.pacer.leaveChat(chatKey, gate.token);
  }
}
