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
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/k' }).migrateOnStart).toBe(
      false,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/k', MIGRATE_ON_START: 'true' })
        .migrateOnStart,
    ).toBe(true);
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
