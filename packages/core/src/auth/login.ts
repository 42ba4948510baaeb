import type { TokenPair } from '@crm/contracts';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { startSession, type ClientInfo } from './sessions';

const invalidCredentials = () =>
  new DomainError('UNAUTHORIZED', { en: 'Invalid email or password', ru: 'Неверный email или пароль' });

let dummyHash: Promise<string> | undefined;

export async function login(deps: CoreDeps, email: string, password: string, client: ClientInfo): Promise<TokenPair> {
  const limiter = deps.auth.loginLimiter;
  const wait = await limiter.lockedFor(email, client.ip);
  if (wait > 0) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      {
        en: `Too many failed sign-in attempts; try again in ${Math.ceil(wait / 60)} min`,
        ru: `Слишком много неудачных попыток входа; повторите через ${Math.ceil(wait / 60)} мин`,
      },
      [],
      { retryAfterSeconds: wait },
    );
  }

  const user = await deps.db.prisma.user.findUnique({ where: { email } });
  // An unknown email costs the same time as a wrong password, so timing does not reveal accounts.
  dummyHash ??= hashPassword('not a real password', deps.auth.hashCost);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    await limiter.recordFailure(email, client.ip);
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    throw new DomainError('FORBIDDEN', { en: 'This account is disabled', ru: 'Эта учётная запись отключена' });
  }
  await limiter.recordSuccess(email);
  await deps.db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  const tokens = await startSession(deps, user.id, client);
  await recordAudit(deps, { type: 'user', id: user.id, label: user.email, ip: client.ip }, 'auth.login', { type: 'user', id: user.id });
  return tokens;
}
