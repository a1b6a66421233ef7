import { z } from 'zod';
import type { ChatStateStore, StateKey } from '../shared/chat-state.js';

/**
 * Waiting for the reason of a Reject or a Return from the one person who pressed it, in the chat where they
 * pressed it; the card to redraw afterwards.
 */
const reason = z.object({
  kind: z.literal('reason'),
  action: z.enum(['task.reject', 'review.return', 'review.reject']),
  targetId: z.string(),
  cardChatId: z.number(),
  cardMessageId: z.number(),
});

/** Waiting for the code that confirms an invite (the token is consumed only with a right code). */
const inviteCode = z.object({ kind: z.literal('invite_code'), challengeId: z.string(), tokenId: z.string() });

const staffState = z.discriminatedUnion('kind', [reason, inviteCode]);

export type ReasonState = z.infer<typeof reason>;
export type InviteCodeState = z.infer<typeof inviteCode>;
export type StaffState = z.infer<typeof staffState>;

/** The staff bot's dialogue state of one person in one chat (a group holds one per person). */
export class StaffStates {
  constructor(private readonly store: ChatStateStore) {}

  async get(chatId: number, userId: number): Promise<StaffState | undefined> {
    const raw = await this.store.get(key(chatId, userId));
    if (raw === undefined) return undefined;
    const parsed = staffState.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  async set(chatId: number, userId: number, state: StaffState): Promise<void> {
    await this.store.set(key(chatId, userId), { ...state });
  }

  async clear(chatId: number, userId: number): Promise<void> {
    await this.store.clear(key(chatId, userId));
  }
}

function key(chatId: number, userId: number): StateKey {
  return { bot: 'staff', chatId, userId };
}
