import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createApiFixture, type ApiFixture, type HttpAnswer } from '../../support/api.js';

/*
 * A sweep over every endpoint of the OpenAPI document with malformed input: wrong types, missing fields, huge
 * strings, bad ids, broken JSON, other content types. Every answer must be a 4xx problem+json, never a 500.
 */

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  access: string;
  body: Json | null;
  query: string[];
}

let f: ApiFixture;
const operations: Operation[] = [];
const tokens: Record<string, string> = {};
const failures: string[] = [];

function resolve(doc: Json, schema: Json): Json {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return ((doc['components'] as Json)['schemas'] as Record<string, Json>)[name] ?? {};
}

beforeAll(async () => {
  f = await createApiFixture();
  tokens['client'] = await f.login('client@demo.local');
  tokens['manager'] = await f.login('manager@demo.local');
  tokens['admin'] = await f.login('admin@demo.local');
  const doc = (await f.call('GET', '/api/openapi.json')).body;
  for (const [path, methods] of Object.entries(doc['paths'] as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const requestBody = op['requestBody'] as Json | undefined;
      const content = requestBody
        ? ((requestBody['content'] as Json)['application/json'] as Json)
        : undefined;
      const security = op['security'] as unknown[] | undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        access: security && security.length === 0 ? 'public' : String(op['x-access'] ?? 'user'),
        body: content ? resolve(doc, content['schema'] as Json) : null,
        query: ((op['parameters'] as Json[]) ?? [])
          .filter((p) => p['in'] === 'query')
          .map((p) => String(p['name'])),
      });
    }
  }
});
afterAll(async () => {
  await f.close();
});

function tokenFor(access: string): string | undefined {
  switch (access) {
    case 'public':
      return undefined;
    case 'admin':
    case 'exchange':
      return tokens['admin'];
    case 'staff':
    case 'task_staff':
    case 'client_manager':
      return tokens['manager'];
    default:
      return tokens['client'];
  }
}

function fill(path: string, id: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
}

function wrongTypeFor(schema: Json | undefined): unknown {
  switch (schema?.['type']) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'many';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-a-list';
    case 'object':
      return 7;
    default:
      return { nested: [{ deeper: true }] };
  }
}

async function probe(label: string, op: Operation, answer: HttpAnswer): Promise<void> {
  const problem = /^application\/problem\+json/.test(answer.headers.get('content-type') ?? '');
  if (answer.status < 400 || answer.status >= 500 || !problem) {
    failures.push(`${op.method} ${op.path} [${label}] → ${answer.status} ${answer.text.slice(0, 200)}`);
  }
}

