import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxBot, nowSeconds, type Waiter } from './bot.js';
import { EntityParseError, parseTelegramHtml } from './html.js';
import { num, readParams, str } from './http-params.js';
import { DEFAULT_LIMITS, FloodControl, type RateLimitOptions } from './rate-limits.js';
import type {
  ApiAnswer,
  DelaySpec,
  FaultSpec,
  RecordedCall,
  StoredMessage,
  TgChat,
  TgDocument,
  TgMessage,
  TgUpdate,
  TgUser,
} from './types.js';

export * from './types.js';
export { SandboxBot };

/** An answer with an error: the Bot API's envelope and the HTTP status it comes with. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);

/** Methods that post a message: the flood limits apply to these. */
const SENDING = new Set(['sendmessage', 'senddocument', 'sendphoto', 'copymessage', 'forwardmessage']);

interface StoredFile {
  document: TgDocument;
  bytes: Buffer;
  path: string;
}

/**
 * A Telegram Bot API on 127.0.0.1 — the embedded demo's sandbox (docs/0028) and the tests' peer, one
 * implementation: `POST /bot<token>/<method>` (JSON, urlencoded, multipart), the real `{ok, result}` /
 * `{ok:false, error_code, description, parameters}` envelopes, long polling with offsets, webhooks with the secret
 * header, private chats and groups with per-chat message ids, flood limits, and a control side (people write, share
 * contacts, press buttons; faults and recorded calls for tests).
 */
export class BotApiSandbox {
  readonly bots = new Map<string, SandboxBot>();
  readonly calls: RecordedCall[] = [];
  readonly flood: FloodControl;
  /** Injected faults answered (not the flood limits' 429s). */
  faultsAnswered = 0;
  private readonly chats = new Map<number, TgChat>();
  private readonly messages = new Map<number, StoredMessage[]>();
  private readonly members = new Map<string, string>();
  private readonly migrated = new Map<number, number>();
  private readonly faults: (FaultSpec & { left: number })[] = [];
  private readonly delays: (DelaySpec & { left: number })[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly consumed = new Set<StoredMessage>();
  private readonly listeners = new Set<() => void>();
  private nextUserId = 5_000_000;
  private nextGroupId = 4_000_000;
  private server: Server | undefined;
  private opened = 0;
  private baseUrl = '';
  rateLimitsOn: boolean;

  private constructor(options: { rateLimits?: Partial<RateLimitOptions> | false }) {
    this.rateLimitsOn = options.rateLimits !== false;
    this.flood = new FloodControl({ ...DEFAULT_LIMITS, ...(options.rateLimits || {}) });
  }

  /** Starts on a free port. `rateLimits: false` turns the flood limits off; `{timeScale}` speeds them up. */
  static async start(
    options: { rateLimits?: Partial<RateLimitOptions> | false } = {},
  ): Promise<BotApiSandbox> {
    const fake = new BotApiSandbox(options);
    const server = createServer((req, res) => void fake.handle(req, res));
    // Connections stay open between calls as with the real Bot API: fetch (undici) keeps a connection only when the
    // server's keep-alive outlasts its own 2 s margin, so at 1 s every call opened a new one (a send each, in P5).
    server.keepAliveTimeout = 10_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.on('connection', () => (fake.opened += 1));
    fake.server = server;
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** TCP connections clients have opened so far (a client that keeps its connection opens one). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** What to give grammY as `client.apiRoot`, or Kabinet as TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const bot of this.bots.values()) {
      if (bot.waiter) {
        clearTimeout(bot.waiter.timer);
        bot.waiter.resolve([]);
      }
      bot.webhook = undefined;
    }
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- the world ---------------------------------------------------------------------------------------

  addBot(options: { token?: string; username?: string } = {}): SandboxBot {
    const id = 7_000_000_000 + this.bots.size + Math.floor(Math.random() * 1_000_000);
    const token = options.token ?? `${id}:${randomBytes(18).toString('base64url')}`;
    const bot = new SandboxBot(this, token, options.username ?? `kabinet_test_${this.bots.size + 1}_bot`);
    this.bots.set(token, bot);
    return bot;
  }

  createUser(attrs: Partial<Omit<TgUser, 'is_bot'>> = {}): TgUser {
    return {
      id: attrs.id ?? this.nextUserId++,
      is_bot: false,
      first_name: attrs.first_name ?? 'Test',
      ...attrs,
    };
  }

  /** A person's private chat with a bot (its id is the person's id, as in Telegram). */
  privateChat(user: TgUser): TgChat {
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    const chat: TgChat = {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.username ? { username: user.username } : {}),
    };
    this.chats.set(chat.id, chat);
    return chat;
  }

