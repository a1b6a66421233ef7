import { AppError } from '../../errors.js';
import type { SandboxPage } from '../../telegram/sandbox/page-service.js';
import { defineRoute, type ApiRoute, type Call } from '../route.js';
import {
  sandboxChatParams,
  sandboxChatsSchema,
  sandboxContactBody,
  sandboxConversationQuery,
  sandboxFileParams,
  sandboxMessagesSchema,
  sandboxPersonParams,
  sandboxPressBody,
  sandboxPressSchema,
  sandboxSchema,
  sandboxSendBody,
  sandboxSmsSchema,
} from '../schemas/sandbox.js';
import type { ApiServices } from '../services.js';

const TAG = 'sandbox';
const DESCRIPTION =
  'The built-in Telegram sandbox (TELEGRAM_SANDBOX, docs/0028): open to everyone in the embedded demo, to ' +
  'administrators elsewhere, absent (404) when the sandbox is off and in production.';

/** Play both bots in the browser: who you can be, their chats, and writing, pressing and sharing as them. */
export function sandboxRoutes(s: ApiServices): ApiRoute[] {
  const page = (call: Call<unknown, unknown, unknown>): SandboxPage => {
    const sandbox = s.sandboxPage;
    // The same 404 whether the sandbox is off or the caller may not use it: nothing to learn from the answer.
    if (!sandbox || !sandbox.mayUse(call.auth?.user.roles ?? null))
      throw new AppError('not_found', 'no Telegram sandbox here');
    return sandbox;
  };
  // A chat id names a chat of the sandbox or nothing: an unknown one (or any, with the sandbox off) is a 404
  // before the body is looked at, like every other id of the API.
  const chatParams = sandboxChatParams.refine((p) => s.sandboxPage?.hasChat(p.chatId) ?? false);
  return [
    defineRoute({
      method: 'get',
      path: '/sandbox',
      operationId: 'getSandbox',
      tag: TAG,
      summary: 'The sandbox: its bots and the people you can be',
      description: DESCRIPTION,
      access: 'public',
      success: { status: 200, description: 'the sandbox', schema: sandboxSchema },
      problems: [404],
      handler: async (call) => page(call).overview(),
    }),
    defineRoute({
      method: 'get',
      path: '/sandbox/people/{key}/chats',
      operationId: 'getSandboxChats',
      tag: TAG,
      summary: "A person's chats: with each bot, and the role groups they are in",
      description: DESCRIPTION,
      access: 'public',
      params: sandboxPersonParams,
      success: { status: 200, description: 'the chats', schema: sandboxChatsSchema },
      problems: [404],
      handler: async (call) => page(call).chats(call.params.key),
    }),
    defineRoute({
      method: 'get',
      path: '/sandbox/people/{key}/sms',
      operationId: 'getSandboxSms',
      tag: TAG,
      summary: "The person's phone: the SMS the embedded outbox holds for them (codes included)",
      description: DESCRIPTION,
      access: 'public',
      params: sandboxPersonParams,
      conditional: true,
      success: { status: 200, description: 'the messages', schema: sandboxSmsSchema },
      problems: [404],
      handler: async (call) => page(call).sms(call.params.key),
    }),
    defineRoute({
      method: 'get',
      path: '/sandbox/chats/{chatId}/messages',
      operationId: 'getSandboxMessages',
      tag: TAG,
      summary: 'A conversation as the person sees it (poll it; answers carry an ETag)',
      description: DESCRIPTION,
      access: 'public',
      params: chatParams,
      query: sandboxConversationQuery,
      conditional: true,
      success: { status: 200, description: 'the messages, oldest first', schema: sandboxMessagesSchema },
      problems: [404],
      handler: async (call) => ({
        messages: page(call).messages(call.params.chatId, call.query.as, call.query.bot),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/sandbox/chats/{chatId}/messages',
      operationId: 'sendSandboxMessage',
      tag: TAG,
      summary: 'Write to the bot as the person (commands included)',
      description: DESCRIPTION,
      access: 'public',
      params: chatParams,
      body: sandboxSendBody,
      success: { status: 204, description: 'sent; the answer appears in the conversation' },
      problems: [404],
      handler: async (call) => {
        page(call).send(call.params.chatId, call.body.as, call.body.bot, call.body.text);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sandbox/chats/{chatId}/contact',
      operationId: 'shareSandboxContact',
      tag: TAG,
      summary: "Share the person's phone number with the bot (the share-contact button)",
      description: DESCRIPTION,
      access: 'public',
      params: chatParams,
      body: sandboxContactBody,
      success: { status: 204, description: 'shared' },
      problems: [404],
      handler: async (call) => {
        page(call).shareContact(call.params.chatId, call.body.as, call.body.bot);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sandbox/chats/{chatId}/presses',
      operationId: 'pressSandboxButton',
      tag: TAG,
      summary: 'Press an inline button as the person; the answer is the toast or alert the bot showed',
      description: DESCRIPTION,
      access: 'public',
      params: chatParams,
      body: sandboxPressBody,
      success: { status: 200, description: "the bot's answer to the press", schema: sandboxPressSchema },
      problems: [404, 503],
      handler: async (call) =>
        page(call).press(
          call.params.chatId,
          call.body.as,
          call.body.bot,
          call.body.messageId,
          call.body.data,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/sandbox/files/{fileId}',
      operationId: 'getSandboxFile',
      tag: TAG,
      summary: 'A document a bot sent (print forms)',
      description: DESCRIPTION,
      access: 'public',
      params: sandboxFileParams,
      success: { status: 200, description: 'the document', contentType: 'application/pdf' },
      problems: [404],
      handler: async (call) => page(call).file(call.params.fileId),
    }),
  ];
}
