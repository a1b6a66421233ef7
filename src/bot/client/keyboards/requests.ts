import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../../workflow/domain/definition.js';
import type { RequestListItem, RequestView } from '../../../workflow/presenters.js';
import type { CallbackRegistry } from '../../shared/callback-data.js';
import type { Catalog } from '../../../i18n/index.js';
import { withoutEmptyRows } from '../../shared/keyboard.js';

export type RequestListKind = 'all' | 'drafts';

/** One button per request of the page, then the page arrows. */
export async function requestListKeyboard(
  t: Catalog,
  callbacks: CallbackRegistry,
  locale: Locale,
  list: { kind: RequestListKind; items: readonly RequestListItem[]; page: number; pages: number },
  typeTitle: (code: string, locale: Locale) => string,
): Promise<InlineKeyboard> {
  const pageArrows = [
    ...(list.page > 1
      ? [{ action: 'requests.page', args: { list: list.kind, page: String(list.page - 1) } }]
      : []),
    ...(list.page < list.pages
      ? [{ action: 'requests.page', args: { list: list.kind, page: String(list.page + 1) } }]
      : []),
  ];
  const data = await callbacks.tokens([
    ...list.items.map((item) => ({ action: 'request.open', args: { id: item.id } })),
    ...pageArrows,
  ]);
  const keyboard = new InlineKeyboard();
  list.items.forEach((item, i) => {
    const token = data[i];
    if (token !== undefined) keyboard.text(`${item.number} · ${typeTitle(item.type, locale)}`, token).row();
  });
  const [first, second] = data.slice(list.items.length);
  if (list.page > 1) keyboard.text(t.client.requests.previous, first ?? '');
  if (list.page < list.pages) keyboard.text(t.client.requests.next, (list.page > 1 ? second : first) ?? '');
  return withoutEmptyRows(keyboard.row().text(t.client.menu.title, callbacks.fixed('menu')));
}

/** What the client may do with a request now, from the workflow's `allowedActions`. */
export async function requestActionsKeyboard(
  t: Catalog,
  callbacks: CallbackRegistry,
  view: RequestView,
  options: { printForm?: boolean } = {},
): Promise<InlineKeyboard> {
  const id = view.id;
  const wanted: { label: string; action: string }[] = [];
  if (options.printForm) wanted.push({ label: t.client.details.printForm, action: 'request.pdf' });
  if (view.allowedActions.includes('submit'))
    wanted.push({ label: t.client.details.submit, action: 'request.submit' });
  if (view.allowedActions.includes('confirmSignature'))
    wanted.push({ label: t.client.details.sign, action: 'request.sign' });
  if (view.allowedActions.includes('updateDraft'))
    wanted.push({ label: t.client.details.edit, action: 'request.edit' });
  if (view.allowedActions.includes('deleteDraft'))
    wanted.push({ label: t.client.details.delete, action: 'request.delete' });
  if (view.allowedActions.includes('cancel'))
    wanted.push({ label: t.client.details.cancel, action: 'request.cancel' });
  wanted.push({ label: t.client.details.refresh, action: 'request.open' });
  const data = await callbacks.tokens(wanted.map((w) => ({ action: w.action, args: { id } })));
  const keyboard = new InlineKeyboard();
  wanted.forEach((w, i) => keyboard.text(w.label, data[i] ?? '').row());
  return keyboard.text(t.client.details.backToList, callbacks.fixed('menu.requests'));
}

export async function cancelConfirmKeyboard(
  t: Catalog,
  callbacks: CallbackRegistry,
  id: string,
): Promise<InlineKeyboard> {
  const [yes, no] = await callbacks.tokens([
    { action: 'request.cancel.confirm', args: { id } },
    { action: 'request.open', args: { id } },
  ]);
  return new InlineKeyboard()
    .text(t.client.details.cancelYes, yes ?? '')
    .text(t.client.details.cancelNo, no ?? '');
}
