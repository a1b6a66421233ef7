import { Composer } from 'grammy';
import type { Payload, RequestTypeDefinition } from '../../../workflow/domain/definition.js';
import { issueText } from '../../../i18n/index.js';
import { DomainError } from '../../../workflow/domain/errors.js';
import type { FieldIssue, FieldIssues } from '../../../workflow/domain/validation/issues.js';
import { applicableFields } from '../../../workflow/domain/form.js';
import { getRequestType, isRequestTypeCode } from '../../../workflow/domain/types/index.js';
import { settlePress } from '../../shared/callbacks-ui.js';
import { displayAnswer, esc } from '../../shared/format.js';
import { isAction } from '../../shared/kabinet-context.js';
import {
  answerCurrent,
  currentField,
  issuesFor,
  startForm,
  stepBack,
  type FormAsking,
  type FormState,
  type FormSummary,
} from '../conversations/request-form.js';
import type { ClientContext, ClientFeatureDeps } from '../deps.js';
import { questionKeyboard, summaryKeyboard, typeChoiceKeyboard } from '../keyboards/form.js';
import { menuKeyboard } from '../keyboards/menu.js';
import { chatOf, clientOf, requireClient } from './guards.js';
import { beginSigning } from './signing.js';

/** Rendering and storing the dialogue's steps; shared with the drafts feature (editing a draft). */
export interface FormDialogue {
  showTypes(ctx: ClientContext): Promise<void>;
  show(ctx: ClientContext, state: FormState, errors?: FieldIssues): Promise<void>;
  ask(ctx: ClientContext, state: FormAsking, errors?: FieldIssues, error?: FieldIssue): Promise<void>;
  summarize(ctx: ClientContext, state: FormSummary): Promise<void>;
  restart(ctx: ClientContext): Promise<void>;
}

export function formDialogue(deps: ClientFeatureDeps): FormDialogue {
  const showTypes = async (ctx: ClientContext): Promise<void> => {
    await ctx.reply(ctx.t.client.form.chooseType, {
      reply_markup: typeChoiceKeyboard(ctx.t, deps.callbacks, ctx.locale),
    });
  };

  const ask = async (
    ctx: ClientContext,
    state: FormAsking,
    errors?: FieldIssues,
    error?: FieldIssue,
  ): Promise<void> => {
    const definition = definitionOf(state);
    const field = currentField(definition, state);
    if (!field) return restart(ctx);
    const total = applicableFields(definition, state.answers).length;
    const step = Math.min(state.asked.filter((n) => n !== field.name).length + 1, total);
    const problems = error === undefined ? issuesFor(errors, field.name) : [error];
    const lines = [
      ctx.t.client.form.step(esc(definition.title[ctx.locale]), step, total),
      ...problems.map((p) => ctx.t.client.form.problem(esc(issueText(ctx.t, p)))),
      '',
      `<b>${esc(field.prompt[ctx.locale])}</b>`,
    ];
    if (field.optional) lines.push(ctx.t.client.form.optionalHint);
    await ctx.reply(lines.join('\n'), {
      parse_mode: 'HTML',
      reply_markup: await questionKeyboard(ctx.t, deps.callbacks, field, ctx.locale),
    });
  };

  const summarize = async (ctx: ClientContext, state: FormSummary): Promise<void> => {
    const definition = definitionOf(state);
    const rows = applicableFields(definition, state.answers).map(
      (field) =>
        `• ${esc(field.label[ctx.locale])}: ${esc(displayAnswer(field, state.answers[field.name], ctx.locale))}`,
    );
    const text = [ctx.t.client.form.summaryTitle(esc(definition.title[ctx.locale])), '', ...rows].join('\n');
    await ctx.reply(text, { parse_mode: 'HTML', reply_markup: summaryKeyboard(ctx.t, deps.callbacks) });
  };

  const show = async (ctx: ClientContext, state: FormState, errors?: FieldIssues): Promise<void> => {
    const { chatId, userId } = chatOf(ctx);
    await deps.states.set(chatId, userId, state);
    if (state.kind === 'form') await ask(ctx, state, errors);
    else await summarize(ctx, state);
  };

  const restart = async (ctx: ClientContext): Promise<void> => {
    const { chatId, userId } = chatOf(ctx);
    await deps.states.clear(chatId, userId);
    await showTypes(ctx);
  };

  return { showTypes, show, ask, summarize, restart };
}

/**
 * A new request as a dialogue built from the type's form definition: one question per field (options as
 * buttons), each answer checked on the spot, Back and Cancel at every step, then a summary with Submit (sign
 * with the SMS code), Save draft, or Cancel. The dialogue state is ids and plain answers in the database.
 */