  createGroup(title: string, type: 'group' | 'supergroup' = 'supergroup', fixedId?: number): TgChat {
    const n = this.nextGroupId++;
    const id = fixedId ?? (type === 'supergroup' ? -(1_000_000_000_000 + n) : -n);
    const chat: TgChat = { id, type, title };
    this.chats.set(id, chat);
    return chat;
  }

  /** Sets a person's (or bot's) status in a chat for getChatMember: creator, administrator, member, left, kicked. */
  setMember(chatId: number, userId: number, status: string): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  /** A group becomes a supergroup: the old id answers 400 with `migrate_to_chat_id` from now on. */
  migrateToSupergroup(chatId: number, bot: SandboxBot): TgChat {
    const old = this.chats.get(chatId);
    if (!old || old.type !== 'group') throw new Error(`chat ${chatId} is not a basic group`);
    const next = this.createGroup(old.title ?? 'group', 'supergroup');
    this.migrated.set(chatId, next.id);
    const admin = this.createUser({ first_name: 'Admin' });
    const inOld = this.storeUserMessage(old, admin, { migrate_to_chat_id: next.id });
    const inNew = this.storeUserMessage(next, admin, { migrate_from_chat_id: chatId });
    bot.enqueue({ message: inOld });
    bot.enqueue({ message: inNew });
    return next;
  }

  // ---- the control side --------------------------------------------------------------------------------

