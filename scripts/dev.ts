/**
 * `npm run dev`: the server under `tsx watch` (restarts on change) and Vite's dev server with hot reload, which
 * proxies the server's paths (/api, /healthz, …) to it, so the browser sees one origin: open the URL Vite prints.
 * Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));
const api = spawn(process.execPath, [`${repo}node_modules/tsx/dist/cli.mjs`, 'watch', 'src/main.ts'], {
  cwd: repo,
  stdio: 'inherit',
});
const vite = await createServer({ configFile: `${repo}web/vite.config.ts`, server: { port: 5173 } });
await vite.listen();
vite.printUrls();

const stop = async (): Promise<void> => {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
api.on('exit', (code) => {
  console.error(`the server stopped (${code ?? 'signal'}); Vite stops too`);
  void vite.close().then(() => process.exit(code ?? 1));
});
