import { describe, expect, it } from '@jest/globals';
import { describeError, loggableError } from '../../../src/error-log.js';
import { createLogger } from '../../../src/logger.js';
import { captureLog } from '../../support/log-capture.js';

const MARKER = 'secret-marker@client.example';

/** What a pg / MikroORM error carries besides its message. */
function databaseError(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'UniqueConstraintViolationException',
    code: '23505',
    severity: 'ERROR',
    table: 'users',
    constraint: 'users_email_unique',
    detail: `Key (email)=(${MARKER}) already exists.`,
    where: `JSON data, line 1: {"email":"${MARKER}`,
    query: `insert into "users" ("email") values ('${MARKER}')`,
    sql: `insert into "users" ("email") values ($1)`,
    params: [MARKER],
    parameters: [MARKER],
    internalQuery: `select '${MARKER}'`,
  });
}

describe('error logging', () => {
  it('logs a database error without its statement, parameters, DETAIL, WHERE or quoted values', () => {
    const { lines, stream } = captureLog();
    const logger = createLogger('info', stream);
    const error = databaseError(
      `insert into "users" ("email") values ('${MARKER}') - duplicate key value violates unique constraint "users_email_unique"\n - detail: Key (email)=(${MARKER}) already exists.`,
    );
    logger.error({ err: error, requestId: 'r-1' }, 'unhandled error');
    logger.error(error, 'thrown as the first argument');
    logger.error({ error }, 'under another key');
    const text = lines.join('');
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('insert into');
    expect(text).toContain('users_email_unique');
    expect(text).toContain('23505');
    expect(text).toContain('UniqueConstraintViolationException');
  });

  it('masks quoted input in a database message but keeps the schema names the error gives', () => {
    const error = Object.assign(new Error(`invalid input syntax for type uuid: "${MARKER}"`), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
    });
    const logged = loggableError(error);
    expect(JSON.stringify(logged)).not.toContain(MARKER);
    expect(logged).toMatchObject({ sqlState: '22P02', routine: 'string_to_uuid' });
  });

  it('keeps ordinary errors readable and follows causes', () => {
    const error = new Error('the queue is closed', { cause: databaseError('boom') });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'Error', message: 'the queue is closed' });
    expect(JSON.stringify(logged)).not.toContain(MARKER);
    expect(loggableError(new Error('update failed: "sms" channel is down'))).toMatchObject({
      message: 'update failed: "sms" channel is down',
    });
  });

  it('describes an error in one line for last_error without values', () => {
    const text = describeError(
      databaseError(
        `update "users" set "email" = '${MARKER}' - value too long for type character varying(20)`,
      ),
    );
    expect(text).toBe(
      'UniqueConstraintViolationException: [statement redacted] - value too long for type character varying(20)',
    );
  });
});
