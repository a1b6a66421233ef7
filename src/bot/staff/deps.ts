import type { PrintFormPort } from '../shared/print-form-port.js';
import type { Logger } from '../../logger.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import type { CallbackRegistry } from '../shared/callback-data.js';
import type { BotContext } from '../shared/context.js';
import type { LinkingPort } from '../../identity/bot-ports.js';
import type { TelegramAccounts } from '../shared/telegram-accounts.js';
import type { StaffCards } from './cards.js';
import type { ChecklistDrafts } from './checklist-drafts.js';
import type { RoleChats } from './role-chats.js';
import type { StaffStates } from './state.js';

/** The services every staff bot feature is built with. */
export interface StaffFeatureDeps {
  workflow: WorkflowService;
  accounts: TelegramAccounts;
  states: StaffStates;
  callbacks: CallbackRegistry;
  cards: StaffCards;
  drafts: ChecklistDrafts;
  roleChats: RoleChats;
  linking: LinkingPort;
  logger: Logger;
  now: () => Date;
  /** Set: "My tasks" opens inside Telegram (the Mini App, docs/0026). */
  miniAppUrl?: string;
  /** Set only outside 149-FZ strict mode: "Open" sends the print form privately too. */
  printForms?: PrintFormPort;
}

export type StaffContext = BotContext;
