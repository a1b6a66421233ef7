import type { Em, Orm } from '../db/orm.js';
import type { RenderedCard, TelegramCard, TelegramCardRenderer } from '../notify/telegram-card.js';
import { REQUEST_TYPE_CODES } from '../workflow/domain/definition.js';
import { TaskSchema } from '../workflow/task.entity.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { CLIENT_FIXED_ACTIONS } from './client/deps.js';
import { CallbackRegistry } from './shared/callback-data.js';
import { catalog } from '../i18n/index.js';
import { TelegramAccounts } from './shared/telegram-accounts.js';
import { StaffCards, type Card } from './staff/cards.js';
import { ChecklistDrafts } from './staff/checklist-drafts.js';
import { InlineKeyboard } from 'grammy';
import { miniAppLink } from './shared/mini-app.js';

export interface CardRendererDeps {
  orm: Orm;
  workflow: WorkflowService;
  publicUrl: string | undefined;
  /** Set: pushes to a person carry a button that opens the request in the cabinet inside Telegram. */
  miniAppUrl?: string | undefined;
  now?: () => Date;
}

/**
 * The bots' side of the notifications' TelegramCardRenderer seam: a task notice in a role chat becomes the
 * task card with its checklist and Take / Done / Reject / Open; a signed request in the client-manager chat
 * becomes the review card (Take, then Accept / Return / Reject); a rejected task reaches the reviewing manager
 * with Reopen / Return / Reject. Client notices get an "Open" button to the request's details. Buttons carry
 * opaque ids (the same registry the bots resolve them with); the presses are checked when they happen.
 */
export function createCardRenderer(deps: CardRendererDeps): TelegramCardRenderer {
  const now = deps.now ?? (() => new Date());
  const accounts = new TelegramAccounts(deps.orm, now);
  const staffCallbacks = new CallbackRegistry(deps.orm, 'staff', new Set());
  const clientFixed = new Set<string>([
    ...CLIENT_FIXED_ACTIONS,
    ...REQUEST_TYPE_CODES.map((c) => `new.${c}`),
  ]);
  const clientCallbacks = new CallbackRegistry(deps.orm, 'client', clientFixed);
  const cardsFor = (strict: boolean) =>
    new StaffCards({
      orm: deps.orm,
      workflow: deps.workflow,
      accounts,
      callbacks: staffCallbacks,
      drafts: new ChecklistDrafts(deps.orm, now),
      strict,
      publicUrl: deps.publicUrl,
    });
  const strictCards = cardsFor(true);
  const leanCards = cardsFor(false);

  const withText = (card: Card, intro: string | undefined, notice: TelegramCard): RenderedCard => {
    const rows = [...card.keyboard.inline_keyboard];
    // A person's own chat may open the cabinet inside Telegram; a group may not (Telegram allows Mini App
    // buttons in private chats only).
    if (deps.miniAppUrl && notice.recipient === 'dm' && notice.requestId)
      rows.push([
        {
          text: catalog(notice.locale).staff.tasks.openInCabinet,
          web_app: { url: miniAppLink(deps.miniAppUrl, `/requests/${notice.requestId}`, 'staff') },
        },
      ]);
    return {
      text: intro === undefined ? card.text : `${intro}\n\n${card.text}`,
      replyMarkup: { inline_keyboard: rows },
    };
  };

  return {
    async render(card: TelegramCard, em: Em): Promise<RenderedCard> {
      if (card.requestId === null) return { text: card.text };
      const cards = card.strict ? strictCards : leanCards;
      if (card.bot === 'client') {
        const open = await clientCallbacks.token('request.open', { id: card.requestId });
        const keyboard = new InlineKeyboard().text(catalog(card.locale).client.details.open, open);
        if (deps.miniAppUrl)
          keyboard.webApp(
            catalog(card.locale).client.menu.openInCabinet,
            miniAppLink(deps.miniAppUrl, `/requests/${card.requestId}`, 'client'),
          );
        return { text: card.text, replyMarkup: { inline_keyboard: keyboard.inline_keyboard } };
      }
      // A role chat gets the card itself; a person's DM keeps the notice's words above it.
      const intro = card.recipient === 'role_chat' && card.topic !== 'task_overdue' ? undefined : card.text;
      switch (card.topic) {
        case 'task_created':
        case 'task_overdue': {
          if (card.taskKey === null) return { text: card.text };
          const task = await em
            .fork()
            .findOne(TaskSchema, { requestId: card.requestId, key: card.taskKey }, { fields: ['id'] });
          const rendered = task ? await cards.taskCard(task.id, card.locale) : undefined;
          return rendered ? withText(rendered, intro, card) : { text: card.text };
        }
        case 'request_submitted':
        case 'task_rejected': {
          const rendered = await cards.reviewCard(card.requestId, card.locale);
          return rendered ? withText(rendered, intro, card) : { text: card.text };
        }
        default:
          return { text: card.text };
      }
    },
  };
}
