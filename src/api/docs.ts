import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Router from '@koa/router';
import type { ApiState } from './state.js';

/**
 * The Swagger UI files served from the installed swagger-ui-dist: no CDN, the page works offline. A Map, not an
 * object literal: `/api/docs/constructor` must not find `Object.prototype.constructor`.
 */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'application/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kabinet API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  // No badge image from validator.swagger.io: the page loads nothing from elsewhere (and the CSP would block it).
  validatorUrl: null,
});
`;

function assetsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** GET /api/openapi.json and the browsable page at /api/docs. */
export function mountDocs(router: Router<ApiState>, document: Record<string, unknown>): void {
  const dir = assetsDir();
  const cache = new Map<string, Buffer>();
  const json = JSON.stringify(document);
  router.get('/api/openapi.json', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = json;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = INIT;
  });
  router.get('/api/docs/:file', async (ctx) => {
    const file = ctx.params['file'] ?? '';
    const type = ASSETS.get(file);
    if (type === undefined) return; // falls through to the 404 problem
    let content = cache.get(file);
    if (!content) {
      content = await readFile(join(dir, file));
      cache.set(file, content);
    }
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = content;
  });
}