describe('malformed input on every endpoint', () => {
  beforeEach(() => {
    failures.length = 0;
  });

  it('covers the whole API', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
  });

  it('answers bad ids with 404 problems', async () => {
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      for (const id of [
        'not-a-uuid',
        '12345',
        'x'.repeat(3000),
        "1' or '1'='1",
        '00000000-0000-0000-0000-00000000000g',
      ]) {
        const token = tokenFor(op.access);
        const body = op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} };
        const answer = await f.call(op.method, fill(op.path, id), { ...(token ? { token } : {}), ...body });
        await probe(`id ${id.slice(0, 20)}`, op, answer);
        if (answer.status !== 404) {
          failures.push(`${op.method} ${op.path} [id ${id.slice(0, 20)}] → ${answer.status}, expected 404`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers wrong bodies with 4xx problems (400 with field messages for validation)', async () => {
    for (const op of operations.filter((o) => o.body !== null)) {
      const token = tokenFor(op.access);
      const auth = token ? { token } : {};
      const path = fill(op.path, randomUUID());
      const properties = (op.body?.['properties'] ?? {}) as Record<string, Json>;
      const variants: [string, { body?: unknown; raw?: string; headers?: Record<string, string> }][] = [
        ['empty object', { body: {} }],
        ['array', { body: [] }],
        ['array of junk', { body: [1, 'two', null] }],
        ['broken JSON', { raw: '{"login": ', headers: { 'content-type': 'application/json' } }],
        ['JSON null', { raw: 'null', headers: { 'content-type': 'application/json' } }],
        ['a JSON string', { raw: '"text"', headers: { 'content-type': 'application/json' } }],
        ['text/plain', { raw: 'hello', headers: { 'content-type': 'text/plain' } }],
        [
          'form encoded',
          { raw: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        ],
        [
          'huge body',
          {
            raw: JSON.stringify({ x: 'y'.repeat(200_000) }),
            headers: { 'content-type': 'application/json' },
          },
        ],
        [
          'deep nesting',
          { raw: '['.repeat(5000) + ']'.repeat(5000), headers: { 'content-type': 'application/json' } },
        ],
        [
          'prototype pollution',
          {
            raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}',
            headers: { 'content-type': 'application/json' },
          },
        ],
      ];
      for (const [name, schema] of Object.entries(properties)) {
        variants.push([`${name}: wrong type`, { body: { [name]: wrongTypeFor(schema) } }]);
        variants.push([`${name}: huge string`, { body: { [name]: 'ж'.repeat(20_000) } }]);
        variants.push([`${name}: null`, { body: { [name]: null } }]);
      }
      for (const [label, variant] of variants) {
        const answer = await f.call(op.method, path, { ...auth, ...variant });
        await probe(label, op, answer);
        if (label.endsWith('huge string') && answer.status === 400) {
          const errors = answer.body['errors'];
          if (typeof errors !== 'object' || errors === null)
            failures.push(`${op.method} ${op.path} [${label}] → 400 without field errors`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers huge or wrongly typed form fields of every request type with 400 problems', async () => {
    const types = await f.call('GET', '/api/v1/request-types', { token: tokens['client'] });
    for (const type of types.body['items'] as { code: string; fields: { name: string }[] }[]) {
      for (const field of type.fields) {
        for (const value of ['ж'.repeat(20_000), 12345.678, { a: 1 }, ['x'], true, '']) {
          const answer = await f.call('POST', '/api/v1/requests', {
            token: tokens['client'],
            body: { type: type.code, payload: { [field.name]: value } },
          });
          // Conditional fields that do not apply are dropped, so only the status is certain for every field.
          if (answer.status !== 400 || typeof answer.body['errors'] !== 'object') {
            failures.push(
              `${type.code}.${field.name} = ${JSON.stringify(value).slice(0, 20)} → ${answer.status} ${answer.text.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    const comment = await f.call('POST', '/api/v1/requests', {
      token: tokens['client'],
      body: { type: 'withdrawal', payload: { comment: 'ж'.repeat(20_000) } },
    });
    expect(comment.status).toBe(400);
    expect(comment.body['errors']).toHaveProperty('comment');
  });

  it('answers wrong query strings with 400 problems', async () => {
    for (const op of operations.filter((o) => o.query.length > 0)) {
      const token = tokenFor(op.access);
      for (const query of [
        op.query.map((q) => `${q}=%%%`).join('&'),
        op.query.map((q) => `${q}=-1`).join('&'),
        op.query.map((q) => `${q}=${'9'.repeat(400)}`).join('&'),
        op.query.map((q) => `${q}=a&${q}=b`).join('&'),
      ]) {
        const answer = await f.call(
          op.method,
          `${fill(op.path, randomUUID())}?${query}`,
          token ? { token } : {},
        );
        await probe(`query ${query.slice(0, 30)}`, op, answer);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers broken credentials with 401 problems', async () => {
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const broken: Record<string, string>[] = [
        { authorization: 'Bearer ' + 'x'.repeat(40) },
        { authorization: 'Bearer' },
        { authorization: 'Basic dXNlcjpwYXNz' },
        { cookie: 'kabinet_session=' + 'y'.repeat(43) },
        { cookie: 'kabinet_session=%E0%A4%A' },
      ];
      for (const headers of broken) {
        const answer = await f.call(op.method, fill(op.path, randomUUID()), { headers });
        await probe(`credentials ${Object.values(headers)[0]?.slice(0, 12)}`, op, answer);
        if (answer.status !== 401) failures.push(`${op.method} ${op.path} [credentials] → ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers unknown paths and methods with problems', async () => {
    const unknown = await f.call('GET', '/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
    const wrongMethod = await f.call('PUT', '/api/v1/requests', { token: tokens['client'], body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body['code']).toBe('method_not_allowed');
    const odd = await f.call('PROPFIND', '/api/v1/requests');
    expect(odd.status).toBeGreaterThanOrEqual(400);
    expect(odd.status).toBeLessThan(500);
  });
});
