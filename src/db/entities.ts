import {
  BotChatStateSchema,
  CallbackTokenSchema,
  ProcessedUpdateSchema,
} from '../bot/shared/bot-state.entity.js';
import { ChecklistDraftSchema } from '../bot/staff/checklist-draft.entity.js';
import { BackofficeExportSchema } from '../backoffice/export.entity.js';
import { ClientSchema } from '../clients/client.entity.js';
import { StoredDocumentSchema } from '../documents/document.entity.js';
import { ActivationTokenSchema } from '../identity/activation-token.entity.js';
import { ChallengeSchema } from '../identity/challenge.entity.js';
import { LoginFailureStreakSchema, UsualAddressSchema } from '../identity/login-guard.entity.js';
import { MiniAppUseSchema } from '../identity/mini-app-use.entity.js';
import { RateLimitBucketSchema } from '../identity/rate-limit.entity.js';
import { SessionSchema } from '../identity/session.entity.js';
import { SignatureSchema } from '../identity/signature.entity.js';
import { TelegramLinkTokenSchema } from '../identity/telegram-link-token.entity.js';
import { TelegramUnlinkTokenSchema } from '../identity/telegram-unlink-token.entity.js';
import { UserSchema } from '../identity/user.entity.js';
import { AccountApplicationSchema, ApplicationCounterSchema } from '../onboarding/application.entity.js';
import { EsiaLoginSchema } from '../onboarding/esia/esia-login.entity.js';
import { JournalEntrySchema } from '../journal/journal.entity.js';
import { NotificationDeliverySchema } from '../notify/delivery.entity.js';
import { InAppNotificationSchema } from '../notify/inapp.entity.js';
import { OutboxMessageSchema } from '../messaging/outbox.entity.js';
import { RoleChatSchema } from '../telegram/role-chat.entity.js';
import { TelegramLinkSchema } from '../telegram/telegram-link.entity.js';
import { RequestCounterSchema, RequestSchema } from '../workflow/request.entity.js';
import { TaskSchema } from '../workflow/task.entity.js';

/** Every entity the ORM knows; migrations are generated from these. */
export const ENTITIES = [
  ClientSchema,
  UserSchema,
  RequestSchema,
  RequestCounterSchema,
  TaskSchema,
  JournalEntrySchema,
  OutboxMessageSchema,
  BackofficeExportSchema,
  NotificationDeliverySchema,
  InAppNotificationSchema,
  TelegramLinkSchema,
  RoleChatSchema,
  ChallengeSchema,
  SessionSchema,
  MiniAppUseSchema,
  SignatureSchema,
  RateLimitBucketSchema,
  LoginFailureStreakSchema,
  UsualAddressSchema,
  TelegramLinkTokenSchema,
  TelegramUnlinkTokenSchema,
  BotChatStateSchema,
  ProcessedUpdateSchema,
  CallbackTokenSchema,
  ChecklistDraftSchema,
  StoredDocumentSchema,
  AccountApplicationSchema,
  ApplicationCounterSchema,
  ActivationTokenSchema,
  EsiaLoginSchema,
];
