import { InlineKeyboard } from 'grammy';
import type { FieldDef, Locale } from '../../../workflow/domain/definition.js';
import { listRequestTypes } from '../../../workflow/domain/types/index.js';
import type { CallbackRegistry } from '../../shared/callback-data.js';
import type { Catalog } from '../../../i18n/index.js';

/** The eleven request types, one per row. */
export function typeChoiceKeyboard(t: Catalog, callbacks: CallbackRegistry, locale: Locale): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const type of listRequestTypes())
    keyboard.text(type.title[locale], callbacks.fixed(`new.${type.code}`)).row();
  return keyboard.text(t.common.cancel, callbacks.fixed('form.cancel'));
}

/** A question's buttons: its options (enum fields), Skip for optional ones, then Back and Cancel. */
export async function questionKeyboard(
  t: Catalog,
  callbacks: CallbackRegistry,
  field: FieldDef,
  locale: Locale,
): Promise<InlineKeyboard> {
  const keyboard = new InlineKeyboard();
  const options = field.options ?? [];
  const data = await callbacks.tokens(
    options.map((o) => ({ action: 'form.option', args: { field: field.name, value: o.value } })),
  );
  options.forEach((option, i) => {
    const token = data[i];
    if (token !== undefined) keyboard.text(option.label[locale], token).row();
  });
  if (field.optional) keyboard.text(t.client.form.skip, callbacks.fixed('form.skip')).row();
  return keyboard
    .text(t.common.back, callbacks.fixed('form.back'))
    .text(t.common.cancel, callbacks.fixed('form.cancel'));
}

export function summaryKeyboard(t: Catalog, callbacks: CallbackRegistry): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.client.form.submit, callbacks.fixed('form.submit'))
    .row()
    .text(t.client.form.saveDraft, callbacks.fixed('form.save'))
    .row()
    .text(t.common.back, callbacks.fixed('form.back'))
    .text(t.common.cancel, callbacks.fixed('form.cancel'));
}

export function signingKeyboard(t: Catalog, callbacks: CallbackRegistry): InlineKeyboard {
  return new InlineKeyboard()
    .text(t.client.signing.resend, callbacks.fixed('sign.resend'))
    .text(t.client.signing.later, callbacks.fixed('sign.later'));
}
