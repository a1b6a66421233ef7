import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('runs the embedded mode on an empty environment', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
    expect(config.http.port).toBe(3000);
    expect(config.migrateOnStart).toBe(true);
    expect(config.seedDemoData).toBe(true);
    expect(config.processRole).toBe('all');
    expect(config.redisUrl).toBeUndefined();
  });

  it('moves PGlite with DATA_DIR and selects PostgreSQL by DATABASE_URL', () => {
    expect(loadConfig({ DATA_DIR: '/srv/k' }).database).toEqual({ kind: 'pglite', dataDir: '/srv/k/pglite' });
    const pg = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/kabinet' });
    expect(pg.database).toEqual({ kind: 'postgresql', url: 'postgresql://u:p@db:5432/kabinet' });
    expect(pg.seedDemoData).toBe(false);
  });

  it('refuses pending migrations in production unless told to migrate', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/k',
      CODE_SECRET: '0123456789abcdef0123456789abcdef',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      SMTP_URL: 'smtp://mail.example:587',
    };
    expect(loadConfig(production).migrateOnStart).toBe(false);
    expect(loadConfig({ ...production, MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
  });

  it('requires CODE_SECRET in production and never echoes it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/k' })).toThrow(
      /CODE_SECRET: is required in production/,
    );
    expect(() => loadConfig({ CODE_SECRET: 'too-short-secret' })).toThrow(/CODE_SECRET: must be at least 32/);
    expect(() => loadConfig({ CODE_SECRET: 'too-short-secret' })).not.toThrow(/too-short-secret/);
    expect(loadConfig({}).identity).toEqual({
      codeSecret: undefined,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      sessionCacheSeconds: 30,
      bots: { client: 'kabinet_client_bot', staff: 'kabinet_staff_bot' },
    });
  });

  it('takes «Войти через Госуслуги» only whole: the client, the certificate hash and a signer', () => {
    expect(loadConfig({}).onboarding.esia).toBeNull();
    let message = '';
    try {
      loadConfig({ ESIA_URL: 'https://esia.gosuslugi.ru' });
    } catch (error) {
      message = String(error);
    }
    for (const key of ['ESIA_CLIENT_ID', 'ESIA_CERT_HASH', 'ESIA_SIGNER_URL']) expect(message).toContain(key);
    const esia = loadConfig({
      ESIA_URL: 'https://esia.gosuslugi.ru/',
      ESIA_CLIENT_ID: 'KABINET',
      ESIA_CERT_HASH: 'ABC',
      ESIA_SIGNER_URL: 'http://signer.internal',
      PUBLIC_URL: 'https://lk.example.ru',
    }).onboarding.esia;
    expect(esia).toMatchObject({
      url: 'https://esia.gosuslugi.ru',
      redirectUri: 'https://lk.example.ru/api/v1/onboarding/esia/callback',
      signer: { kind: 'http', url: 'http://signer.internal' },
    });
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/k',
        ESIA_URL: 'https://esia.gosuslugi.ru',
        ESIA_CLIENT_ID: 'KABINET',
        ESIA_CERT_HASH: 'ABC',
        ESIA_SIGNER: 'openssl',
        ESIA_KEY_FILE: '/k',
        ESIA_PUBLIC_KEY_FILE: '/p',
      }),
    ).toThrow(/ESIA_SIGNER: openssl is for development/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.kind).toBe('pglite');
  });

  it('parses RUB rates', () => {
    expect(loadConfig({ RUB_RATES: 'USD=90.5, EUR=100' }).rubRates).toEqual({ USD: '90.5', EUR: '100' });
  });

  it('names every bad setting in one readable error, without echoing URLs', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret@x/y',
        PROCESS_ROLE: 'web',
        RUB_RATES: 'dollar',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/PORT/);
    expect(error.message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(error.message).toMatch(/PROCESS_ROLE.*got "web"/);
    expect(error.message).toMatch(/RUB_RATES/);
    expect(error.message).not.toMatch(/secret/);
  });
});
