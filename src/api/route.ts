import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import { z } from 'zod';
import { AppError, DomainError } from '../errors.js';
import type { SessionService } from '../identity/session.service.js';
import type { FieldErrors } from '../workflow/domain/errors.js';
import { TASK_ROLES } from '../workflow/domain/roles.js';
import { nulFieldErrors } from './nul.js';
import { readSessionCookie } from './session-cookie.js';
import type { ApiContext, ApiState, Authenticated, CallOrigin } from './state.js';

/** Who may call an endpoint. Object-level checks (whose request, which task) happen in the services. */
export type Access =
  | 'public'
  | 'user'
  | 'client'
  | 'staff'
  | 'task_staff'
  | 'client_manager'
  | 'admin'
  /** The back-office exchange: administrators and the back office. */
  | 'exchange';

export { SESSION_COOKIE, SECURE_SESSION_COOKIE } from './session-cookie.js';

export interface Call<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  auth: Authenticated | null;
  origin: CallOrigin;
  ctx: ApiContext;
  /** The signed-in caller; every non-public endpoint has one (the access check ran first). */
  me(): Authenticated;
}

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI style, relative to /api/v1: `/requests/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /**
   * Open to a session whose user still has an initial password (set by an administrator or the CLI): only
   * reading oneself, changing the password and signing out are; everything else is 403 password_change_required.
   */
  beforePasswordChange?: boolean;
  /**
   * Open to a staff member whose administrator requires an authenticator not yet enrolled: the enrolment itself,
   * besides everything `beforePasswordChange` opens; everything else is 403 authenticator_required.
   */
  beforeAuthenticator?: boolean;
  /**
   * The call cannot change its caller's account or sessions (a workflow command, a draft): this process keeps
   * serving the caller's cached session after it. Unset, any call but a GET makes this process forget the caller's
   * cached sessions, so the caller's next call reads its own change (other processes learn it from NOTIFY).
   */
  accountUnchanged?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** `contentType`: a file (e.g. `application/pdf`), the handler's Buffer sent as it is. */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /**
   * GET answers carry an ETag of their body and answer 304 to a matching If-None-Match: pollers (the web's unread
   * counter) pay for a change only.
   */
  conditional?: boolean;
  /** The problem statuses the endpoint answers with besides 400/401/403/429 (documentation and the sweep). */
  problems?: readonly number[];
  handler(call: Call<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** A route with its types erased, as the router and the OpenAPI generator see it. */
export interface ApiRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string | undefined;
  access: Access;
  beforePasswordChange: boolean;
  beforeAuthenticator: boolean;
  accountUnchanged: boolean;
  params: z.ZodType | undefined;
  query: z.ZodType | undefined;
  body: z.ZodType | undefined;
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  conditional: boolean;
  problems: readonly number[];
  handler(call: Call<unknown, unknown, unknown>): Promise<unknown>;
}

/** The schema of an input an endpoint does not take. */
export type Empty = z.ZodObject<Record<string, never>>;

export function defineRoute<
  P extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  B extends z.ZodType = Empty,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    tag: spec.tag,
    summary: spec.summary,
    description: spec.description,
    access: spec.access,
    beforePasswordChange: spec.beforePasswordChange ?? false,
    beforeAuthenticator: spec.beforeAuthenticator ?? false,
    accountUnchanged: spec.accountUnchanged ?? false,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    success: spec.success,
    conditional: spec.conditional ?? false,
    problems: spec.problems ?? [],
    // Sound: `mount` parsed params, query and body with these very schemas before calling.
    handler: (call) => spec.handler(call as Call<z.output<P>, z.output<Q>, z.output<B>>),
  };
}

/** Field errors keyed by dotted path (`user.email`), `_form` for the input as a whole. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_form';
    const list = (errors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return errors;
}

function parse(schema: z.ZodType | undefined, input: unknown, what: 'body' | 'query'): unknown {
  if (!schema) return {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError('validation_failed', `the ${what} has errors`, {
    fieldErrors: fieldErrorsOf(result.error),
  });
}

function bearerToken(ctx: ApiContext): string | null {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(ctx.get('authorization'));
  return match?.[1] ?? null;
}

function hasAccess(access: Access, auth: Authenticated): boolean {
  const roles = auth.user.roles;
  switch (access) {
    case 'public':
    case 'user':
      return true;
    case 'client':
      return roles.includes('client') && auth.user.clientId !== null;
    case 'staff':
      return auth.user.kind === 'staff';
    case 'task_staff':
      return TASK_ROLES.some((role) => roles.includes(role));
    case 'client_manager':
      return roles.includes('client_manager');
    case 'admin':
      return roles.includes('admin');
    case 'exchange':
      return roles.includes('admin') || roles.includes('back_office');
    default: {
      const exhaustive: never = access;
      return exhaustive;
    }
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A cookie-authenticated change must come from the cabinet itself: a browser's `Origin` naming another site is
 * refused (SameSite=Lax already keeps the cookie off cross-site POSTs; this is the second lock).
 */
/** The header the web cabinet sends on every call: a page of another site can neither set it nor have it preflighted. */
export const CLIENT_HEADER = 'x-kabinet-client';

/**
 * CSRF defence for changes authenticated by the session cookie (bearer tokens are not sent by browsers on their
 * own): the Origin, when sent, must be the API's own or an allowed one, and the cabinet's custom header must be
 * there. Either refusal is 403 `cross_site_request` and changes nothing.
 */
function checkSameSite(ctx: ApiContext, allowed: readonly string[]): void {
  if (!UNSAFE.has(ctx.method)) return;
  const origin = ctx.get('origin');
  // Koa 3's ctx.origin echoes the Origin header; the API's own origin is protocol and host.
  const own = `${ctx.protocol}://${ctx.host}`;
  if (origin !== '' && origin !== own && !allowed.includes(origin))
    throw new AppError('cross_site_request', 'cross-site requests are not accepted');
  if (ctx.get(CLIENT_HEADER) === '')
    throw new AppError(
      'cross_site_request',
      `a change authenticated by the session cookie needs the ${CLIENT_HEADER} header (the web cabinet sends it)`,
    );
}

