import { pino, type Logger } from 'pino';
import { loggableError } from './error-log.js';

/**
 * Paths pino blanks out wherever they appear: secrets (tokens, codes, passwords) and personal data
 * (phones, emails, names, documents, accounts, payloads). Logs carry ids, never these.
 */
export const REDACT_PATHS = [
  'password',
  'passwordHash',
  'token',
  'code',
  'secret',
  'authorization',
  'cookie',
  'phone',
  'email',
  'fullName',
  'name',
  'inn',
  'payload',
  'account',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.code',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.phone',
  '*.email',
  '*.fullName',
  '*.inn',
  '*.payload',
  '*.account',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * Errors are logged through an allow-list (src/error-log.ts): a database error's statement, parameters, DETAIL
 * and quoted values never reach the log, whatever key name they hide under.
 */
const SERIALIZERS = { err: loggableError, error: loggableError };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: SERIALIZERS,
    base: { service: 'kabinet' },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export type { Logger };