export function newRequestFeature(deps: ClientFeatureDeps, dialogue: FormDialogue): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  const feature = composer.chatType('private');
  const today = (): string => deps.now().toISOString().slice(0, 10);
  const { showTypes, show, ask, summarize, restart } = dialogue;

  const formState = async (ctx: ClientContext): Promise<FormState | undefined> => {
    const { chatId, userId } = chatOf(ctx);
    const state = await deps.states.get(chatId, userId);
    return state?.kind === 'form' || state?.kind === 'summary' ? state : undefined;
  };

  /** A press that needs a dialogue in progress; an old keyboard after the dialogue ended gets an alert. */
  const withForm =
    (handle: (ctx: ClientContext, state: FormState) => Promise<void>) =>
    async (ctx: ClientContext): Promise<void> => {
      const state = await formState(ctx);
      if (!state) {
        await ctx.answerCallbackQuery({ text: ctx.t.client.form.noDialogue, show_alert: true });
        return;
      }
      await handle(ctx, state);
    };

  feature.command('new', requireClient, showTypes);
  feature.filter(isAction('menu.new'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showTypes(ctx);
  });

  feature.filter(
    (ctx) => ctx.action?.action.startsWith('new.') ?? false,
    requireClient,
    async (ctx) => {
      const code = ctx.action?.action.slice('new.'.length) ?? '';
      if (!isRequestTypeCode(code)) return ctx.answerCallbackQuery();
      await settlePress(ctx);
      const { state } = startForm(getRequestType(code), { today: today() });
      await show(ctx, state);
    },
  );

  feature.filter(
    isAction('form.option'),
    requireClient,
    withForm(async (ctx, state) => {
      const args = ctx.action?.args ?? {};
      if (state.kind !== 'form' || args['field'] !== state.current) {
        await ctx.answerCallbackQuery({ text: ctx.t.client.form.alreadyAnswered, show_alert: true });
        return;
      }
      await settlePress(ctx);
      await answer(ctx, state, args['value'] ?? '');
    }),
  );

  feature.filter(
    isAction('form.skip'),
    requireClient,
    withForm(async (ctx, state) => {
      await settlePress(ctx);
      if (state.kind !== 'form') return summarize(ctx, state);
      await answer(ctx, state, '');
    }),
  );

  feature.filter(
    isAction('form.back'),
    requireClient,
    withForm(async (ctx, state) => {
      await settlePress(ctx);
      const previous = stepBack(definitionOf(state), state);
      if (!previous) return restart(ctx);
      await show(ctx, previous);
    }),
  );

  feature.filter(isAction('form.cancel'), requireClient, async (ctx) => {
    await settlePress(ctx);
    const { chatId, userId } = chatOf(ctx);
    const state = await formState(ctx);
    await deps.states.clear(chatId, userId);
    const text = state?.draftId ? ctx.t.client.form.editCancelled : ctx.t.client.form.cancelled;
    await ctx.reply(text, { reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl) });
  });

  feature.filter(
    isAction('form.save'),
    requireClient,
    withForm(async (ctx, state) => {
      const saved = await saveFromSummary(ctx, state);
      if (!saved) return;
      const { chatId, userId } = chatOf(ctx);
      await deps.states.clear(chatId, userId);
      await ctx.reply(ctx.t.client.form.draftSaved(saved.number), {
        reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
      });
    }),
  );

  feature.filter(
    isAction('form.submit'),
    requireClient,
    withForm(async (ctx, state) => {
      const saved = await saveFromSummary(ctx, state);
      if (!saved) return;
      const { chatId, userId } = chatOf(ctx);
      // From here on the draft exists: a failure below must not file a second one on retry.
      await deps.states.set(chatId, userId, { ...state, draftId: saved.id });
      await beginSigning(ctx, deps, saved.id);
    }),
  );

  // Typed answers while a question is open; anything else goes on to the other features.
  feature.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || !ctx.person) return next();
    const state = await formState(ctx);
    if (!state) return next();
    if (state.kind === 'summary') {
      await ctx.reply(ctx.t.client.form.useButtons, { reply_markup: summaryKeyboard(ctx.t, deps.callbacks) });
      return;
    }
    await answer(ctx, state, ctx.message.text);
  });

  const answer = async (ctx: ClientContext, state: FormAsking, text: string): Promise<void> => {
    const outcome = answerCurrent(definitionOf(state), state, text, { today: today() });
    if (!outcome.ok) return ask(ctx, state, undefined, outcome.issue);
    await show(ctx, outcome.state, outcome.errors);
  };

  /**
   * Files the answers as a new draft, or writes them into the draft being edited. Undefined when the service
   * found the form wrong after all (a rule moved on, e.g. a date became past): the field is asked again.
   */
  const saveDraft = async (
    ctx: ClientContext,
    state: FormSummary,
  ): Promise<{ id: string; number: string } | undefined> => {
    const actor = clientOf(ctx).actor;
    try {
      const view = state.draftId
        ? await deps.workflow.updateDraft(actor, state.draftId, state.answers)
        : await deps.workflow.createDraft(actor, { type: state.type, payload: state.answers });
      return { id: view.id, number: view.number };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'validation_failed')) throw error;
      const fixed = startForm(
        definitionOf(state),
        { today: today() },
        { answers: state.answers, ...draft(state) },
      );
      await show(ctx, fixed.state, error.fieldIssues ?? fixed.errors);
      return undefined;
    }
  };

  /** A summary button (Save draft / Sign and submit): files the answers; a stale press is just acknowledged. */
  const saveFromSummary = async (
    ctx: ClientContext,
    state: FormState,
  ): Promise<{ id: string; number: string } | undefined> => {
    if (state.kind !== 'summary') {
      await ctx.answerCallbackQuery();
      return undefined;
    }
    await settlePress(ctx);
    return saveDraft(ctx, state);
  };

  return composer;
}

function definitionOf(state: { type: string; version: number }): RequestTypeDefinition {
  return getRequestType(state.type, state.version);
}

function draft(state: FormState): { draftId?: string } {
  return state.draftId === undefined ? {} : { draftId: state.draftId };
}

/** Opens the form on a stored draft's answers (from the draft's details). */
export function formFromDraft(
  definition: RequestTypeDefinition,
  payload: Payload,
  draftId: string,
  today: string,
): ReturnType<typeof startForm> {
  return startForm(definition, { today }, { answers: payload, draftId });
}
