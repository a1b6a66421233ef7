import type { FieldDef, Payload, RequestTypeDefinition } from '../../../workflow/domain/definition.js';
import { applicableFields, FORM_ERROR_KEY, parseField, parsePayload } from '../../../workflow/domain/form.js';
import type { FieldIssue, FieldIssues } from '../../../workflow/domain/validation/issues.js';

/*
 * The new-request dialogue as a pure state machine over a type's form definition: which question comes next,
 * what an answer does, where "back" goes, when the summary is reached. The bot feature stores the state (plain
 * JSON: type, answers, the questions asked) and renders it; nothing here talks to Telegram or the database.
 */

/** Asking one question. `asked` holds the questions answered so far, in order (for "back"). */
export interface FormAsking {
  kind: 'form';
  type: string;
  version: number;
  answers: Payload;
  asked: string[];
  current: string;
  /** Asked again because the whole form did not pass: after it, straight on to the summary. */
  fixing?: boolean;
  /** The draft (or returned request) being edited, when the form was opened from one. */
  draftId?: string;
}

/** Every question answered and the whole form valid: Submit / Save draft / Cancel. */
export interface FormSummary {
  kind: 'summary';
  type: string;
  version: number;
  answers: Payload;
  asked: string[];
  draftId?: string;
}

export type FormState = FormAsking | FormSummary;

export type AnswerOutcome =
  { ok: true; state: FormState; errors?: FieldIssues } | { ok: false; issue: FieldIssue };

interface FormContext {
  today: string;
}

/** The first question of a new form, or the summary when a draft's answers are already complete. */
export function startForm(
  definition: RequestTypeDefinition,
  context: FormContext,
  from: { answers?: Payload; draftId?: string } = {},
): { state: FormState; errors?: FieldIssues } {
  const answers = { ...(from.answers ?? {}) };
  const base = {
    type: definition.code,
    version: definition.version,
    answers,
    ...(from.draftId === undefined ? {} : { draftId: from.draftId }),
  };
  if (from.answers !== undefined) {
    const asked = applicableFields(definition, answers).map((f) => f.name);
    return advance(definition, { ...base, asked }, context);
  }
  const first = definition.fields.find((f) => f.when?.(answers) ?? true);
  if (!first) throw new Error(`request type ${definition.code} has no fields`);
  return { state: { ...base, kind: 'form', asked: [], current: first.name } };
}

/** The field being asked, or undefined when the state is stale (the definition no longer has it). */
export function currentField(definition: RequestTypeDefinition, state: FormAsking): FieldDef | undefined {
  return definition.fields.find((f) => f.name === state.current);
}

/** Applies a typed or chosen answer to the current question. An invalid answer leaves the state as it was. */
export function answerCurrent(
  definition: RequestTypeDefinition,
  state: FormAsking,
  text: string,
  context: FormContext,
): AnswerOutcome {
  const field = currentField(definition, state);
  if (!field) return { ok: false, issue: { code: 'invalid_value' } };
  const parsed = parseField(field, text);
  if (!parsed.ok) return { ok: false, issue: parsed.issue };
  const answers = withoutKey(state.answers, field.name);
  if (parsed.value !== undefined) answers[field.name] = parsed.value;
  const asked = state.asked.includes(field.name) ? state.asked : [...state.asked, field.name];
  return { ok: true, ...advance(definition, { ...progressOf(state), answers, asked }, context) };
}

/**
 * One step back: from a question to the previous answered one (its answer dropped, asked again); from the
 * summary to the last question. Undefined when there is nothing before (the caller goes back to type choice).
 */
export function stepBack(definition: RequestTypeDefinition, state: FormState): FormState | undefined {
  const previous = state.asked.at(-1);
  if (previous === undefined || !definition.fields.some((f) => f.name === previous)) return undefined;
  const answers = withoutKey(state.answers, previous);
  return { ...progressOf(state), answers, asked: state.asked.slice(0, -1), kind: 'form', current: previous };
}

function withoutKey(answers: Payload, key: string): Payload {
  return Object.fromEntries(Object.entries(answers).filter(([name]) => name !== key));
}

/** What a dialogue has gathered, whatever step it is on. */
type Progress = Pick<FormAsking, 'type' | 'version' | 'answers' | 'asked' | 'draftId'>;

function progressOf(state: FormState): Progress {
  return {
    type: state.type,
    version: state.version,
    answers: state.answers,
    asked: state.asked,
    ...(state.draftId === undefined ? {} : { draftId: state.draftId }),
  };
}

/**
 * Moves on after an answer: the next unasked applicable question, or — when none is left — the summary, if
 * the whole form passes (cross-field rules, dates against today). When it does not, the first field with an
 * error is asked again (with `errors` for the issues) and the dialogue returns to the summary after it.
 */
function advance(
  definition: RequestTypeDefinition,
  state: FormState | Progress,
  context: FormContext,
): { state: FormState; errors?: FieldIssues } {
  const applicable = applicableFields(definition, state.answers);
  const asked = state.asked.filter((name) => applicable.some((f) => f.name === name));
  const base: Progress = { ...progressOf({ ...state, kind: 'summary' }), asked };
  const next = applicable.find((f) => !asked.includes(f.name));
  if (next) return { state: { ...base, kind: 'form', current: next.name } };
  const parsed = parsePayload(definition, state.answers, context);
  if (parsed.ok) return { state: { ...base, kind: 'summary' } };
  // The first field with an error is asked again; with only form-level errors, the last question.
  const wrong = applicable.find((f) => parsed.issues[f.name] !== undefined) ?? applicable.at(-1);
  if (!wrong) throw new Error(`request type ${definition.code} has no fields`);
  return {
    state: { ...base, kind: 'form', current: wrong.name, fixing: true },
    errors: parsed.issues,
  };
}

/** The issues of one field out of a form's issues (form-level ones included). */
export function issuesFor(errors: FieldIssues | undefined, field: string): FieldIssue[] {
  if (!errors) return [];
  return [...(errors[field] ?? []), ...(errors[FORM_ERROR_KEY] ?? [])];
}
