/**
 * What of an error may reach a log: its kind, code and stack, never the values it carries. Database errors are
 * the dangerous ones: the driver hangs the statement and its parameters on the error (`query`, `params`, `sql`,
 * `parameters`, `internalQuery`), PostgreSQL's DETAIL and WHERE quote the row or the JSON that failed
 * (`Failing row contains (…)`, `Key (email)=(…)`), and its messages quote bad input (`invalid input syntax for
 * type uuid: "…"`). So a logged error keeps an allow-list of fields, and its message and stack lose statements,
 * details and quoted values. Used by the logger's `err` serializer and by the places that describe an error as
 * text (the relay's `last_error`, the bots' error fields).
 */

/** Fields of a PostgreSQL error that name the schema, not the data. */
const SCHEMA_FIELDS = ['severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

/** The start of an SQL statement (not just an English sentence that begins with "update" or "select"). */
const STATEMENT =
  /^\s*(select\b[\s\S]*?\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|with\s+\S+\s+as\b|(alter|create|drop)\s+(table|index|unique|type|view)\b|truncate\b|copy\s+\S+\s+(from|to)\b)/i;
const MAX_DEPTH = 3;

export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  /** PostgreSQL's SQLSTATE (`23505` unique violation, `22P02` bad input syntax, …). */
  sqlState?: string;
  errorCode?: string | number;
  status?: number;
  cause?: LoggedError | string;
  [schemaField: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A PostgreSQL error (raw from pg, or converted by MikroORM): a five-character SQLSTATE and a severity. */
function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  const code = fields['code'] ?? fields['sqlState'];
  return (
    (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in fields) ||
    'query' in fields ||
    'sql' in fields ||
    'params' in fields ||
    'parameters' in fields
  );
}

/**
 * An error message without what could carry data: the SQL statement MikroORM may put in front (`<sql> - <msg>`),
 * the ` - detail: …` it may append, PostgreSQL's `Key (…)=(…)` and `Failing row contains (…)`; in a database
 * error also every quoted value except the schema names the error itself gives.
 */
export function scrubErrorMessage(message: string, keep: readonly string[] = [], quoted = false): string {
  let text = message;
  const detailAt = text.search(/\s-\s(detail|hint|where):/i);
  if (detailAt >= 0) text = text.slice(0, detailAt);
  if (STATEMENT.test(text)) {
    const cut = text.lastIndexOf(' - ');
    text = cut >= 0 ? `[statement redacted] - ${text.slice(cut + 3)}` : '[statement redacted]';
  }
  text = text
    .replace(/Key \(([^)]*)\)=\([\s\S]*?\)(?= already exists| is not present|$)/g, 'Key ($1)=([redacted])')
    .replace(/Failing row contains \([\s\S]*\)/g, 'Failing row contains ([redacted])');
  if (quoted) {
    text = text.replace(/"([^"]*)"|'([^']*)'/g, (whole, dq: string | undefined, sq: string | undefined) => {
      const inner = dq ?? sq ?? '';
      return keep.includes(inner) ? whole : '"[redacted]"';
    });
  }
  return text.trim();
}

/** The stack with its header (the message, possibly several lines) replaced by the scrubbed one. */
function scrubStack(stack: string, header: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at\s/.test(line) || line.trim() === '');
  return [header, ...frames].join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The loggable form of anything thrown: an allow-list of an error's fields, values removed. */
export function loggableError(error: unknown, depth = 0): LoggedError | string {
  if (typeof error === 'string') return scrubErrorMessage(error);
  if (!(error instanceof Error)) {
    if (isRecord(error) && typeof error['message'] === 'string') {
      return { type: 'Object', message: scrubErrorMessage(error['message'], [], true) };
    }
    return { type: typeof error, message: '[non-error value]' };
  }
  const fields = error as unknown as Record<string, unknown>;
  const database = isDatabaseError(error);
  const schema: Record<string, string> = {};
  if (database) {
    for (const key of SCHEMA_FIELDS) {
      const value = fields[key];
      if (typeof value === 'string' && value !== '') schema[key] = value;
    }
  }
  const message = scrubErrorMessage(error.message, Object.values(schema), database);
  const logged: LoggedError = { type: error.name, message, ...schema };
  // Not `code`: the logger redacts every `code` key (confirmation codes).
  const code = fields['code'] ?? fields['sqlState'];
  if (typeof code === 'string' || typeof code === 'number') {
    if (database) logged.sqlState = String(code);
    else logged.errorCode = code;
  }
  const status = fields['status'] ?? fields['statusCode'];
  if (typeof status === 'number') logged.status = status;
  if (typeof error.stack === 'string') logged.stack = scrubStack(error.stack, `${error.name}: ${message}`);
  if (error.cause !== undefined && depth < MAX_DEPTH) logged.cause = loggableError(error.cause, depth + 1);
  return logged;
}

/** One line for a stored or logged failure reason: `Name: message`, values removed, at most 300 characters. */
export function describeError(error: unknown): string {
  const logged = loggableError(error);
  const text = typeof logged === 'string' ? logged : `${logged.type}: ${logged.message}`;
  return text.slice(0, 300);
}
