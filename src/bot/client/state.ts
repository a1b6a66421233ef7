import { z } from 'zod';
import type { ChatStateStore, StateKey } from '../shared/chat-state.js';
import type { FormState } from './conversations/request-form.js';

const payload = z.record(z.string(), z.unknown());

const formAsking = z.object({
  kind: z.literal('form'),
  type: z.string(),
  version: z.number().int(),
  answers: payload,
  asked: z.array(z.string()),
  current: z.string(),
  fixing: z.boolean().optional(),
  draftId: z.string().optional(),
});

const formSummary = z.object({
  kind: z.literal('summary'),
  type: z.string(),
  version: z.number().int(),
  answers: payload,
  asked: z.array(z.string()),
  draftId: z.string().optional(),
});

/** Waiting for the SMS code that signs a request. */
const signing = z.object({
  kind: z.literal('signing'),
  requestId: z.string(),
  challengeId: z.string(),
  number: z.string(),
});

/**
 * The person shared their own contact: waiting for their cabinet password (the message is deleted once read).
 * The phone is kept until then, nothing else.
 */
const linkPassword = z.object({ kind: z.literal('link_password'), phone: z.string() });

/** Waiting for the SMS code that links this chat to the user whose phone the contact named. */
const linkCode = z.object({ kind: z.literal('link_code'), challengeId: z.string() });

/** Just signed: the same code typed again is answered "already used", not "I did not understand". */
const signed = z.object({ kind: z.literal('signed'), requestId: z.string(), number: z.string() });

const clientState = z.discriminatedUnion('kind', [
  formAsking,
  formSummary,
  signing,
  linkPassword,
  linkCode,
  signed,
]);

export type SigningState = z.infer<typeof signing>;
export type LinkPasswordState = z.infer<typeof linkPassword>;
export type LinkCodeState = z.infer<typeof linkCode>;
export type SignedState = z.infer<typeof signed>;
export type ClientState = FormState | SigningState | LinkPasswordState | LinkCodeState | SignedState;

/** The client bot's dialogue state of one chat; a row that no longer parses is no state. */
export class ClientStates {
  constructor(private readonly store: ChatStateStore) {}

  async get(chatId: number, userId: number): Promise<ClientState | undefined> {
    const raw = await this.store.get(key(chatId, userId));
    if (raw === undefined) return undefined;
    const parsed = clientState.safeParse(raw);
    return parsed.success ? (parsed.data as ClientState) : undefined;
  }

  async set(chatId: number, userId: number, state: ClientState): Promise<void> {
    await this.store.set(key(chatId, userId), { ...state });
  }

  async clear(chatId: number, userId: number): Promise<void> {
    await this.store.clear(key(chatId, userId));
  }
}

function key(chatId: number, userId: number): StateKey {
  return { bot: 'client', chatId, userId };
}
