import type { Answers } from './api';

/** What the page needs of a field to turn inputs into answers. */
export interface AnswerField {
  name: string;
  kind: string;
}

/** The inputs as typed: text, and 'true' / 'false' for boxes. */
export type Inputs = Record<string, string>;

/** Stored answers → inputs (boxes as 'true'/'false'). */
export function inputsFromAnswers(answers: Record<string, unknown>): Inputs {
  const inputs: Inputs = {};
  for (const [name, value] of Object.entries(answers)) {
    if (typeof value === 'boolean') inputs[name] = value ? 'true' : 'false';
    else if (typeof value === 'string') inputs[name] = value;
  }
  return inputs;
}

/** Inputs → the answers the API keeps: boxes as booleans, empty text left out, text trimmed at the ends. */
export function answersFromInputs(fields: readonly AnswerField[], inputs: Inputs): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    const raw = inputs[field.name];
    if (raw === undefined) continue;
    if (field.kind === 'checkbox') {
      answers[field.name] = raw === 'true';
      continue;
    }
    const text = raw.trim();
    if (text !== '') answers[field.name] = text;
  }
  return answers;
}

/** The step's fields that have something to fix, in the step's order. */
export function stepErrors(
  stepFields: readonly string[],
  applicable: ReadonlySet<string>,
  errors: Record<string, string[]>,
): string[] {
  return stepFields.filter((name) => applicable.has(name) && (errors[name]?.length ?? 0) > 0);
}
