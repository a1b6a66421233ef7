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
