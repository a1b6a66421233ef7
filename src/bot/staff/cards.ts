import type { InlineKeyboard } from 'grammy';
import type { Orm } from '../../db/orm.js';
import type { Locale } from '../../workflow/domain/definition.js';
import type { StaffRole } from '../../workflow/domain/roles.js';
import type { StaffRequestView, TaskView } from '../../workflow/presenters.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import type { CallbackRegistry } from '../shared/callback-data.js';
import { catalog } from '../../i18n/index.js';
import type { TelegramAccounts } from '../shared/telegram-accounts.js';
import type { ChecklistDrafts } from './checklist-drafts.js';
import { reviewCardKeyboard, taskCardKeyboard } from './cards/keyboards.js';
import { CardModels } from './cards/model.js';
import { detailsText, reviewCardText, taskCardText, type CardOptions } from './cards/render.js';

export { CARD_READER } from './cards/model.js';

export interface Card {
  text: string;
  keyboard: InlineKeyboard;
}

export interface StaffCardsDeps {
  orm: Orm;
  workflow: WorkflowService;
  accounts: TelegramAccounts;
  callbacks: CallbackRegistry;
  drafts: ChecklistDrafts;
  /** 149-FZ strict mode: no summaries in Telegram, only numbers, statuses and the cabinet link. */
  strict: boolean;
  publicUrl: string | undefined;
}

/** The task a card or a button is about, with its request. */
export interface TaskRef {
  taskId: string;
  requestId: string;
  role: StaffRole;
}

/**
 * Task cards (role chats: title, request, SLA, who holds it, checklist toggles, Take / Done / Reject / Open)
 * and review cards (the client-manager chat: Take, then checklist, Accept / Return / Reject): loaded by
 * `cards/model.ts`, drawn by the pure `cards/render.ts` and `cards/keyboards.ts`.
 */
export class StaffCards {
  private readonly models: CardModels;
  private readonly options: CardOptions;

  constructor(private readonly deps: StaffCardsDeps) {
    this.models = new CardModels(deps);
    this.options = { strict: deps.strict, publicUrl: deps.publicUrl };
  }

  async findTask(taskId: string): Promise<TaskRef | undefined> {
    const found = await this.models.findTask(taskId);
    return found ? { ...found, role: found.role as StaffRole } : undefined;
  }

  /** The request as the cards show it (undefined when it no longer exists). */
  async view(requestId: string): Promise<StaffRequestView | undefined> {
    return this.models.view(requestId);
  }

  async taskCard(taskId: string, locale: Locale): Promise<Card | undefined> {
    const ref = await this.findTask(taskId);
    const view = ref ? await this.view(ref.requestId) : undefined;
    const task = view?.tasks.find((candidate) => candidate.id === taskId);
    return view && task ? this.renderTask(view, task, locale) : undefined;
  }

  async reviewCard(requestId: string, locale: Locale): Promise<Card | undefined> {
    const view = await this.view(requestId);
    return view ? this.renderReview(view, locale) : undefined;
  }

  async renderTask(view: StaffRequestView, task: TaskView, locale: Locale): Promise<Card> {
    const t = catalog(locale);
    const model = await this.models.task(view, task);
    return {
      text: taskCardText(t, locale, model, this.options),
      keyboard: await taskCardKeyboard(t, locale, model, this.deps.callbacks),
    };
  }

  async renderReview(view: StaffRequestView, locale: Locale): Promise<Card> {
    const t = catalog(locale);
    const model = await this.models.review(view);
    return {
      text: reviewCardText(t, locale, model, this.options),
      keyboard: await reviewCardKeyboard(t, locale, model, this.deps.callbacks),
    };
  }

  /** Details for one person (sent privately): status, every task and who holds it, the cabinet link. */
  async renderDetails(view: StaffRequestView, locale: Locale): Promise<string> {
    return detailsText(catalog(locale), locale, view, await this.models.taskPeople(view), this.options);
  }

  /** Who rejected a task (the view does not carry it). */
  async rejectedBy(taskId: string): Promise<string | null> {
    return this.models.rejectedBy(taskId);
  }
}
