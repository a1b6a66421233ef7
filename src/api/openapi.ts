import { z } from 'zod';
import type { ApiRoute } from './route.js';
import { problemSchema } from './schemas/common.js';
import { SESSION_COOKIE } from './session-cookie.js';

export const API_PREFIX = '/api/v1';

type Json = Record<string, unknown>;

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'the input is not valid (per-field `errors`), or the body is not JSON',
  401: 'no session, or it expired or was revoked',
  403: 'the caller’s role may not do this, or the initial password must be changed first',
  404: 'no such object for the caller (also another client’s, and malformed ids)',
  409: 'not possible in the current state, or changed by someone else at the same time',
  413: 'the body is too large',
  415: 'the body is not application/json',
  422: 'the code is wrong, expired, already used or void',
  429: 'too many attempts; see Retry-After',
};

/** What each tag groups; a tag missing here is listed without one (the OpenAPI lint warns). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Sign in (password, then a confirmation code) and sign out',
  me: 'The signed-in user: profile, password, email, phone, Telegram link, authenticator',
  confirmations: 'Confirming a challenge with the code(s) sent for it, and sending a new code',
  'request-types': 'The request types a client can file, with their forms as JSON Schema',
  requests:
    'Requests: drafts, submission with a signature, review, cancellation, the journal, the print form',
  tasks: 'The staff’s tasks on requests under review',
  notifications: 'The caller’s in-app notifications',
  telegram: 'The e-mailed one-time undo of a Telegram linking',
  verifications:
    'The public check of a printed form: by the PDF’s SHA-256 or the short code under its QR code',
  admin: 'Staff and client accounts, password resets, and the journal’s integrity check',
  exchange:
    'The back-office (FANSY) exchange: exports per request and client, their answers, re-export (docs/0023)',
  onboarding:
    'The public account-opening questionnaire: drafts kept by a secret link, contacts confirmed by code, submission',
  sandbox: 'The built-in Telegram sandbox of the embedded demo: its people, chats and phones (docs/0028)',
};

/**
 * Moves `$defs` into components and points their `$ref`s there; drops `$schema`. A schema registered with an id
 * (`.meta({ id })`) becomes the component of that name and is answered as a `$ref` to it.
 */
class Components {
  readonly schemas: Record<string, Json> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      reused: 'inline',
    }) as Json;
    const { $schema: _dialect, $defs, ...root } = json;
    const defs = isJson($defs) ? ($defs as Record<string, Json>) : {};
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === 'string') {
      // zod answers a root with an id as `{ $ref: '#/$defs/<id>' }`, the schema itself under $defs: take that
      // one (keeping whatever else the root says), never the reference to itself.
      const { $ref, ...rest } = stripId(root);
      const own = $ref === `#/$defs/${id}` ? defs[id] : undefined;
      defs[id] = own ? { ...own, ...rest } : stripId(root);
    }
    for (const [name, def] of Object.entries(defs)) this.add(name, relink(stripId(def)) as Json);
    return typeof id === 'string' ? { $ref: `#/components/schemas/${id}` } : (relink(root) as Json);
  }

  private add(name: string, schema: Json): void {
    if (schema['$ref'] === `#/components/schemas/${name}`)
      throw new Error(`OpenAPI: the component ${name} would be a reference to itself`);
    const known = this.schemas[name];
    if (known && JSON.stringify(known) !== JSON.stringify(schema))
      throw new Error(`OpenAPI: two different schemas are registered as ${name}`);
    this.schemas[name] = schema;
  }
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripId(json: Json): Json {
  const { id: _id, ...rest } = json;
  return rest;
}

function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value as Json)) {
    out[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/$defs/', '#/components/schemas/')
        : relink(inner);
  }
  return out;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', components: Components): Json[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = components.convert(field, 'input');
    const description = typeof json['description'] === 'string' ? json['description'] : undefined;
    return {
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      schema: json,
      ...(description ? { description } : {}),
    };
  });
}

/** The OpenAPI 3.1 document of the routes, generated from the same zod schemas that validate their input. */
export function buildOpenApi(
  routes: readonly ApiRoute[],
  info: { version: string; sessionCookie?: string },
): Json {
  const components = new Components();
  const problemRef = components.convert(problemSchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const statuses = new Set<number>([400, 429, ...route.problems]);
    if (route.access !== 'public') {
      statuses.add(401);
      // 403 for the wrong role, or password_change_required for a session opened with an initial password.
      if (route.access !== 'user' || !route.beforePasswordChange) statuses.add(403);
    }
    if (route.body) {
      statuses.add(413);
      statuses.add(415);
    }
    const responses: Json = {
      [String(route.success.status)]: {
        description: route.success.description,
        ...(route.success.contentType
          ? { content: { [route.success.contentType]: { schema: { type: 'string', format: 'binary' } } } }
          : route.success.schema
            ? {
                content: {
                  'application/json': { schema: components.convert(route.success.schema, 'output') },
                },
              }
            : {}),
      },
    };
    if (route.conditional) responses['304'] = { description: 'not modified: the If-None-Match still holds' };
    for (const status of [...statuses].sort()) {
      responses[String(status)] = {
        description: PROBLEM_STATUSES[status] ?? 'refused',
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    const operation: Json = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(route.access !== 'public' && route.access !== 'user' ? { 'x-access': route.access } : {}),
      parameters: [
        ...parameters(route.params, 'path', components),
        ...parameters(route.query, 'query', components),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: components.convert(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
    const path = `${API_PREFIX}${route.path}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kabinet API',
      version: info.version,
      description:
        'The client cabinet of an investment company. Sign in with POST /auth/login then /auth/login/confirm; ' +
        'send the token as `Authorization: Bearer <token>` (the web uses the HttpOnly cookie). Errors are ' +
        'application/problem+json with a stable `code`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => {
      const description = TAG_DESCRIPTIONS[name];
      return description ? { name, description } : { name };
    }),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token from POST /auth/login/confirm' },
        cookie: { type: 'apiKey', in: 'cookie', name: info.sessionCookie ?? SESSION_COOKIE },
      },
    },
  };
}
