import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { AppError } from '../../errors.js';
import type { ApiState } from '../state.js';

/** The largest JSON body accepted; larger ones are 413. Forms are small: 64 KiB is generous. */
export const BODY_LIMIT = '64kb';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A body is JSON or nothing: other content types are 415 before anything is parsed. */
export function jsonOnly(): Middleware<ApiState> {
  return async (ctx, next) => {
    const hasBody = Number(ctx.get('content-length') || '0') > 0 || ctx.get('transfer-encoding') !== '';
    if (WITH_BODY.has(ctx.method) && hasBody && !ctx.is('application/json', 'application/*+json')) {
      throw new AppError('unsupported_media_type', 'send the body as application/json');
    }
    await next();
  };
}

export function jsonBody(): Middleware<ApiState> {
  return bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, jsonStrict: true, encoding: 'utf-8' });
}
