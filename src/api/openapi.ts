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

/** Moves `$defs` into components and points their `$ref`s there; drops `$schema`. */
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
    if ($defs && typeof $defs === 'object') {
      for (const [name, def] of Object.entries($defs as Record<string, Json>))
        this.schemas[name] = relink(def) as Json;
    }
    const id = z.globalRegistry.get(schema)?.id;
    const body = relink(stripId(root)) as Json;
    if (typeof id === 'string') {
      this.schemas[id] = body;
      return { $ref: `#/components/schemas/${id}` };
    }
    return body;
  }
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
        ...(route.success.schema
          ? {
              content: { 'application/json': { schema: components.convert(route.success.schema, 'output') } },
            }
          : {}),
      },
    };
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
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
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
