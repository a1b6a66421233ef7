import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types';

/** An API answer that is not 2xx: the status, the problem's stable code, and Retry-After in seconds if sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly retryAfterSeconds: number | null,
    /** The problem document as sent (per-field `errors`, a signing code's `refusal`, …). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(`API ${status}${code ? ` ${code}` : ''}`);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any call answers 401 (the session expired or was revoked); returns the unsubscribe. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

let apiLocale = 'ru';

/** The language the API words its answers in (problem+json `errors`): the cabinet's chosen one. */
export function setApiLocale(locale: string): void {
  apiLocale = locale;
}

const sayLanguage: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLocale);
    return request;
  },
};

/**
 * Inside Telegram's web client the cabinet is a third-party frame, where browsers drop cookies: the session the
 * Mini App exchange answered is then sent as a bearer token, held in memory only (docs/0026).
 */
let bearer: string | null = null;
export function setBearerSession(token: string | null): void {
  bearer = token;
}

const sendBearer: Middleware = {
  onRequest({ request }) {
    if (bearer) request.headers.set('Authorization', `Bearer ${bearer}`);
    return request;
  },
};

const notifyUnauthorized: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
  },
};

/**
 * The typed client of the REST API (types generated from /api/openapi.json, docs/0018). Same-origin cookie session;
 * every call says it comes from the web cabinet.
 */
export const api = createClient<paths>({
  baseUrl: '/',
  credentials: 'same-origin',
  headers: { 'X-Kabinet-Client': 'web' },
});
api.use(sayLanguage, sendBearer, notifyUnauthorized);

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The data of an openapi-fetch answer, or an ApiError carrying the problem's code and Retry-After. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' && result.error !== null ? result.error : {}) as Record<
    string,
    unknown
  >;
  throw new ApiError(
    result.response.status,
    typeof problem['code'] === 'string' ? problem['code'] : undefined,
    retryAfterSeconds(result.response.headers.get('Retry-After')),
    problem,
  );
}
