/*
 * The workflow's validation messages are English (they are the API's field errors). The bot shows them in
 * Russian through this table: exact messages first, then patterns for the ones with numbers in them. A message
 * that is in neither is shown as it is — a unit test checks the known ones are all here.
 */

export const EXACT: Readonly<Record<string, string>> = {
  'This field is required': 'Это поле обязательно',
  'invalid value': 'Недопустимое значение',
  'must be a text': 'Нужен текст',
  'must be a whole number': 'Нужно целое число',
  'must be greater than zero': 'Нужно число больше нуля',
  'year must be a whole number': 'Год — целое число',
  'year must be no later than last year': 'Год — не позже прошлого',
  'amount must be a number such as 100000.50 (digits, one decimal separator)':
    'Сумма — число вида 100000,50 (цифры и один десятичный разделитель)',
  'amount must be a text such as "100000.50", not a number': 'Сумма — число вида 100000,50',
  'amount must be greater than zero': 'Сумма должна быть больше нуля',
  'amount must have at most 2 decimal places': 'В сумме не больше двух знаков после запятой',
  'contract number must be a text': 'Номер договора — текст',
  'contract number must be up to 40 letters, digits or - / . _ №':
    'Номер договора — до 40 букв, цифр или знаков - / . _ №',
  'BIC must be 9 digits': 'БИК — 9 цифр',
  'BIC of a bank in Russia must start with 04': 'БИК российского банка начинается с 04',
  'account must be 20 digits': 'Номер счёта — 20 цифр',
  'correspondent account must be 20 digits': 'Корреспондентский счёт — 20 цифр',
  'correspondent account must start with 30101': 'Корреспондентский счёт начинается с 30101',
  'correspondent account does not match the BIC (control key and last 3 digits)':
    'Корреспондентский счёт не соответствует БИК (контрольный ключ и последние 3 цифры)',
  'account number does not match the BIC control key':
    'Номер счёта не проходит проверку контрольного ключа по БИК',
  'account currency (digits 6–8) does not match the currency':
    'Валюта счёта (цифры 6–8) не совпадает с валютой',
  'ISIN must be a text of 12 characters': 'ISIN — 12 символов',
  'ISIN must be 12 characters: a 2-letter country code, 9 letters or digits and a check digit':
    'ISIN — 12 символов: 2 буквы кода страны, 9 букв или цифр и контрольная цифра',
  'ISIN check digit is wrong': 'Неверная контрольная цифра ISIN',
  'check digit is wrong': 'Неверная контрольная цифра',
  'INN must be 10 or 12 digits': 'ИНН — 10 или 12 цифр',
  'INN of a legal entity must be 10 digits': 'ИНН юридического лица — 10 цифр',
  'INN of an individual must be 12 digits': 'ИНН физического лица — 12 цифр',
  'INN check digits are wrong': 'Неверные контрольные цифры ИНН',
  'KPP must be 9 characters': 'КПП — 9 символов',
  'KPP must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits':
    'КПП — 9 символов: 4 цифры, 2 цифры или заглавные буквы, 3 цифры',
  'OGRN must be 13 digits': 'ОГРН — 13 цифр',
  'OGRNIP must be 15 digits': 'ОГРНИП — 15 цифр',
  'date must be a text in the YYYY-MM-DD format': 'Дата — в формате ДД.ММ.ГГГГ',
  'date must be in the YYYY-MM-DD format': 'Дата — в формате ДД.ММ.ГГГГ',
  'date does not exist in the calendar': 'Такой даты нет в календаре',
  'date of issue must not be in the future': 'Дата выдачи не может быть в будущем',
  'settlement date must not be in the past': 'Дата расчётов не может быть в прошлом',
  'the period must not be in the future': 'Период не может быть в будущем',
  'the period must not end before it starts': 'Период не может заканчиваться раньше, чем начинается',
  'the destination must differ from the source': 'Счёт зачисления должен отличаться от счёта списания',
  'division code must be 6 digits as 000-000': 'Код подразделения — 6 цифр, как 000-000',
  'passport number must be 6 digits': 'Номер паспорта — 6 цифр',
  'passport series must be 4 digits': 'Серия паспорта — 4 цифры',
  'the form must be an object of fields': 'Форма заполнена неверно',
};

export const PATTERNS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [/^must be at most (\d+) characters$/, (m) => `Не длиннее ${m[1] ?? ''} символов`],
  [
    /^amount must have at most (\d+) digits before the decimal point$/,
    (m) => `В сумме не больше ${m[1] ?? ''} цифр до запятой`,
  ],
  [/^choose one of: (.+)$/, (m) => `Выберите один из вариантов: ${m[1] ?? ''}`],
  [/^currency must be one of (.+)$/, (m) => `Валюта — одна из: ${m[1] ?? ''}`],
  [/^year must be (\d+) or later$/, (m) => `Год — не раньше ${m[1] ?? ''}`],
  [
    /^the period must start within the last (\d+) years$/,
    (m) => `Период должен начинаться не раньше чем ${m[1] ?? ''} лет назад`,
  ],
];

/** The Russian for a validation message, or the message itself when it is not known. */
export function validationRu(message: string): string {
  const exact = EXACT[message];
  if (exact !== undefined) return exact;
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return message;
}
