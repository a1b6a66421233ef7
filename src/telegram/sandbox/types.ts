/** Bot API objects as the fake produces them (the subset Kabinet's bots and notifications use). */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type ChatType = 'private' | 'group' | 'supergroup';

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  reply_markup?: Record<string, unknown>;
  reply_to_message?: TgMessage;
  contact?: { phone_number: string; first_name: string; last_name?: string; user_id?: number };
  document?: TgDocument;
  edit_date?: number;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: { status: string; user: TgUser };
  new_chat_member: { status: string; user: TgUser };
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

/** A message as the fake keeps it: the Bot API object plus who sent it and the raw text the bot sent. */
export interface StoredMessage {
  message: TgMessage;
  /** The bot token that sent it, or undefined for a user's message. */
  sentByToken?: string;
  /** A person's message in a private chat: the bot it was written to (one chat id, one conversation per bot). */
  toToken?: string;
  /** What the bot sent before entity parsing (HTML when `parse_mode` was HTML). */
  rawText?: string;
  parseMode?: string;
  deleted: boolean;
  edits: number;
}

export interface RecordedCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  at: number;
  ok: boolean;
  errorCode?: number;
}

export interface FaultSpec {
  /** Bot API method (case-insensitive); any when absent. */
  method?: string;
  /** Only calls for this chat. */
  chatId?: number | string;
  token?: string;
  errorCode: 400 | 403 | 429 | 500 | 502;
  /** Seconds, for 429 (fractions allowed: the fake's scaled clock). */
  retryAfter?: number;
  description?: string;
  /** How many calls it hits; default 1. */
  times?: number;
}

export interface DelaySpec {
  method?: string;
  chatId?: number | string;
  ms: number;
  times?: number;
}

export type ApiAnswer =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };
