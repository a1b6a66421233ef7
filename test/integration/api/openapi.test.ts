import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiFixture, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
let doc: Record<string, unknown>;
beforeAll(async () => {
  f = await createApiFixture();
  doc = (await f.call('GET', '/api/openapi.json')).body;
});
afterAll(async () => {
  await f.close();
});

/** Every endpoint of DESIGN §8 (and the few this API adds), as method + path. */
const DESIGN_ENDPOINTS = [
  'post /auth/login',
  'post /auth/login/confirm',
  'post /auth/logout',
  'get /me',
  'post /me/password',
  'post /me/email',
  'post /me/phone',
  'post /me/telegram-link',
  'post /confirmations/{challengeId}',
  'get /request-types',
  'post /requests',
  'get /requests',
  'get /requests/{id}',
  'patch /requests/{id}',
  'delete /requests/{id}',
  'post /requests/{id}/submit',
  'post /requests/{id}/cancel',
  'post /requests/{id}/take',
  'post /requests/{id}/accept',
  'post /requests/{id}/return',
  'post /requests/{id}/reject',
  'get /requests/{id}/journal',
  'get /tasks',
  'post /tasks/{id}/claim',
  'post /tasks/{id}/complete',
  'post /tasks/{id}/reject',
  'get /notifications',
  'post /notifications/{id}/read',
  'post /admin/staff',
  'get /admin/staff',
  'patch /admin/staff/{id}',
  'post /admin/clients',
  'get /admin/clients',
  'patch /admin/clients/{id}',
  'get /admin/journal/verify',
];

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refs(inner, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every endpoint of the design under /api/v1', () => {
    expect(doc['openapi']).toBe('3.1.0');
    const paths = doc['paths'] as Record<string, Record<string, unknown>>;
    const listed = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path.replace(/^\/api\/v1/, '')}`),
    );
    expect(listed).toEqual(expect.arrayContaining(DESIGN_ENDPOINTS));
  });

  it('documents bodies and answers from the validation schemas, errors as problem+json', () => {
    const paths = doc['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    const login = paths['/api/v1/auth/login']?.['post'];
    const body = (
      login?.['requestBody'] as {
        content: Record<string, { schema: { properties: object; required: string[] } }>;
      }
    ).content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(['login', 'password']);
    expect(body?.required).toEqual(['login', 'password']);
    const create = paths['/api/v1/requests']?.['post'];
    const responses = create?.['responses'] as Record<string, { content?: Record<string, unknown> }>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403']));
    expect(responses['400']?.content).toHaveProperty(['application/problem+json']);
    const schemas = (doc['components'] as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Request', 'Challenge', 'Me', 'Signature']),
    );
  });

  it('has no dangling references', () => {
    const schemas = (doc['components'] as { schemas: Record<string, unknown> }).schemas;
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas).toHaveProperty([ref.replace('#/components/schemas/', '')]);
    }
  });

  it('holds each component itself: none is a reference to itself, every reference leads to a schema', () => {
    const schemas = (doc['components'] as { schemas: Record<string, Record<string, unknown>> }).schemas;
    expect(Object.keys(schemas).length).toBeGreaterThan(20);
    for (const [name, schema] of Object.entries(schemas)) {
      expect({ name, $ref: schema['$ref'] }).not.toEqual({ name, $ref: `#/components/schemas/${name}` });
      expect({ name, keys: Object.keys(schema) }).not.toEqual({ name, keys: ['$ref'] });
    }
    // Following bare `$ref`s from any reference ends at a schema with content, never in a loop.
    for (const ref of new Set(refs(doc))) {
      const seen = new Set<string>();
      let target: Record<string, unknown> | undefined = { $ref: ref };
      while (target && Object.keys(target).length === 1 && typeof target['$ref'] === 'string') {
        const name: string = target['$ref'].replace('#/components/schemas/', '');
        expect({ ref, loop: seen.has(name) }).toEqual({ ref, loop: false });
        seen.add(name);
        target = schemas[name];
      }
      expect({ ref, resolved: target !== undefined }).toEqual({ ref, resolved: true });
    }
  });

  it('gives the discriminated unions as oneOf on `audience`', () => {
    const schemas = (doc['components'] as { schemas: Record<string, { oneOf?: Record<string, unknown>[] }> })
      .schemas;
    expect(schemas['Request']?.oneOf).toEqual([
      { $ref: '#/components/schemas/ClientRequest' },
      { $ref: '#/components/schemas/StaffRequest' },
    ]);
    const audience = (schema: unknown): unknown =>
      (schema as { properties?: Record<string, unknown> } | undefined)?.properties?.['audience'];
    expect(audience(schemas['ClientRequest'])).toEqual({ type: 'string', const: 'client' });
    expect(audience(schemas['StaffRequest'])).toEqual({ type: 'string', const: 'staff' });
    expect(schemas['RequestJournal']?.oneOf?.map(audience)).toEqual([
      { type: 'string', const: 'client' },
      { type: 'string', const: 'staff' },
    ]);
    // Where an answer is a Request, it is the reference to the component.
    const paths = doc['paths'] as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(paths['/api/v1/requests/{id}']?.['get']?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Request' } } },
    });
  });
});

describe('the docs page', () => {
  it('serves Swagger UI from local files, pointed at /api/openapi.json', async () => {
    const page = await fetch(`${f.base}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn)/);
    const init = await (await fetch(`${f.base}/api/docs/init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
    const bundle = await fetch(`${f.base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await fetch(`${f.base}/api/docs/../../package.json`)).status).toBe(404);
    expect((await fetch(`${f.base}/api/docs/index.html`)).status).toBe(404);
  });
});
