import type { Bot } from 'grammy';
import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../logger.js';
import { REQUEST_TYPE_CODES } from '../../workflow/domain/definition.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import { CallbackRegistry } from '../shared/callback-data.js';
import { ChatStateStore } from '../shared/chat-state.js';
import { assembleBot, type BotConnection } from '../shared/create-bot.js';
import type { LinkingPort, SigningPort } from '../../identity/bot-ports.js';
import { TelegramAccounts } from '../shared/telegram-accounts.js';
import type { PrintFormPort } from '../shared/print-form-port.js';
import { CLIENT_FIXED_ACTIONS, type ClientContext, type ClientFeatureDeps } from './deps.js';
import { linkingFeature } from './features/linking.js';
import { menuFeature, unhandledFeature } from './features/menu.js';
import { formDialogue, newRequestFeature } from './features/new-request.js';
import { requestsFeature } from './features/requests.js';
import { signingFeature } from './features/signing.js';
import { ClientStates } from './state.js';

export interface ClientBotDeps {
  connection: BotConnection;
  orm: Orm;
  workflow: WorkflowService;
  signing: SigningPort;
  linking: LinkingPort;
  logger: Logger;
  /** 149-FZ strict mode. */
  strict?: boolean;
  /** The cabinet's https address for the Mini App buttons (MINI_APP_URL). */
  miniAppUrl?: string;
  /** The public questionnaire, offered to strangers at /start. */
  openAccountUrl?: string;
  printForms?: PrintFormPort;
  now?: () => Date;
}

/**
 * The client bot: linking, new requests as a dialogue over the form definitions, signing with the SMS code,
 * my requests and drafts, details, cancel, language, unlink. Features are Composers; order matters only for
 * typed text (the dialogue that waits for it takes it) and for the catch-all, which is last.
 */
export function createClientBot(deps: ClientBotDeps): Bot<ClientContext> {
  const now = deps.now ?? (() => new Date());
  const accounts = new TelegramAccounts(deps.orm, now);
  const fixed = new Set<string>([
    ...CLIENT_FIXED_ACTIONS,
    ...REQUEST_TYPE_CODES.map((code) => `new.${code}`),
  ]);
  const callbacks = new CallbackRegistry(deps.orm, 'client', fixed);
  const features: ClientFeatureDeps = {
    workflow: deps.workflow,
    accounts,
    states: new ClientStates(new ChatStateStore(deps.orm, now)),
    callbacks,
    signing: deps.signing,
    linking: deps.linking,
    logger: deps.logger,
    now,
    strict: deps.strict ?? false,
    ...(deps.miniAppUrl ? { miniAppUrl: deps.miniAppUrl } : {}),
    ...(deps.openAccountUrl ? { openAccountUrl: deps.openAccountUrl } : {}),
    ...(deps.printForms ? { printForms: deps.printForms } : {}),
  };
  const dialogue = formDialogue(features);
  return assembleBot<ClientContext>({
    kind: 'client',
    connection: deps.connection,
    accounts,
    callbacks,
    logger: deps.logger,
    features: [
      linkingFeature(features),
      signingFeature(features),
      newRequestFeature(features, dialogue),
      requestsFeature(features, dialogue),
      menuFeature(features),
      unhandledFeature(features),
    ],
  });
}

/** The client bot's command menu, per language. */
export const CLIENT_COMMANDS = ['start', 'new', 'requests', 'drafts', 'help', 'language', 'unlink'] as const;
