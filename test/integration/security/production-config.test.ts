import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../../src/config.js';

/**
 * Security drill, issue 17 item 8: production refuses the embedded demo's defaults (file SMS and e-mail, a missing,
 * short or placeholder CODE_SECRET, a session cookie without Secure), and `npm start` exits non-zero saying why.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'f3b1c9a07d2e4c6b8a5f0e1d3c7b9a2e';

/** A production environment that passes: a real SMS gateway, SMTP, a random CODE_SECRET. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://kabinet@db:5432/kabinet',
  CODE_SECRET: SECRET,
  SMS_PROVIDER: 'http',
  SMS_HTTP_URL: 'https://sms.example/send',
  SMTP_URL: 'smtp://mail.example:587',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('production configuration', () => {
  it('accepts real providers, a random CODE_SECRET, and makes the cookie secure by default', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.security).toEqual({ cookieSecure: true, allowFileProviders: false });
  });

  it('refuses the file SMS provider unless ALLOW_FILE_PROVIDERS=true', () => {
    const env = { ...PRODUCTION, SMS_PROVIDER: 'file', SMS_HTTP_URL: undefined };
    expect(problemsOf(env)).toEqual([
      expect.stringMatching(/^SMS_PROVIDER: is "file".*ALLOW_FILE_PROVIDERS/),
    ]);
    expect(problemsOf({ ...env, ALLOW_FILE_PROVIDERS: 'true' })).toEqual([]);
  });

  it('refuses the file e-mail provider (no SMTP_URL) unless ALLOW_FILE_PROVIDERS=true', () => {
    const env = { ...PRODUCTION, SMTP_URL: undefined };
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^SMTP_URL: is required in production/)]);
    expect(problemsOf({ ...env, ALLOW_FILE_PROVIDERS: 'true' })).toEqual([]);
  });

  it('refuses a missing, short or placeholder CODE_SECRET without echoing it', () => {
    expect(problemsOf({ ...PRODUCTION, CODE_SECRET: undefined })).toEqual([
      'CODE_SECRET: is required in production',
    ]);
    expect(problemsOf({ ...PRODUCTION, CODE_SECRET: 'short-secret-123' })).toEqual([
      expect.stringMatching(/^CODE_SECRET: must be at least 32 characters/),
    ]);
    const placeholder = 'changeme'.repeat(4);
    const problems = problemsOf({ ...PRODUCTION, CODE_SECRET: placeholder });
    expect(problems).toEqual([expect.stringMatching(/^CODE_SECRET: looks like a placeholder/)]);
    expect(problems.join('\n')).not.toContain(placeholder);
  });

  it('refuses COOKIE_SECURE=false in production, and leaves it off by default outside production', () => {
    expect(problemsOf({ ...PRODUCTION, COOKIE_SECURE: 'false' })).toEqual([
      expect.stringMatching(/^COOKIE_SECURE: must be true in production/),
    ]);
    expect(loadConfig({}).security.cookieSecure).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).security.cookieSecure).toBe(true);
  });

  it('lists every unsafe default at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production', COOKIE_SECURE: 'false' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CODE_SECRET',
      'COOKIE_SECURE',
      'SMS_PROVIDER',
      'SMTP_URL',
    ]);
  });
});

describe('npm start in production with unsafe settings', () => {
  it('exits with code 2 and names every bad setting, before touching a database', async () => {
    const placeholder = 'x'.repeat(40);
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        // A developer's .env must not mend what the test breaks.
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
        NODE_ENV: 'production',
        // Unreachable on purpose: the refusal must come first.
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
        CODE_SECRET: placeholder,
        SMS_PROVIDER: 'file',
        COOKIE_SECURE: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Kabinet refuses to start');
    for (const key of ['SMS_PROVIDER', 'SMTP_URL', 'CODE_SECRET', 'COOKIE_SECURE'])
      expect(stderr).toContain(key);
    expect(stderr).not.toContain(placeholder);
  }, 30_000);
});
