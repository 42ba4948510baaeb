import { useTestApp } from '@crm/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCrmClient,
  errorInfo,
  fieldErrors,
  isCrmError,
  memoryTokenStore,
  type TokenPair,
} from '../src';
import { ADMIN } from './support/server';

describe('errors from the server', () => {
  const app = useTestApp();
  let tokens: TokenPair;

  beforeAll(async () => {
    tokens = await createCrmClient({ baseUrl: app.baseUrl() }).login(ADMIN.email, ADMIN.password);
  });

  const client = (locale?: 'ru' | 'en') =>
    createCrmClient({
      baseUrl: app.baseUrl(),
      locale,
      auth: { type: 'session', store: memoryTokenStore(tokens) },
    });

  it('carry the code, HTTP status, field issues and request id', async () => {
    const error = await client()
      .admin.users.create.mutate({ email: 'not-an-email', name: 'Иван', password: 'short' })
      .catch((e: unknown) => e);
    expect(isCrmError(error)).toBe(true);
    const info = errorInfo(error);
    expect(info).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      message: 'Input validation failed',
      requestId: expect.any(String),
    });
    expect(info.issues.map((i) => i.path)).toEqual([['email'], ['password']]);
    expect(Object.keys(fieldErrors(error))).toEqual(['email', 'password']);
  });

  it('come in Russian for a Russian client', async () => {
    const error = await client('ru')
      .admin.users.get.query({ id: crypto.randomUUID() })
      .catch((e: unknown) => e);
    expect(errorInfo(error)).toMatchObject({
      code: 'NOT_FOUND',
      httpStatus: 404,
      message: 'Такого пользователя нет',
    });
  });

  it('name the conflict a service reported', async () => {
    const error = await client()
      .admin.users.create.mutate({
        email: ADMIN.email,
        name: 'Twin',
        password: 'a-long-passphrase',
      })
      .catch((e: unknown) => e);
    expect(errorInfo(error)).toMatchObject({
      code: 'CONFLICT',
      httpStatus: 409,
      issues: [{ path: ['email'], message: 'is taken' }],
    });
  });

  it('say when the server cannot be reached', async () => {
    const unreachable = createCrmClient({ baseUrl: 'http://127.0.0.1:1' });
    const error = await unreachable.system.info.query({}).catch((e: unknown) => e);
    expect(isCrmError(error)).toBe(false);
    expect(errorInfo(error)).toMatchObject({
      code: 'NETWORK_ERROR',
      httpStatus: null,
      message: expect.stringMatching(/fetch failed/),
    });
  });
});
