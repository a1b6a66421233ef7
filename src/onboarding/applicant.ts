import type { ApplicantKind } from './questionnaire/questionnaire.js';

/** What the desk and the import read from a questionnaire's answers (pure). */

const text = (answers: Record<string, unknown>, name: string): string | null => {
  const value = answers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** The person's full name: last, first, patronymic. */
export function personName(answers: Record<string, unknown>): string {
  return [text(answers, 'lastName'), text(answers, 'firstName'), text(answers, 'middleName')]
    .filter((part): part is string => part !== null)
    .join(' ');
}

/** The client's name as the contract names it: the person, «ИП …», or the company's full name. */
export function applicantName(kind: ApplicantKind, answers: Record<string, unknown>): string {
  if (kind === 'legal_entity') return text(answers, 'companyName') ?? '';
  const person = personName(answers);
  return kind === 'sole_proprietor' ? `ИП ${person}` : person;
}

/** The INN given (the company's for a legal entity), or null. */
export function applicantInn(kind: ApplicantKind, answers: Record<string, unknown>): string | null {
  return text(answers, kind === 'legal_entity' ? 'companyInn' : 'inn');
}

/** The identity document's number (series and number run together), or null (a company has none). */
export function applicantDocument(answers: Record<string, unknown>): string | null {
  const series = text(answers, 'passportSeries');
  const number = text(answers, 'passportNumber');
  if (series && number) return `${series}${number}`;
  return text(answers, 'foreignDocumentNumber');
}

/** Who will sign in for the client: the person, or the company's representative (the director by default). */
export function firstUserName(kind: ApplicantKind, answers: Record<string, unknown>): string {
  if (kind !== 'legal_entity') return personName(answers);
  return text(answers, 'representativeName') ?? text(answers, 'directorName') ?? '';
}

/** The registered address (the client's postal address of record). */
export function applicantAddress(kind: ApplicantKind, answers: Record<string, unknown>): string | null {
  return text(answers, kind === 'legal_entity' ? 'legalAddress' : 'registrationAddress');
}
