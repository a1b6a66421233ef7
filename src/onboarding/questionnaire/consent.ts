import type { LocalizedText } from '../../workflow/domain/definition.js';

/**
 * The consent to personal-data processing (152-FZ art. 9) the applicant gives with the questionnaire. Its version
 * is stored with every questionnaire: a new wording gets a new version and never changes what was agreed before.
 */
export interface ConsentText {
  version: string;
  /** The wording; `{company}` stands for the company's name, INN and address (consentFor fills it in). */
  text: LocalizedText;
}

/** The consent as the applicant reads and gives it: the company named by its requisites. */
export function consentFor(company: { name: string; inn: string; address: string }): ConsentText {
  const named = `${company.name} (ИНН ${company.inn}, ${company.address})`;
  return {
    version: PERSONAL_DATA_CONSENT.version,
    text: {
      ru: PERSONAL_DATA_CONSENT.text.ru.replace('{company}', named),
      en: PERSONAL_DATA_CONSENT.text.en.replace(
        '{company}',
        `${company.name} (INN ${company.inn}, ${company.address})`,
      ),
    },
  };
}

export const PERSONAL_DATA_CONSENT: ConsentText = {
  version: '2026-12-01',
  text: {
    ru:
      'Я даю согласие {company} на обработку моих персональных данных, указанных в ' +
      'анкете (фамилия, имя, отчество, дата и место рождения, гражданство, данные документа, удостоверяющего ' +
      'личность, адреса, ИНН, СНИЛС, контактные данные, сведения о статусе ПДЛ, налоговом резидентстве и ' +
      'источнике средств), с целью рассмотрения анкеты, идентификации по 115-ФЗ и заключения договоров ' +
      'брокерского, депозитарного обслуживания и доверительного управления: сбор, запись, систематизацию, ' +
      'хранение, уточнение, использование, передачу в налоговые органы и органы финансового мониторинга по ' +
      'закону, блокирование и уничтожение, с использованием средств автоматизации и без них. Согласие действует ' +
      'до достижения цели обработки; если договор не заключён, незавершённая анкета удаляется в срок, ' +
      'указанный на странице, а отправленная — не позднее 30 дней после отказа. Согласие можно отозвать ' +
      'письменным заявлением.',
    en:
      'I consent to {company} processing the personal data given in the questionnaire (full ' +
      'name, date and place of birth, citizenship, identity document, addresses, INN, SNILS, contacts, PEP status, ' +
      'tax residency and source of funds) to consider the questionnaire, identify me under 115-FZ and conclude ' +
      'brokerage, depositary and trust management contracts: collection, recording, organisation, storage, ' +
      'correction, use, disclosure to tax and financial-monitoring authorities as the law requires, blocking and ' +
      'destruction, by automated means and without them. The consent lasts until the purpose is reached; an ' +
      'unfinished questionnaire is deleted after the period shown on the page, a submitted one no later than 30 ' +
      'days after a refusal. The consent may be withdrawn by a written statement.',
  },
};
