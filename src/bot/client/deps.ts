import type { Logger } from '../../logger.js';
import type { PrintFormPort } from '../shared/print-form-port.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import type { CallbackRegistry } from '../shared/callback-data.js';
import type { BotContext } from '../shared/context.js';
import type { LinkingPort, SigningPort } from '../../identity/bot-ports.js';
import type { TelegramAccounts } from '../shared/telegram-accounts.js';
import type { ClientStates } from './state.js';

/** The services every client bot feature is built with. */
export interface ClientFeatureDeps {
  workflow: WorkflowService;
  accounts: TelegramAccounts;
  states: ClientStates;
  callbacks: CallbackRegistry;
  signing: SigningPort;
  linking: LinkingPort;
  logger: Logger;
  now: () => Date;
  /** 149-FZ strict mode: details and signing prompts show numbers, types and statuses, not summaries. */
  strict: boolean;
  /** Set: the cabinet opens inside Telegram (the Mini App) from the menu and the pushes (docs/0026). */
  miniAppUrl?: string;
  /** The public account-opening questionnaire, offered to a stranger at /start (issue 12). */
  openAccountUrl?: string;
  /** Set: the PDF is offered before signing and on the details screen (never in strict mode). */
  printForms?: PrintFormPort;
}

export type ClientContext = BotContext;

/** The fixed (argument-free) button actions of the client bot. */
export const CLIENT_FIXED_ACTIONS = [
  'menu',
  'menu.new',
  'menu.requests',
  'menu.drafts',
  'menu.language',
  'menu.help',
  'menu.notifications',
  'notify.on',
  'notify.off',
  'lang.ru',
  'lang.en',
  'unlink.confirm',
  'unlink.keep',
  'form.back',
  'form.cancel',
  'form.skip',
  'form.submit',
  'form.save',
  'sign.resend',
  'sign.later',
] as const;
