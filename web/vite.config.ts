import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
/** Where `npm run dev` finds the API (Koa under `tsx watch`); the browser only ever talks to Vite's origin. */
const api = process.env.KABINET_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/*
 * The web cabinet (docs/0018-web-cabinet-foundation.md): built into web/dist, which Koa serves at `/`. In dev, Vite
 * serves the SPA with hot reload and proxies the server's paths to Koa. The SPA imports the one text catalog from
 * ../src/i18n, hence `fs.allow` on the repository.
 */
export default defineConfig({
  root,
  plugins: [react()],
  // One bundle for now (React, Mantine, the router, the catalog): about 140 kB gzipped; split when screens grow.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    fs: { allow: [repo] },
    proxy: Object.fromEntries(
      ['/api', '/healthz', '/readyz', '/telegram-links'].map((path) => [
        path,
        {
          target: api,
          configure: (proxy) => {
            // Dev only: Koa accepts cookie-authenticated changes from its own origin; the browser's Origin is
            // Vite's, so it is rewritten to the API's (nothing else is).
            proxy.on('proxyReq', (request) => {
              if (request.getHeader('origin')) request.setHeader('origin', new URL(api).origin);
            });
          },
        },
      ]),
    ),
  },
});