export interface MountOptions {
  sessions: SessionService;
  /** Origins besides the API's own that may send cookie-authenticated changes (the PUBLIC_URL). */
  allowedOrigins: readonly string[];
  /** COOKIE_SECURE: the session cookie is `__Host-kabinet_session` and Secure. */
  cookieSecure: boolean;
}

/** Registers routes: authentication, access, validation (params → 404, query and body → 400), then the handler. */
export function mount(router: Router<ApiState>, routes: readonly ApiRoute[], options: MountOptions): void {
  for (const route of routes) {
    const koaPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    router[route.method](koaPath, async (ctx: ApiContext) => {
      const bearer = bearerToken(ctx);
      const cookie = bearer === null ? readSessionCookie(ctx, options.cookieSecure) : null;
      const token = bearer ?? cookie;
      const auth = token === null ? null : await options.sessions.authenticate(token);
      if (route.access !== 'public') {
        if (!auth)
          throw new AppError('unauthorized', 'sign in first: the session is missing, expired or revoked');
        if (!hasAccess(route.access, auth))
          throw new DomainError('forbidden', 'this endpoint is not for your role');
        if (auth.user.passwordChangeRequired && !route.beforePasswordChange)
          throw new AppError(
            'password_change_required',
            'set a new password first (POST /api/v1/me/password): the initial one only opens that',
          );
        if (auth.user.authenticatorRequired && !route.beforePasswordChange && !route.beforeAuthenticator)
          throw new AppError(
            'authenticator_required',
            'set up the authenticator app first (POST /api/v1/me/totp): your administrator requires it',
          );
      }
      if (auth && cookie !== null) checkSameSite(ctx, options.allowedOrigins);

      // PostgreSQL refuses U+0000 in text and jsonb: such input is a 400 here, never a 500 there.
      const nul = nulFieldErrors(ctx.params, nulFieldErrors(ctx.query, nulFieldErrors(ctx.request.body)));
      if (Object.keys(nul).length > 0)
        throw new DomainError('validation_failed', 'the input has errors', { fieldErrors: nul });

      // A malformed id names nothing: 404, like an id that exists for someone else.
      const params = route.params ? route.params.safeParse(ctx.params) : { success: true as const, data: {} };
      if (!params.success) throw new DomainError('not_found', 'not found');
      const query = parse(route.query, ctx.query, 'query');
      const body = route.body ? parse(route.body, ctx.request.body ?? {}, 'body') : {};

      const origin: CallOrigin = {
        ip: ctx.ip || null,
        userAgent: ctx.get('user-agent').slice(0, 500) || null,
        channel: cookie !== null && auth ? 'web' : 'api',
      };
      const call = route.handler({
        params: params.data,
        query,
        body,
        auth,
        origin,
        ctx,
        me() {
          if (!auth) throw new AppError('unauthorized', 'sign in first');
          return auth;
        },
      });
      // A change may have been to the caller's own account (an authenticator enrolled, a password set): this
      // process forgets the caller's cached sessions before answering, so the caller's next call reads its own
      // write; other processes learn it from the database's NOTIFY (docs/0029).
      const result =
        route.method === 'get' || !auth || route.accountUnchanged
          ? await call
          : await call.finally(() => options.sessions.forgetUser(auth.user.id));
      ctx.status = route.success.status;
      if (route.success.contentType) ctx.type = route.success.contentType;
      if (route.conditional && route.method === 'get') {
        const body = JSON.stringify(result);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        ctx.set('ETag', etag);
        if (ctx.get('if-none-match') === etag) {
          ctx.status = 304;
          return;
        }
        // The JSON already made for the tag is the body (not made a second time).
        ctx.type = 'json';
        ctx.body = body;
        return;
      }
      if (route.success.status !== 204) ctx.body = result;
    });
  }
}
