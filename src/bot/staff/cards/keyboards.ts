import { InlineKeyboard } from 'grammy';
import { REVIEW_CHECKLIST, type Locale } from '../../../workflow/domain/definition.js';
import { clip } from '../../../workflow/domain/types/shared/masking.js';
import type { CallbackRegistry } from '../../shared/callback-data.js';
import type { Catalog } from '../../../i18n/index.js';
import type { ReviewCardModel, TaskCardModel } from './model.js';

/** A task card's buttons: checklist toggles, Take (when open), Done, Reject, and always Open. */
export async function taskCardKeyboard(
  t: Catalog,
  locale: Locale,
  m: TaskCardModel,
  callbacks: CallbackRegistry,
): Promise<InlineKeyboard> {
  const { task } = m;
  const keyboard = new InlineKeyboard();
  if (m.active) {
    const toggles = await callbacks.tokens(
      task.checklist.map((item) => ({ action: 'task.toggle', args: { id: task.id, item: item.key } })),
    );
    task.checklist.forEach((item, i) => {
      keyboard
        .text(`${m.marks[item.key] ? '☑' : '☐'} ${i + 1}. ${clip(item[locale], 40)}`, toggles[i] ?? '')
        .row();
    });
    const [take, done, reject] = await callbacks.tokens([
      { action: 'task.take', args: { id: task.id } },
      { action: 'task.done', args: { id: task.id } },
      { action: 'task.reject', args: { id: task.id } },
    ]);
    if (task.status === 'open') keyboard.text(t.staff.card.take, take ?? '');
    keyboard
      .text(t.staff.card.done, done ?? '')
      .row()
      .text(t.staff.card.reject, reject ?? '');
  }
  keyboard.text(t.staff.card.open, await callbacks.token('task.open', { id: task.id }));
  return keyboard;
}

/** A review card's buttons: Take; the review checklist and Accept; Reopen per rejected task; Return, Reject; Open. */
export async function reviewCardKeyboard(
  t: Catalog,
  locale: Locale,
  m: ReviewCardModel,
  callbacks: CallbackRegistry,
): Promise<InlineKeyboard> {
  const { view } = m;
  const keyboard = new InlineKeyboard();
  const token = (action: string, args: Record<string, string>) => callbacks.token(action, args);
  if (view.status === 'submitted')
    keyboard.text(t.staff.card.take, await token('review.take', { id: view.id })).row();
  if (m.firstReview) {
    for (const [i, item] of REVIEW_CHECKLIST.entries()) {
      const data = await token('review.toggle', { id: view.id, item: item.key });
      keyboard.text(`${m.marks[item.key] ? '☑' : '☐'} ${i + 1}. ${clip(item[locale], 40)}`, data).row();
    }
    keyboard.text(t.staff.card.accept, await token('review.accept', { id: view.id })).row();
  }
  for (const task of m.rejectedTasks) {
    keyboard
      .text(t.staff.card.reopen(clip(task.title[locale], 30)), await token('review.reopen', { id: task.id }))
      .row();
  }
  if (view.status === 'in_review') {
    keyboard
      .text(t.staff.card.return, await token('review.return', { id: view.id }))
      .text(t.staff.card.reject, await token('review.reject', { id: view.id }))
      .row();
  }
  keyboard.text(t.staff.card.open, await token('review.open', { id: view.id }));
  return keyboard;
}