  injectFault(fault: FaultSpec): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Answers matching calls only after `ms` (to catch a client mid-request). */
  injectDelay(delay: DelaySpec): void {
    this.delays.push({ ...delay, left: delay.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.delays.length = 0;
  }

  recordedCalls(filter: { method?: string; token?: string; chatId?: number | string } = {}): RecordedCall[] {
    return this.calls.filter(
      (call) =>
        (!filter.method || call.method.toLowerCase() === filter.method.toLowerCase()) &&
        (!filter.token || call.token === filter.token) &&
        (filter.chatId === undefined || String(call.params.chat_id) === String(filter.chatId)),
    );
  }

  /** Messages bots sent to a chat (current state; deleted ones left out). */
  botMessages(chatId: number, token?: string): StoredMessage[] {
    return (this.messages.get(chatId) ?? []).filter(
      (m) => m.sentByToken !== undefined && !m.deleted && (!token || m.sentByToken === token),
    );
  }

  /** Every message in a chat, people's and bots'. */
  /**
   * One conversation as its people see it: in a private chat, the messages between the person and this bot only
   * (Telegram gives each bot its own conversation with a person under the same chat id); in a group, all.
   */
  conversation(chatId: number, token: string): StoredMessage[] {
    const chat = this.chats.get(chatId);
    const all = (this.messages.get(chatId) ?? []).filter((m) => !m.deleted);
    if (chat?.type !== 'private') return all;
    return all.filter((m) => m.sentByToken === token || m.toToken === token);
  }

  /** Calls `listener` after every stored, edited or deleted message; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The bytes of a document a bot sent, by its file_id (for the sandbox page's download links). */
  fileBytes(fileId: string): Buffer | undefined {
    return this.files.get(fileId)?.bytes;
  }

  /** A chat the sandbox knows (a person's private chat or a group), by its id. */
  findChat(chatId: number): TgChat | undefined {
    return this.chats.get(chatId);
  }

  chatMessages(chatId: number): StoredMessage[] {
    return this.messages.get(chatId) ?? [];
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return (this.messages.get(chatId) ?? []).find((m) => m.message.message_id === messageId);
  }

  /**
   * The first bot message in the chat that matches and was not returned by an earlier call: waits for it.
   * Race-free: a message sent before the call is found too.
   */
  async waitForBotMessage(
    chatId: number,
    predicate: (message: StoredMessage) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<StoredMessage> {
    const find = () => this.botMessages(chatId).find((m) => !this.consumed.has(m) && predicate(m));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return false;
        this.consumed.add(found);
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching bot message in chat ${chatId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void check();
      this.listeners.add(listener);
      check();
    });
  }

  // ---- internals used by SandboxBot -----------------------------------------------------------------------

  storeUserMessage(chat: TgChat, from: TgUser, content: Partial<TgMessage>, toToken?: string): TgMessage {
    this.chats.set(chat.id, chat);
    if (chat.type !== 'private' && !this.members.has(`${chat.id}:${from.id}`))
      this.setMember(chat.id, from.id, 'member');
    const message: TgMessage = {
      message_id: this.nextMessageId(chat.id),
      date: nowSeconds(),
      chat,
      from,
      ...content,
    };
    this.store(chat.id, {
      message,
      deleted: false,
      edits: 0,
      ...(chat.type === 'private' && toToken ? { toToken } : {}),
    });
    return message;
  }

  updatesChanged(bot: SandboxBot): void {
    if (bot.webhook) {
      void this.pushWebhook(bot);
      return;
    }
    const waiter = bot.waiter;
    if (!waiter) return;
    const ready = this.pending(bot, waiter.offset, waiter.limit);
    if (ready.length === 0) return;
    clearTimeout(waiter.timer);
    bot.waiter = undefined;
    waiter.resolve(ready);
  }

  private nextMessageId(chatId: number): number {
    const list = this.messages.get(chatId) ?? [];
    return (list[list.length - 1]?.message.message_id ?? 0) + 1;
  }

  private store(chatId: number, stored: StoredMessage): void {
    const list = this.messages.get(chatId) ?? [];
    list.push(stored);
    this.messages.set(chatId, list);
    for (const listener of this.listeners) listener();
  }

  private pending(bot: SandboxBot, offset: number, limit: number): TgUpdate[] {
    if (offset > 0) bot.updates = bot.updates.filter((u) => u.update_id >= offset);
    const allowed = bot.allowedUpdates;
    const visible = allowed?.length
      ? bot.updates.filter((u) => allowed.some((kind) => kind in u))
      : bot.updates;
    return visible.slice(0, limit);
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === 'GET') return this.serveFile(file[1] ?? '', file[2] ?? '', res);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return this.reply(res, { ok: false, error_code: 404, description: 'Not Found' });
    const token = match[1] ?? '';
    const method = match[2] ?? '';
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    } catch {
      return this.reply(res, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: invalid request body',
      });
    }
    const bot = this.bots.get(token);
    if (!bot) {
      this.calls.push({ token, method, params, at: Date.now(), ok: false, errorCode: 401 });
      return this.reply(res, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    const answer = await this.call(bot, method, params, res);
    if (answer) this.reply(res, answer);
  }

  /** One API call; `res` is given for getUpdates (it may wait). Returns undefined when it answers later. */
  async call(
    bot: SandboxBot,
    method: string,
    params: Record<string, unknown>,
    res?: ServerResponse,
  ): Promise<ApiAnswer | undefined> {
    const record: RecordedCall = { token: bot.token, method, params, at: Date.now(), ok: true };
    this.calls.push(record);
    const name = method.toLowerCase();
    try {
      await this.applyDelay(name, params);
      this.applyFault(bot, name, params);
      if (name === 'getupdates') {
        if (!res) throw badRequest('getUpdates needs a connection');
        this.getUpdates(bot, params, res);
        return undefined;
      }
      const result = await this.execute(bot, name, params);
      return { ok: true, result };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      record.ok = false;
      record.errorCode = error.code;
      return {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...(error.parameters ? { parameters: error.parameters } : {}),
      };
    }
  }

  private reply(res: ServerResponse, answer: ApiAnswer): void {
    if (res.writableEnded || res.destroyed) return;
    const status = answer.ok ? 200 : answer.error_code;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private async applyDelay(method: string, params: Record<string, unknown>): Promise<void> {
    const delay = this.delays.find((d) => d.left > 0 && matches(d, method, params));
    if (!delay) return;
    delay.left -= 1;
    await new Promise((resolve) => setTimeout(resolve, delay.ms));
  }

  private applyFault(bot: SandboxBot, method: string, params: Record<string, unknown>): void {
    const fault = this.faults.find(
      (f) => f.left > 0 && (!f.token || f.token === bot.token) && matches(f, method, params),
    );
    if (!fault) return;
    fault.left -= 1;
    this.faultsAnswered += 1;
    switch (fault.errorCode) {
      case 429: {
        const retryAfter = fault.retryAfter ?? 1;
        throw new ApiError(429, fault.description ?? `Too Many Requests: retry after ${retryAfter}`, {
          retry_after: retryAfter,
        });
      }
      case 403:
        throw new ApiError(403, fault.description ?? 'Forbidden: bot was blocked by the user');
      case 400:
        throw badRequest(fault.description ?? 'injected fault');
      default:
        throw new ApiError(fault.errorCode, fault.description ?? 'Internal Server Error');
    }
  }

  private getUpdates(bot: SandboxBot, params: Record<string, unknown>, res: ServerResponse): void {
    if (bot.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = num(params.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, num(params.limit) ?? 100));
    const timeout = Math.max(0, num(params.timeout) ?? 0);
    if (Array.isArray(params.allowed_updates)) bot.allowedUpdates = params.allowed_updates.map(String);
    if (bot.waiter) {
      // Telegram ends the older long poll when a newer one arrives.
      const old = bot.waiter;
      clearTimeout(old.timer);
      bot.waiter = undefined;
      this.reply(old.response, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    const ready = this.pending(bot, offset, limit);
    if (ready.length > 0 || timeout === 0) return this.reply(res, { ok: true, result: ready });
    const waiter: Waiter = {
      offset,
      limit,
      response: res,
      resolve: (updates) => this.reply(res, { ok: true, result: updates }),
      timer: setTimeout(() => {
        if (bot.waiter === waiter) bot.waiter = undefined;
        waiter.resolve([]);
      }, timeout * 1000),
    };
    bot.waiter = waiter;
    res.on('close', () => {
      // The client gave up (grammY's stop, an abort): the updates stay for the next poll.
      if (bot.waiter === waiter) {
        clearTimeout(waiter.timer);
        bot.waiter = undefined;
      }
    });
  }

  private async pushWebhook(bot: SandboxBot): Promise<void> {
    if (bot.pushing) return;
    bot.pushing = true;
    try {
      while (bot.webhook && bot.updates.length > 0) {
        const hook = bot.webhook;
        const update = this.pending(bot, 0, 1)[0];
        if (!update) break;
        let delivered = false;
        try {
          const response = await fetch(hook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(hook.secretToken ? { 'X-Telegram-Bot-Api-Secret-Token': hook.secretToken } : {}),
            },
            body: JSON.stringify(update),
            signal: AbortSignal.timeout(10_000),
          });
          delivered = response.ok;
          if (!delivered) hook.lastError = `Wrong response from the webhook: ${response.status}`;
          const body = delivered ? await response.text() : '';
          if (body.trim().startsWith('{')) await this.webhookReply(bot, body);
        } catch (error) {
          hook.lastError = `Connection failed: ${error instanceof Error ? error.message : String(error)}`;
        }
        if (delivered) {
          bot.updates = bot.updates.filter((u) => u !== update);
        } else {
          hook.lastErrorDate = nowSeconds();
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    } finally {
      bot.pushing = false;
    }
  }

  /** A webhook may answer with a method call in its body (Telegram runs it). */
  private async webhookReply(bot: SandboxBot, body: string): Promise<void> {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if (typeof parsed.method !== 'string') return;
      const { method, ...params } = parsed;
      await this.call(bot, method, params);
    } catch {
      // Not a method call: ignored, as Telegram does.
    }
  }

  private async execute(bot: SandboxBot, method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getme':
        return {
          ...bot.user,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        };
      case 'logout':
      case 'close':
      case 'sendchataction':
      case 'setmydescription':
      case 'setmyshortdescription':
      case 'setmyname':
        return true;
      case 'setchatmenubutton': {
        const button = (params.menu_button ?? { type: 'default' }) as Record<string, unknown>;
        if (button.type === 'web_app') checkWebAppUrl((button.web_app as { url?: unknown } | undefined)?.url);
        bot.menuButton = button;
        return true;
      }
      case 'getchatmenubutton':
        return bot.menuButton ?? { type: 'default' };
      case 'setwebhook': {
        const url = str(params.url);
        if (!url) {
          bot.webhook = undefined;
          return true;
        }
        if (!/^https?:\/\//.test(url))
          throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') bot.updates = [];
        if (Array.isArray(params.allowed_updates)) bot.allowedUpdates = params.allowed_updates.map(String);
        const secret = str(params.secret_token);
        if (secret && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
          throw badRequest('secret token contains unallowed characters');
        bot.webhook = { url, ...(secret ? { secretToken: secret } : {}) };
        if (bot.waiter) {
          clearTimeout(bot.waiter.timer);
          bot.waiter.resolve([]);
          bot.waiter = undefined;
        }
        void this.pushWebhook(bot);
        return true;
      }
      case 'deletewebhook':
        bot.webhook = undefined;
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') bot.updates = [];
        return true;
      case 'getwebhookinfo':
        return {
          url: bot.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: bot.updates.length,
          ...(bot.webhook?.lastError
            ? { last_error_message: bot.webhook.lastError, last_error_date: bot.webhook.lastErrorDate }
            : {}),
        };
      case 'sendmessage':
        return this.sendMessage(bot, params);
      case 'senddocument':
        return this.sendDocument(bot, params);
      case 'editmessagetext':
        return this.editMessage(bot, params, 'text');
      case 'editmessagereplymarkup':
        return this.editMessage(bot, params, 'markup');
      case 'deletemessage': {
        // Like Telegram: a bot deletes its own messages, and in a private chat also the person's (< 48 h).
        const chat = this.chat(params.chat_id);
        const stored = this.message(chat.id, num(params.message_id) ?? -1);
        const theirs =
          stored !== undefined &&
          !stored.deleted &&
          stored.sentByToken === undefined &&
          chat.type === 'private' &&
          nowSeconds() - stored.message.date < 48 * 3600;
        if (!theirs) this.botOwned(bot, params, 'message to delete not found');
        if (stored) stored.deleted = true;
        return true;
      }
      case 'answercallbackquery': {
        const id = str(params.callback_query_id) ?? '';
        if (bot.callbackAnswers.get(id) !== null)
          throw badRequest('query is too old and response timeout expired or query ID is invalid');
        const { callback_query_id: _ignored, ...answer } = params;
        bot.callbackAnswers.set(id, answer);
        return true;
      }
      case 'getchat':
        return this.chat(params.chat_id);
      case 'getchatmember': {
        const chat = this.chat(params.chat_id);
        const userId = num(params.user_id);
        if (userId === undefined) throw badRequest('user not found');
        const status =
          this.members.get(`${chat.id}:${userId}`) ??
          (chat.type === 'private' && chat.id === userId ? 'member' : 'left');
        const user = userId === bot.user.id ? bot.user : { id: userId, is_bot: false, first_name: 'User' };
        return { status, user };
      }
      case 'setmycommands': {
        if (!Array.isArray(params.commands)) throw badRequest('commands must be an array');
        bot.commands.set(commandsKey(params), params.commands);
        return true;
      }
      case 'getmycommands':
        return bot.commands.get(commandsKey(params)) ?? [];
      case 'deletemycommands':
        bot.commands.delete(commandsKey(params));
        return true;
      case 'getfile': {
        const found = this.files.get(str(params.file_id) ?? '');
        if (!found) throw badRequest('invalid file_id');
        return { ...found.document, file_path: found.path };
      }
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private chat(chatId: unknown): TgChat {
    const id = num(chatId);
    const migratedTo = id === undefined ? undefined : this.migrated.get(id);
    if (migratedTo !== undefined)
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: migratedTo,
      });
    const chat = id === undefined ? undefined : this.chats.get(id);
    if (!chat) throw badRequest('chat not found');
    return chat;
  }

  private outgoing(bot: SandboxBot, method: string, params: Record<string, unknown>): TgChat {
    const chat = this.chat(params.chat_id);
    if (chat.type === 'private' && bot.blockedBy.has(chat.id))
      throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (
      chat.type !== 'private' &&
      ['left', 'kicked'].includes(this.members.get(`${chat.id}:${bot.user.id}`) ?? '')
    )
      throw new ApiError(403, 'Forbidden: bot is not a member of the supergroup chat');
    if (this.rateLimitsOn && SENDING.has(method)) {
      const retryAfter = this.flood.check(bot.token, chat.id, chat.type !== 'private', Date.now());
      if (retryAfter !== undefined)
        throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    return chat;
  }

  private formatted(
    rawText: string,
    parseMode: string | undefined,
  ): { text: string; entities: TgMessage['entities'] } {
    if (parseMode?.toLowerCase() !== 'html') return { text: rawText, entities: undefined };
    try {
      return parseTelegramHtml(rawText);
    } catch (error) {
      if (error instanceof EntityParseError) throw badRequest(error.message);
      throw error;
    }
  }

  private sendMessage(bot: SandboxBot, params: Record<string, unknown>): TgMessage {
    const rawText = str(params.text) ?? '';
    if (rawText.trim() === '') throw badRequest('message text is empty');
    const parseMode = str(params.parse_mode);
    const { text, entities } = this.formatted(rawText, parseMode);
    if (text.length > 4096) throw badRequest('message is too long');
    const chat = this.outgoing(bot, 'sendmessage', params);
    return this.storeBotMessage(
      bot,
      chat,
      params,
      { text, ...(entities?.length ? { entities } : {}) },
      rawText,
      parseMode,
    );
  }

  private sendDocument(bot: SandboxBot, params: Record<string, unknown>): TgMessage {
    const chat = this.outgoing(bot, 'senddocument', params);
    const document = this.storeFile(params.document);
    const caption = str(params.caption);
    return this.storeBotMessage(
      bot,
      chat,
      params,
      { document, ...(caption ? { caption } : {}) },
      caption,
      str(params.parse_mode),
    );
  }

  private storeFile(input: unknown): TgDocument {
    if (typeof input === 'string') {
      const known = this.files.get(input);
      if (known) return known.document;
      // A URL or an unknown file id: Telegram would fetch or refuse; the fake accepts it as an empty file.
      input = new File([], input.split('/').pop() ?? 'file');
    }
    if (!(input instanceof Blob)) throw badRequest('there is no document in the request');
    const fileId = `BQAC${randomBytes(12).toString('base64url')}`;
    const name = input instanceof File ? input.name : 'file';
    const document: TgDocument = {
      file_id: fileId,
      file_unique_id: randomBytes(6).toString('hex'),
      file_name: name,
      mime_type: input.type || 'application/octet-stream',
      file_size: input.size,
    };
    const path = `documents/${fileId}_${name}`;
    this.files.set(fileId, { document, bytes: Buffer.alloc(0), path });
    void input.arrayBuffer().then((bytes) => {
      const stored = this.files.get(fileId);
      if (stored) stored.bytes = Buffer.from(bytes);
    });
    return document;
  }

  private storeBotMessage(
    bot: SandboxBot,
    chat: TgChat,
    params: Record<string, unknown>,
    content: Partial<TgMessage>,
    rawText: string | undefined,
    parseMode: string | undefined,
  ): TgMessage {
    const replyTo =
      num(params.reply_to_message_id) ??
      num((params.reply_parameters as { message_id?: unknown } | undefined)?.message_id);
    const replied = replyTo === undefined ? undefined : this.message(chat.id, replyTo);
    const markup = params.reply_markup as Record<string, unknown> | undefined;
    checkWebAppButtons(chat, markup);
    const message: TgMessage = {
      message_id: this.nextMessageId(chat.id),
      date: nowSeconds(),
      chat,
      from: bot.user,
      ...content,
      ...(markup && 'inline_keyboard' in markup ? { reply_markup: markup } : {}),
      ...(replied ? { reply_to_message: structuredClone(replied.message) } : {}),
    };
    this.store(chat.id, {
      message,
      sentByToken: bot.token,
      ...(rawText !== undefined ? { rawText } : {}),
      ...(parseMode ? { parseMode } : {}),
      deleted: false,
      edits: 0,
    });
    return message;
  }

  private botOwned(bot: SandboxBot, params: Record<string, unknown>, notFound: string): StoredMessage {
    const chat = this.chat(params.chat_id);
    const stored = this.message(chat.id, num(params.message_id) ?? -1);
    if (!stored || stored.deleted || stored.sentByToken !== bot.token) throw badRequest(notFound);
    return stored;
  }

  private editMessage(bot: SandboxBot, params: Record<string, unknown>, what: 'text' | 'markup'): TgMessage {
    if (params.inline_message_id !== undefined)
      throw badRequest('inline messages are not supported by the fake');
    const stored = this.botOwned(bot, params, 'message to edit not found');
    const markup = params.reply_markup as Record<string, unknown> | undefined;
    checkWebAppButtons(stored.message.chat, markup);
    const before = JSON.stringify([
      stored.message.text,
      stored.message.entities,
      stored.message.reply_markup,
    ]);
    const next: TgMessage = { ...stored.message };
    if (what === 'text') {
      const rawText = str(params.text) ?? '';
      if (rawText.trim() === '') throw badRequest('message text is empty');
      const parseMode = str(params.parse_mode);
      const { text, entities } = this.formatted(rawText, parseMode);
      next.text = text;
      if (entities?.length) next.entities = entities;
      else delete next.entities;
      stored.rawText = rawText;
      if (parseMode) stored.parseMode = parseMode;
    }
    if (markup && 'inline_keyboard' in markup) next.reply_markup = markup;
    else delete next.reply_markup;
    if (JSON.stringify([next.text, next.entities, next.reply_markup]) === before)
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    next.edit_date = nowSeconds();
    stored.message = next;
    stored.edits += 1;
    for (const listener of this.listeners) listener();
    return next;
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const found = this.bots.has(token)
      ? [...this.files.values()].find((f) => f.path === decodeURIComponent(path))
      : undefined;
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': found.document.mime_type ?? 'application/octet-stream' })
      .end(found.bytes);
  }
}

function matches(
  spec: { method?: string; chatId?: number | string },
  method: string,
  params: Record<string, unknown>,
): boolean {
  return (
    (!spec.method || spec.method.toLowerCase() === method) &&
    (spec.chatId === undefined || String(params.chat_id) === String(spec.chatId))
  );
}

function commandsKey(params: Record<string, unknown>): string {
  return `${JSON.stringify(params.scope ?? { type: 'default' })}:${str(params.language_code) ?? ''}`;
}

/** As Telegram: a Mini App opens over https only. */
function checkWebAppUrl(url: unknown): void {
  if (typeof url !== 'string' || !url.startsWith('https://'))
    throw badRequest(`Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
}

/** As Telegram: `web_app` buttons are for private chats only, and their URLs https. */
function checkWebAppButtons(chat: TgChat, markup: Record<string, unknown> | undefined): void {
  const rows = markup?.['inline_keyboard'];
  if (!Array.isArray(rows)) return;
  for (const row of rows as unknown[][])
    for (const button of row as { web_app?: { url?: unknown } }[]) {
      if (!button.web_app) continue;
      if (chat.type !== 'private') throw badRequest('BUTTON_TYPE_INVALID');
      checkWebAppUrl(button.web_app.url);
    }
}
