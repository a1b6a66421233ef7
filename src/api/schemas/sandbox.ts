import { z } from 'zod';

const personKey = z.string().min(1).max(100).describe('a demo login, or `outsider`');
const botName = z.enum(['client', 'staff']);

export const sandboxPersonParams = z.object({ key: personKey });
export const sandboxChatParams = z.object({ chatId: z.coerce.number().int() });

export const sandboxSchema = z
  .object({
    bots: z.object({ client: z.string(), staff: z.string() }).describe("the bots' usernames"),
    people: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        kind: z.enum(['client', 'staff', 'outsider']),
        roles: z.array(z.string()),
        phone: z.string().describe('the phone of the person\'s "phone" panel (demo numbers)'),
      }),
    ),
  })
  .meta({ id: 'Sandbox' });

export const sandboxChatsSchema = z
  .array(
    z.object({
      chatId: z.number().int(),
      bot: botName,
      type: z.enum(['private', 'group', 'supergroup']),
      title: z.string(),
    }),
  )
  .meta({ id: 'SandboxChats' });

export const sandboxConversationQuery = z.object({ as: personKey, bot: botName });

const buttonSchema = z.object({
  text: z.string(),
  /** A callback button's data: press it with POST …/presses. */
  data: z.string().optional(),
  url: z.string().optional(),
  webApp: z.string().optional().describe('a Mini App button: the cabinet opens at this address'),
});

export const sandboxMessagesSchema = z
  .object({
    messages: z.array(
      z.object({
        id: z.number().int(),
        date: z.number().int(),
        from: z.enum(['bot', 'me', 'other']),
        author: z.string(),
        text: z.string(),
        entities: z.array(
          z.object({
            type: z.string(),
            offset: z.number().int(),
            length: z.number().int(),
            url: z.string().optional(),
          }),
        ),
        buttons: z.array(z.array(buttonSchema)),
        document: z.object({ fileId: z.string(), name: z.string() }).nullable(),
        contact: z.string().nullable(),
        edited: z.boolean(),
        asksForContact: z.boolean().describe('the bot asked to share the phone number (a reply keyboard)'),
      }),
    ),
  })
  .meta({ id: 'SandboxMessages' });

export const sandboxSendBody = z.object({ as: personKey, bot: botName, text: z.string().min(1).max(4096) });
export const sandboxContactBody = z.object({ as: personKey, bot: botName });
export const sandboxPressBody = z.object({
  as: personKey,
  bot: botName,
  messageId: z.number().int().positive(),
  data: z.string().min(1).max(64),
});
export const sandboxPressSchema = z
  .object({ text: z.string().nullable(), showAlert: z.boolean() })
  .meta({ id: 'SandboxPressAnswer' });

export const sandboxSmsSchema = z
  .array(z.object({ text: z.string() }))
  .meta({ id: 'SandboxSms' })
  .describe("the SMS sent to the person's phone, newest last (the embedded SMS outbox)");

export const sandboxFileParams = z.object({ fileId: z.string().regex(/^[A-Za-z0-9_-]{4,100}$/) });
