import type { Bot } from 'grammy';
import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../logger.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import { CallbackRegistry } from '../shared/callback-data.js';
import { ChatStateStore } from '../shared/chat-state.js';
import { assembleBot, type BotConnection } from '../shared/create-bot.js';
import type { LinkingPort } from '../../identity/bot-ports.js';
import { TelegramAccounts } from '../shared/telegram-accounts.js';
import { StaffCards } from './cards.js';
import { ChecklistDrafts } from './checklist-drafts.js';
import type { StaffContext, StaffFeatureDeps } from './deps.js';
import { bindingFeature } from './features/binding.js';
import { staffLinkingFeature } from './features/linking.js';
import { myTasksFeature, staffUnhandledFeature } from './features/my-tasks.js';
import { reasonsFeature } from './features/reasons.js';
import { reviewCardFeature } from './features/review-card.js';
import { taskCardFeature } from './features/task-card.js';
import { RoleChats } from './role-chats.js';
import { StaffStates } from './state.js';
import type { PrintFormPort } from '../shared/print-form-port.js';

export interface StaffBotDeps {
  connection: BotConnection;
  orm: Orm;
  workflow: WorkflowService;
  linking: LinkingPort;
  logger: Logger;
  /** 149-FZ strict mode for cards. */
  strict?: boolean;
  publicUrl?: string;
  /** The cabinet's https address for the Mini App buttons (MINI_APP_URL). */
  miniAppUrl?: string;
  /** Set (and not strict): "Open" also sends the print form privately. */
  printForms?: PrintFormPort;
  now?: () => Date;
}

/** The parts of the staff bot that the notifications' card renderer shares (same registry, same drafts). */
export interface StaffBotParts {
  bot: Bot<StaffContext>;
  cards: StaffCards;
}

/**
 * The staff bot: invite linking, `/bind` and `/unbind`, task and review cards' buttons (every press checked
 * against the presser's own identity and roles), reasons asked of the presser only, `/tasks`, `/mute`.
 */
export function createStaffBot(deps: StaffBotDeps): StaffBotParts {
  const now = deps.now ?? (() => new Date());
  const accounts = new TelegramAccounts(deps.orm, now);
  const callbacks = new CallbackRegistry(deps.orm, 'staff', new Set());
  const drafts = new ChecklistDrafts(deps.orm, now);
  const cards = new StaffCards({
    orm: deps.orm,
    workflow: deps.workflow,
    accounts,
    callbacks,
    drafts,
    strict: deps.strict ?? false,
    publicUrl: deps.publicUrl,
  });
  const features: StaffFeatureDeps = {
    workflow: deps.workflow,
    accounts,
    states: new StaffStates(new ChatStateStore(deps.orm, now)),
    callbacks,
    cards,
    drafts,
    roleChats: new RoleChats(deps.orm, now),
    linking: deps.linking,
    logger: deps.logger,
    now,
    ...(deps.miniAppUrl ? { miniAppUrl: deps.miniAppUrl } : {}),
    ...(deps.printForms && !deps.strict ? { printForms: deps.printForms } : {}),
  };
  const bot = assembleBot<StaffContext>({
    kind: 'staff',
    connection: deps.connection,
    accounts,
    callbacks,
    logger: deps.logger,
    features: [
      bindingFeature(features),
      reasonsFeature(features),
      staffLinkingFeature(features),
      taskCardFeature(features),
      reviewCardFeature(features),
      myTasksFeature(features),
      staffUnhandledFeature(),
    ],
  });
  return { bot, cards };
}

/** The staff bot's command menu. */
export const STAFF_COMMANDS = ['start', 'tasks', 'bind', 'unbind', 'mute', 'help'] as const;
