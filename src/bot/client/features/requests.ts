import { Composer, InputFile } from 'grammy';
import type { Locale } from '../../../workflow/domain/definition.js';
import type { RequestStatus } from '../../../workflow/domain/status.js';
import { getRequestType, isRequestTypeCode } from '../../../workflow/domain/types/index.js';
import { esc } from '../../shared/format.js';
import { isAction } from '../../shared/kabinet-context.js';
import type { ClientContext, ClientFeatureDeps } from '../deps.js';
import {
  cancelConfirmKeyboard,
  requestActionsKeyboard,
  requestListKeyboard,
  type RequestListKind,
} from '../keyboards/requests.js';
import { menuKeyboard } from '../keyboards/menu.js';
import { renderRequestDetails } from '../request-details.js';
import { clientOf, requireClient } from './guards.js';
import { formFromDraft, type FormDialogue } from './new-request.js';
import { beginSigning } from './signing.js';

const PAGE_SIZE = 5;

function typeTitle(code: string, locale: Locale): string {
  return isRequestTypeCode(code) ? getRequestType(code).title[locale] : code;
}

/** My requests and my drafts, a page at a time; a request's details; cancel, edit, delete, sign from there. */
export function requestsFeature(deps: ClientFeatureDeps, dialogue: FormDialogue): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  const feature = composer.chatType('private');

  const renderList = async (ctx: ClientContext, kind: RequestListKind, page: number) => {
    const actor = clientOf(ctx).actor;
    const result = await deps.workflow.listRequests(actor, {
      page,
      pageSize: PAGE_SIZE,
      ...(kind === 'drafts' ? { status: 'draft' } : {}),
    });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const t = ctx.t.client.requests;
    const title = kind === 'drafts' ? t.draftsTitle(result.page, pages) : t.title(result.page, pages);
    const rows = result.items.map(
      (item) =>
        `<b>${esc(item.number)}</b> · ${esc(typeTitle(item.type, ctx.locale))} · ${ctx.t.status[item.status as RequestStatus] ?? esc(item.status)}`,
    );
    const empty = kind === 'drafts' ? t.noDrafts : t.none;
    const text = rows.length === 0 ? empty : [title, '', ...rows].join('\n');
    const keyboard = await requestListKeyboard(
      ctx.t,
      deps.callbacks,
      ctx.locale,
      { kind, items: result.items, page: result.page, pages },
      typeTitle,
    );
    return { text, keyboard };
  };

  const sendList = async (ctx: ClientContext, kind: RequestListKind): Promise<void> => {
    const { text, keyboard } = await renderList(ctx, kind, 1);
    await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
  };

  feature.command('requests', requireClient, (ctx) => sendList(ctx, 'all'));
  feature.command('drafts', requireClient, (ctx) => sendList(ctx, 'drafts'));
  feature.filter(isAction('menu.requests'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendList(ctx, 'all');
  });
  feature.filter(isAction('menu.drafts'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendList(ctx, 'drafts');
  });

  feature.filter(isAction('requests.page'), requireClient, async (ctx) => {
    const args = ctx.action?.args ?? {};
    const kind: RequestListKind = args['list'] === 'drafts' ? 'drafts' : 'all';
    const page = Math.max(1, Number.parseInt(args['page'] ?? '1', 10) || 1);
    const { text, keyboard } = await renderList(ctx, kind, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard });
  });

  const requestId = (ctx: ClientContext): string => ctx.action?.args['id'] ?? '';

  feature.filter(isAction('request.open'), requireClient, async (ctx) => {
    const actor = clientOf(ctx).actor;
    const id = requestId(ctx);
    const [view, journal] = await Promise.all([
      deps.workflow.getClientRequest(actor, id),
      deps.workflow.clientJournal(actor, id),
    ]);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderRequestDetails(ctx.t, ctx.locale, view, journal, deps.strict), {
      parse_mode: 'HTML',
      reply_markup: await requestActionsKeyboard(ctx.t, deps.callbacks, view, {
        printForm: deps.printForms !== undefined && !deps.strict,
      }),
    });
  });

  // The print form as a document in the chat (never in 149-FZ strict mode: the content stays in the cabinet).
  feature.filter(isAction('request.pdf'), requireClient, async (ctx) => {
    if (!deps.printForms || deps.strict) {
      await ctx.answerCallbackQuery();
      return;
    }
    const form = await deps.printForms.render(clientOf(ctx).actor, requestId(ctx));
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(form.pdf, `${form.number}.pdf`));
  });

  feature.filter(isAction('request.cancel'), requireClient, async (ctx) => {
    const view = await deps.workflow.getClientRequest(clientOf(ctx).actor, requestId(ctx));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t.client.details.cancelQuestion(esc(view.number)), {
      parse_mode: 'HTML',
      reply_markup: await cancelConfirmKeyboard(ctx.t, deps.callbacks, view.id),
    });
  });

  feature.filter(isAction('request.cancel.confirm'), requireClient, async (ctx) => {
    const view = await deps.workflow.cancel(clientOf(ctx).actor, requestId(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t.client.details.cancelled(esc(view.number)), { parse_mode: 'HTML' });
    await ctx.reply(ctx.t.client.menu.whatNext, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });

  feature.filter(isAction('request.delete'), requireClient, async (ctx) => {
    const actor = clientOf(ctx).actor;
    const view = await deps.workflow.getClientRequest(actor, requestId(ctx));
    await deps.workflow.deleteDraft(actor, view.id);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t.client.details.deleted(esc(view.number)), {
      parse_mode: 'HTML',
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });

  feature.filter(isAction('request.edit'), requireClient, async (ctx) => {
    const view = await deps.workflow.getClientRequest(clientOf(ctx).actor, requestId(ctx));
    if (!view.allowedActions.includes('updateDraft')) {
      await ctx.answerCallbackQuery({ text: ctx.t.errors.invalid_transition, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const definition = getRequestType(view.type, view.typeVersion);
    const opened = formFromDraft(definition, view.payload, view.id, deps.now().toISOString().slice(0, 10));
    await dialogue.show(ctx, opened.state, opened.errors);
  });

  feature.filter(isAction('request.submit'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await beginSigning(ctx, deps, requestId(ctx));
  });

  feature.filter(isAction('request.sign'), requireClient, async (ctx) => {
    const view = await deps.workflow.getClientRequest(clientOf(ctx).actor, requestId(ctx));
    if (view.status !== 'awaiting_signature') {
      await ctx.answerCallbackQuery({ text: ctx.t.client.signing.nothingToSign, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await beginSigning(ctx, deps, view.id);
  });

  return composer;
}
