import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('starts with development defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8000);
    expect(config.roles).toEqual(['api', 'worker']);
    expect(config.database.url).toBeUndefined();
    expect(config.businessTimezone).toBe('Europe/Moscow');
    expect(config.publicBaseUrl).toBe('http://localhost:8000');
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.moysklad.credentials).toBeUndefined();
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(8000);
  });

  it('names every bad variable in one error and never echoes secrets', () => {
    const error = catchError(() =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/crm',
        BUSINESS_TIMEZONE: 'Moscow',
        ENCRYPTION_KEY: 'short',
      }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: must be a postgres://');
    expect(message).toContain('BUSINESS_TIMEZONE');
    expect(message).toContain('ENCRYPTION_KEY');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short');
  });

  it('refuses default secrets and the development admin in production', () => {
    const error = catchError(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'admin123' })) as ConfigError;
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'SECRET_KEY',
      'JWT_SECRET_KEY',
      'ENCRYPTION_KEY',
      'ADMIN_PASSWORD',
      'ADMIN_EMAIL',
    ]);
  });

  it('creates no admin from the environment in production unless ADMIN_PASSWORD is set', () => {
    const secrets = { SECRET_KEY: 'a'.repeat(40), JWT_SECRET_KEY: 'b'.repeat(40), ENCRYPTION_KEY: 'c'.repeat(64) };
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).admin).toBeUndefined();
    expect(loadConfig({}).admin).toEqual({ email: 'admin@example.com', password: 'admin123' });
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: 'a'.repeat(40),
      JWT_SECRET_KEY: 'b'.repeat(40),
      ENCRYPTION_KEY: 'c'.repeat(64),
      ADMIN_EMAIL: 'owner@shop.ru',
      ADMIN_PASSWORD: 'a long and private passphrase',
      TRUST_PROXY: '10.0.0.1, 10.0.0.2',
      CORS_ORIGINS: 'https://app.example.ru, https://admin.example.ru',
      MOYSKLAD_TOKEN: 'token',
      MOYSKLAD_TOKEN_KIND: 'solution',
    });
    expect(config.isProduction).toBe(true);
    expect(config.trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(config.corsOrigins).toEqual(['https://app.example.ru', 'https://admin.example.ru']);
    expect(config.moysklad.credentials).toEqual({ kind: 'token', token: 'token', tokenKind: 'solution' });
  });

  it('reads TRUST_PROXY as a flag or a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
