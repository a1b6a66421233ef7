import type { ParameterizedContext } from 'koa';
import type { Authenticated } from '../identity/session.service.js';

/** What the middlewares leave on `ctx.state` for the routes. */
export interface ApiState {
  requestId: string;
}

export type ApiContext = ParameterizedContext<ApiState>;

/** Where a call came from: evidence for signatures and sessions, and the key of per-IP limits. */
export interface CallOrigin {
  ip: string | null;
  userAgent: string | null;
  /** `web` when authenticated by the session cookie, `api` otherwise (Bearer or no session). */
  channel: 'web' | 'api';
}

export type { Authenticated };
